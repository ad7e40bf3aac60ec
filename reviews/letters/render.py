"""HTML -> tagged PDF/A-3a with WeasyPrint, the machine-readable determination attached as JSON."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

TEMPLATE = "letters/determination.html"
# PDF/A-3a: archival (and the JSON attachment is allowed) *and* tagged for accessibility, with the
# document language and title from the HTML. Tagging happens here, before the PAdES signature.
PDF_VARIANT = "pdf/a-3a"


def static_dir() -> Path:
    # No request inside Celery: assets resolve against the source static dir (STATICFILES_DIRS).
    return Path(settings.BASE_DIR) / "static"


@lru_cache(maxsize=1)
def _stylesheet_and_fonts() -> tuple[Any, Any]:
    """The parsed print stylesheet and its font configuration, built once per worker process."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = CSS(filename=str(static_dir() / "css" / "letter.css"), font_config=fonts)
    return css, fonts


def render_letter_html(ctx: Any, *, template: str = TEMPLATE) -> str:
    """The letter as HTML (pure: a LetterContext, or any context with the same sections, in; a string out)."""
    return render_to_string(template, {"l": ctx})


WATERMARK_CSS = (
    "@page { @top-center { content: '%(text)s'; color: #b02a37; font-weight: 700; } }"
    " .ur-watermark { position: fixed; top: 38%%; left: -10%%; width: 120%%; text-align: center;"
    " transform: rotate(-32deg); font-size: 110pt; font-weight: 700; letter-spacing: .1em;"
    " color: rgba(176, 42, 55, .16); z-index: 1000; }"
)


def with_watermark(html: str, text: str) -> str:
    """`html` with `text` across every page (the unsigned preview); the letter's content is unchanged."""
    safe = "".join(ch for ch in text if ch.isalnum() or ch in " -·")
    mark = f'<style>{WATERMARK_CSS % {"text": safe}}</style><div class="ur-watermark" aria-hidden="true">{safe}</div>'
    at = html.find(">", html.find("<body")) + 1 if "<body" in html else 0
    return html[:at] + mark + html[at:]


def html_to_pdf(html: str, *, attachment: dict[str, Any] | None = None, watermark: str = "") -> bytes:
    """Tagged PDF/A-3a bytes for `html`, with `attachment` embedded as determination.json.

    `watermark` (e.g. "PREVIEW") prints across every page: for the unsigned preview only.
    """
    from weasyprint import HTML, Attachment

    if watermark:
        html = with_watermark(html, watermark)
    css, fonts = _stylesheet_and_fonts()
    attachments = []
    if attachment is not None:
        attachments.append(
            Attachment(
                string=json.dumps(attachment, indent=2, sort_keys=True, default=str),
                name="determination.json",
                description="Machine-readable utilization review determination",
                relationship="Data",
            )
        )
    doc = HTML(string=html, base_url=str(static_dir()))
    pdf: bytes = doc.write_pdf(stylesheets=[css], font_config=fonts, pdf_variant=PDF_VARIANT, attachments=attachments)
    return pdf
