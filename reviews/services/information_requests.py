"""The request-for-information notice of a pend: rendered with the letter machinery (WeasyPrint
PDF/A with a JSON attachment, pyHanko PAdES), signed by the reviewer who pended, stored once.

It prints the items requested, the date to answer by and the clock rule of the line of business
(reviews.pend_clock); nothing internal (no engine wording beyond the items the reviewer kept, no notes).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from audit.services import record_event
from reviews.letters import pki, render, signing
from reviews.models import InformationRequestLetter, PendRequest, ReviewerProfile
from reviews.pend_clock import EXTENSION, TOLLING, pend_rule

FORMAT = "ur-information-request/1"
TEMPLATE = "letters/information_request.html"
TITLE = "We need more information to decide this request"


def _local(value: datetime | None) -> str:
    if value is None:
        return ""
    return timezone.localtime(value, ZoneInfo(settings.UR_PLAN_TIME_ZONE)).strftime("%B %-d, %Y %-I:%M %p %Z")


def _signer(user: Any) -> dict[str, str]:
    profile = ReviewerProfile.objects.filter(user=user).first()
    return {
        "name": profile.display_name if profile else (user.get_full_name() or user.username),
        "credentials": profile.credentials if profile else "",
    }


def information_request_context(pend: PendRequest, signed_at: datetime) -> dict[str, Any]:
    case = pend.case
    rule = pend_rule(case.line_of_business, case.urgency)
    kind = pend.clock_rule or rule.kind
    return {
        "title": TITLE,
        "org": settings.UR_ORGANIZATION,
        "member": {"name": case.member.full_name, "member_id": case.member.member_id, "plan": case.member.plan},
        "provider": {"name": case.provider.name, "npi": case.provider.npi},
        "case": {"reference": case.reference},
        "request": {"visits": case.request.visits},
        "issued": timezone.localtime(signed_at, ZoneInfo(settings.UR_PLAN_TIME_ZONE)).strftime("%B %-d, %Y"),
        "rfi": {
            "items": list(pend.items),
            "requested": _local(pend.requested_at),
            "respond_by": _local(pend.respond_by),
            "due_before": _local(pend.due_before),
            "due_after": _local(pend.due_after),
            "extended": kind == EXTENSION and pend.due_after != pend.due_before,
            "tolling": kind == TOLLING,
            "rule": kind,
            "rule_words": rule.words,
        },
        "signature": {**_signer(pend.requested_by), "signed_at_utc": signed_at.isoformat()},
    }


def _machine_readable(ctx: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        **{k: ctx[k] for k in ("case", "member", "provider", "issued", "rfi")},
        "signed_by": ctx["signature"],
    }


def render_information_request(ctx: dict[str, Any]) -> str:
    return render_to_string(TEMPLATE, ctx)


def information_request_issue(*, pend_request_id: int) -> InformationRequestLetter:
    """Render, sign and store the notice of one pend; idempotent (an existing notice is returned).
    The render + sign runs outside a transaction; the insert re-checks under a lock."""
    existing = InformationRequestLetter.objects.filter(pend_request_id=pend_request_id).first()
    if existing is not None:
        return existing
    pend = PendRequest.objects.select_related(
        "case", "case__member", "case__provider", "case__request", "requested_by"
    ).get(pk=pend_request_id)
    signer = pend.requested_by
    signed_at = timezone.now().replace(microsecond=0)
    ctx = information_request_context(pend, signed_at)
    pdf = render.html_to_pdf(render_information_request(ctx), attachment=_machine_readable(ctx))
    identity = pki.ensure_signing_identity(user=signer)
    signed = signing.sign_pdf(
        pdf,
        signer=signing.signer_for_identity(identity),
        reason="Request for information",
        name=ctx["signature"]["name"],
        location=ctx["org"]["name"],
    )
    with transaction.atomic():
        PendRequest.objects.select_for_update().filter(pk=pend.pk).first()
        existing = InformationRequestLetter.objects.filter(pend_request=pend).first()
        if existing is not None:
            return existing
        letter = InformationRequestLetter.objects.create(
            pend_request=pend,
            case=pend.case,
            pdf=signed,
            sha256=hashlib.sha256(signed).hexdigest(),
            size=len(signed),
            signer=signer,
            signed_at=signed_at,
        )
        record_event(
            "notice.signed",
            actor=signer,
            obj=pend.case,
            summary={
                "notice_id": letter.pk,
                "kind": "information_request",
                "pend_request": pend.pk,
                "sha256": letter.sha256,
                "size": letter.size,
            },
        )
    return letter


@dataclass(frozen=True)
class InformationRequestRow:
    pend: PendRequest
    letter: InformationRequestLetter | None

    @property
    def letter_pending(self) -> bool:
        """A pend of the workflow (it has a clock rule) whose notice the worker has not stored yet."""
        return self.letter is None and bool(self.pend.clock_rule)


def information_requests_of(case: Any) -> list[InformationRequestRow]:
    """The case's pends, newest first, each with its signed notice (None while it is being signed)."""
    pends = list(PendRequest.objects.filter(case=case).select_related("requested_by", "resolved_by"))
    letters = {
        letter.pend_request_id: letter
        for letter in InformationRequestLetter.objects.filter(case=case).select_related("signer").defer("pdf")
    }
    return [InformationRequestRow(pend=p, letter=letters.get(p.pk)) for p in pends]
