"""Tasks: signed notices (appeal decisions, extension notices)."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

__all__ = ["issue_notice_task"]


@shared_task(autoretry_for=(OSError, OperationalError), max_retries=3, retry_backoff=True, acks_late=True)
def issue_notice_task(kind: str, object_id: int) -> int:
    """Render, sign and store one notice; safe to run twice. Returns the notice id."""
    from appeals.services.letters import notice_issue

    return notice_issue(kind=kind, object_id=object_id).pk
