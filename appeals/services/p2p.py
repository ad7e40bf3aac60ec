"""Peer-to-peer: request with call windows, missed windows, the discussion and its outcome."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from audit.services import record_event
from reviews.models import Case, Determination
from reviews.models.cases import CaseStatus
from reviews.models.decisions import DeterminationStatus

from .. import config
from ..access import can_conduct_p2p, can_record_requests
from ..models import P2POutcome, P2PStatus, P2PWindow, PeerToPeer, WindowStatus
from ..rules import p2p_peer_refusals
from ._common import candidate_for, specialty_of

MIN_WINDOWS = 2
DECIDED = (CaseStatus.DETERMINED, CaseStatus.AMENDED)


def current_determination(case: Case) -> Determination | None:
    """The case's determination in force (the latest, not superseded), if the case is decided."""
    return (
        case.determinations.exclude(status=DeterminationStatus.SUPERSEDED).order_by("-version").first()
        if case.status in DECIDED
        else None
    )


@transaction.atomic
def p2p_request(
    *,
    case: Case,
    actor: Any,
    peer: Any,
    provider_contact: str,
    provider_phone: str,
    windows: list[tuple[datetime, datetime]],
    requested_at: datetime | None = None,
) -> PeerToPeer:
    """Record a provider's request to discuss `case`, with at least two call windows offered."""
    if not can_record_requests(actor):
        raise PermissionDenied("Supervisors and intake staff record peer-to-peer requests.")
    now = timezone.now()
    requested_at = requested_at or now
    errors: dict[str, str] = {}
    if requested_at > now:
        errors["requested_at"] = "The request time cannot be in the future."
    if not (provider_contact or "").strip():
        errors["provider_contact"] = "Name who will take the call for the treating provider."
    if not (provider_phone or "").strip():
        errors["provider_phone"] = "Give a phone number for the call."
    if len(windows) < MIN_WINDOWS:
        errors["windows"] = f"Offer the provider at least {MIN_WINDOWS} call windows."
    for i, (start, end) in enumerate(windows, 1):
        if end <= start:
            errors["windows"] = f"Window {i} must end after it starts."
        elif end <= requested_at:
            errors["windows"] = f"Window {i} ends before the request was made."
    case = Case.objects.select_for_update().get(pk=case.pk)
    determination = current_determination(case)
    if case.status in (CaseStatus.REOPENED,):
        errors["case"] = "The case is reopened for amendment; record the request after it is decided again."
    deciding = determination.reviewer if determination is not None else case.assigned_reviewer
    if peer is None:
        errors["peer"] = "Choose the reviewer who will take the call."
    elif deciding is None:
        errors["peer"] = "The case has no reviewer yet: assign it before offering a peer-to-peer."
    else:
        refusals = p2p_peer_refusals(
            candidate_for(peer),
            deciding_reviewer_id=deciding.pk,
            deciding_specialty=specialty_of(deciding),
            groups=config.specialty_groups(),
        )
        if refusals:
            errors["peer"] = " ".join(refusals)
        elif not can_conduct_p2p(peer):
            errors["peer"] = "The peer must be a reviewer."
    if errors:
        raise ValidationError(errors)
    p2p = PeerToPeer.objects.create(
        case=case,
        determination=determination,
        provider_contact=provider_contact.strip(),
        provider_phone=provider_phone.strip(),
        peer=peer,
        requested_by=actor,
        requested_at=requested_at,
    )
    P2PWindow.objects.bulk_create(P2PWindow(p2p=p2p, starts_at=s, ends_at=e) for s, e in sorted(windows))
    record_event(
        "p2p.requested",
        actor=actor,
        obj=case,
        summary={
            "p2p_id": p2p.pk,
            "determination_id": determination.pk if determination else None,
            "before_determination": determination is None,
            "peer_user_id": peer.pk,
            "peer_is_decider": deciding is not None and peer.pk == deciding.pk,  # deciding is set past the checks
            "windows": len(windows),
        },
    )
    return p2p


def _require_peer_or_supervisor(p2p: PeerToPeer, actor: Any) -> None:
    from accounts.roles import is_supervisor

    if not (p2p.peer_id == actor.pk or is_supervisor(actor)):
        raise PermissionDenied("Only the reviewer taking the call (or a supervisor) records it.")


