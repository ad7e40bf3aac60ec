"""Services: import a case from a ur-case/1 dict, and export one back."""

from __future__ import annotations

import json
from datetime import UTC
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from audit.services import record_event
from reviews.case_format import (
    FORMAT,
    CaseFormatError,
    icd10_description,
    normalize_icd10,
    parse_date,
    parse_received_at,
    validate_case_dict,
)
from reviews.models import (
    Case,
    CaseStatus,
    ClinicalReview,
    Diagnosis,
    Member,
    PriorEpisode,
    Provider,
    ServiceRequest,
    Visit,
)
from vocabulary import DOCUMENTATION_FIELDS, GOAL_KEYS

CLINICAL_DEFAULTS: dict[str, Any] = {
    "onset": "unknown",
    "onset_date": None,
    "mechanism": None,
    "surgery": None,
    "symptom_duration_months": None,
    "activity_level": None,
    "affected_side": None,
    "irritability": None,
    "red_flags": [],
    "imaging": [],
}


class CaseImportError(Exception):
    """A case that cannot be imported; `errors` names every problem (path + message). Nothing was saved."""

    def __init__(self, errors: list[CaseFormatError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))


def _date(value: Any) -> Any:
    return parse_date(value) if isinstance(value, str) else None


def _supplied(value: Any) -> bool:
    return value is not None and value != [] and value != {} and value != ""


def case_import(
    *,
    data: dict[str, Any],
    replace: bool = False,
    actor: Any = None,
    assign_to: Any = None,
    source: str = "file",
    intake_gaps: bool = False,
) -> Case:
    """Create (or, with replace=True, re-create) a case from a ur-case/1 dict. All or nothing.

    The one door for case content: ur-case/1 files (`source="file"`) and PAS $submit (`source="pas"`)
    both come through here, with the same checks. `intake_gaps` (PAS only) lets a request lacking the
    member's birth date, every diagnosis or a CPT/HCPCS service code in, for a person to work.
    """
    errors = validate_case_dict(data, intake_gaps=intake_gaps)
    if errors:
        raise CaseImportError(errors)
    reference = data["reference"]
    try:
        with transaction.atomic():
            case = _write_case(data, replace=replace, assign_to=assign_to)
            record_event(
                "case.imported",
                actor=actor,
                obj=case,
                summary={"reference": reference, "replace": bool(replace), "format": FORMAT, "source": source},
            )
    except IntegrityError:
        # Another import created the same reference between our check and our insert.
        raise CaseImportError(
            [
                CaseFormatError(
                    "reference", f"case {json.dumps(reference)} already exists (import with --replace to replace it)"
                )
            ]
        ) from None
    return case


def _upsert(model: Any, key: dict[str, Any], fields: dict[str, Any]) -> Any:
    """update_or_create that locks the row only when something changes: many requests for one provider
    (or member) must not queue behind each other's transactions for an unchanged row."""
    row = model.objects.filter(**key).first()
    if row is None:
        row, created = model.objects.get_or_create(**key, defaults=fields)
        if created:
            return row
    changed = {name: value for name, value in fields.items() if getattr(row, name) != value}
    if changed:
        model.objects.filter(pk=row.pk).update(**changed)
        for name, value in changed.items():
            setattr(row, name, value)
    return row


