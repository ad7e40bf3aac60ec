"""Access-checked getters: every case lookup in a view goes through here."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import Http404

from accounts.roles import is_auditor, is_intake, is_supervisor
from audit.services import record_event

from .models import Case


def can_read_case(user: Any, case: Case) -> bool:
    # Intake staff create cases and record peer-to-peer requests and appeals on them.
    if is_supervisor(user) or is_auditor(user) or is_intake(user):
        return True
    return case.assigned_reviewer_id is not None and case.assigned_reviewer_id == user.pk


def can_write_case(user: Any, case: Case) -> bool:
    """Auditors are read-only; supervisors and the assigned reviewer may work the case."""
    if is_supervisor(user):
        return True
    return case.assigned_reviewer_id is not None and case.assigned_reviewer_id == user.pk


def get_case_for_user(user: Any, public_id: UUID | str, *, write: bool = False, audit_view: bool = False) -> Case:
    """The case if `user` may see it (and, with write=True, change it); 404 otherwise.

    A refused lookup writes a `case.access_denied` audit event and nothing else. With
    `audit_view=True` a granted lookup writes `case.viewed` (PHI access).
    """
    try:
        case = Case.objects.select_related("member", "provider", "assigned_reviewer").get(public_id=public_id)
    except (Case.DoesNotExist, ValueError) as exc:
        raise Http404("No such case") from exc
    allowed = can_write_case(user, case) if write else can_read_case(user, case)
    if not allowed:
        record_event("case.access_denied", actor=user, obj=case, summary={"write": write})
        raise Http404("No such case")
    if audit_view:
        record_event("case.viewed", actor=user, obj=case)
    return case


def get_case_for_view(user: Any, public_id: UUID | str, *, view: str) -> Case:
    """`get_case_for_user` for a page or tab that shows the case: writes `case.viewed` naming the view."""
    case = get_case_for_user(user, public_id)
    record_event("case.viewed", actor=user, obj=case, summary={"view": view})
    return case
