"""Access-checked getters: every case lookup in a view goes through here."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, prefetch_related_objects
from django.http import Http404

from accounts.roles import is_auditor, is_intake, is_reviewer, is_supervisor
from audit.services import record_event

from .facts import CASE_FACTS_PREFETCH
from .models import Case, Referral


def holds_credential(user: Any, credential: str) -> bool:
    """True when `user` is a reviewer or supervisor whose profile satisfies `credential` (a physician
    satisfies a physical-therapist requirement: vocabulary.CREDENTIAL_SATISFIES)."""
    if not (is_reviewer(user) or is_supervisor(user)):
        return False
    try:
        profile = user.reviewer_profile
    except (ObjectDoesNotExist, AttributeError):
        return False
    return bool(profile.can_sign_denial(credential))


def may_take_referral(user: Any, referral: Referral) -> bool:
    """The named second-level reviewer (or, for a pool referral, anyone holding its credential) may
    take up an open referral; never the reviewer who referred it."""
    if not referral.is_open or not getattr(user, "is_authenticated", False) or referral.referred_by_id == user.pk:
        return False
    if referral.to_reviewer_id is not None:
        return bool(referral.to_reviewer_id == user.pk)
    return holds_credential(user, referral.to_credential)


def _reads_by_referral(user: Any, case: Case) -> bool:
    """Who a referral lets read the case: the referring reviewer (read only, for good), and the
    reviewers of the pool an open pool referral waits in."""
    if not getattr(user, "is_authenticated", False) or case.pk is None:
        return False
    referrals = list(
        Referral.objects.filter(case=case).filter(
            Q(referred_by=user) | Q(taken_at__isnull=True, to_reviewer__isnull=True)
        )
    )
    return any(r.referred_by_id == user.pk or may_take_referral(user, r) for r in referrals)


def can_read_case(user: Any, case: Case) -> bool:
    # The assigned reviewer first: no role lookup (a query) for a reviewer's own case.
    if case.assigned_reviewer_id is not None and case.assigned_reviewer_id == user.pk:
        return True
    # Intake staff create cases and record peer-to-peer requests and appeals on them.
    if is_supervisor(user) or is_auditor(user) or is_intake(user):
        return True
    return _reads_by_referral(user, case)


def can_write_case(user: Any, case: Case) -> bool:
    """Auditors are read-only; supervisors and the assigned reviewer may work the case."""
    if case.assigned_reviewer_id is not None and case.assigned_reviewer_id == user.pk:
        return True
    return is_supervisor(user)


def get_case_for_user(
    user: Any, public_id: UUID | str, *, write: bool = False, audit_view: bool = False, with_facts: bool = False
) -> Case:
    """The case if `user` may see it (and, with write=True, change it); 404 otherwise.

    A refused lookup writes a `case.access_denied` audit event and nothing else. With
    `audit_view=True` a granted lookup writes `case.viewed` (PHI access). With `with_facts=True` the
    case comes with what its facts are read from (request and review joined; diagnoses, visits and
    prior episodes prefetched once access is granted), for a page that shows them in several places:
    `facts_from_case(case, reload=False)` and `case_checklist(case, loaded=True)` read the instance.
    """
    related = ("member", "provider", "assigned_reviewer", *(("request", "clinical_review") if with_facts else ()))
    try:
        case = Case.objects.select_related(*related).get(public_id=public_id)
    except (Case.DoesNotExist, ValueError) as exc:
        raise Http404("No such case") from exc
    allowed = can_write_case(user, case) if write else can_read_case(user, case)
    if not allowed:
        record_event("case.access_denied", actor=user, obj=case, summary={"write": write})
        raise Http404("No such case")
    if audit_view:
        record_event("case.viewed", actor=user, obj=case)
    if with_facts:
        prefetch_related_objects([case], *CASE_FACTS_PREFETCH)
    return case


def reload_case_with_facts(case: Case) -> Case:
    """An access-checked case read again after a write, with its facts (as `with_facts=True` loads them).

    Only for a case the request already holds from `get_case_for_user`: it checks nothing itself."""
    fresh = Case.objects.select_related("member", "provider", "assigned_reviewer", "request", "clinical_review").get(
        pk=case.pk
    )
    prefetch_related_objects([fresh], *CASE_FACTS_PREFETCH)
    return fresh


def get_case_for_view(user: Any, public_id: UUID | str, *, view: str, with_facts: bool = False) -> Case:
    """`get_case_for_user` for a page or tab that shows the case: writes `case.viewed` naming the view."""
    case = get_case_for_user(user, public_id, with_facts=with_facts)
    record_event("case.viewed", actor=user, obj=case, summary={"view": view})
    return case
