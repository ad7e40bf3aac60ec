"""Tasks: signed notices (appeal decisions, extension notices). Thin: re-read by id, call the service lazily."""

from __future__ import annotations

from celery import shared_task

from reviews.tasks.base import UrTask

__all__ = ["issue_notice_task"]


@shared_task(base=UrTask)
def issue_notice_task(kind: str, object_id: int) -> int:
    """Render, sign and store one notice; safe to run twice. Returns the notice id."""
    from appeals.services.letters import notice_issue

    return notice_issue(kind=kind, object_id=object_id).pk
