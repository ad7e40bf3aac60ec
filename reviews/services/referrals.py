"""Referral and second-level review: a reviewer sends a case to a PT or physician reviewer (or the pool
of that credential) with a coded reason; the second-level reviewer takes it up, works it and signs.

- The referral is audited (`case.referred`, `case.referral_taken`) and on the clock: the due time
  never moves (a referral is the plan's own work, not a reason to extend).
- The referring reviewer loses write access (the case is no longer assigned to them) and keeps read
  access (reviews.permissions), so they can follow what became of it.
- The engine's "refer for physician review" (a red-flag finding) and a reviewer who cannot sign the
  adverse decision the engine recommends become the reason this form is pre-filled with.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.roles import REVIEWER, SUPERVISOR
from audit.services import record_event
from vocabulary import (
    ADVERSE_DECISIONS,
    CREDENTIAL_SATISFIES,
    REFERRAL_CREDENTIALS,
    CredentialKind,
    Decision,
    ReferralReason,
)

from ..models import Case, CaseStatus, Recommendation, Referral
from ..permissions import can_write_case, holds_credential, may_take_referral
from .determinations import required_denial_credential

MAX_NOTE_CHARS = 2000
RED_FLAG_RULE = "clinical.red_flag"


def referral_targets(credential: str, *, exclude: Any = None) -> QuerySet[Any]:
    """Active reviewers and supervisors whose credential satisfies `credential`, by name."""
    satisfied = [c.value for c in CredentialKind if c in REFERRAL_CREDENTIALS and _satisfies(c, credential)]
    qs = (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name__in=[REVIEWER, SUPERVISOR],
            reviewer_profile__credential_kind__in=satisfied,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    return qs.exclude(pk=exclude.pk) if exclude is not None else qs


def _satisfies(held: str, required: str) -> bool:
    return held in CREDENTIAL_SATISFIES.get(required, frozenset({CredentialKind(required)}))


@dataclass(frozen=True)
class ReferralOptions:
    """Whether `user` may refer the case, and what the form is pre-filled with (the engine's reason)."""

    may_refer: bool
    why_not: str
    reason: str  # ReferralReason value pre-selected, or ""
    credential: str  # CredentialKind value pre-selected
    note: str  # the engine's words, as the note's starting text
    open_referral: Referral | None
    may_take: bool


def _engine_reason(rec: Recommendation | None, user: Any) -> tuple[str, str, str]:
    """(reason, credential, note) the engine's result suggests, or ('', PT, '')."""
    if rec is None:
        return "", CredentialKind.PHYSICAL_THERAPIST.value, ""
    result = rec.engine_result
    flagged = [f for f in result.findings if f.rule == RED_FLAG_RULE]
    if flagged:
        return ReferralReason.RED_FLAG.value, CredentialKind.PHYSICIAN.value, flagged[0].text
    required = required_denial_credential(rec)
    if rec.decision in ADVERSE_DECISIONS and not holds_credential(user, required):
        words = Decision(rec.decision).label.lower()
        note = f"The engine recommends {words}; {result.key_reason}".strip()
        return ReferralReason.DENIAL_CREDENTIAL.value, required, note
    return "", required if required in REFERRAL_CREDENTIALS else CredentialKind.PHYSICAL_THERAPIST.value, ""


def referral_options(user: Any, case: Case, *, recommendation: Recommendation | None) -> ReferralOptions:
    open_referral = case.referrals.filter(taken_at__isnull=True).select_related("referred_by", "to_reviewer").first()
    reason, credential, note = _engine_reason(recommendation, user)
    if not can_write_case(user, case):
        why_not = "Only the assigned reviewer or a supervisor can refer this case."
    elif not case.can_transition_to(CaseStatus.REFERRED):
        why_not = f"A case that is {case.get_status_display().lower()} cannot be referred."
    else:
        why_not = ""
    return ReferralOptions(
        may_refer=not why_not,
        why_not=why_not,
        reason=reason,
        credential=credential,
        note=note,
        open_referral=open_referral,
        may_take=open_referral is not None and may_take_referral(user, open_referral),
    )


def _clean(reason: str, credential: str, note: str) -> tuple[str, str, str]:
    errors: dict[str, str] = {}
    if reason not in ReferralReason.values():
        errors["reason"] = "Choose why you refer the case: red flag, denial credential or complexity."
    if credential not in {c.value for c in REFERRAL_CREDENTIALS}:
        errors["to_credential"] = "Refer to a licensed physical therapist or a physician reviewer."
    note = (note or "").strip()
    if len(note) > MAX_NOTE_CHARS:
        errors["note"] = f"Keep the note under {MAX_NOTE_CHARS} characters."
    if errors:
        raise ValidationError(errors)
    return reason, credential, note


@transaction.atomic
def case_refer(
    *, case: Case, actor: Any, reason: str, to_credential: str, to_reviewer: Any = None, note: str = ""
) -> Referral:
    """Refer `case` to `to_reviewer` (or, None, the pool of `to_credential`): case -> referred, assigned
    to the second-level reviewer (None for the pool), audit `case.referred`. The due time is unchanged."""
    reason, to_credential, note = _clean(reason, to_credential, note)
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if not can_write_case(actor, locked):
        raise PermissionDenied("Only the assigned reviewer or a supervisor can refer this case.")
    if not locked.can_transition_to(CaseStatus.REFERRED):
        raise ValidationError({"reason": f"A case that is {locked.get_status_display().lower()} cannot be referred."})
    if to_reviewer is not None:
        if to_reviewer.pk == actor.pk:
            raise ValidationError({"to_reviewer": "Refer the case to another reviewer, not to yourself."})
        if not referral_targets(to_credential).filter(pk=to_reviewer.pk).exists():
            raise ValidationError(
                {"to_reviewer": f"{to_reviewer.get_full_name() or to_reviewer.username} does not hold that credential."}
            )
    old = locked.transition_to(CaseStatus.REFERRED)
    from_user_id = locked.assigned_reviewer_id
    locked.assigned_reviewer = to_reviewer
    locked.save(update_fields=["status", "assigned_reviewer", "updated_at"])
    referral = Referral.objects.create(
        case=locked,
        referred_by=actor,
        reason=reason,
        note=note,
        to_credential=to_credential,
        to_reviewer=to_reviewer,
        from_status=old,
    )
    record_event(
        "case.referred",
        actor=actor,
        obj=locked,
        summary={
            "referral_id": referral.pk,
            "reason": reason,
            "to_credential": to_credential,
            "to_user_id": to_reviewer.pk if to_reviewer is not None else None,
            "pool": to_reviewer is None,
            "from_user_id": from_user_id,
            "from": old,
            "to": locked.status,
            "due_at": locked.due_at.isoformat(),
        },
    )
    case.status, case.assigned_reviewer = locked.status, to_reviewer
    return referral


@transaction.atomic
def referral_take(*, case: Case, actor: Any) -> Referral:
    """The second-level reviewer takes up the open referral: assigned to them, back to where it was
    (recommendation ready when it was ready, else in review), audit `case.referral_taken`."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    referral = Referral.objects.select_for_update().filter(case=locked, taken_at__isnull=True).first()
    if referral is None:
        raise ValidationError({"referral": "This case has no open referral."})
    if not may_take_referral(actor, referral):
        raise PermissionDenied("This referral is for another reviewer or another credential.")
    target = (
        CaseStatus.RECOMMENDATION_READY
        if referral.from_status == CaseStatus.RECOMMENDATION_READY
        else CaseStatus.IN_REVIEW
    )
    old = locked.transition_to(target)
    locked.assigned_reviewer = actor
    locked.save(update_fields=["status", "assigned_reviewer", "updated_at"])
    referral.taken_by, referral.taken_at = actor, timezone.now()
    referral.save(update_fields=["taken_by", "taken_at"])
    record_event(
        "case.referral_taken",
        actor=actor,
        obj=locked,
        summary={"referral_id": referral.pk, "from": old, "to": locked.status, "pool": referral.to_pool},
    )
    case.status, case.assigned_reviewer = locked.status, actor
    return referral
