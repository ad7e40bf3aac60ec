"""Browser flow: a criteria admin clones, edits and publishes a criteria version in the Django admin.

As criteria_admin: clone the published version, change the benchmark for M25.55x (hip pain, 14 -> 16
visits) in the draft, publish it with a summary and a later effective date, see the diff; a case with
service dates before the change still evaluates against the old version.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from audit.models import AuditEvent
from criteria.engine import evaluate
from criteria.models import CriteriaVersion, VisitBenchmark
from criteria.selectors import version_in_effect
from criteria.snapshot import build_snapshot
from reviews.facts import facts_from_case
from reviews.models import Case

from .support import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.services]

HIP_SCOPE = "M25.55*"
NEW_EFFECTIVE = dt.date(2026, 1, 1)


def _hip_visits(version: CriteriaVersion) -> int:
    snapshot = build_snapshot(version)
    (bench,) = [b for b in snapshot.benchmarks if HIP_SCOPE in b.icd_scope]
    return bench.visits


def _admin_login(page: Any, username: str) -> None:
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def _run_action(page: Any, version_str: str, action: str) -> None:
    """On the changelist: tick the row of `version_str` and run `action` (the select's option label)."""
    page.get_by_role("checkbox", name=re.compile(re.escape(version_str))).check()
    page.get_by_role("combobox", name="Action").select_option(label=action)
    page.get_by_role("button", name="Go").click()


def test_criteria_admin_clones_edits_publishes_and_diffs(demo: None, page: Any, snap: Any) -> None:
    old = CriteriaVersion.objects.get(criteria_set__key="pt-outpatient", status="published")
    assert old.effective_from is not None and old.effective_from < NEW_EFFECTIVE
    assert _hip_visits(old) == 14
    set_name = old.criteria_set.name

    _admin_login(page, "criteria_admin")
    snap(page, "admin-index")

    # The versions changelist: the published version is there; clone it to a draft.
    page.get_by_role("link", name="Criteria versions").click()
    expect(page.get_by_role("heading", name=re.compile("Select criteria version"))).to_be_visible()
    expect(page.get_by_role("link", name=f"{set_name} v{old.number} (published)")).to_be_visible()
    snap(page, "changelist")
    _run_action(page, f"{set_name} v{old.number} (published)", "Clone to new draft")
    draft_number = old.number + 1
    expect(page.get_by_text(f"Cloned v{old.number} to draft v{draft_number}.")).to_be_visible()
    draft_link = page.get_by_role("link", name=f"{set_name} v{draft_number} (draft)")
    expect(draft_link).to_be_visible()
    snap(page, "cloned")
    draft = CriteriaVersion.objects.get(criteria_set=old.criteria_set, number=draft_number)
    assert draft.status == "draft" and draft.cloned_from_id == old.pk

    # Open the draft and change the hip-pain (M25.55*) benchmark in its inline: 14 -> 16 visits.
    draft_link.click()
    expect(page.get_by_role("heading", name="Visit benchmarks")).to_be_visible()
    hip = page.locator("div.inline-related").filter(
        has=page.get_by_role("heading", name=re.compile(re.escape(f"Hip pain ({HIP_SCOPE}): 14")))
    )
    expect(hip).to_have_count(1)
    visits = hip.get_by_label("Visits")
    expect(visits).to_have_value("14")
    visits.fill("16")
    hip.scroll_into_view_if_needed()
    snap(page, "draft-edited")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("ul.messagelist")).to_contain_text("was changed successfully")
    expect(page.locator(".errornote")).to_have_count(0)
    snap(page, "draft-saved")
    assert VisitBenchmark.objects.get(version=draft, key="hip-pain").visits == 16
    assert AuditEvent.objects.filter(
        action="criteria.item_changed", summary__version_id=draft.pk, summary__fields=["visits"]
    ).exists()

    # Publish the draft with a change summary and an effective date after the current version's.
    _run_action(page, f"{set_name} v{draft_number} (draft)", "Publish…")
    expect(page.get_by_role("heading", name=re.compile(rf"Publish .* v{draft_number}"))).to_be_visible()
    expect(page.get_by_role("link", name=f"Review the diff with v{old.number}")).to_be_visible()
    page.get_by_label("Change summary").fill("Hip pain (M25.55x) benchmark 14 -> 16 visits.")
    page.get_by_label("Effective from").fill(NEW_EFFECTIVE.isoformat())
    snap(page, "publish-form")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text(f"Published v{draft_number}.")).to_be_visible()
    expect(page.get_by_role("link", name=f"{set_name} v{draft_number} (published)")).to_be_visible()
    expect(page.get_by_role("link", name=f"{set_name} v{old.number} (retired)")).to_be_visible()
    snap(page, "published")

    # The diff between the two versions shows the 14 -> 16 change.
    page.get_by_role("row").filter(
        has=page.get_by_role("link", name=f"{set_name} v{draft_number} (published)")
    ).get_by_role("link", name=f"Diff with v{old.number}").click()
    expect(page).to_have_url(re.compile(rf"/criteria/diff/\?a={old.pk}&b={draft.pk}$"))
    expect(page.get_by_role("heading", name=f"Changes from v{old.number} to v{draft_number}")).to_be_visible()
    expect(page.get_by_text("Hip pain (M25.55x) benchmark 14 -> 16 visits.").first).to_be_visible()
    changes = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="hip-pain"))
    expect(changes).to_have_count(1)
    cells = changes.get_by_role("cell")
    expect(cells).to_have_text(["benchmarks", "changed", "visits", "14", "16"])
    expect(changes.locator("strong")).to_have_text("16")
    snap(page, "diff")

    # The database: the old version is retired the day before, still in effect for earlier service dates.
    old.refresh_from_db()
    draft.refresh_from_db()
    assert draft.status == "published" and draft.effective_from == NEW_EFFECTIVE
    assert draft.approved_by is not None and draft.approved_by.username == "criteria_admin"
    assert old.status == "retired" and old.effective_to == NEW_EFFECTIVE - dt.timedelta(days=1)
    assert version_in_effect(on=dt.date(2025, 8, 27)) == old
    assert version_in_effect(on=dt.date(2026, 2, 1)) == draft
    assert _hip_visits(old) == 14
    assert _hip_visits(draft) == 16

    # A case with service dates before the change (SEED-0001 starts 2025-08-27) evaluates against v1.
    facts = facts_from_case(Case.objects.get(reference="SEED-0001"))
    assert facts.request.start_date < NEW_EFFECTIVE
    in_effect = version_in_effect(on=facts.request.start_date)
    assert in_effect == old
    result = evaluate(facts, build_snapshot(in_effect))
    assert result.criteria_version_id == old.pk
