"""Time-frame extensions: only where the rules allow, with a reason, a signed notice and a moved clock."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from audit.services import record_event
from reviews.models import Case
from reviews.permissions import can_write_case
from vocabulary import ReviewType

from .. import config
from ..clocks import ClockRule, extended_due_at, extension_refusal
from ..models import Appeal, Extension, ExtensionReason, NoticeKind
from ..tasks import issue_notice_task


def extension_rule_for(case: Case) -> tuple[ClockRule | None, Appeal | None]:
    """The rule that governs extending `case`'s clock, and the appeal it belongs to (if any)."""
    appeal = Appeal.objects.filter(case=case).first()
    if appeal is not None:
        return config.appeal_rule(appeal.line_of_business, appeal.kind, appeal.urgency), appeal
    if case.review_type == ReviewType.RETROSPECTIVE:
        return None, None  # a payment review is not a prior authorization; no extension is configured for it
    return config.initial_extension_rule(case.line_of_business, case.urgency), None


def extension_options(case: Case) -> dict[str, Any]:
    """What an extension of `case` may be (views show this): allowed, max days, grounds, or why not."""
    rule, appeal = extension_rule_for(case)
    if not case.is_open:
        return {"allowed": False, "why_not": "The case is decided; its clock has stopped."}
    if rule is None:
        return {"allowed": False, "why_not": "No extension rule applies to a retrospective (payment) review."}
    if rule.extension_days <= 0:
        return {"allowed": False, "why_not": extension_refusal(rule, days=1, reason_kind="", already_extended=False)}
    if case.extensions.exists():
        return {
            "allowed": False,
            "why_not": "This time frame has already been extended once; the rules allow one extension.",
        }
    return {
        "allowed": True,
        "max_days": rule.extension_days,
        "reasons": [(r, ExtensionReason(r).label) for r in rule.extension_reasons],
        "is_appeal": appeal is not None,
    }


@transaction.atomic
def extension_grant(*, case: Case, actor: Any, reason_kind: str, reason: str, days: int) -> Extension:
    """Extend `case`'s decision clock by `days` calendar days and queue the signed notice."""
    case = Case.objects.select_for_update(of=("self",)).select_related("member").get(pk=case.pk)
    rule, appeal = extension_rule_for(case)
    if appeal is not None:
        from accounts.roles import is_supervisor

        if not (is_supervisor(actor) or appeal.reviewer_id == actor.pk):
            raise PermissionDenied("Only the appeals reviewer or a supervisor extends an appeal.")
    elif not can_write_case(actor, case):
        raise PermissionDenied("Only the assigned reviewer or a supervisor extends a case.")
    reason = (reason or "").strip()
    if not case.is_open:
        raise ValidationError({"case": "The case is decided; its clock has stopped."})
    if not reason:
        raise ValidationError({"reason": "An extension needs a reason; the notice quotes it."})
    if rule is None:
        raise ValidationError({"case": "No extension rule applies to a retrospective (payment) review."})
    why_not = extension_refusal(
        rule, days=int(days), reason_kind=reason_kind, already_extended=case.extensions.exists()
    )
    if why_not:
        field = "days" if "days" in why_not and "extended" not in why_not else "reason_kind"
        raise ValidationError({field: why_not})
    now = timezone.now()
    previous = case.due_at
    new_due = extended_due_at(previous, int(days), config.plan_tz())
    extension = Extension.objects.create(
        case=case,
        appeal=appeal,
        reason_kind=reason_kind,
        reason=reason,
        days=int(days),
        previous_due_at=previous,
        new_due_at=new_due,
        extended_by=actor,
        extended_at=now,
    )
    case.due_at = new_due
    case.save(update_fields=["due_at", "updated_at"])
    if appeal is not None:
        Appeal.objects.filter(pk=appeal.pk).update(due_at=new_due)
    record_event(
        "case.extended",
        actor=actor,
        obj=case,
        summary={
            "extension_id": extension.pk,
            "appeal_id": appeal.pk if appeal else None,
            "reason_kind": reason_kind,
            "reason_chars": len(reason),
            "days": int(days),
            "previous_due_at": previous,
            "new_due_at": new_due,
        },
    )
    issue_notice_task.delay_on_commit(NoticeKind.EXTENSION_NOTICE.value, extension.pk)
    return extension
