"""Browser flow: intake creates a case from a faxed PDF -> the record is read (OCR by the real
worker) -> the case is in the reviewer's queue -> the reviewer sees suggestions with "pg N" links,
opens one (the sentence is highlighted) and accepts it: it becomes a finding with its page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from bench.extraction_data.generate import render
from bench.extraction_data.heldout import H1
from reviews.models import Case, ClinicalReview

from .conftest import TASK_TIMEOUT_MS, login, logout

pytestmark = [pytest.mark.e2e, pytest.mark.services]


def test_intake_fax_to_confirmed_suggestion(demo: None, page: Any, snap: Any, artifacts: Path) -> None:
    data, suffix = render(H1)  # 5 pages, the progress note (page 5) faxed as an image
    fax = artifacts / f"fax{suffix}"
    fax.write_bytes(data)

    login(page, "intake")
    page.get_by_role("link", name="New case").click()
    f = page.get_by_role("form", name="New case")
    f.get_by_label("Reference", exact=True).fill("FAX-0001")
    f.get_by_label("Received at", exact=True).fill("2025-09-02T09:30")
    f.get_by_label("Member id", exact=True).fill("M-FAX-1")
    f.get_by_label("Given name", exact=True).fill("Dana")
    f.get_by_label("Family name", exact=True).fill("Whitfield")
    f.get_by_label("Birth date", exact=True).fill("1978-04-11")
    f.get_by_label("Line of business / plan", exact=True).fill("Commercial PPO")
    f.get_by_label("Requesting provider", exact=True).fill("Riverbend Physical Therapy")
    f.get_by_label("Provider NPI", exact=True).fill("1234567893")
    f.get_by_label("Primary diagnosis (ICD-10-CM)", exact=True).fill("M17.11")
    expect(page.locator("#icd-diagnosis_1")).to_contain_text("Unilateral primary osteoarthritis, right knee")
    f.get_by_label(re.compile(r"^97110")).check()
    f.get_by_label("Visits", exact=True).fill("8")
    f.get_by_label("Start date", exact=True).fill("2025-09-03")
    f.get_by_label("End date", exact=True).fill("2025-09-30")
    f.get_by_label("Record (PDF or TIFF fax)", exact=True).set_input_files(str(fax))
    f.get_by_label("Assign to", exact=True).select_option(label="Dana Whitfield")
    snap(page, "intake-form")
    f.get_by_role("button", name="Create case").click()
    page.wait_for_url(re.compile(r"/cases/"))
    case = Case.objects.get(reference="FAX-0001")
    assert case.assigned_reviewer.username == "reviewer"
    logout(page)

    login(page, "reviewer")
    page.get_by_role("link", name="FAX-0001").click()
    page.get_by_role("tab", name="Medical record").click()
    expect(page.locator("#record-docs").get_by_text("Ready")).to_be_visible(timeout=TASK_TIMEOUT_MS * 3)
    snap(page, "record-read")
    page.get_by_role("tab", name="Review form").click()
    panel = page.locator(".ur-suggestions")
    expect(panel).to_contain_text("Suggested from the record")
    item = panel.locator(".ur-suggestion", has_text="50% improvement")  # from the faxed page, read by OCR
    expect(item.get_by_role("link", name="pg 5")).to_be_visible()
    item.get_by_role("link", name="pg 5").click()
    expect(page.locator("mark#ur-quote")).to_contain_text("50% improvement")
    snap(page, "page-highlight")
    page.get_by_role("tab", name="Review form").click()
    item = page.locator(".ur-suggestions .ur-suggestion", has_text="50% improvement")
    item.get_by_role("button", name="Accept", exact=True).click()
    expect(page.locator(".ur-suggestions .ur-suggestion", has_text="50% improvement")).to_contain_text("Accepted")
    snap(page, "suggestion-accepted")
    review = ClinicalReview.objects.get(case=case)
    assert review.reported_improvement_pct == 50
    assert {"finding": "reported_improvement_pct", "page": 5} in review.evidence
