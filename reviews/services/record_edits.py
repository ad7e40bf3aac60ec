"""Services: corrections to a case's record outside the review form (the admin uses these).

A decided case's record is frozen: its determination and signed letter were made on it. Otherwise a
change goes through the same checks as an import (a billable ICD-10-CM code, named in the error)
and makes a ready recommendation stale: the case goes back to in review until the engine runs again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from audit.services import record_event

from ..case_format import icd10_description, icd10_problem, normalize_icd10
from ..models import Case, CaseStatus, Diagnosis

DECIDED_STATUSES = (CaseStatus.DETERMINED, CaseStatus.AMENDED)
# Case fields the engine's facts are built from (reviews.facts.facts_from_case); others (the
# assignment, say) do not make a recommendation stale.
CASE_FACT_FIELDS = frozenset(
    {
        "reference",
        "review_type",
        "urgency",
        "received_at",
        "member",
        "onset",
        "onset_date",
        "mechanism",
        "surgery",
        "symptom_duration_months",
        "activity_level",
        "affected_side",
        "irritability",
        "red_flags",
        "imaging",
    }
)


def case_is_decided(case: Case) -> bool:
    """Determined or amended, or carrying a determination (a reopened case included)."""
    return case.status in DECIDED_STATUSES or case.determinations.exists()


def record_locked_reason(case: Case) -> str:
    """Why the record of `case` cannot be changed ('' when it can)."""
    if case_is_decided(case):
        return (
            f"Case {case.reference} is decided ({case.get_status_display().lower()}): its record is frozen "
            "with the determination and letter made on it."
        )
    return ""


def diagnosis_code_problem(code: str) -> str | None:
    """None for a billable ICD-10-CM code, else why not (the importer's check)."""
    return icd10_problem(code or "")


def _prepare(obj: Model, fields: set[str]) -> None:
    if isinstance(obj, Diagnosis):
        problem = diagnosis_code_problem(obj.code)
        if problem:
            raise ValidationError({"code": f"{problem}."})
        normal = normalize_icd10(obj.code)
        if normal != obj.code or "code" in fields or not obj.description:
            obj.code = normal
            obj.description = icd10_description(normal)[:300]
    if isinstance(obj, Case) and {"urgency", "received_at"} & fields:
        obj.due_at = obj.compute_due_at()


@transaction.atomic
def record_change(*, case: Case, obj: Model, actor: Any, fields: Iterable[str] = (), delete: bool = False) -> Model:
    """Save (or delete) `obj`, the case itself or one row of its record: refused on a decided case,
    checked, audited; a recommendation ready on the old record becomes stale (case back to in review)."""
    changed = sorted(set(fields))
    case = Case.objects.select_for_update().get(pk=case.pk)
    reason = record_locked_reason(case)
    if reason:
        raise ValidationError(reason)
    created = obj.pk is None
    if delete:
        record_event("admin.deleted", actor=actor, obj=obj, summary={"pk": obj.pk})
        obj.delete()
    else:
        _prepare(obj, set(changed))
        obj.save()
    if isinstance(obj, Case):
        case = obj  # the saved instance carries the status the transition below moves
    summary: dict[str, Any] = {"fields": changed}
    facts_changed = delete or created or bool(set(changed) & CASE_FACT_FIELDS if isinstance(obj, Case) else changed)
    if facts_changed and case.status == CaseStatus.RECOMMENDATION_READY:
        old = case.transition_to(CaseStatus.IN_REVIEW)
        case.save(update_fields=["status", "updated_at"])
        summary["status"] = {"from": old, "to": case.status}
    if not delete:
        record_event("admin.created" if created else "admin.changed", actor=actor, obj=obj, summary=summary)
    elif "status" in summary:
        record_event("admin.changed", actor=actor, obj=case, summary=summary)
    return obj
