"""Tasks: documents."""

from __future__ import annotations

from celery import shared_task

__all__ = ["extract_document_text_task"]


@shared_task(autoretry_for=(OSError,), max_retries=3, retry_backoff=True, acks_late=True)
def extract_document_text_task(document_id: int) -> str:
    """Extract per-page text of one uploaded record (idempotent: pages are replaced)."""
    from ..services.documents import document_extract_text

    doc = document_extract_text(document_id=document_id)
    return doc.extraction_status if doc is not None else "missing"
