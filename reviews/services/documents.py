"""Services: medical record upload (PDF or TIFF fax), per-page text (OCR where needed) and suggested findings."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import unicodedata
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from pypdf.errors import PdfReadError

from audit.services import record_event
from extraction import extract, to_payload

from ..models import Case, ClinicalDocument, DocumentPage
from ..record_reader import Limits, RecordRefused, clean_text, kind_of, page_count, read_pages
from ..tasks.documents import extract_document_text_task

logger = logging.getLogger(__name__)

MAX_PAGES = 2000  # kept for callers; the record limit in force is settings.UR_RECORD_MAX_PAGES


def record_limits() -> Limits:
    """The limits a record must meet (pages, bytes, decoded page size, OCR time per page)."""
    return Limits(
        max_pages=settings.UR_RECORD_MAX_PAGES,
        max_bytes=settings.UR_MAX_UPLOAD_BYTES,
        max_page_pixels=settings.UR_RECORD_MAX_PAGE_PIXELS,
        page_timeout_s=settings.UR_OCR_PAGE_TIMEOUT_S,
    )


def _safe_name(name: str) -> str:
    """A display name only (files are stored under a random name): no path, no control chars."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    return (base or "record.pdf")[:255]


STORAGE_UNAVAILABLE = (
    "The record could not be stored: the file storage is unavailable or full. Nothing was saved; try again later."
)


@transaction.atomic
def document_upload(*, case: Case, actor: Any, uploaded_file: Any) -> ClinicalDocument:
    """Store a validated record (PDF or multi-page TIFF fax) and enqueue its text extraction (OCR where needed)."""
    if not case.is_open:
        raise ValidationError({"file": "Records can only be added to an open case."})
    if uploaded_file is None:
        raise ValidationError({"file": "Choose a PDF or TIFF file to upload."})
    limits = record_limits()
    if uploaded_file.size is None or uploaded_file.size > limits.max_bytes:
        raise ValidationError({"file": f"The file is larger than the {limits.max_bytes // (1024 * 1024)} MB limit."})
    if uploaded_file.size == 0:
        raise ValidationError({"file": "The file is empty."})
    data = b"".join(uploaded_file.chunks())
    try:
        pages = page_count(data, limits)
        kind = kind_of(data)
    except RecordRefused as exc:
        raise ValidationError({"file": str(exc)}) from exc
    doc = ClinicalDocument(
        case=case,
        original_name=_safe_name(getattr(uploaded_file, "name", "")),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        page_count=pages,
        uploaded_by=actor,
    )
    # upload_to picks a random name; a full disk leaves a partial file under it, removed here.
    name = doc.file.field.generate_filename(doc, "record.tif" if kind == "tiff" else "record.pdf")
    try:
        doc.file = doc.file.storage.save(name, ContentFile(data), max_length=doc.file.field.max_length)
    except OSError as exc:  # unwritable or full storage: nothing is saved (no row, no partial file)
        logger.error("record upload: the file storage refused the file (%s)", type(exc).__name__)
        with contextlib.suppress(OSError):
            doc.file.storage.delete(name)
        raise ValidationError({"file": STORAGE_UNAVAILABLE}) from exc
    try:  # a row that is not written must not leave its file behind
        doc.save()
        record_event(
            "document.uploaded",
            actor=actor,
            obj=case,
            summary={"document": str(doc.public_id), "pages": doc.page_count, "size": doc.size, "sha256": doc.sha256},
        )
    except BaseException:
        doc.file.delete(save=False)
        raise
    extract_document_text_task.delay_on_commit(doc.pk)
    return doc


def _clean_text(text: str) -> str:
    return clean_text(text)


def _fail(doc: ClinicalDocument, reason: str) -> None:
    ClinicalDocument.objects.filter(pk=doc.pk).update(
        extraction_status=ClinicalDocument.ExtractionStatus.FAILED, extraction_error=reason[:500]
    )
    record_event("document.text_failed", obj=doc.case, summary={"document": str(doc.public_id), "reason": reason[:200]})


def document_extract_text(*, document_id: int) -> ClinicalDocument | None:
    """Each page's text into DocumentPage rows (OCR for pages without a text layer), then the
    suggested findings. Progress (pages done) is saved after every page. Safe to run twice."""
    doc = ClinicalDocument.objects.filter(pk=document_id).first()
    if doc is None:
        return None
    ClinicalDocument.objects.filter(pk=doc.pk).update(
        extraction_status=ClinicalDocument.ExtractionStatus.PENDING, extraction_error="", pages_done=0
    )

    def progress(done: int, total: int) -> None:
        ClinicalDocument.objects.filter(pk=doc.pk).update(pages_done=done, page_count=total)

    try:
        with doc.file.open("rb") as fh:
            data = fh.read()
        pages = read_pages(data, limits=record_limits(), on_page=progress)
    except SoftTimeLimitExceeded:
        _fail(doc, "Reading this record took longer than the time allowed; split it into smaller files.")
        raise
    except RecordRefused as exc:
        _fail(doc, str(exc))
        logger.warning("record %s refused: %s", doc.pk, type(exc).__name__)
        doc.refresh_from_db()
        return doc
    except (OSError, PdfReadError, ValueError) as exc:
        _fail(doc, f"The record could not be read ({type(exc).__name__}).")
        logger.warning("text extraction failed for document %s: %s", doc.pk, type(exc).__name__)
        doc.refresh_from_db()
        return doc
    suggestions = to_payload(extract(pages))
    with transaction.atomic():
        DocumentPage.objects.filter(document=doc).delete()
        DocumentPage.objects.bulk_create(
            [DocumentPage(document=doc, number=p.number, text=p.text, ocr=p.ocr) for p in pages]
        )
        ClinicalDocument.objects.filter(pk=doc.pk).update(
            extraction_status=ClinicalDocument.ExtractionStatus.DONE,
            extraction_error="",
            page_count=len(pages),
            pages_done=len(pages),
            suggestions=suggestions,
        )
        record_event(
            "document.text_extracted",
            obj=doc.case,
            summary={
                "document": str(doc.public_id),
                "pages": len(pages),
                "ocr_pages": len([p for p in pages if p.ocr]),
                "suggestions": len(suggestions["sources"]),
            },
        )
    doc.refresh_from_db()
    return doc


def record_page_offsets(case: Case, documents: list[ClinicalDocument] | None = None) -> dict[int, int]:
    """document pk -> how many record pages come before it (record pages run on across documents).

    `documents`: all the case's documents in upload order (`case_documents`), when the caller has them.
    """
    rows = (
        [(d.pk, d.page_count) for d in documents]
        if documents is not None
        else case.documents.order_by("uploaded_at", "id").values_list("pk", "page_count")
    )
    offsets: dict[int, int] = {}
    running = 0
    for pk, count in rows:
        offsets[pk] = running
        running += count or 0
    return offsets


def case_documents(case: Case) -> list[ClinicalDocument]:
    """All the case's documents in upload order, in one query (for a page that reads them in several places)."""
    return list(case.documents.order_by("uploaded_at", "id"))


def read_documents(case: Case, documents: list[ClinicalDocument] | None = None) -> list[ClinicalDocument]:
    """The case's documents whose text is read (extraction done), in upload order."""
    if documents is None:
        return list(
            case.documents.filter(extraction_status=ClinicalDocument.ExtractionStatus.DONE).order_by(
                "uploaded_at", "id"
            )
        )
    return [d for d in documents if d.extraction_status == ClinicalDocument.ExtractionStatus.DONE]


def record_page_count(case: Case) -> int:
    return case.documents.aggregate(n=Sum("page_count"))["n"] or 0
