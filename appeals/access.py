"""Who may do what in appeals, and access-checked getters (every lookup in a view goes through here)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import Http404

from accounts.roles import is_appeals_reviewer, is_auditor, is_intake, is_reviewer, is_supervisor
from audit.services import record_event

from .models import Appeal, PeerToPeer


def can_record_requests(user: Any) -> bool:
    """Supervisors and intake staff record peer-to-peer requests, appeals they receive."""
    return is_supervisor(user) or is_intake(user)


def can_list_appeals(user: Any) -> bool:
    return is_supervisor(user) or is_intake(user) or is_auditor(user) or is_appeals_reviewer(user)


def can_read_appeal(user: Any, appeal: Appeal) -> bool:
    if is_supervisor(user) or is_auditor(user) or is_intake(user):
        return True
    return appeal.reviewer_id is not None and appeal.reviewer_id == user.pk


def get_appeal_for_user(user: Any, public_id: UUID | str, *, view: str) -> Appeal:
    """The appeal if `user` may see it, 404 otherwise; a granted lookup audits the view (PHI)."""
    try:
        appeal = Appeal.objects.select_related(
            "case", "case__member", "case__provider", "original_case", "contested", "contested__reviewer", "reviewer"
        ).get(public_id=public_id)
    except (Appeal.DoesNotExist, ValueError) as exc:
        raise Http404("No such appeal") from exc
    if not can_read_appeal(user, appeal):
        record_event("appeal.access_denied", actor=user, obj=appeal.case, summary={"appeal_id": appeal.pk})
        raise Http404("No such appeal")
    record_event("case.viewed", actor=user, obj=appeal.case, summary={"view": view, "appeal_id": appeal.pk})
    return appeal


def can_read_p2p(user: Any, p2p: PeerToPeer) -> bool:
    if is_supervisor(user) or is_auditor(user) or is_intake(user):
        return True
    return p2p.peer_id == user.pk


def get_p2p_for_user(user: Any, public_id: UUID | str, *, view: str) -> PeerToPeer:
    """The peer-to-peer if `user` may see it (supervisor, intake, auditor, or the peer), 404 otherwise."""
    try:
        p2p = PeerToPeer.objects.select_related("case", "case__member", "peer", "determination").get(
            public_id=public_id
        )
    except (PeerToPeer.DoesNotExist, ValueError) as exc:
        raise Http404("No such peer-to-peer") from exc
    if not can_read_p2p(user, p2p):
        record_event("p2p.access_denied", actor=user, obj=p2p.case, summary={"p2p_id": p2p.pk})
        raise Http404("No such peer-to-peer")
    record_event("case.viewed", actor=user, obj=p2p.case, summary={"view": view, "p2p_id": p2p.pk})
    return p2p


def can_conduct_p2p(user: Any) -> bool:
    return is_reviewer(user) or is_supervisor(user) or is_appeals_reviewer(user)
