"""Small ORM factories for reviews tests: a whole case (member, provider, diagnoses, request,
visits, prior episodes) in one call, and the two seed cases as the design describes them."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any

from reviews.models import Case, Diagnosis, Member, PriorEpisode, Provider, ServiceRequest, Visit

_seq = itertools.count(1)


def make_case(
    *,
    reference: str | None = None,
    assigned_reviewer: Any = None,
    review_type: str = "prospective",
    urgency: str = "standard",
    status: str = "received",
    received_at: datetime | None = None,
    due_at: datetime | None = None,
    member: dict[str, Any] | None = None,
    provider: dict[str, Any] | None = None,
    diagnoses: list[tuple[str, str]] | None = None,
    request: dict[str, Any] | None = None,
    visits: list[dict[str, Any]] | None = None,
    prior_episodes: list[dict[str, Any]] | None = None,
    **case_fields: Any,
) -> Case:
    """Build one case with everything hanging off it; every argument has a sensible default."""
    n = next(_seq)
    member_data = {
        "member_id": f"MT{n:05d}",
        "given_name": "Test",
        "family_name": f"Member{n}",
        "birth_date": date(1970, 1, 1),
        "sex": "female",
        "plan": "Commercial PPO",
        **(member or {}),
    }
    m = Member.objects.filter(member_id=member_data["member_id"]).first() or Member.objects.create(**member_data)
    provider_data = {
        "npi": f"{1000000000 + n}",
        "name": f"Clinic {n}",
        "specialty": "physical therapy",
        **(provider or {}),
    }
    p = Provider.objects.filter(npi=provider_data["npi"]).first() or Provider.objects.create(**provider_data)
    received = received_at or datetime(2025, 9, 15, 16, 20, tzinfo=UTC)
    case = Case.objects.create(
        reference=reference or f"T-{n:05d}",
        review_type=review_type,
        urgency=urgency,
        status=status,
        received_at=received,
        due_at=due_at,
        assigned_reviewer=assigned_reviewer,
        member=m,
        provider=p,
        **case_fields,
    )
    for pos, (code, words) in enumerate(diagnoses or [("M25.552", "Pain in left hip")]):
        Diagnosis.objects.create(case=case, code=code, description=words, primary=pos == 0, position=pos)
    req = {
        "services": ["97110"],
        "visits": 8,
        "frequency_per_week": 2,
        "duration_weeks": 4,
        "start_date": date(2025, 9, 1),
        "end_date": date(2025, 9, 28),
        **(request or {}),
    }
    ServiceRequest.objects.create(case=case, **req)
    for v in visits or []:
        Visit.objects.create(case=case, **v)
    for ep in prior_episodes or []:
        PriorEpisode.objects.create(case=case, **ep)
    return case


def make_deny_seed_case(*, assigned_reviewer: Any = None, reference: str = "SEED-0002", **kw: Any) -> Case:
    """The seed denial (hip, restart after a 5-month gap): 18 prior visits + 3 = 21 vs 14."""
    return make_case(
        reference=reference,
        assigned_reviewer=assigned_reviewer,
        review_type="retrospective",
        urgency="standard",
        received_at=datetime(2025, 9, 15, 16, 20, tzinfo=UTC),
        member={
            "member_id": "M208811",
            "given_name": "Linda",
            "family_name": "Marsh",
            "birth_date": date(1963, 2, 9),
            "plan": "Medicare Advantage HMO",
        },
        provider={"npi": "1295736482", "name": "Riverbend Rehab"},
        diagnoses=[("M25.552", "Pain in left hip")],
        request={
            "services": ["97162", "97110", "97140"],
            "visits": 3,
            "frequency_per_week": None,
            "duration_weeks": None,
            "start_date": date(2025, 8, 25),
            "end_date": date(2025, 8, 29),
            "planned_frequency_per_week": 3,
            "planned_duration_weeks": 6,
        },
        visits=[
            {
                "date": date(2025, 8, 25),
                "kind": "evaluation",
                "services": ["97162"],
                "pain_nprs": 5,
                "function_pct": 30,
                "side_documented": "right",
                "page": 2,
            },
            {
                "date": date(2025, 8, 28),
                "kind": "treatment",
                "services": ["97110", "97140"],
                "side_documented": "right",
                "page": 6,
            },
            {
                "date": date(2025, 8, 29),
                "kind": "treatment",
                "services": ["97110", "97140"],
                "side_documented": "right",
                "page": 8,
            },
        ],
        prior_episodes=[{"start_date": date(2025, 1, 23), "end_date": date(2025, 3, 10), "visits": 18}],
        onset="gradual",
        affected_side="left",
        irritability="moderate",
        symptom_duration_months=24,
        **kw,
    )


def make_approve_seed_case(*, assigned_reviewer: Any = None, reference: str = "SEED-0001", **kw: Any) -> Case:
    """The seed approval (traumatic hip, concurrent): 6 visits done + 8 requested = 14 vs 14."""
    visits = [
        (date(2025, 8, 4), "evaluation", 7, 35),
        (date(2025, 8, 7), "treatment", 6, None),
        (date(2025, 8, 11), "treatment", 6, None),
        (date(2025, 8, 14), "treatment", 5, None),
        (date(2025, 8, 21), "treatment", 4, 55),
        (date(2025, 8, 25), "progress_note", 4, 55),
    ]
    return make_case(
        reference=reference,
        assigned_reviewer=assigned_reviewer,
        review_type="concurrent",
        urgency="expedited",
        diagnoses=[("M25.552", "Pain in left hip")],
        request={
            "services": ["97110", "97140", "97164"],
            "visits": 8,
            "frequency_per_week": 2,
            "duration_weeks": 4,
            "start_date": date(2025, 8, 27),
            "end_date": date(2025, 9, 23),
        },
        visits=[
            {"date": d, "kind": k, "services": ["97110"], "pain_nprs": p, "function_pct": f, "page": 10 + i}
            for i, (d, k, p, f) in enumerate(visits)
        ],
        onset="traumatic",
        **kw,
    )


def due_in(delta: timedelta) -> datetime:
    """A due time relative to now (UTC)."""
    return datetime.now(UTC) + delta


def add_recommendation(case: Case, *, benchmark: int = 14, cumulative: int = 21) -> Any:
    """A stored recommendation as the engine stores it: the case's facts evaluated against the test
    criteria (benchmark `benchmark` visits for the primary code); checks the engine counted `cumulative`."""
    import dataclasses

    from criteria.engine import evaluate, result_to_dict
    from criteria.engine.types import VisitBenchmark
    from reviews.facts import facts_from_case
    from reviews.models import Recommendation
    from tests.criteria.engine_fixtures import make_snapshot

    facts = facts_from_case(case)
    snapshot = make_snapshot(benchmarks=(VisitBenchmark((facts.primary_diagnosis.code,), benchmark, "Hip pain"),))
    result = dataclasses.replace(evaluate(facts, snapshot), criteria_version_id=None)
    assert result.figures is not None
    assert result.figures.cumulative == cumulative, result.figures
    return Recommendation.objects.create(
        case=case,
        input_hash=result.input_hash,
        engine_version=result.engine_version,
        decision=result.decision,
        requested_visits=result.requested_visits,
        approved_visits=result.approved_visits,
        result=result_to_dict(result),
    )