def _write_case(data: dict[str, Any], *, replace: bool, assign_to: Any) -> Case:
    reference = data["reference"]
    existing = Case.objects.select_for_update().filter(reference=reference).first()
    if existing is not None:
        if not replace:
            raise CaseImportError(
                [
                    CaseFormatError(
                        "reference",
                        f"case {json.dumps(reference)} already exists (import with --replace to replace it)",
                    )
                ]
            )
        if existing.determinations.exists():
            raise CaseImportError(
                [
                    CaseFormatError(
                        "reference",
                        f"case {json.dumps(reference)} already has a determination and cannot be replaced "
                        "(reopen and amend it instead)",
                    )
                ]
            )

    m = data["member"]
    member_fields: dict[str, Any] = {
        "given_name": m["given_name"],
        "family_name": m["family_name"],
        "sex": m["sex"],
        "plan": m["plan"],
    }
    if m.get("birth_date"):  # a request without one (PAS intake gap) keeps the birth date on file
        member_fields["birth_date"] = parse_date(m["birth_date"])
    member = _upsert(Member, {"member_id": m["member_id"]}, member_fields)
    p = data["requesting_provider"]
    provider = _upsert(Provider, {"npi": p["npi"]}, {"name": p["name"], "specialty": p.get("specialty") or ""})

    clinical = {**CLINICAL_DEFAULTS, **(data.get("clinical") or {})}
    clinical["onset_date"] = _date(clinical["onset_date"])
    fields: dict[str, Any] = {
        "review_type": data["review_type"],
        "urgency": data["urgency"],
        "received_at": parse_received_at(data["received_at"]),
        "member": member,
        "provider": provider,
        **clinical,
    }
    if existing is not None:
        case = existing
        for name, value in fields.items():
            setattr(case, name, value)
        case.due_at = case.compute_due_at()
        if assign_to is not None:
            case.assigned_reviewer = assign_to
        if case.status == CaseStatus.RECOMMENDATION_READY:
            # The stored recommendation was computed from the old content: run it again before deciding.
            case.transition_to(CaseStatus.IN_REVIEW)
        case.save()
        case.diagnoses.all().delete()
        case.visits.all().delete()
        case.prior_episodes.all().delete()
        ServiceRequest.objects.filter(case=case).delete()
        ClinicalReview.objects.filter(case=case).delete()
    else:
        case = Case.objects.create(reference=reference, assigned_reviewer=assign_to, **fields)

    Diagnosis.objects.bulk_create(
        Diagnosis(
            case=case,
            code=normalize_icd10(dx["code"]),
            description=icd10_description(dx["code"])[:300],
            primary=dx["primary"],
            position=index,
        )
        for index, dx in enumerate(data["diagnoses"])
    )
    r = data["request"]
    ServiceRequest.objects.create(
        case=case,
        services=[s["code"] for s in r["services"]],
        visits=r["visits"],
        frequency_per_week=r.get("frequency_per_week"),
        duration_weeks=r.get("duration_weeks"),
        start_date=parse_date(r["start_date"]),
        end_date=parse_date(r["end_date"]),
        planned_frequency_per_week=r.get("planned_frequency_per_week"),
        planned_duration_weeks=r.get("planned_duration_weeks"),
    )
    PriorEpisode.objects.bulk_create(
        PriorEpisode(
            case=case,
            start_date=parse_date(e["start_date"]),
            end_date=parse_date(e["end_date"]),
            visits=e["visits"],
            discharge_function_pct=e.get("discharge_function_pct"),
            discharge_note=e.get("discharge_note"),
            page=e.get("page"),
        )
        for e in data.get("prior_episodes") or []
    )
    Visit.objects.bulk_create(
        Visit(
            case=case,
            date=parse_date(v["date"]),
            kind=v["kind"],
            services=list(v.get("services") or []),
            pain_nprs=v.get("pain_nprs"),
            function_pct=v.get("function_pct"),
            side_documented=v.get("side_documented"),
            note=v.get("note"),
            page=v.get("page"),
        )
        for v in data.get("visits") or []
    )
    _create_review(case, data.get("documentation") or {})
    return case


def _create_review(case: Case, doc: dict[str, Any]) -> ClinicalReview:
    goals = doc.get("goals") or {}
    return ClinicalReview.objects.create(
        case=case,
        functional_deficits=list(doc.get("functional_deficits") or []),
        objective_impairments=list(doc.get("objective_impairments") or []),
        reported_improvement_pct=doc.get("reported_improvement_pct"),
        goals_short_term_met=goals.get("short_term_met"),
        goals_short_term_total=goals.get("short_term_total"),
        goals_long_term_met=goals.get("long_term_met"),
        goals_long_term_total=goals.get("long_term_total"),
        participation=doc.get("participation"),
        adherence=doc.get("adherence"),
        outcome_measures=[dict(m) for m in doc.get("outcome_measures") or []],
        strength_measured_objectively=doc.get("strength_measured_objectively"),
        exercise_parameters_documented=doc.get("exercise_parameters_documented"),
        gap_explanation=doc.get("gap_explanation"),
        evidence=[dict(e) for e in doc.get("evidence") or []],
        prefilled_fields=[name for name in DOCUMENTATION_FIELDS if _supplied(doc.get(name))],
    )


