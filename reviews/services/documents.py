"""Services: medical record upload (validated PDFs) and per-page text extraction."""

from __future__ import annotations

import hashlib
import io
import logging
import os
import unicodedata
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from audit.services import record_event

from ..models import Case, ClinicalDocument, DocumentPage
from ..tasks.documents import extract_document_text_task

logger = logging.getLogger(__name__)

MAX_PAGES = 2000


def _safe_name(name: str) -> str:
    """A display name only (files are stored under a random name): no path, no control chars."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    return (base or "record.pdf")[:255]


def _read_pdf(data: bytes) -> PdfReader:
    if not data.startswith(b"%PDF-"):
        raise ValidationError({"file": "This file is not a PDF (it does not start with the %PDF- header)."})
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError({"file": "This PDF is password-protected; upload an unencrypted copy."})
        pages = len(reader.pages)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise ValidationError({"file": "This PDF is damaged and cannot be opened."}) from exc
    if pages == 0:
        raise ValidationError({"file": "This PDF has no pages."})
    if pages > MAX_PAGES:
        raise ValidationError({"file": f"This PDF has more than {MAX_PAGES} pages; split it into parts."})
    return reader


@transaction.atomic
def document_upload(*, case: Case, actor: Any, uploaded_file: Any) -> ClinicalDocument:
    """Store a validated PDF of the submitted record and enqueue its text extraction."""
    if not case.is_open:
        raise ValidationError({"file": "Records can only be added to an open case."})
    if uploaded_file is None:
        raise ValidationError({"file": "Choose a PDF file to upload."})
    limit = settings.UR_MAX_UPLOAD_BYTES
    if uploaded_file.size is None or uploaded_file.size > limit:
        raise ValidationError({"file": f"The file is larger than the {limit // (1024 * 1024)} MB limit."})
    if uploaded_file.size == 0:
        raise ValidationError({"file": "The file is empty."})
    data = b"".join(uploaded_file.chunks())
    if len(data) > limit:
        raise ValidationError({"file": f"The file is larger than the {limit // (1024 * 1024)} MB limit."})
    reader = _read_pdf(data)
    doc = ClinicalDocument(
        case=case,
        original_name=_safe_name(getattr(uploaded_file, "name", "")),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        page_count=len(reader.pages),
        uploaded_by=actor,
    )
    doc.file.save("record.pdf", ContentFile(data), save=False)  # upload_to picks a random name
    try:
        doc.save()
    except Exception:
        doc.file.delete(save=False)
        raise
    record_event(
        "document.uploaded",
        actor=actor,
        obj=case,
        summary={"document": str(doc.public_id), "pages": doc.page_count, "size": doc.size, "sha256": doc.sha256},
    )
    extract_document_text_task.delay_on_commit(doc.pk)
    return doc


def _clean_text(text: str) -> str:
    # PostgreSQL text cannot hold NUL; other control chars (except newlines/tabs) are noise.
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def document_extract_text(*, document_id: int) -> ClinicalDocument | None:
    """Extract each page's text into DocumentPage rows. Safe to run twice (pages are replaced)."""
    doc = ClinicalDocument.objects.filter(pk=document_id).first()
    if doc is None:
        return None
    try:
        with doc.file.open("rb") as fh:
            data = fh.read()
        reader = PdfReader(io.BytesIO(data))
        texts = []
        for page in reader.pages:
            try:
                texts.append(_clean_text(page.extract_text() or ""))
            except Exception:  # one unreadable page must not lose the others
                logger.warning("text extraction failed on a page of document %s", doc.pk)
                texts.append("")
    except (OSError, PdfReadError, ValueError) as exc:
        ClinicalDocument.objects.filter(pk=doc.pk).update(
            extraction_status=ClinicalDocument.ExtractionStatus.FAILED, extraction_error=type(exc).__name__
        )
        logger.warning("text extraction failed for document %s: %s", doc.pk, type(exc).__name__)
        doc.refresh_from_db()
        return doc
    with transaction.atomic():
        DocumentPage.objects.filter(document=doc).delete()
        DocumentPage.objects.bulk_create(
            [DocumentPage(document=doc, number=i, text=text) for i, text in enumerate(texts, 1)]
        )
        ClinicalDocument.objects.filter(pk=doc.pk).update(
            extraction_status=ClinicalDocument.ExtractionStatus.DONE, extraction_error="", page_count=len(texts)
        )
        record_event(
            "document.text_extracted",
            obj=doc.case,
            summary={"document": str(doc.public_id), "pages": len(texts)},
        )
    doc.refresh_from_db()
    return doc


def record_page_offsets(case: Case) -> dict[int, int]:
    """document pk -> how many record pages come before it (record pages run on across documents)."""
    offsets: dict[int, int] = {}
    running = 0
    for pk, count in case.documents.order_by("uploaded_at", "id").values_list("pk", "page_count"):
        offsets[pk] = running
        running += count or 0
    return offsets


def record_page_count(case: Case) -> int:
    return case.documents.aggregate(n=Sum("page_count"))["n"] or 0
