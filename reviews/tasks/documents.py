"""Tasks: documents (reading a record: text layer or OCR, then suggested findings)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

__all__ = ["extract_document_text_task"]


@shared_task(
    autoretry_for=(OSError, OperationalError, InterfaceError),
    max_retries=3,
    retry_backoff=True,
    acks_late=True,
    soft_time_limit=settings.UR_RECORD_TASK_SOFT_LIMIT_S,
    time_limit=settings.UR_RECORD_TASK_SOFT_LIMIT_S + 60,
)
def extract_document_text_task(document_id: int) -> str:
    """Read per-page text of one uploaded record (idempotent: pages are replaced).

    Runs on the records queue (settings.CELERY_TASK_ROUTES). On the soft time limit the document is
    marked failed with a reason and SoftTimeLimitExceeded is re-raised; transient DB errors retry.
    """
    from ..services.documents import document_extract_text

    doc = document_extract_text(document_id=document_id)
    return doc.extraction_status if doc is not None else "missing"
