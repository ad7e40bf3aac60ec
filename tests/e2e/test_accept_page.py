"""Browser: the page reader beside the review form accepts what was read on its page, in one click;
the form column shows the accepted findings and the reader drops its offer (nothing left there)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import expect

from .support import login

pytestmark = [pytest.mark.e2e, pytest.mark.services]


def test_accept_everything_read_on_the_page_in_view(demo: None, page: Any) -> None:
    from django.contrib.auth.models import User

    from reviews.models import Case, ClinicalDocument
    from tests.reviews.record_support import make_pdf, upload

    case = Case.objects.get(reference="DEMO-0103")
    upload(
        case,
        User.objects.get(username="supervisor"),
        make_pdf(
            [
                "Fax cover sheet<br>To: UR Desk<br>Pages: 3",
                "Initial Evaluation<br>Date of Service: 11/02/2026<br>Pt c/o neck pain. NPRS 6/10.<br>Plan: 2x/week x 4 weeks.",
                "Daily Note<br>DOS: 11/09/2026<br>Neck pain 4/10. Chin tucks 3x10, rows 3x12 with red band.",
            ]
        ),
        extract=False,
    )
    for _ in range(60):
        if not ClinicalDocument.objects.filter(case=case, extraction_status="pending").exists():
            break
        time.sleep(1)
    login(page, "supervisor")
    page.goto(f"/cases/{case.public_id}/?tab=review")
    page.locator("#ur-checklist").wait_for()
    page.get_by_role("link", name="pg 3").first.click()
    page.locator(".ur-accept-page").wait_for()
    page.get_by_role("button", name="Accept the").click()
    page.get_by_text("Suggestion recorded.").wait_for()
    expect(page.locator(".ur-suggestion[data-finding='visit'][data-status='accepted']")).to_have_count(1)
    expect(page.locator(".ur-accept-page")).to_have_count(0)
    expect(page.locator("#ur-viewer-h")).to_contain_text("Record page 3")
