"""Tasks: the sweeper (Celery beat runs it every UR_SWEEP_SECONDS; config/celery.py at worker start)."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from .base import UrTask

__all__ = ["sweep_orphan_files_task", "sweep_pending_work_task"]


@shared_task(base=UrTask, name="reviews.sweep_pending_work", ignore_result=True, expires=300)
def sweep_pending_work_task() -> dict[str, Any]:
    from reviews.services.recovery import sweep_pending_work

    report = sweep_pending_work()
    return {"relayed": report.relayed, "resent": report.resent, "broker_down": report.broker_down}


@shared_task(base=UrTask, name="reviews.sweep_orphan_files", ignore_result=True, expires=3600)
def sweep_orphan_files_task() -> dict[str, Any]:
    """Record files no row names, older than UR_ORPHAN_FILE_MINUTES (beat: every UR_ORPHAN_SWEEP_SECONDS)."""
    from reviews.services.orphan_files import sweep_orphan_files

    report = sweep_orphan_files()
    return {"files": len(report.files), "page_caches": len(report.page_caches)}
