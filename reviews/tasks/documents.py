"""Tasks: documents. Thin: re-read by id, call the service (imported lazily, see tasks/base.py)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from .base import UrTask

__all__ = ["extract_document_text_task"]


# Reading a record (OCR of faxed pages) runs on its own queue (settings.CELERY_TASK_ROUTES) so long
# faxes never hold up recommendations or letters. It is the one task with its own time limit: a
# 200-page fax legitimately takes minutes, and each page has its own OCR timeout (UR_OCR_PAGE_TIMEOUT_S).
# On the soft limit the service marks the document failed with a reason and re-raises.
@shared_task(
    base=UrTask,
    soft_time_limit=settings.UR_RECORD_TASK_SOFT_LIMIT_S,
    time_limit=settings.UR_RECORD_TASK_SOFT_LIMIT_S + 60,
)
def extract_document_text_task(document_id: int) -> str:
    """Read per-page text of one uploaded record, then its suggestions (idempotent: pages are replaced)."""
    from reviews.services.documents import document_extract_text

    doc = document_extract_text(document_id=document_id)
    return doc.extraction_status if doc is not None else "missing"
