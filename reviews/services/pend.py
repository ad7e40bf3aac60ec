"""Service: 'request more information' pends a case with the list of missing items."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.services import record_event

from ..models import Case, CaseStatus, PendRequest
from ..signals import case_pended

MAX_ITEMS = 30
MAX_ITEM_CHARS = 500


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


@transaction.atomic
def case_pend(*, case: Case, actor: Any, items: list[str]) -> PendRequest:
    """Pend `case` for the listed missing information (case -> pended, audit `case.pended`)."""
    cleaned = clean_pend_items(items)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case.can_transition_to(CaseStatus.PENDED):
        raise ValidationError(
            {"items": f"A case that is '{case.get_status_display()}' cannot be pended for information."}
        )
    old = case.transition_to(CaseStatus.PENDED)
    case.save(update_fields=["status", "updated_at"])
    pend = PendRequest.objects.create(case=case, items=cleaned, requested_by=actor)
    record_event(
        "case.pended",
        actor=actor,
        obj=case,
        summary={"from": old, "to": case.status, "pend_request": pend.pk, "items": len(cleaned)},
    )
    case_pended.send(sender=PendRequest, case=case, pend_request=pend)
    return pend
