"""Helpers for tests that upload records: a real multi-page PDF (WeasyPrint) and an upload that reads it."""

from __future__ import annotations

import functools

import weasyprint
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.models import ClinicalDocument
from reviews.services.documents import document_upload
from reviews.tasks.documents import extract_document_text_task


@functools.lru_cache(maxsize=16)
def _render_pdf(pages: tuple[str, ...]) -> bytes:
    body = "".join(f'<section style="page-break-after: always"><p>{t}</p></section>' for t in pages)
    return bytes(weasyprint.HTML(string=f"<html><body>{body}</body></html>").write_pdf())


def make_pdf(pages: list[str]) -> bytes:
    """A real PDF with a text layer, one page per string (HTML allowed)."""
    return _render_pdf(tuple(pages))


def upload(case, user, data: bytes, name: str = "record.pdf") -> ClinicalDocument:  # noqa: ANN001
    """Upload through the service and read it here (the test transaction never commits)."""
    f = SimpleUploadedFile(name, data, content_type="application/pdf")
    doc = document_upload(case=case, actor=user, uploaded_file=f)
    extract_document_text_task(doc.pk)
    doc.refresh_from_db()
    return doc
