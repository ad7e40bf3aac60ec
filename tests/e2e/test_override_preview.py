"""Browser flow: override with a coded reason and an internal note -> the exact letter previewed (unsigned,
watermarked) -> sign -> the signed letter prints the code's wording, never the note -> the letters tab and
the verification page show the same signing time."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from reviews.models import Case, Letter

from .support import TASK_TIMEOUT_MS, login, logout

pytestmark = [pytest.mark.e2e, pytest.mark.services]

NOTE = "INTERNAL-ONLY: fall confirmed by phone with the clinic"
WORDING = "Your reviewer found that your records show a new injury or a change in your condition"


def test_override_is_previewed_then_signed_with_the_coded_wording(
    demo: None, page: Any, snap: Any, artifacts: Path
) -> None:
    case = Case.objects.get(reference="SEED-0002")
    login(page, "reviewer")
    page.goto(f"/cases/{case.public_id}/?tab=review")
    page.locator("form.ur-review-form").get_by_role("button", name="Confirm review").first.click()
    expect(page.get_by_role("status").filter(has_text="Review confirmed and saved.")).to_be_visible()
    page.get_by_role("tab", name="Recommendation").click()
    page.get_by_role("button", name=re.compile(r"Run|Compute|Recompute", re.I)).first.click()
    expect(page.locator("#case-panel").get_by_text(re.compile(r"\bdeny\b", re.I)).first).to_be_visible(
        timeout=TASK_TIMEOUT_MS
    )

    page.get_by_role("tab", name="Decision").click()
    override = page.locator("#decision-override")
    override.get_by_label("Decision").select_option("approve")
    override.get_by_label("Reason for the override").select_option("new-injury-documented")
    override.get_by_label("Internal note (optional)").fill(NOTE)
    snap(page, "decision-override-form")
    override.get_by_role("button", name="Override: preview the letter").click()
    preview = page.locator("#letter-preview")
    expect(preview.get_by_role("img", name=re.compile(r"Letter preview, page 1 of"))).to_be_visible(
        timeout=TASK_TIMEOUT_MS
    )
    expect(preview).to_contain_text("Approve")
    expect(preview).to_contain_text("overriding the recommendation")
    expect(preview).to_contain_text("Your internal note is kept for audit and is not in the letter.")
    assert not Letter.objects.filter(determination__case=case).exists()
    snap(page, "decision-override-preview")
    preview.get_by_role("button", name="Sign and send this letter").click()
    expect(page.get_by_role("status").filter(has_text="submitted for signature")).to_be_visible()

    deadline = time.monotonic() + TASK_TIMEOUT_MS / 1000
    while not Letter.objects.filter(determination__case=case).exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    letter = Letter.objects.get(determination__case=case)
    pdf = artifacts / "SEED-0002-override-letter.pdf"
    pdf.write_bytes(bytes(letter.pdf))
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert WORDING in text and "INTERNAL-ONLY" not in text and "fall confirmed" not in text
    if shutil.which("pdftoppm"):  # the letter as a reader sees it, for the artifacts
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(artifacts / "override-letter")], check=True)

    page.goto(f"/cases/{case.public_id}/?tab=letters")
    tab_time = page.locator("td.ur-signed-at").first.inner_text().strip()
    snap(page, "letters-tab")
    logout(page)
    login(page, "auditor")
    page.goto("/letters/verify/")
    page.get_by_role("main").locator("input[type=file]").set_input_files(str(pdf))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("heading", name="Signature intact and valid")).to_be_visible()
    assert page.locator("#verify-signed-at").inner_text().strip() == tab_time
    assert f"Signed (UTC): {tab_time} UTC" in text
    snap(page, "letter-verified")
