"""Services: the reviewer's structured review (the `documentation` block) and its evidence pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.services import record_event
from vocabulary import FINDING_LABELS, REVIEW_FIELDS

from ..models import Case, CaseStatus, ClinicalReview, ReviewDraft

CASE_FIELDS = ("red_flags", "irritability")
IRRITABILITY_VALUES = {"low", "moderate", "high"}


def finding_key(name: str) -> str:
    """The documentation key a stored field belongs to (goal counts all belong to `goals`)."""
    return "goals" if name.startswith("goals_") else name


def _check_editable(case: Case) -> None:
    if not case.is_open:
        raise ValidationError(f"This case is '{case.get_status_display()}': its review can no longer be edited.")


def _start_review(case: Case, *, changed: bool) -> tuple[str, str] | None:
    """Saving a review starts work on a received/reopened case; a changed review makes a ready
    recommendation stale, so the case goes back to in_review until the engine runs again."""
    if case.status in (CaseStatus.RECEIVED, CaseStatus.REOPENED) or (
        changed and case.status == CaseStatus.RECOMMENDATION_READY
    ):
        old = case.transition_to(CaseStatus.IN_REVIEW)
        return old, case.status
    return None


def _check_pages_in_record(case: Case, pages: list[Any], *, field: str = "evidence") -> None:
    """Evidence names record pages: once a record is uploaded, a page beyond its end is refused.

    (A case imported without its record may carry the page numbers of the faxed original.)
    """
    from .documents import record_page_count

    total = record_page_count(case)
    if not total:
        return
    beyond = sorted({p for p in pages if isinstance(p, int) and p > total})
    if beyond:
        listed = ", ".join(str(p) for p in beyond)
        raise ValidationError(
            {field: f"The record has {total} page{'s' if total != 1 else ''}; page {listed} is not in it."}
        )


@transaction.atomic
def clinical_review_save(*, case: Case, actor: Any, data: dict[str, Any], confirm: bool = False) -> ClinicalReview:
    """Save the structured review as a draft (and, with confirm=True, confirm every pre-filled value)."""
    unknown = sorted(set(data) - set(REVIEW_FIELDS) - set(CASE_FIELDS))
    if unknown:
        raise ValidationError({name: "This is not a field of the review." for name in unknown})
    case = Case.objects.select_for_update().get(pk=case.pk)
    _check_editable(case)
    if "evidence" in data:
        _check_pages_in_record(case, [e.get("page") for e in data["evidence"] or [] if isinstance(e, dict)])
    review, _ = ClinicalReview.objects.get_or_create(case=case)

    changed: list[str] = []
    for name in REVIEW_FIELDS:
        if name in data and getattr(review, name) != data[name]:
            setattr(review, name, data[name])
            changed.append(name)
    case_changed: list[str] = []
    if "red_flags" in data:
        flags = [str(f) for f in data["red_flags"] or []]
        if flags != list(case.red_flags or []):
            case.red_flags = flags
            case_changed.append("red_flags")
    if "irritability" in data:
        value = data["irritability"] or None
        if value is not None and value not in IRRITABILITY_VALUES:
            raise ValidationError({"irritability": "Choose low, moderate or high."})
        if value != case.irritability:
            case.irritability = value
            case_changed.append("irritability")
    changed += case_changed

    touched = {finding_key(n) for n in changed} | set(changed)
    prefilled_before = list(review.prefilled_fields or [])
    review.prefilled_fields = [p for p in prefilled_before if p not in touched and finding_key(p) not in touched]
    if confirm:
        review.prefilled_fields = []
        review.confirmed_by = actor
        review.confirmed_at = timezone.now()
    review.full_clean(exclude=["case", "confirmed_by"])
    review.save()

    transition = _start_review(case, changed=bool(changed))
    if case_changed or transition:
        case.full_clean(exclude=["member", "provider", "assigned_reviewer", "due_at"])
        case.save()
    summary: dict[str, Any] = {"fields": changed, "confirmed": confirm}
    if confirm:
        summary["prefilled_confirmed"] = sorted(set(prefilled_before) - touched)
    if transition:
        summary["status"] = {"from": transition[0], "to": transition[1]}
    ReviewDraft.objects.filter(case=case, user=actor).delete()
    record_event("review.saved", actor=actor, obj=case, summary=summary)
    return review


MAX_DRAFT_FIELDS = 200
MAX_DRAFT_CHARS = 200_000


@transaction.atomic
def review_draft_autosave(*, case: Case, actor: Any, data: dict[str, str], allowed: set[str]) -> ReviewDraft:
    """Keep what the reviewer typed (raw form values, valid or not) until the review is saved.

    `allowed` is the set of the form's field names; anything else is dropped. The draft holds
    PHI, so it lives in the database (never in the browser's storage) and is audited.
    """
    _check_editable(case)
    values = {k: str(v) for k, v in data.items() if k in allowed}
    if len(values) > MAX_DRAFT_FIELDS or sum(len(v) for v in values.values()) > MAX_DRAFT_CHARS:
        raise ValidationError("The draft is too large to keep; save the review instead.")
    draft, created = ReviewDraft.objects.update_or_create(case=case, user=actor, defaults={"data": values})
    record_event("review.draft_autosaved", actor=actor, obj=case, summary={"fields": len(values), "created": created})
    return draft


def review_draft_for(case: Case, user: Any) -> ReviewDraft | None:
    """The user's unsaved draft of this case's review, when it is newer than the saved review."""
    draft = ReviewDraft.objects.filter(case=case, user=user).first()
    if draft is None:
        return None
    saved = ClinicalReview.objects.filter(case=case).values_list("updated_at", flat=True).first()
    if saved is not None and saved >= draft.updated_at:
        return None
    return draft


@transaction.atomic
def review_draft_discard(*, case: Case, actor: Any) -> int:
    deleted, _ = ReviewDraft.objects.filter(case=case, user=actor).delete()
    if deleted:
        record_event("review.draft_discarded", actor=actor, obj=case)
    return deleted


@transaction.atomic
def clinical_review_attach_evidence(*, case: Case, actor: Any, finding: str, page: int) -> ClinicalReview:
    """Add {finding, page} to the review's evidence (no duplicate)."""
    if finding not in FINDING_LABELS:
        raise ValidationError({"finding": "Choose one of the review's findings."})
    if not isinstance(page, int) or page < 1:
        raise ValidationError({"page": "The page must be a record page number."})
    case = Case.objects.select_for_update().get(pk=case.pk)
    _check_editable(case)
    _check_pages_in_record(case, [page], field="page")
    review, _ = ClinicalReview.objects.get_or_create(case=case)
    item = {"finding": finding, "page": page}
    evidence = list(review.evidence or [])
    added = item not in evidence
    if added:
        evidence.append(item)
        review.evidence = evidence
        review.prefilled_fields = [p for p in review.prefilled_fields or [] if p != "evidence"]
        review.save()
        transition = _start_review(case, changed=True)
        if transition:
            case.save(update_fields=["status", "updated_at"])
    record_event("review.evidence_attached", actor=actor, obj=case, summary={**item, "added": added})
    return review
