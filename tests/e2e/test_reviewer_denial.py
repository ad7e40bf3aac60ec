"""Browser flow: the reviewer works the seed denial case (SEED-0002) end to end.

Timeline -> structured review -> recommendation (real Celery worker) -> deny accepted without
override -> letter preview -> signed -> letter signed by the worker -> download -> the
downloaded file verifies (auditor's upload page). Steps whose
feature has not landed yet end the test with a skip naming the missing page.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from reviews.models import Case

from .support import TASK_TIMEOUT_MS, login, logout

pytestmark = [pytest.mark.e2e, pytest.mark.services]


def _require(url_name: str, case: Case) -> None:
    try:
        reverse(url_name, kwargs={"public_id": case.public_id})
    except NoReverseMatch:
        pytest.skip(f"{url_name} does not exist yet: the flow stops before it")


def test_reviewer_denies_seed_case_and_letter_verifies(demo: None, page: Any, snap: Any, artifacts: Path) -> None:
    case = Case.objects.get(reference="SEED-0002")
    login(page, "reviewer")
    page.get_by_role("link", name="SEED-0002").click()
    expect(page.get_by_role("tab", name="Timeline")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#case-panel").get_by_role("img")).to_be_visible()  # the timeline chart
    snap(page, "timeline")

    # Structured review: the import pre-filled it; the reviewer records what the record lacks and confirms.
    page.get_by_role("tab", name="Review", exact=True).click()
    form = page.locator("form.ur-review-form")
    expect(form.get_by_label("Functional deficits")).to_be_visible()
    form.get_by_label("Reported improvement (%)").fill("0")
    form.get_by_label("Explanation of a gap between episodes").fill("")
    snap(page, "review-form")
    form.get_by_role("button", name="Confirm review").first.click()
    expect(page.get_by_role("status").filter(has_text="Review confirmed and saved.")).to_be_visible()
    snap(page, "review-confirmed")
    case.refresh_from_db()
    assert case.clinical_review.confirmed_at is not None

    # Recommendation: computed by the Celery worker thread, polled by the page.
    _require("reviews:case_recommendation", case)
    page.get_by_role("tab", name="Recommendation").click()
    page.get_by_role("button", name=re.compile(r"Run|Compute|Recompute", re.I)).first.click()
    expect(page.locator("#case-panel").get_by_text(re.compile(r"\bdeny\b", re.I)).first).to_be_visible(
        timeout=TASK_TIMEOUT_MS
    )
    snap(page, "recommendation-deny")

    # Decision: accept the recommendation (no override): the exact letter first, then sign it.
    _require("reviews:case_decision", case)
    page.get_by_role("tab", name="Decision").click()
    page.get_by_role("button", name="Accept: preview the letter").click()
    preview = page.locator("#letter-preview")
    expect(preview.get_by_role("img", name=re.compile(r"Letter preview, page 1 of"))).to_be_visible(
        timeout=TASK_TIMEOUT_MS
    )
    snap(page, "decision-preview")
    preview.get_by_role("button", name="Sign and send this letter").click()
    expect(page.get_by_role("status").filter(has_text="submitted for signature")).to_be_visible()
    snap(page, "decision-submitted")

    # Letter: rendered and signed by the Celery worker; the Letters tab lists it once stored.
    _require("reviews:case_letters", case)
    download_link = page.get_by_role("link", name=re.compile(r"Download PDF"))
    deadline = time.monotonic() + TASK_TIMEOUT_MS / 1000
    while True:
        page.goto(f"/cases/{case.public_id}/?tab=letters")
        page.wait_for_load_state("networkidle")
        if download_link.count() or time.monotonic() > deadline:
            break
        page.wait_for_timeout(1000)
    expect(download_link.first).to_be_visible()
    expect(page.locator("#case-panel").get_by_text("Deny")).to_be_visible()
    snap(page, "letter-ready")
    with page.expect_download() as info:
        download_link.first.click()
    pdf = artifacts / "SEED-0002-letter.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    logout(page)

    # Verification, one upload: the auditor checks the downloaded file against the app's CA and the store.
    login(page, "auditor")
    page.get_by_role("link", name="Verify a letter").click()
    page.get_by_role("main").locator("input[type=file]").set_input_files(str(pdf))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("heading", name="Signature intact and valid")).to_be_visible()
    expect(page.get_by_text("Matches SEED-0002 letter v1")).to_be_visible()
    snap(page, "letter-verified")
