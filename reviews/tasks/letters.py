"""Tasks: letters. Thin: re-read by id, call the service (imported lazily, see tasks/base.py)."""

from __future__ import annotations

from celery import shared_task

from reviews.models import Determination

from .base import UrTask

__all__ = ["issue_letter_task"]


@shared_task(base=UrTask)
def issue_letter_task(determination_id: int) -> int:
    """Render, sign and store the letter for one determination; safe to run twice. Returns the letter id."""
    from reviews.services.letters import letter_issue

    determination = Determination.objects.get(pk=determination_id)
    return letter_issue(determination=determination).pk
