"""Tasks: letters. Thin: re-read by id, call the service (imported lazily, see tasks/base.py)."""

from __future__ import annotations

from celery import shared_task

from reviews.models import Determination

from .base import UrTask

__all__ = ["issue_information_request_task", "issue_letter_task"]


@shared_task(base=UrTask)
def issue_letter_task(determination_id: int) -> int:
    """Render, sign and store the letter for one determination; safe to run twice. Returns the letter id."""
    from reviews.services.letters import letter_issue

    determination = Determination.objects.get(pk=determination_id)
    return letter_issue(determination=determination).pk


@shared_task(base=UrTask)
def issue_information_request_task(pend_request_id: int) -> int:
    """Render, sign and store the request-for-information notice of one pend; safe to run twice."""
    from reviews.services.information_requests import information_request_issue

    return information_request_issue(pend_request_id=pend_request_id).pk
