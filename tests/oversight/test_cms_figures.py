"""CMS-0057-F figures from real rows: prior authorization only, appeals and extensions, the partial setting."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User

from appeals.models import Appeal, Extension
from oversight import selectors
from reviews.models import Case, Determination

from .builders import make_case, make_decision

pytestmark = pytest.mark.django_db

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
PERIOD = selectors.Period(date(2025, 3, 1), date(2025, 3, 31))


def _appeal(det: Determination, outcome: str, decided_at: datetime, user: User) -> Appeal:
    appeal_case = make_case(received_at=decided_at - timedelta(days=2), status="determined")
    return Appeal.objects.create(
        case=appeal_case,
        contested=det,
        original_case=det.case,
        requester_kind="member",
        requester_name="M",
        reason="r",
        kind="pre_service",
        urgency="standard",
        line_of_business="commercial",
        received_at=decided_at - timedelta(days=2),
        due_at=decided_at + timedelta(days=28),
        status="decided",
        outcome=outcome,
        decided_by=user,
        decided_at=decided_at,
        created_by=user,
    )


def _extend(case: Case, user: User) -> Extension:
    new_due = case.due_at + timedelta(days=14)
    ext = Extension.objects.create(
        case=case,
        reason_kind="member_request",
        reason="asked",
        days=14,
        previous_due_at=case.due_at,
        new_due_at=new_due,
        extended_by=user,
        extended_at=case.received_at + timedelta(days=1),
    )
    Case.objects.filter(pk=case.pk).update(due_at=new_due)
    return ext


@pytest.fixture
def rows(reviewer: User, appeals_reviewer: User) -> dict[str, Any]:
    make_decision(reviewer=reviewer, decision="approve", received_at=T0, hours=24)
    denied_overturned = make_decision(reviewer=reviewer, decision="deny", received_at=T0, hours=48)
    denied_upheld = make_decision(reviewer=reviewer, decision="deny", received_at=T0, hours=48)
    partial = make_decision(reviewer=reviewer, decision="partial", received_at=T0, hours=72)
    extended = make_decision(
        reviewer=reviewer, decision="approve", received_at=T0, hours=24 * 12
    )  # late unless extended
    make_decision(reviewer=reviewer, decision="deny", urgency="expedited", received_at=T0, hours=30)
    retro = make_decision(reviewer=reviewer, decision="deny", received_at=T0, hours=24 * 20)
    Case.objects.filter(pk=retro.case_id).update(review_type="retrospective")
    _appeal(denied_overturned, "overturned", T0 + timedelta(days=10), appeals_reviewer)
    _appeal(denied_upheld, "upheld", T0 + timedelta(days=10), appeals_reviewer)
    _appeal(partial, "partly_overturned", T0 + timedelta(days=12), appeals_reviewer)
    _extend(extended.case, reviewer)
    return {"retro": retro}


def test_prior_authorization_only_and_appeal_cases_never_count(rows: dict[str, Any]) -> None:
    d = selectors.dashboard(PERIOD, now=T0 + timedelta(days=40))
    cms = d.cms
    # The retrospective denial and the three appeal cases are not prior-authorization requests.
    assert (cms["decisions"], cms["standard_decisions"], cms["expedited_decisions"]) == (6, 5, 1)
    assert sum(t["decided"] for t in d.turnaround) == 6
    assert d.outcomes["deny"] == 4  # the outcome table still shows the retrospective denial
    # Standard: approve, deny(overturned), deny(upheld), partial, approve(extended); partial counts as approved.
    assert (cms["standard_approved"], cms["standard_denied"]) == (3, 2)
    assert (cms["standard_approved_after_appeal"], cms["standard_approved_after_appeal_pct"]) == (1, 20.0)
    assert (cms["extended"], cms["extended_approved"], cms["extended_approved_pct"]) == (1, 1, 16.7)
    assert (cms["expedited_denied"], cms["expedited_denied_pct"]) == (1, 100.0)
    std = {t["urgency"]: t for t in d.turnaround}["standard"]
    assert std["late"] == 0  # the 12-day decision was within its lawfully extended clock


def test_partial_counts_as_denied_setting(rows: dict[str, Any], settings: Any) -> None:
    settings.UR_CMS_PARTIAL_COUNTS_AS = "denied"
    cms = selectors.dashboard(PERIOD, now=T0 + timedelta(days=40)).cms
    assert cms["partial_counts_as"] == "denied"
    assert (cms["standard_approved"], cms["standard_denied"]) == (2, 3)
    # The partial approval counts as denied; its partial overturn then does not count as "approved after appeal"
    # (partly overturned is still partly denied), so only the full overturn counts.
    assert cms["standard_approved_after_appeal"] == 1


def test_an_appeal_decided_after_the_period_does_not_count(rows: dict[str, Any]) -> None:
    early = selectors.Period(date(2025, 3, 1), date(2025, 3, 11))
    assert selectors.dashboard(early, now=T0 + timedelta(days=40)).cms["standard_approved_after_appeal"] == 0


def test_appeal_overturn_rates_by_original_reviewer(rows: dict[str, Any]) -> None:
    [row] = selectors.dashboard(PERIOD, now=T0 + timedelta(days=40)).appeals_by_reviewer
    assert (row["reviewer"], row["decided"], row["upheld"], row["overturned"], row["partly_overturned"]) == (
        "reviewer",
        3,
        1,
        1,
        1,
    )
    assert row["overturn_pct"] == 66.7