@transaction.atomic
def case_withdraw(*, case: Case, actor: Any, source: str) -> Case:
    """The requester withdrew (cancelled) an undecided request: the case leaves the queue. Audited."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case.can_transition_to(CaseStatus.WITHDRAWN):
        raise ValidationError({"case": f"A {case.get_status_display().lower()} case cannot be withdrawn."})
    old = case.transition_to(CaseStatus.WITHDRAWN)
    case.save(update_fields=["status", "updated_at"])
    record_event("case.withdrawn", actor=actor, obj=case, summary={"from": old, "to": case.status, "source": source})
    return case


# ------------------------------------------------------------------ export


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def export_case_dict(case: Case) -> dict[str, Any]:
    """The case as a ur-case/1 dict (no `expected` block). Four queries, whatever the number of visits."""
    case = (
        Case.objects.select_related("member", "provider", "request", "clinical_review")
        .prefetch_related("diagnoses", "visits", "prior_episodes")
        .get(pk=case.pk)
    )
    member, provider = case.member, case.provider
    data: dict[str, Any] = {
        "format": FORMAT,
        "reference": case.reference,
        "review_type": case.review_type,
        "urgency": case.urgency,
        "received_at": case.received_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "member": {
            "member_id": member.member_id,
            "given_name": member.given_name,
            "family_name": member.family_name,
            "birth_date": member.birth_date.isoformat() if member.birth_date else None,
            "sex": member.sex,
            "plan": member.plan,
        },
        "requesting_provider": {"name": provider.name, "npi": provider.npi, "specialty": provider.specialty or None},
        "diagnoses": [{"code": dx.code, "primary": dx.primary} for dx in case.diagnoses.all()],
    }
    request = case.request if _has(case, "request") else None
    if request is not None:
        data["request"] = {
            "services": [{"code": code} for code in request.services],
            "visits": request.visits,
            "frequency_per_week": request.frequency_per_week,
            "duration_weeks": request.duration_weeks,
            "start_date": request.start_date.isoformat(),
            "end_date": request.end_date.isoformat(),
            "planned_frequency_per_week": request.planned_frequency_per_week,
            "planned_duration_weeks": request.planned_duration_weeks,
        }
    data["clinical"] = {
        "onset": case.onset,
        "onset_date": _iso(case.onset_date),
        "mechanism": case.mechanism,
        "surgery": case.surgery,
        "symptom_duration_months": case.symptom_duration_months,
        "activity_level": case.activity_level,
        "affected_side": case.affected_side,
        "irritability": case.irritability,
        "red_flags": list(case.red_flags or []),
        "imaging": list(case.imaging or []),
    }
    data["prior_episodes"] = [
        {
            "start_date": e.start_date.isoformat(),
            "end_date": e.end_date.isoformat(),
            "visits": e.visits,
            "discharge_function_pct": e.discharge_function_pct,
            "discharge_note": e.discharge_note,
            "page": e.page,
        }
        for e in case.prior_episodes.all()
    ]
    data["visits"] = [
        {
            "date": v.date.isoformat(),
            "kind": v.kind,
            "services": list(v.services or []),
            "pain_nprs": v.pain_nprs,
            "function_pct": v.function_pct,
            "side_documented": v.side_documented,
            "note": v.note,
            "page": v.page,
        }
        for v in case.visits.all()
    ]
    review = case.clinical_review if _has(case, "clinical_review") else None
    if review is not None:
        goal_values = [getattr(review, f"goals_{key}") for key in GOAL_KEYS]
        data["documentation"] = {
            "functional_deficits": list(review.functional_deficits or []),
            "objective_impairments": list(review.objective_impairments or []),
            "reported_improvement_pct": review.reported_improvement_pct,
            "goals": dict(zip(GOAL_KEYS, goal_values, strict=True)) if None not in goal_values else None,
            "participation": review.participation,
            "adherence": review.adherence,
            "outcome_measures": [dict(m) for m in review.outcome_measures or []],
            "strength_measured_objectively": review.strength_measured_objectively,
            "exercise_parameters_documented": review.exercise_parameters_documented,
            "gap_explanation": review.gap_explanation,
            "evidence": [dict(e) for e in review.evidence or []],
        }
    return data


def _has(case: Case, relation: str) -> bool:
    """Whether a reverse one-to-one (already loaded by select_related) exists, without a query."""
    try:
        getattr(case, relation)
    except (ServiceRequest.DoesNotExist, ClinicalReview.DoesNotExist):
        return False
    return True
