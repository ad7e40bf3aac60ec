"""Assigning cases to reviewers (supervisors and intake coordinators; audited)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q

from accounts.roles import REVIEWER, SUPERVISOR, is_intake, is_supervisor
from audit.services import record_event

from ..models import Case
from ..models.cases import OPEN_STATUSES


def least_loaded_reviewer() -> Any:
    """The active reviewer with the fewest open cases (ties: the lowest id), or None."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=REVIEWER)
        .distinct()
        .annotate(open_cases=Count("assigned_cases", filter=Q(assigned_cases__status__in=OPEN_STATUSES), distinct=True))
        .order_by("open_cases", "pk")
    )
    return users.first()


@transaction.atomic
def case_assign(*, case: Case, reviewer: Any, actor: Any, auto: bool = False) -> Case:
    """Assign (or reassign) `case` to `reviewer`; writes `case.assigned` with old and new user ids
    (and `auto` when the reviewer was picked as the one with the least open work)."""
    if not (is_supervisor(actor) or is_intake(actor)):
        raise PermissionDenied("Only supervisors and intake coordinators assign cases.")
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
        summary={"from_user_id": old_id, "to_user_id": reviewer.pk, "reference": locked.reference, "auto": auto},
    )
    case.assigned_reviewer = reviewer
    return locked
