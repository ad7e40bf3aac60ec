"""Browser flow: a supervisor reassigns a case from the queue, then reads the dashboard."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from reviews.models import Case

from .support import login, logout

pytestmark = [pytest.mark.e2e, pytest.mark.services]


def test_supervisor_reassigns_case_and_sees_dashboard(demo: None, page: Any, snap: Any) -> None:
    reviewer2 = User.objects.get(username="reviewer2")
    assert Case.objects.get(reference="SEED-0001").assigned_reviewer.username == "reviewer"

    login(page, "supervisor")
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="SEED-0001"))
    expect(row).to_have_count(1)
    snap(page, "queue-all-cases")
    row.get_by_label("Assign SEED-0001 to").select_option(value=str(reviewer2.pk))
    row.get_by_role("button", name=re.compile(r"^(Re)?[Aa]ssign$")).click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()
    snap(page, "reassigned")
    assert Case.objects.get(reference="SEED-0001").assigned_reviewer_id == reviewer2.pk

    page.get_by_role("link", name="Dashboard").click()
    expect(page).to_have_url(re.compile(r"/oversight/"))
    expect(page.get_by_role("heading", name="Supervisor dashboard")).to_be_visible()
    expect(page.get_by_role("heading", name="Turnaround compliance")).to_be_visible()
    expect(page.get_by_role("heading", name="Overdue and at-risk cases")).to_be_visible()
    snap(page, "dashboard")
    logout(page)

    # The new assignee now has the case; the previous one no longer does.
    login(page, "reviewer2")
    expect(page.get_by_role("link", name="SEED-0001")).to_be_visible()
    snap(page, "reviewer2-queue")
    logout(page)
    login(page, "reviewer")
    expect(page.get_by_role("link", name="SEED-0002")).to_be_visible()
    expect(page.get_by_role("link", name="SEED-0001")).to_have_count(0)
