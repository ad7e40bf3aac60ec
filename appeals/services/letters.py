"""Signed notices of this app: the appeal-decision letter and the extension notice.

Reuses the letter machinery's public functions (reviews.letters: render.html_to_pdf for PDF/A-3b
with a JSON attachment, pki.ensure_signing_identity + signing.sign_pdf for PAdES); the wording
lives in templates/letters/appeals/. A notice is stored once and never changed.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from audit.services import record_event
from reviews.letters import pki, render, signing
from reviews.models import ReviewerProfile

from .. import config
from ..models import Appeal, AppealOutcome, Extension, NoticeKind, NoticeLetter

FORMAT = "ur-appeal-notice/1"
TEMPLATES = {
    NoticeKind.APPEAL_DECISION: "letters/appeals/appeal_decision.html",
    NoticeKind.EXTENSION_NOTICE: "letters/appeals/extension_notice.html",
}
OUTCOME_WORDS = {
    AppealOutcome.UPHELD: "UPHELD: the original decision stands",
    AppealOutcome.OVERTURNED: "OVERTURNED: the services are approved",
    AppealOutcome.PARTLY_OVERTURNED: "PARTLY OVERTURNED: more visits are approved",
}


def _local(value: datetime | None) -> str:
    return timezone.localtime(value, config.plan_tz()).strftime("%B %-d, %Y %-I:%M %p %Z") if value else ""


def _signer(user: Any) -> dict[str, str]:
    profile = ReviewerProfile.objects.filter(user=user).first()
    return {
        "name": profile.display_name if profile else (user.get_full_name() or user.username),
        "credentials": profile.credentials if profile else "",
        "specialty": profile.specialty if profile else "",
        "phone": profile.phone if profile else "",
    }


def _base(case: Any, signer: Any, signed_at: datetime) -> dict[str, Any]:
    lob = case.line_of_business
    return {
        "org": settings.UR_ORGANIZATION,
        "lob": settings.UR_LINES_OF_BUSINESS.get(lob, {}),
        "lob_key": lob,
        "member": {"name": case.member.full_name, "member_id": case.member.member_id, "plan": case.member.plan},
        "provider": {"name": case.provider.name, "npi": case.provider.npi},
        "case": {"reference": case.reference},
        "issued": timezone.localtime(signed_at, config.plan_tz()).strftime("%B %-d, %Y"),
        "signature": {**_signer(signer), "signed_at_utc": signed_at.isoformat()},
    }


def appeal_decision_context(appeal: Appeal, signed_at: datetime) -> dict[str, Any]:
    contested = appeal.contested
    ctx = _base(appeal.original_case, appeal.decided_by, signed_at)
    requested = appeal.original_case.request.visits
    forwarded_to_ire = appeal.line_of_business == "medicare_advantage" and appeal.outcome != AppealOutcome.OVERTURNED
    ctx.update(
        {
            "title": f"Decision on your {ctx['lob'].get('appeal_name', 'appeal')}",
            "appeal": {
                "reference": appeal.case.reference,
                "received": _local(appeal.received_at),
                "decided": _local(appeal.decided_at),
                "requester": appeal.get_requester_kind_display(),
                "kind": appeal.get_kind_display(),
                "urgency": appeal.urgency,
                "outcome": appeal.outcome,
                "outcome_words": OUTCOME_WORDS[AppealOutcome(appeal.outcome)],
                "rationale": appeal.rationale,
            },
            "contested": {
                "reference": appeal.original_case.reference,
                "version": contested.version,
                "decision": contested.decision,
                "approved_visits": contested.approved_visits,
                "decided": _local(contested.decided_at),
            },
            "requested_visits": requested,
            "approved_visits": appeal.approved_visits if appeal.favourable else contested.approved_visits,
            "forwarded_to_ire": forwarded_to_ire,
        }
    )
    return ctx


def extension_notice_context(extension: Extension, signed_at: datetime) -> dict[str, Any]:
    case = extension.case
    ctx = _base(extension.appeal.original_case if extension.appeal else case, extension.extended_by, signed_at)
    ctx.update(
        {
            "title": "We need more time to decide your request",
            "extension": {
                "reason_kind": extension.reason_kind,
                "reason_words": extension.get_reason_kind_display(),
                "reason": extension.reason,
                "days": extension.days,
                "previous_due": _local(extension.previous_due_at),
                "new_due": _local(extension.new_due_at),
                "is_appeal": extension.appeal_id is not None,
                "reference": case.reference,
            },
        }
    )
    return ctx


def _machine_readable(kind: str, ctx: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = {k: ctx[k] for k in ("case", "member", "provider", "issued") if k in ctx}
    for k in ("appeal", "contested", "extension", "requested_visits", "approved_visits", "forwarded_to_ire"):
        if k in ctx:
            body[k] = ctx[k]
    return {"format": FORMAT, "kind": kind, **body, "signed_by": ctx["signature"]}


def _sign(kind: str, ctx: dict[str, Any], signer: Any, signed_at: datetime) -> bytes:
    identity = pki.ensure_signing_identity(user=signer)
    html = render_to_string(TEMPLATES[NoticeKind(kind)], ctx)
    pdf = render.html_to_pdf(html, attachment=_machine_readable(kind, ctx))
    return signing.sign_pdf(
        pdf,
        signer=signing.signer_for_identity(identity),
        reason=f"{NoticeKind(kind).label}: {ctx.get('appeal', {}).get('outcome') or ctx.get('extension', {}).get('days', '')}".strip(),
        name=ctx["signature"]["name"],
        location=ctx["org"]["name"],
        signing_time=signed_at,
    )


def notice_issue(*, kind: str, object_id: int) -> NoticeLetter:
    """Render, sign and store the notice for an appeal decision or an extension. Idempotent.

    The render + sign (about a second) runs outside a transaction; the insert re-checks under a lock.
    """
    subject: dict[str, Any]
    if kind == NoticeKind.APPEAL_DECISION:
        appeal = Appeal.objects.select_related(
            "case",
            "original_case__member",
            "original_case__provider",
            "original_case__request",
            "contested",
            "decided_by",
        ).get(pk=object_id)
        existing = NoticeLetter.objects.filter(appeal=appeal).first()
        if existing is not None:
            return existing
        if appeal.decided_by is None:
            raise ValueError(f"appeal {appeal.pk} is not decided")
        signer, case, subject = appeal.decided_by, appeal.case, {"appeal": appeal}
        signed_at = timezone.now().replace(microsecond=0)
        pdf = _sign(kind, appeal_decision_context(appeal, signed_at), signer, signed_at)
    elif kind == NoticeKind.EXTENSION_NOTICE:
        extension = Extension.objects.select_related("case__member", "case__provider", "appeal", "extended_by").get(
            pk=object_id
        )
        existing = NoticeLetter.objects.filter(extension=extension).first()
        if existing is not None:
            return existing
        signer, case, subject = extension.extended_by, extension.case, {"extension": extension}
        signed_at = timezone.now().replace(microsecond=0)
        pdf = _sign(kind, extension_notice_context(extension, signed_at), signer, signed_at)
    else:
        raise ValueError(f"unknown notice kind {kind!r}")
    with transaction.atomic():
        model = type(next(iter(subject.values())))
        model.objects.select_for_update().filter(pk=object_id).first()  # one notice per subject, even with two workers
        existing = NoticeLetter.objects.filter(**subject).first()
        if existing is not None:
            return existing
        letter = NoticeLetter.objects.create(
            kind=kind,
            case=case,
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
            size=len(pdf),
            signer=signer,
            signed_at=signed_at,
            **subject,
        )
        record_event(
            "notice.signed",
            actor=signer,
            obj=case,
            summary={"notice_id": letter.pk, "kind": kind, "sha256": letter.sha256, "size": letter.size},
        )
    if kind == NoticeKind.APPEAL_DECISION:
        from .ire import ire_forward_if_required

        ire_forward_if_required(appeal=subject["appeal"])
    return letter
