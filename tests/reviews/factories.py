"""Small ORM factories for reviews tests: a whole case (member, provider, diagnoses, request,
visits, prior episodes) in one call, and the two seed cases imported from their one copy."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any

from reviews.models import Case, ClinicalReview, Diagnosis, Member, PriorEpisode, Provider, ServiceRequest, Visit
from reviews.services.cases import case_import
from tests.seeds import seed_data, variant

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
    case = Case.objects.create(  # type: ignore[misc]
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


def import_seed_case(name: str, *, assigned_reviewer: Any = None, documentation: bool = False, **changes: Any) -> Case:
    """A seed case from the product's case files (tests/seeds.py), imported the way the product imports
    it. Without `documentation` the case has no review yet (the tests using this fill the review in).
    `changes` are dotted-path changes to the file (see tests.seeds.variant)."""
    data = variant(seed_data(name), **changes)
    if not documentation:
        data.pop("documentation", None)
    case = case_import(data=data, assign_to=assigned_reviewer)
    if not documentation:
        ClinicalReview.objects.filter(case=case).delete()
    return case


def make_deny_seed_case(*, assigned_reviewer: Any = None, **case_fields: Any) -> Case:
    """The seed denial (hip, restart after a 5-month gap): 18 prior visits + 3 = 21 vs 14.
    `case_fields` (e.g. status=...) are set on the imported case row."""
    case = import_seed_case("seed-deny-hip-restart", assigned_reviewer=assigned_reviewer)
    if case_fields:
        Case.objects.filter(pk=case.pk).update(**case_fields)
        case.refresh_from_db()
    return case


def make_approve_seed_case(*, assigned_reviewer: Any = None) -> Case:
    """The seed approval (traumatic hip, concurrent): 6 visits done + 8 requested = 14 vs 14; expedited here."""
    return import_seed_case("seed-approve-hip-traumatic", assigned_reviewer=assigned_reviewer, urgency="expedited")


def due_in(delta: timedelta) -> datetime:
    """A due time relative to now (UTC)."""
    return datetime.now(UTC) + delta


def add_recommendation(case: Case, *, benchmark: int = 14, cumulative: int = 21) -> Any:
    """A stored recommendation as the recommendation service computes it: the case's facts evaluated
    against the starter criteria in effect (loaded if need be); checks the engine counted `cumulative`
    against a `benchmark`-visit benchmark. The case's status is left as it is."""
    from criteria.engine import evaluate, result_to_dict
    from criteria.loader import starter_load
    from reviews.facts import facts_from_case
    from reviews.models import Recommendation
    from reviews.services.recommendations import criteria_snapshot_on

    starter_load()
    facts = facts_from_case(case)
    snapshot, version_pk = criteria_snapshot_on(facts.request.start_date)
    result = evaluate(facts, snapshot)
    assert result.figures is not None
    assert (result.figures.cumulative, result.figures.benchmark_visits) == (cumulative, benchmark), result.figures
    return Recommendation.objects.create(
        case=case,
        input_hash=result.input_hash,
        criteria_version_id=version_pk,
        engine_version=result.engine_version,
        decision=result.decision,
        requested_visits=result.requested_visits,
        approved_visits=result.approved_visits,
        result=result_to_dict(result),
    )


def valid_post(**overrides: str) -> dict[str, str]:
    """A complete, valid POST of the structured review form (fields overridable)."""
    data = {
        "functional_deficits": "stairs need a rail\n\n  walking limited to 10 min  ",
        "objective_impairments": "hip abduction 3+/5",
        "reported_improvement_pct": "20",
        "goals_short_term_met": "1",
        "goals_short_term_total": "3",
        "goals_long_term_met": "0",
        "goals_long_term_total": "2",
        "participation": "yes",
        "adherence": "no",
        "strength_measured_objectively": "yes",
        "exercise_parameters_documented": "",
        "om_1_name": "HOOS",
        "om_1_date": "2025-08-04",
        "om_1_score": "42",
        "om_2_name": "HOOS",
        "om_2_date": "2025-08-25",
        "om_2_score": "55.5",
        "gap_explanation": "",
        "red_flags": "",
        "irritability": "moderate",
        "evidence": "objective_impairments: 15\nfunctional_deficits pg 2",
        "action": "save",
    }
    data.update(overrides)
    return data


def ready_seed_case(name: str, reviewer: Any, capture: Any) -> Case:
    """A seed case imported and run through the recommendation (the engine, eager): recommendation_ready."""
    from reviews.models import CaseStatus
    from reviews.services.recommendations import recommendation_request

    case = case_import(data=seed_data(name), assign_to=reviewer)
    with capture(execute=True):
        recommendation_request(case=case, actor=reviewer)
    case.refresh_from_db()
    assert case.status == CaseStatus.RECOMMENDATION_READY
    return case
