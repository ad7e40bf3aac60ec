"""Small builders for oversight tests: cases with a first determination, written straight through the ORM."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import count
from typing import Any

from reviews.models import Case, Determination, Member, Provider, Recommendation

_seq = count(1)


def make_case(
    *, urgency: str = "standard", received_at: datetime, status: str = "in_review", reviewer: Any = None
) -> Case:
    n = next(_seq)
    member = Member.objects.create(
        member_id=f"T{n:05d}",
        given_name="Test",
        family_name=f"Member{n}",
        birth_date=date(1970, 1, 1),
        sex="female",
        plan="Commercial PPO",
    )
    provider, _ = Provider.objects.get_or_create(npi="1234567893", defaults={"name": "Clinic"})
    return Case.objects.create(
        reference=f"T-{n:04d}",
        review_type="prospective",
        urgency=urgency,
        received_at=received_at,
        status=status,
        assigned_reviewer=reviewer,
        member=member,
        provider=provider,
    )


def make_decision(
    *,
    reviewer: Any,
    decision: str,
    engine: str | None = None,
    urgency: str = "standard",
    received_at: datetime,
    hours: float,
    signed: bool = True,
    visits: int = 8,
) -> Determination:
    case = make_case(urgency=urgency, received_at=received_at, status="determined", reviewer=reviewer)
    rec = Recommendation.objects.create(
        case=case, input_hash=f"h{case.pk}", engine_version="1", decision=engine or decision, result={}
    )
    return Determination.objects.create(
        case=case,
        recommendation=rec,
        decision=decision,
        approved_visits=0 if decision == "deny" else visits,
        lines=[],
        overridden=(engine or decision) != decision,
        override_code="records-do-not-support" if (engine or decision) != decision else "",
        reviewer=reviewer,
        decided_at=received_at + timedelta(hours=hours),
        status="signed" if signed else "submitted",
    )
