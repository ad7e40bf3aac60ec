"""Services: findings suggested from the record (extraction/), and a person's accept / edit / reject.

A suggestion reaches the structured review only when a reviewer accepts (or edits) it: then it is
saved through clinical_review_save (so it counts as confirmed by that person) and its page becomes
the finding's evidence. The engine reads the review, never the suggestions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.services import record_event
from vocabulary import FINDING_LABELS

from ..models import Case, ClinicalDocument, ClinicalReview
from ..models.documents import SuggestionDecision
from .documents import record_page_offsets
from .reviews import clinical_review_attach_evidence, clinical_review_save

# source path prefix -> the review finding it suggests
_FINDINGS = {
    "documentation.functional_deficits": "functional_deficits",
    "documentation.objective_impairments": "objective_impairments",
    "documentation.reported_improvement_pct": "reported_improvement_pct",
    "documentation.goals": "goals",
    "documentation.outcome_measures": "outcome_measures",
    "documentation.strength_measured_objectively": "strength_measured_objectively",
    "documentation.exercise_parameters_documented": "exercise_parameters_documented",
    "documentation.gap_explanation": "gap_explanation",
    "clinical.red_flags": "red_flags",
}
_EDITABLE = {
    "functional_deficits",
    "objective_impairments",
    "reported_improvement_pct",
    "gap_explanation",
    "outcome_measures",
}


@dataclass(frozen=True)
class Suggestion:
    key: str
    finding: str
    label: str
    value: Any
    display: str
    page: int  # record page (1-based, across the case's documents)
    document: ClinicalDocument
    document_page: int
    quote: str
    status: str  # pending | accepted | edited | rejected
    editable: bool


def _resolve(payload: dict[str, Any], path: str) -> Any:
    node: Any = payload
    for part in re.split(r"[.\[\]]+", path):
        if part == "":
            continue
        node = node[int(part)] if part.isdigit() else node[part]
    return node


def _display(finding: str, value: Any) -> str:
    if finding == "goals" and isinstance(value, dict):
        return (
            f"STG {value['short_term_met']}/{value['short_term_total']} met, "
            f"LTG {value['long_term_met']}/{value['long_term_total']} met"
        )
    if finding == "outcome_measures" and isinstance(value, dict):
        return f"{value['name']} {value['score']} on {value['date']}"
    if finding == "reported_improvement_pct":
        return f"{value}% improvement"
    if value is True:
        return "documented"
    return str(value).replace("_", " ") if finding == "red_flags" else str(value)


def case_suggestions(case: Case) -> list[Suggestion]:
    """Every documentation / red-flag suggestion of the case's read documents, with its decision."""
    offsets = record_page_offsets(case)
    decided = dict(SuggestionDecision.objects.filter(case=case).values_list("key", "status"))
    out: list[Suggestion] = []
    seen: set[str] = set()
    docs = case.documents.filter(extraction_status=ClinicalDocument.ExtractionStatus.DONE).order_by("uploaded_at", "id")
    for doc in docs:
        payload = doc.suggestions or {}
        for src in payload.get("sources", []):
            path = str(src.get("path", ""))
            prefix = re.sub(r"\[\d+\]$", "", path)
            finding = _FINDINGS.get(prefix)
            if finding is None:
                continue
            try:
                value = (
                    True
                    if finding in ("strength_measured_objectively", "exercise_parameters_documented")
                    else _resolve(payload, path)
                )
            except (KeyError, IndexError, TypeError, ValueError):
                continue
            page = offsets.get(doc.pk, 0) + int(src["page"])
            key = f"{doc.public_id}:{path}:{src['page']}"
            if key in seen:
                continue
            seen.add(key)
            out.append(
                Suggestion(
                    key=key,
                    finding=finding,
                    label=FINDING_LABELS.get(finding, finding),
                    value=value,
                    display=_display(finding, value),
                    page=page,
                    document=doc,
                    document_page=int(src["page"]),
                    quote=str(src.get("quote", "")),
                    status=decided.get(key, "pending"),
                    editable=finding in _EDITABLE,
                )
            )
    return out


def _edited(finding: str, value: Any, text: str) -> Any:
    text = (text or "").strip()
    if finding in ("functional_deficits", "objective_impairments", "gap_explanation"):
        if not text:
            raise ValidationError({"value": "Enter the finding as the record states it."})
        return text[:300] if finding != "gap_explanation" else text[:5000]
    if finding == "reported_improvement_pct":
        if not text.isdigit() or not 0 <= int(text) <= 100:
            raise ValidationError({"value": "Enter a whole percentage from 0 to 100."})
        return int(text)
    if finding == "outcome_measures":
        try:
            score = float(text)
        except ValueError as exc:
            raise ValidationError({"value": "Enter the measure's score as a number."}) from exc
        return {**value, "score": int(score) if score.is_integer() else score}
    raise ValidationError({"value": "This suggestion cannot be edited; accept or reject it."})


@transaction.atomic
def suggestion_decide(*, case: Case, actor: Any, key: str, action: str, value: str = "") -> SuggestionDecision:
    """Accept, edit or reject one suggestion. Accepted values go into the review, with their page."""
    if action not in ("accept", "edit", "reject"):
        raise ValidationError({"action": "Choose accept, edit or reject."})
    item = next((s for s in case_suggestions(case) if s.key == key), None)
    if item is None:
        raise ValidationError({"key": "This suggestion is no longer in the record."})
    if item.status != "pending":
        raise ValidationError({"key": f"This suggestion was already {item.status}."})
    new_value = item.value
    if action == "edit":
        new_value = _edited(item.finding, item.value, value)
    if action != "reject":
        review = ClinicalReview.objects.filter(case=case).first() or ClinicalReview(case=case)
        data: dict[str, Any] = {}
        f = item.finding
        if f in ("functional_deficits", "objective_impairments", "outcome_measures"):
            current = list(getattr(review, f) or [])
            data[f] = current if new_value in current else [*current, new_value]
        elif f == "goals":
            data.update({f"goals_{k}": int(v) for k, v in new_value.items()})
        elif f == "red_flags":
            flags = list(case.red_flags or [])
            data["red_flags"] = flags if new_value in flags else [*flags, new_value]
        else:
            data[f] = new_value
        clinical_review_save(case=case, actor=actor, data=data)
        if f != "red_flags":
            clinical_review_attach_evidence(case=case, actor=actor, finding=f, page=item.page)
    status = {"accept": "accepted", "edit": "edited", "reject": "rejected"}[action]
    decision = SuggestionDecision.objects.create(
        case=case,
        key=key,
        finding=item.finding,
        page=item.page,
        status=status,
        value=None if action == "reject" else new_value,
        decided_by=actor,
    )
    record_event(
        f"suggestion.{status}",
        actor=actor,
        obj=case,
        summary={"finding": item.finding, "page": item.page, "source": key.split(":", 1)[1]},
    )
    return decision
