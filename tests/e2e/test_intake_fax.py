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

from .support import TASK_TIMEOUT_MS, login, logout

pytestmark = [pytest.mark.e2e, pytest.mark.services]


def test_intake_fax_to_confirmed_suggestion(demo: None, page: Any, snap: Any, artifacts: Path) -> None:
    data, suffix = render(H1)  # 5 pages, the progress note (page 5) faxed as an image
    fax = artifacts / f"fax{suffix}"
    fax.write_bytes(data)

    login(page, "intake")
    page.get_by_role("link", name="New case").click()
    f = page.get_by_role("form", name="New case")
    f.locator("#id_reference").fill("FAX-0001")
    f.locator("#id_received_at").fill("2025-09-02T09:30")
    f.locator("#id_member_id").fill("M-FAX-1")
    f.locator("#id_given_name").fill("Dana")
    f.locator("#id_family_name").fill("Whitfield")
    f.locator("#id_birth_date").fill("1978-04-11")
    f.locator("#id_plan").fill("Commercial PPO")
    f.locator("#id_provider_name").fill("Riverbend Physical Therapy")
    f.locator("#id_provider_npi").fill("1234567893")
    f.locator("#id_diagnosis_1").fill("M17.11")
    expect(page.locator("#icd-diagnosis_1")).to_contain_text("Unilateral primary osteoarthritis, right knee")
    f.get_by_label(re.compile(r"^97110")).check()
    f.locator("#id_visits").fill("8")
    f.locator("#id_start_date").fill("2025-09-03")
    f.locator("#id_end_date").fill("2025-09-30")
    f.locator("#id_record").set_input_files(str(fax))
    f.locator("#id_assign_to").select_option(label="Dana Whitfield")
    snap(page, "intake-form")
    f.get_by_role("button", name="Create case").click()
    page.wait_for_url(re.compile(r"/cases/"))
    case = Case.objects.get(reference="FAX-0001")
    assert case.assigned_reviewer.username == "reviewer"
    logout(page)

    login(page, "reviewer")
    page.get_by_role("link", name="FAX-0001").click()
    page.get_by_role("tab", name="Record files").click()
    expect(page.locator("#record-docs").get_by_text("Ready")).to_be_visible(timeout=TASK_TIMEOUT_MS * 3)
    snap(page, "record-read")
    page.get_by_role("tab", name="Review", exact=True).click()
    panel = page.locator(".ur-suggestions")
    expect(panel).to_contain_text("Suggested from the record")
    item = panel.locator(".ur-suggestion", has_text="50% improvement")  # from the faxed page, read by OCR
    expect(item.get_by_role("link", name="pg 5")).to_be_visible()
    item.get_by_role("link", name="pg 5").click()
    expect(page.locator("mark#ur-quote")).to_contain_text("50% improvement")
    snap(page, "page-highlight")  # the page opens in the viewer beside the form
    item = page.locator(".ur-suggestions .ur-suggestion", has_text="50% improvement")
    item.get_by_role("button", name="Accept", exact=True).click()
    expect(page.locator(".ur-suggestions .ur-suggestion", has_text="50% improvement")).to_contain_text("Accepted")
    snap(page, "suggestion-accepted")
    review = ClinicalReview.objects.get(case=case)
    assert review.reported_improvement_pct == 50
    assert {"finding": "reported_improvement_pct", "page": 5} in review.evidence
