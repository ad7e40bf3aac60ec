"""Tasks: recommendations. Thin: re-read by id, call the service (imported lazily, see tasks/base.py);
the status lives in the database."""

from __future__ import annotations

from typing import Any

from celery import Task, shared_task

from .base import TRANSIENT_ERRORS, UrTask

__all__ = ["compute_recommendation_task"]


@shared_task(bind=True, base=UrTask)
def compute_recommendation_task(self: Task, case_id: int, job_id: int | None = None) -> dict[str, Any]:
    """Compute (or reuse) the recommendation of a case for one job."""
    from reviews.services.recommendations import (
        RecommendationError,
        RecommendationFailed,
        recommendation_compute,
        recommendation_job_fail,
        recommendation_job_for_case,
    )

    if job_id is None:
        job_id = recommendation_job_for_case(case_id=case_id).pk
    try:
        redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
        recommendation = recommendation_compute(job_id=job_id, redelivered=redelivered)
    except RecommendationFailed:
        return {"job_id": job_id, "status": "failed"}
    except RecommendationError as exc:  # already claimed by another worker, or not queued
        return {"job_id": job_id, "status": "skipped", "reason": str(exc)}
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= (self.max_retries or 0):
            recommendation_job_fail(job_id=job_id, error=f"{type(exc).__name__}: {exc} (retries exhausted)")
            return {"job_id": job_id, "status": "failed"}
        raise
    return {"job_id": job_id, "status": "done", "recommendation_id": recommendation.pk}
