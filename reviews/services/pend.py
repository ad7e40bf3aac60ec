"""Service: pend as a workflow.

- `case_pend`: 'request more information' pends a case with the list of missing items; the clock
  follows the line of business (reviews.pend_clock: Medicare Advantage / Medicaid extend the due time
  by up to 14 days once, commercial tolls it) and a signed request-for-information notice to the
  provider is issued after commit (reviews.services.information_requests, a task).
- `case_information_received`: the information arrived (with the new documents, stored by the
  record upload service): the pend is resolved, the tolled time added to the due time, and the case
  is back in review with its recommendation stale (run it again to decide). Re-running the
  recommendation no longer resolves a pend by itself.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.services import record_event

from ..models import Case, CaseStatus, PendRequest
from ..pend_clock import clock_on_request, due_on_receipt
from ..signals import case_pended
from ..tasks.letters import issue_information_request_task
from .documents import document_upload

MAX_ITEMS = 30
MAX_ITEM_CHARS = 500
MAX_FILES = 10


def clean_pend_items(items: list[str]) -> list[str]:
    """Strip, drop blanks and duplicates; raise ValidationError naming `items` when unusable."""
    cleaned: list[str] = []
    for raw in items:
        item = " ".join(str(raw).split())
        if item and item not in cleaned:
            cleaned.append(item)
    if not cleaned:
        raise ValidationError({"items": "List at least one item of information to request."})
    if len(cleaned) > MAX_ITEMS:
        raise ValidationError({"items": f"List at most {MAX_ITEMS} items."})
    too_long = [i for i, item in enumerate(cleaned, 1) if len(item) > MAX_ITEM_CHARS]
    if too_long:
        raise ValidationError({"items": f"Item {too_long[0]} is longer than {MAX_ITEM_CHARS} characters."})
    return cleaned


def open_pend_of(case: Case) -> PendRequest | None:
    return case.pend_requests.filter(resolved_at__isnull=True).first()


@transaction.atomic
def case_pend(*, case: Case, actor: Any, items: list[str]) -> PendRequest:
    """Pend `case` for the listed missing information (case -> pended, audit `case.pended`), move the
    due time as the line of business's rule says, and issue the signed notice after commit."""
    cleaned = clean_pend_items(items)
    case = Case.objects.select_for_update().select_related("member").get(pk=case.pk)
    if not case.can_transition_to(CaseStatus.PENDED):
        raise ValidationError(
            {"items": f"A case that is '{case.get_status_display()}' cannot be pended for information."}
        )
    now = timezone.now()
    clock = clock_on_request(
        line_of_business=case.line_of_business,
        urgency=case.urgency,
        due_at=case.due_at,
        requested_at=now,
        already_extended=case.due_at > case.compute_due_at(),
    )
    old = case.transition_to(CaseStatus.PENDED)
    case.due_at = clock.due_after
    case.save(update_fields=["status", "due_at", "updated_at"])
    pend = PendRequest.objects.create(
        case=case,
        items=cleaned,
        requested_by=actor,
        requested_at=now,
        clock_rule=clock.rule.kind,
        due_before=clock.due_before,
        due_after=clock.due_after,
        respond_by=clock.respond_by,
    )
    record_event(
        "case.pended",
        actor=actor,
        obj=case,
        summary={
            "from": old,
            "to": case.status,
            "pend_request": pend.pk,
            "items": len(cleaned),
            "clock_rule": clock.rule.kind,
            "due_before": clock.due_before.isoformat(),
            "due_after": clock.due_after.isoformat(),
            "respond_by": clock.respond_by.isoformat(),
        },
    )
    case_pended.send(sender=PendRequest, case=case, pend_request=pend)
    issue_information_request_task.delay_on_commit(pend.pk)
    return pend


@transaction.atomic
def case_information_received(*, case: Case, actor: Any, files: list[Any], note: str = "") -> PendRequest:
    """The information asked for arrived: store `files` as record documents (the upload service),
    resolve the open pend, add the tolled time to the due time, case -> in review (the recommendation
    is stale: run it again). Audit `case.information_received`. Nothing is saved when a file is refused."""
    locked = Case.objects.select_for_update().select_related("member").get(pk=case.pk)
    pend = PendRequest.objects.select_for_update().filter(case=locked, resolved_at__isnull=True).first()
    if locked.status != CaseStatus.PENDED or pend is None:
        raise ValidationError({"files": "The case is not pended for information."})
    if len(files) > MAX_FILES:
        raise ValidationError({"files": f"Upload at most {MAX_FILES} files at a time."})
    documents = [document_upload(case=locked, actor=actor, uploaded_file=f) for f in files]
    now = timezone.now()
    due_before = locked.due_at
    locked.due_at = due_on_receipt(
        line_of_business=locked.line_of_business,
        urgency=locked.urgency,
        due_at=locked.due_at,
        requested_at=pend.requested_at,
        received_at=now,
    )
    old = locked.transition_to(CaseStatus.IN_REVIEW)
    locked.save(update_fields=["status", "due_at", "updated_at"])
    pend.resolved_at, pend.resolved_by = now, actor
    pend.received_documents = [d.pk for d in documents]
    pend.save(update_fields=["resolved_at", "resolved_by", "received_documents"])
    record_event(
        "case.information_received",
        actor=actor,
        obj=locked,
        summary={
            "pend_request": pend.pk,
            "documents": [str(d.public_id) for d in documents],
            "from": old,
            "to": locked.status,
            "due_before": due_before.isoformat(),
            "due_after": locked.due_at.isoformat(),
            "recommendation": "stale",
        },
    )
    case.status, case.due_at = locked.status, locked.due_at
    return pend
