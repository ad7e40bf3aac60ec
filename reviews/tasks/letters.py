"""Tasks: letters."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

__all__ = ["issue_letter_task"]


@shared_task(autoretry_for=(OSError, OperationalError), max_retries=3, retry_backoff=True, acks_late=True)
def issue_letter_task(determination_id: int) -> int:
    """Render, sign and store the letter for one determination; safe to run twice. Returns the letter id."""
    from reviews.models import Determination
    from reviews.services.letters import letter_issue

    determination = Determination.objects.get(pk=determination_id)
    return letter_issue(determination=determination).pk
