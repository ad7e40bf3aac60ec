"""Build the engine's `CaseFacts` from a ur-case/1 dict (a file) or straight from a stored case's models.

The dict is assumed valid (`reviews.case_format` validates files); a missing required key
still raises `FactsError` naming the field, never a bare KeyError.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist

from criteria.engine.types import (
    CaseFacts,
    ClinicalFacts,
    Diagnosis,
    Documentation,
    Evidence,
    Goals,
    OutcomeMeasureScore,
    PriorEpisode,
    RequestFacts,
    Visit,
)
from vocabulary import GOAL_KEYS

if TYPE_CHECKING:
    from reviews.models import Case


# What a stored case's facts are read from: joined with the case row, and prefetched.
CASE_FACTS_RELATED = ("member", "request", "clinical_review")
CASE_FACTS_PREFETCH = ("diagnoses", "visits", "prior_episodes")


class FactsError(ValueError):
    """A case dict the engine cannot read; the message names the field."""


def _req(d: dict[str, Any], key: str, path: str) -> Any:
    if not isinstance(d, dict) or d.get(key) is None:
        raise FactsError(f"{path}.{key}: is required" if path else f"{key}: is required")
    return d[key]


def _date(value: Any, path: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise FactsError(f"{path}: '{value}' is not a date (YYYY-MM-DD)") from exc


def _opt_date(value: Any, path: str) -> date | None:
    return None if value in (None, "") else _date(value, path)


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _codes(items: Any) -> tuple[str, ...]:
    return tuple(str(i["code"]) if isinstance(i, dict) else str(i) for i in items or ())


def facts_from_case_dict(data: dict[str, Any], *, diagnosis_descriptions: dict[str, str] | None = None) -> CaseFacts:
    """A ur-case/1 dict -> CaseFacts (the `expected` block, if any, is ignored)."""
    descriptions = diagnosis_descriptions or {}
    member = _req(data, "member", "")
    req = _req(data, "request", "")
    clinical = data.get("clinical") or {}
    doc = data.get("documentation") or {}
    dx_items = _req(data, "diagnoses", "")
    if not dx_items:
        raise FactsError("diagnoses: at least one diagnosis is required")
    diagnoses = tuple(
        Diagnosis(
            code=str(_req(dx, "code", f"diagnoses[{i}]")),
            primary=bool(dx.get("primary", False)),
            description=str(dx.get("description") or descriptions.get(str(dx["code"]), "")),
        )
        for i, dx in enumerate(dx_items)
    )
    request = RequestFacts(
        services=_codes(_req(req, "services", "request")),
        visits=int(_req(req, "visits", "request")),
        start_date=_date(_req(req, "start_date", "request"), "request.start_date"),
        end_date=_date(_req(req, "end_date", "request"), "request.end_date"),
        frequency_per_week=_opt_int(req.get("frequency_per_week")),
        duration_weeks=_opt_int(req.get("duration_weeks")),
        planned_frequency_per_week=_opt_int(req.get("planned_frequency_per_week")),
        planned_duration_weeks=_opt_int(req.get("planned_duration_weeks")),
    )
    clinical_facts = ClinicalFacts(
        onset=str(clinical.get("onset") or "unknown"),
        onset_date=_opt_date(clinical.get("onset_date"), "clinical.onset_date"),
        mechanism=clinical.get("mechanism"),
        surgery=clinical.get("surgery"),
        symptom_duration_months=_opt_int(clinical.get("symptom_duration_months")),
        activity_level=clinical.get("activity_level"),
        affected_side=clinical.get("affected_side"),
        irritability=clinical.get("irritability"),
        red_flags=tuple(str(f) for f in clinical.get("red_flags") or ()),
        imaging=tuple(str(i) for i in clinical.get("imaging") or ()),
    )
    priors = tuple(
        PriorEpisode(
            start_date=_date(_req(p, "start_date", f"prior_episodes[{i}]"), f"prior_episodes[{i}].start_date"),
            end_date=_date(_req(p, "end_date", f"prior_episodes[{i}]"), f"prior_episodes[{i}].end_date"),
            visits=int(_req(p, "visits", f"prior_episodes[{i}]")),
            discharge_function_pct=_opt_int(p.get("discharge_function_pct")),
            discharge_note=p.get("discharge_note"),
        )
        for i, p in enumerate(data.get("prior_episodes") or ())
    )
    visits = tuple(
        Visit(
            date=_date(_req(v, "date", f"visits[{i}]"), f"visits[{i}].date"),
            kind=str(_req(v, "kind", f"visits[{i}]")),
            services=tuple(str(s) for s in v.get("services") or ()),
            pain_nprs=_opt_int(v.get("pain_nprs")),
            function_pct=_opt_int(v.get("function_pct")),
            side_documented=v.get("side_documented"),
            note=v.get("note"),
            page=_opt_int(v.get("page")),
        )
        for i, v in enumerate(data.get("visits") or ())
    )
    documentation = documentation_from_dict(doc)
    return CaseFacts(
        reference=str(_req(data, "reference", "")),
        review_type=str(data.get("review_type") or ""),
        urgency=str(data.get("urgency") or "standard"),
        received_on=_date(_req(data, "received_at", ""), "received_at"),
        member_birth_date=_date(_req(member, "birth_date", "member"), "member.birth_date"),
        member_sex=str(member.get("sex") or ""),
        plan=str(member.get("plan") or ""),
        diagnoses=diagnoses,
        request=request,
        clinical=clinical_facts,
        prior_episodes=priors,
        visits=visits,
        documentation=documentation,
    )


def documentation_from_dict(doc: dict[str, Any]) -> Documentation:
    """A ur-case/1 `documentation` block -> Documentation."""
    goals = doc.get("goals")
    return Documentation(
        functional_deficits=tuple(str(x) for x in doc.get("functional_deficits") or ()),
        objective_impairments=tuple(str(x) for x in doc.get("objective_impairments") or ()),
        reported_improvement_pct=_opt_int(doc.get("reported_improvement_pct")),
        goals=(
            Goals(
                short_term_met=int(goals.get("short_term_met") or 0),
                short_term_total=int(goals.get("short_term_total") or 0),
                long_term_met=int(goals.get("long_term_met") or 0),
                long_term_total=int(goals.get("long_term_total") or 0),
            )
            if goals
            else None
        ),
        participation=doc.get("participation"),
        adherence=doc.get("adherence"),
        outcome_measures=tuple(
            OutcomeMeasureScore(
                name=str(_req(m, "name", f"documentation.outcome_measures[{i}]")),
                date=_date(
                    _req(m, "date", f"documentation.outcome_measures[{i}]"), f"documentation.outcome_measures[{i}].date"
                ),
                score=float(_req(m, "score", f"documentation.outcome_measures[{i}]")),
            )
            for i, m in enumerate(doc.get("outcome_measures") or ())
        ),
        strength_measured_objectively=doc.get("strength_measured_objectively"),
        exercise_parameters_documented=doc.get("exercise_parameters_documented"),
        gap_explanation=doc.get("gap_explanation") or None,
        evidence=tuple(
            Evidence(finding=str(e["finding"]), page=int(e["page"]))
            for e in doc.get("evidence") or ()
            if e.get("finding") and e.get("page") is not None
        ),
    )


def facts_from_case(case: Case, *, reload: bool = True) -> CaseFacts:
    """A stored case -> CaseFacts, straight from the models (four queries, whatever the number of visits).

    `reload=False`: read the instance as it is, for a caller that loaded it with `CASE_FACTS_RELATED`
    and `CASE_FACTS_PREFETCH` (`reviews.permissions.get_case_for_user(..., with_facts=True)`): no query.

    The same facts `facts_from_case_dict` gives for the ur-case/1 file the case was imported from
    (tests/reviews/test_facts.py holds the two equal, input hash included). Diagnosis titles stored
    for display are not facts: the file carries none, and the engine reads laterality from the code.
    """
    from reviews.models import Case as CaseModel

    if reload:
        case = (
            CaseModel.objects.select_related(*CASE_FACTS_RELATED).prefetch_related(*CASE_FACTS_PREFETCH).get(pk=case.pk)
        )
    if case.member.birth_date is None:
        raise FactsError("member.birth_date: is required (not sent with the request; add it to the member)")
    dx_rows = list(case.diagnoses.all())
    if not dx_rows:
        raise FactsError("diagnoses: at least one diagnosis is required")
    req = related_or_none(case, "request")
    if req is None:
        raise FactsError("request: is required")
    review = related_or_none(case, "clinical_review")
    return CaseFacts(
        reference=case.reference,
        review_type=case.review_type or "",
        urgency=case.urgency or "standard",
        received_on=case.received_at.astimezone(UTC).date(),
        member_birth_date=case.member.birth_date,
        member_sex=case.member.sex or "",
        plan=case.member.plan or "",
        diagnoses=tuple(Diagnosis(code=dx.code, primary=bool(dx.primary)) for dx in dx_rows),
        request=RequestFacts(
            services=tuple(str(code) for code in req.services or ()),
            visits=int(req.visits),
            start_date=req.start_date,
            end_date=req.end_date,
            frequency_per_week=_opt_int(req.frequency_per_week),
            duration_weeks=_opt_int(req.duration_weeks),
            planned_frequency_per_week=_opt_int(req.planned_frequency_per_week),
            planned_duration_weeks=_opt_int(req.planned_duration_weeks),
        ),
        clinical=ClinicalFacts(
            onset=case.onset or "unknown",
            onset_date=case.onset_date,
            mechanism=case.mechanism,
            surgery=case.surgery,
            symptom_duration_months=_opt_int(case.symptom_duration_months),
            activity_level=case.activity_level,
            affected_side=case.affected_side,
            irritability=case.irritability,
            red_flags=tuple(str(f) for f in case.red_flags or ()),
            imaging=tuple(str(i) for i in case.imaging or ()),
        ),
        prior_episodes=tuple(
            PriorEpisode(
                start_date=e.start_date,
                end_date=e.end_date,
                visits=int(e.visits),
                discharge_function_pct=_opt_int(e.discharge_function_pct),
                discharge_note=e.discharge_note,
            )
            for e in case.prior_episodes.all()
        ),
        visits=tuple(
            Visit(
                date=v.date,
                kind=v.kind,
                services=tuple(str(code) for code in v.services or ()),
                pain_nprs=_opt_int(v.pain_nprs),
                function_pct=_opt_int(v.function_pct),
                side_documented=v.side_documented,
                note=v.note,
                page=_opt_int(v.page),
            )
            for v in case.visits.all()
        ),
        documentation=_documentation(review) if review is not None else Documentation(),
    )


def related_or_none(obj: Any, name: str) -> Any:
    """A one-to-one relation, or None when the row does not exist."""
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


def _documentation(review: Any) -> Documentation:
    goal_values = [getattr(review, f"goals_{key}") for key in GOAL_KEYS]
    goals = None
    if None not in goal_values:
        met_st, total_st, met_lt, total_lt = (int(v or 0) for v in goal_values)
        goals = Goals(short_term_met=met_st, short_term_total=total_st, long_term_met=met_lt, long_term_total=total_lt)
    return Documentation(
        functional_deficits=tuple(str(x) for x in review.functional_deficits or ()),
        objective_impairments=tuple(str(x) for x in review.objective_impairments or ()),
        reported_improvement_pct=_opt_int(review.reported_improvement_pct),
        goals=goals,
        participation=review.participation,
        adherence=review.adherence,
        outcome_measures=tuple(
            OutcomeMeasureScore(
                name=str(_req(m, "name", f"documentation.outcome_measures[{i}]")),
                date=_date(
                    _req(m, "date", f"documentation.outcome_measures[{i}]"), f"documentation.outcome_measures[{i}].date"
                ),
                score=float(_req(m, "score", f"documentation.outcome_measures[{i}]")),
            )
            for i, m in enumerate(review.outcome_measures or ())
        ),
        strength_measured_objectively=review.strength_measured_objectively,
        exercise_parameters_documented=review.exercise_parameters_documented,
        gap_explanation=review.gap_explanation or None,
        evidence=tuple(
            Evidence(finding=str(e["finding"]), page=int(e["page"]))
            for e in review.evidence or ()
            if e.get("finding") and e.get("page") is not None
        ),
    )
