"""Browser flows of the pend workflow and the referral (real Celery worker signs the notice).

1. The reviewer pends SEED-0002 for information -> the signed request for information is listed in
   the Letters tab (downloaded, rendered to PNG for a look) -> "information received" with an upload
   -> the case is back in review.
2. The nurse reviewer refers one of her cases to the PT reviewer with a coded reason -> it is in the
   PT's queue as referred -> the PT takes it up and works it.
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from reviews.models import Case, CaseStatus, InformationRequestLetter, Referral
from tests.reviews.record_support import make_pdf

from .support import TASK_TIMEOUT_MS, login, logout

pytestmark = [pytest.mark.e2e, pytest.mark.services]


def test_pend_rfi_letter_then_information_received(demo: None, page: Any, snap: Any, artifacts: Path) -> None:
    case = Case.objects.get(reference="SEED-0002")
    assert case.is_open
    login(page, "reviewer")
    page.goto(f"/cases/{case.public_id}/?tab=decision")
    pend = page.locator("#decision-pend")
    pend.get_by_label("Information to request").fill("Objective strength measures (dynamometry)\nCurrent HOOS score")
    pend.get_by_role("button", name="Pend the case and request this information").click()
    expect(page.locator("#pend-open")).to_contain_text("waiting for information")
    expect(page.locator("#pend-open")).to_contain_text("Current HOOS score")
    snap(page, "pended")

    # The worker renders and signs the notice; the Letters tab lists it.
    download = page.get_by_role("link", name=re.compile(r"Download PDF request for information"))
    deadline = time.monotonic() + TASK_TIMEOUT_MS / 1000
    while True:
        page.goto(f"/cases/{case.public_id}/?tab=letters")
        page.wait_for_load_state("networkidle")
        if download.count() or time.monotonic() > deadline:
            break
        page.wait_for_timeout(1000)
    expect(page.get_by_role("heading", name="Requests for information")).to_be_visible()
    expect(page.locator("tr.rfi-row").first).to_contain_text("Waiting")
    snap(page, "letters-rfi-listed")
    with page.expect_download() as info:
        download.first.click()
    pdf = artifacts / "SEED-0002-information-request.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes() == bytes(InformationRequestLetter.objects.get(case=case).pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(artifacts / "rfi-letter")], check=True
    )

    # Information received, with the new record.
    record = artifacts / "hoos.pdf"
    record.write_bytes(make_pdf(["HOOS 58 on 2025-09-02", "Hip abduction 4/5 by hand-held dynamometry"]))
    page.goto(f"/cases/{case.public_id}/?tab=decision")
    received = page.locator("#information-received")
    received.locator("input[type=file]").set_input_files(str(record))
    received.get_by_role("button", name="Information received: resume the review").click()
    expect(page.get_by_text("Information received: the case is back in review")).to_be_visible()
    snap(page, "information-received")
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_REVIEW
    assert case.documents.filter(original_name="hoos.pdf").exists()
    logout(page)


def test_nurse_refers_to_the_pt_who_takes_it_up(demo: None, page: Any, snap: Any) -> None:
    case = (
        Case.objects.filter(
            assigned_reviewer__username="reviewer2", status__in=["received", "in_review", "recommendation_ready"]
        )
        .order_by("due_at")
        .first()
    )
    assert case is not None, "the demo gives the nurse reviewer open cases"
    due = case.due_at
    login(page, "reviewer2")
    page.goto(f"/cases/{case.public_id}/?tab=decision")
    # No engine reason on this case: the card is folded; one click opens it.
    page.locator("#referral-card > summary").click()
    form = page.locator("#decision-refer")
    form.get_by_label("Reason").select_option("complexity")
    form.get_by_label("Refer to").select_option("physical_therapist")
    pt = get_user_model().objects.get(username="reviewer")  # the demo's licensed physical therapist
    form.get_by_label("Reviewer", exact=True).select_option(value=str(pt.pk))
    form.get_by_label("Note for the second-level reviewer").fill("Two prior episodes; please check the gap.")
    snap(page, "refer-form")
    form.get_by_role("button", name="Refer the case").click()
    expect(
        page.get_by_text(re.compile(rf"{case.reference} is referred to .*the due time is unchanged"))
    ).to_be_visible()
    referral = Referral.objects.get(case=case)
    assert referral.to_reviewer is not None
    logout(page)

    login(page, referral.to_reviewer.username)
    row = page.locator("tr", has=page.get_by_role("link", name=case.reference))
    expect(row).to_contain_text("Referred for second-level review")
    snap(page, "queue-referred")
    row.get_by_role("link", name=case.reference).click()
    page.get_by_role("tab", name="Decision").click()
    expect(page.locator("#referral-open")).to_contain_text("Two prior episodes")
    page.get_by_role("button", name="Take up this referral and work the case").click()
    expect(page.get_by_text(f"You took up the referral of {case.reference}")).to_be_visible()
    snap(page, "referral-taken")
    case.refresh_from_db()
    assert case.assigned_reviewer_id == referral.to_reviewer_id and case.status != CaseStatus.REFERRED
    assert case.due_at == due
