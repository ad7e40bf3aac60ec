"""Browser: a record whose notes treat the other side than the coded one. The suggestions panel
warns, and the reviewer edits a visit before accepting it (field by field) and accepts the side."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import weasyprint
from playwright.sync_api import expect

from reviews.models import Case, Visit

from .support import TASK_TIMEOUT_MS, login

pytestmark = [pytest.mark.e2e, pytest.mark.services]

NOTES = [
    "Initial Evaluation<br>Date of Service: 09/02/2025<br>Pt c/o R hip pain. NPRS 6/10.<br>Plan: 2x/week x 6 weeks.",
    "Daily Note<br>DOS: 09/09/2025<br>R hip pain 4/10. Bridges 3x10.",
]


def test_side_mismatch_warned_and_a_visit_edited_before_accepting(
    demo: None, page: Any, snap: Any, artifacts: Path, tmp_path: Path
) -> None:
    record = tmp_path / "notes.pdf"
    body = "".join(f'<section style="page-break-after: always"><p>{t}</p></section>' for t in NOTES)
    record.write_bytes(weasyprint.HTML(string=f"<html><body>{body}</body></html>").write_pdf())
    case = Case.objects.get(reference="SEED-0002")  # M25.552: pain in LEFT hip

    login(page, "reviewer")
    page.get_by_role("link", name="SEED-0002").click()
    page.get_by_role("tab", name="Record files").click()
    page.locator("#case-panel input[type=file]").set_input_files(str(record))
    page.locator("#case-panel").get_by_role("button", name="Upload").click()
    expect(page.get_by_text("Uploaded 2 page(s)")).to_be_visible()
    page.get_by_role("tab", name="Review", exact=True).click()
    panel = page.locator(".ur-suggestions")
    expect(panel).to_contain_text("Suggested from the record", timeout=TASK_TIMEOUT_MS)
    warning = panel.get_by_role("alert").filter(has_text="Side mismatch")
    expect(warning).to_contain_text("M25.552 codes the left side")
    expect(warning).to_contain_text("the right side on pg 1, 2")

    item = panel.locator(".ur-suggestion", has_text="2025-09-09")
    item.get_by_text("Edit before accepting").click()
    item.get_by_label("Pain (NPRS)").fill("5")
    item.get_by_label("Kind").select_option(label="Progress note")
    panel.screenshot(path=str(artifacts / "side-mismatch-panel.png"))
    item.get_by_role("button", name="Accept edited").click()
    expect(page.locator(".ur-suggestions .ur-suggestion", has_text="2025-09-09")).to_contain_text("Edited")
    v = Visit.objects.get(case=case, date="2025-09-09")
    assert (v.pain_nprs, v.kind, v.side_documented, v.page) == (5, "progress_note", "right", 2)

    side = page.locator(".ur-suggestions .ur-suggestion", has_text=re.compile(r"Affected side"))
    side.get_by_role("button", name="Accept", exact=True).click()
    expect(page.locator(".ur-suggestions .ur-suggestion", has_text="Affected side")).to_contain_text("Accepted")
    case.refresh_from_db()
    assert case.affected_side == "right"
    snap(page, "side-accepted")