@transaction.atomic
def p2p_window_missed(*, p2p: PeerToPeer, window: P2PWindow, actor: Any) -> PeerToPeer:
    """Record that no call happened in `window`. When every window is missed, the request is missed (not done)."""
    _require_peer_or_supervisor(p2p, actor)
    p2p = PeerToPeer.objects.select_for_update().get(pk=p2p.pk)
    window = P2PWindow.objects.get(pk=window.pk, p2p=p2p)
    now = timezone.now()
    if p2p.status != P2PStatus.OFFERED:
        raise ValidationError({"window": f"This peer-to-peer is already {p2p.get_status_display().lower()}."})
    if window.status != WindowStatus.OFFERED:
        raise ValidationError({"window": "This window is already recorded."})
    if window.starts_at > now:
        raise ValidationError({"window": "A window can be recorded as missed once it has started."})
    window.status = WindowStatus.MISSED
    window.recorded_by, window.recorded_at = actor, now
    window.save(update_fields=["status", "recorded_by", "recorded_at"])
    record_event("p2p.window_missed", actor=actor, obj=p2p.case, summary={"p2p_id": p2p.pk, "window_id": window.pk})
    if not p2p.windows.filter(status=WindowStatus.OFFERED).exists():
        p2p.status = P2PStatus.MISSED
        p2p.closed_by, p2p.closed_at = actor, now
        p2p.save(update_fields=["status", "closed_by", "closed_at"])
        record_event(
            "p2p.missed",
            actor=actor,
            obj=p2p.case,
            summary={"p2p_id": p2p.pk, "windows_missed": p2p.windows.count()},
        )
    return p2p


@transaction.atomic
def p2p_complete(
    *, p2p: PeerToPeer, window: P2PWindow, actor: Any, outcome: str, notes: str, call_at: datetime | None = None
) -> PeerToPeer:
    """The peer records the discussion held in `window`: decision upheld, or to be changed.

    A change after a determination goes through the amendment path: a supervisor reopens the case,
    the reviewer decides again, and the new signed letter supersedes the old one.
    """
    if p2p.peer_id != actor.pk:
        raise PermissionDenied("Only the reviewer who took the call records its outcome.")
    p2p = PeerToPeer.objects.select_for_update().get(pk=p2p.pk)
    window = P2PWindow.objects.get(pk=window.pk, p2p=p2p)
    now = timezone.now()
    call_at = call_at or now
    notes = (notes or "").strip()
    if p2p.status != P2PStatus.OFFERED:
        raise ValidationError({"outcome": f"This peer-to-peer is already {p2p.get_status_display().lower()}."})
    if outcome not in P2POutcome.values:
        raise ValidationError({"outcome": "Choose 'decision upheld' or 'decision to change'."})
    if not notes:
        raise ValidationError({"notes": "Summarise the discussion."})
    if window.status != WindowStatus.OFFERED:
        raise ValidationError({"window": "That window is already recorded as missed."})
    if call_at > now or call_at < p2p.requested_at:
        raise ValidationError({"call_at": "The call time must be between the request and now."})
    window.status = WindowStatus.HELD
    window.recorded_by, window.recorded_at = actor, now
    window.save(update_fields=["status", "recorded_by", "recorded_at"])
    p2p.status, p2p.outcome, p2p.notes, p2p.call_at = P2PStatus.COMPLETED, outcome, notes, call_at
    p2p.closed_by, p2p.closed_at = actor, now
    p2p.save(update_fields=["status", "outcome", "notes", "call_at", "closed_by", "closed_at"])
    record_event(
        "p2p.completed",
        actor=actor,
        obj=p2p.case,
        summary={
            "p2p_id": p2p.pk,
            "outcome": outcome,
            "request_to_call_hours": p2p.request_to_call_hours,
            "amendment_needed": outcome == P2POutcome.CHANGED and p2p.determination_id is not None,
        },
    )
    return p2p


def p2p_needs_amendment(p2p: PeerToPeer) -> bool:
    """A completed discussion that changes a decided case and whose case has not been amended since."""
    if p2p.outcome != P2POutcome.CHANGED or p2p.determination_id is None or p2p.closed_at is None:
        return False
    return not p2p.case.determinations.filter(decided_at__gt=p2p.closed_at).exists()
