"""Browser flows: sign-in, the reviewer's queue, and case isolation between reviewers."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from reviews.models import Case

from .support import login, logout

pytestmark = [pytest.mark.e2e, pytest.mark.services]


def test_reviewer_signs_in_and_queue_lists_seed_cases(demo: None, page: Any, snap: Any) -> None:
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login/"))
    snap(page, "login")
    login(page, "reviewer")
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()
    expect(page.get_by_role("link", name="SEED-0001")).to_be_visible()
    expect(page.get_by_role("link", name="SEED-0002")).to_be_visible()
    snap(page, "queue")
    page.get_by_role("link", name="SEED-0002").click()
    expect(page.get_by_role("heading", name=re.compile("SEED-0002"))).to_be_visible()
    snap(page, "case")
    logout(page)
    snap(page, "signed-out")


def test_wrong_password_is_refused(demo: None, page: Any, snap: Any) -> None:
    login_page = page
    login_page.goto("/login/")
    login_page.get_by_label("Username").fill("reviewer")
    login_page.get_by_label("Password").fill("not-the-password")
    login_page.get_by_role("button", name="Sign in").click()
    expect(login_page.get_by_role("alert")).to_be_visible()
    expect(login_page).to_have_url(re.compile(r"/login/"))
    snap(login_page, "refused")


def test_second_reviewer_cannot_open_anothers_case(demo: None, page: Any, snap: Any) -> None:
    case = Case.objects.get(reference="SEED-0002")
    assert case.assigned_reviewer is not None and case.assigned_reviewer.username == "reviewer"
    login(page, "reviewer2")
    expect(page.get_by_role("link", name="SEED-0002")).to_have_count(0)
    snap(page, "queue-without-seed-0002")
    response = page.goto(f"/cases/{case.public_id}/")
    assert response is not None and response.status == 404
    expect(page.get_by_text(case.member.family_name)).to_have_count(0)
    snap(page, "not-found")
