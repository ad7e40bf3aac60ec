"""Helpers for the medical-record tests: a real multi-page PDF, an upload through the service."""

from __future__ import annotations

import functools
from typing import Any

import weasyprint
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.models import ClinicalDocument
from reviews.services.documents import document_upload
from reviews.tasks.documents import extract_document_text_task

PAGES = [
    "Evaluation 2025-08-25. Patient reports left hip pain for two years.",
    "Hip abduction strength 3+/5 by manual muscle test. HOOS 42.",
    "Home exercise: bridges 3 sets of 10 reps, rest 60 s.",
]


@functools.lru_cache(maxsize=8)
def _render_pdf(pages: tuple[str, ...]) -> bytes:
    body = "".join(f'<section style="page-break-after: always"><p>{t}</p></section>' for t in pages)
    return weasyprint.HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def make_pdf(pages: list[str] = PAGES) -> bytes:
    """A real multi-page PDF with a text layer (WeasyPrint; rendered once per text)."""
    return _render_pdf(tuple(pages))


def upload(
    case: Any, user: Any, data: bytes | None = None, name: str = "record.pdf", *, extract: bool = True
) -> ClinicalDocument:
    """Upload through the service; the test transaction never commits, so run the extraction task here."""
    f = SimpleUploadedFile(name, data if data is not None else make_pdf(), content_type="application/pdf")
    doc = document_upload(case=case, actor=user, uploaded_file=f)
    if extract:
        extract_document_text_task(doc.pk)
        doc.refresh_from_db()
    return doc
