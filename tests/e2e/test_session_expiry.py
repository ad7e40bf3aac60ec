"""Browser: the session expires while the reviewer types; saving asks to sign in again in a dialog,
and after signing in the typed review is saved (nothing lost, no login page inside the tab)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from reviews.models import Case, ClinicalReview, ReviewDraft

from .support import DEMO_PASSWORD, login

pytestmark = [pytest.mark.e2e, pytest.mark.services]

TYPED = "cannot kneel to garden\nneeds a rail on stairs"


def test_expired_session_relogin_in_dialog_keeps_the_draft(demo: None, page: Any, snap: Any) -> None:
    case = Case.objects.get(reference="SEED-0002")
    login(page, "reviewer")
    page.goto(f"/cases/{case.public_id}/?tab=review")
    form = page.locator("form.ur-review-form")
    field = form.get_by_label("Functional deficits")
    field.fill(TYPED)
    # The autosave (debounced) keeps the typing on the server before anything is saved.
    expect(page.locator("#ur-autosave-status")).to_contain_text("Draft kept")
    assert ReviewDraft.objects.get(case=case).data["functional_deficits"].replace("\r\n", "\n") == TYPED

    Session.objects.all().delete()  # the idle expiry, server-side
    form.get_by_role("button", name="Save draft").last.click()  # the bottom button

    dialog = page.get_by_role("dialog", name="Sign in again to continue")
    expect(dialog).to_be_visible()
    expect(page.get_by_role("heading", name="Sign in to UR Desk")).to_have_count(0)  # no login page in the tab
    snap(page, "relogin-dialog")
    dialog.get_by_label("Password").fill("not-the-password")
    dialog.get_by_role("button", name="Sign in").click()
    expect(dialog.get_by_role("alert")).to_contain_text("do not match")
    dialog.get_by_label("Password").fill(DEMO_PASSWORD)
    dialog.get_by_role("button", name="Sign in").click()
    expect(dialog).to_be_hidden()

    # The save is sent again with the new session and CSRF token; the typing is kept.
    expect(page.get_by_role("status").filter(has_text="Draft saved.")).to_be_visible()
    expect(form.get_by_label("Functional deficits")).to_have_value(TYPED)
    review = ClinicalReview.objects.get(case=case)
    assert review.functional_deficits == TYPED.splitlines()
    assert not ReviewDraft.objects.filter(case=case).exists()
    snap(page, "saved-after-relogin")
