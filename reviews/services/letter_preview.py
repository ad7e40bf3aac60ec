"""The exact letter a decision would produce, rendered unsigned and watermarked "PREVIEW".

Nothing is written except the audit event: the determination is built in memory the way
`determination_submit` would store it, then rendered with the letters' own functions
(`content.build_letter_context`, `render.render_letter_html`, `render.html_to_pdf`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.utils import timezone

from audit.services import record_event

from ..letters import content, render
from ..models import Case, CaseStatus, Determination, Recommendation
from .determinations import determination_options, result_lines

WATERMARK = "PREVIEW - NOT SIGNED"


def letter_preview_pdf(*, case: Case, reviewer: Any, recommendation: Recommendation) -> bytes:
    """PDF bytes of the letter that accepting `recommendation` would sign, unsigned and watermarked."""
    options = determination_options(reviewer, case, recommendation=recommendation)
    if not options.may_write:
        raise PermissionDenied(options.why_not_write)
    if not options.may_accept:
        raise ValidationError(options.why_not_accept or "This recommendation cannot be accepted.")
    previous = case.determinations.order_by("-version").first()
    version = (case.determinations.aggregate(v=Max("version"))["v"] or 0) + 1
    det = Determination(
        case=case,
        recommendation=recommendation,
        version=version,
        supersedes=previous if case.status == CaseStatus.REOPENED else None,
        decision=recommendation.decision,
        approved_visits=recommendation.approved_visits,
        lines=result_lines(recommendation.engine_result),
        overridden=False,
        override_reason="",
        reviewer=reviewer,
        decided_at=timezone.now(),
    )
    letter_version = case.letters.count() + 1
    supersedes = case.letters.order_by("-version").first() if case.status == CaseStatus.REOPENED else None
    ctx = content.build_letter_context(det, version=letter_version, supersedes=supersedes)
    pdf = render.html_to_pdf(render.render_letter_html(ctx), watermark=WATERMARK)
    record_event(
        "letter.previewed",
        actor=reviewer,
        obj=case,
        summary={"recommendation_id": recommendation.pk, "decision": det.decision, "version": letter_version},
    )
    return pdf
