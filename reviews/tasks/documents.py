"""Tasks: documents. Thin: re-read by id, call the service (imported lazily, see tasks/base.py)."""

from __future__ import annotations

from celery import shared_task

from .base import UrTask

__all__ = ["extract_document_text_task"]


@shared_task(base=UrTask)
def extract_document_text_task(document_id: int) -> str:
    """Extract per-page text of one uploaded record (idempotent: pages are replaced)."""
    from reviews.services.documents import document_extract_text

    doc = document_extract_text(document_id=document_id)
    return doc.extraction_status if doc is not None else "missing"
