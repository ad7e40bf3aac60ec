"""The exact letter a decision would produce, rendered unsigned and watermarked "PREVIEW".

Nothing is written except the audit event: the decision is validated by the same function the submit
uses (`decision_content`), the determination is built in memory the way `determination_submit` would
store it, then rendered with the letters' own functions (`content.build_letter_context`,
`render.render_letter_html`, `render.html_to_pdf`). The preview returns the token that signing this
exact content needs (`determination_sign`).
"""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audit.services import record_event

from ..letters import content, render
from ..models import Case, CaseStatus, Recommendation
from .determinations import DecisionContent, decidable_content, next_determination, preview_token_for, writable_options

WATERMARK = "PREVIEW - NOT SIGNED"
PAGE_DPI = 80


@dataclass(frozen=True)
class LetterPreview:
    pdf: bytes
    token: str
    content: DecisionContent


def letter_preview(
    *,
    case: Case,
    reviewer: Any,
    recommendation: Recommendation,
    accept: bool = True,
    decision: str | None = None,
    lines: list[dict[str, Any]] | None = None,
    override_code: str = "",
    override_note: str = "",
) -> LetterPreview:
    """The letter this decision would sign (accept, override or partial), unsigned and watermarked, and
    the token that signing exactly this content needs. Field-named errors as the submit gives them."""
    options = writable_options(reviewer, case, recommendation)
    decided = decidable_content(
        options=options,
        case=case,
        recommendation=recommendation,
        accept=accept,
        decision=decision,
        lines=lines,
        override_code=override_code,
        override_note=override_note,
    )
    det = next_determination(case=case, reviewer=reviewer, recommendation=recommendation, content=decided)
    letter_version = case.letters.count() + 1
    supersedes = case.letters.order_by("-version").first() if case.status == CaseStatus.REOPENED else None
    ctx = content.build_letter_context(det, version=letter_version, supersedes=supersedes)
    pdf = render.html_to_pdf(render.render_letter_html(ctx), watermark=WATERMARK)
    token = preview_token_for(case=case, reviewer=reviewer, recommendation=recommendation, content=decided)
    record_event(
        "letter.previewed",
        actor=reviewer,
        obj=case,
        summary={
            "recommendation_id": recommendation.pk,
            "decision": det.decision,
            "overridden": decided.overridden,
            "override_code": decided.override_code,
            "version": letter_version,
            "token_sha256": hashlib.sha256(token.encode()).hexdigest(),
        },
    )
    return LetterPreview(pdf=pdf, token=token, content=decided)


def letter_preview_pdf(*, case: Case, reviewer: Any, recommendation: Recommendation) -> bytes:
    """PDF bytes of the letter that accepting `recommendation` would sign, unsigned and watermarked."""
    return letter_preview(case=case, reviewer=reviewer, recommendation=recommendation).pdf


def preview_page_pngs(pdf: bytes, *, dpi: int = PAGE_DPI) -> list[bytes]:
    """The preview's pages as PNG images (poppler's pdftoppm), for showing the letter in the page."""
    from .page_images import _tool

    with tempfile.TemporaryDirectory(prefix="ur-preview-") as tmp:
        src = Path(tmp) / "preview.pdf"
        src.write_bytes(pdf)
        subprocess.run(  # noqa: S603  # a fixed tool path and our own temporary files
            [_tool("pdftoppm"), "-png", "-r", str(dpi), str(src), str(Path(tmp) / "page")],
            check=True,
            capture_output=True,
            timeout=60,
        )
        return [p.read_bytes() for p in sorted(Path(tmp).glob("page*.png"), key=lambda p: int(p.stem.split("-")[-1]))]
