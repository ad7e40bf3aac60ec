"""Assigning cases to reviewers (supervisors only; audited)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.roles import REVIEWER, SUPERVISOR, is_supervisor
from audit.services import record_event

from ..models import Case


@transaction.atomic
def case_assign(*, case: Case, reviewer: Any, actor: Any) -> Case:
    """Assign (or reassign) `case` to `reviewer`; writes `case.assigned` with old and new user ids."""
    if not is_supervisor(actor):
        raise PermissionDenied("Only supervisors assign cases.")
    if (
        reviewer is None
        or not reviewer.is_active
        or not reviewer.groups.filter(name__in=[REVIEWER, SUPERVISOR]).exists()
    ):
        raise ValidationError({"reviewer": "Choose an active reviewer."})
    locked = Case.objects.select_for_update().get(pk=case.pk)
    old_id = locked.assigned_reviewer_id
    if old_id == reviewer.pk:
        return locked
    locked.assigned_reviewer = reviewer
    locked.save(update_fields=["assigned_reviewer", "updated_at"])
    record_event(
        "case.assigned",
        actor=actor,
        obj=locked,
        summary={"from_user_id": old_id, "to_user_id": reviewer.pk, "reference": locked.reference},
    )
    case.assigned_reviewer = reviewer
    return locked
