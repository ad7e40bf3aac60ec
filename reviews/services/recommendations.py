"""Services: request and compute recommendations (the engine's result stored per case and input hash)."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from audit.services import record_event
from criteria.engine import evaluate, result_to_dict
from criteria.engine.types import CriteriaSnapshot
from criteria.models import CriteriaVersion
from criteria.selectors import version_key_in_effect
from criteria.snapshot import build_snapshot
from reviews.facts import facts_from_case
from reviews.models import Case, CaseStatus, Recommendation, RecommendationJob
from reviews.models.decisions import JobStatus
from reviews.tasks.base import TRANSIENT_ERRORS, stuck_after_seconds
from reviews.tasks.recommendations import compute_recommendation_task

logger = logging.getLogger(__name__)

# Statuses a recommendation request moves to in_review, and those the result moves to recommendation_ready.
# A pended case is not among them: it resumes only when its information is recorded as received
# (reviews.services.pend.case_information_received), never by a re-run.
_START_FROM = frozenset({CaseStatus.RECEIVED, CaseStatus.REOPENED})
# Keyed by (pk, created_at): a pk reused after a rollback (SQLite in tests) is not a cache hit.
_SNAPSHOT_CACHE: dict[tuple[int, Any], CriteriaSnapshot] = {}


class RecommendationError(Exception):
    """A recommendation cannot be requested or computed; the message says why."""


class RecommendationFailed(RecommendationError):
    """The computation failed and the job is marked failed (the error is stored on the job)."""


def criteria_snapshot_on(on: date) -> tuple[CriteriaSnapshot | None, int | None]:
    """The published criteria version in effect on `on`, as a snapshot, and its pk (None, None if none).

    Published versions never change in place, so their snapshots are cached per process by pk.
    """
    key = version_key_in_effect(on=on)  # every case page asks: the key only, the version when not cached
    if key is None:
        return None, None
    snapshot = _SNAPSHOT_CACHE.get(key)
    if snapshot is None:
        snapshot = _SNAPSHOT_CACHE[key] = build_snapshot(CriteriaVersion.objects.get(pk=key[0]))
    return snapshot, key[0]


def clear_snapshot_cache() -> None:
    _SNAPSHOT_CACHE.clear()


@transaction.atomic
def recommendation_request(*, case: Case, actor: Any) -> RecommendationJob:
    """Create a queued job, move the case into review, and enqueue the computation after commit.

    A pended case is refused: record the information received first (that resumes it).
    """
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if not locked.is_open:
        raise RecommendationError(f"status: a {locked.get_status_display().lower()} case cannot be re-evaluated.")
    if locked.status in (CaseStatus.PENDED, CaseStatus.REFERRED):
        why = (
            "the case is pended for information: record the information received first."
            if locked.status == CaseStatus.PENDED
            else "the case is referred for second-level review: the reviewer it is referred to takes it up first."
        )
        raise RecommendationError(f"status: {why}")
    user = actor if getattr(actor, "is_authenticated", False) else None
    job = RecommendationJob.objects.create(case=locked, requested_by=user)
    old_status = locked.status
    summary: dict[str, Any] = {"job_id": job.pk, "status_before": old_status}
    if old_status in _START_FROM:
        locked.transition_to(CaseStatus.IN_REVIEW)
        locked.save(update_fields=["status", "updated_at"])
    case.status = locked.status
    summary["status_after"] = locked.status
    record_event("recommendation.requested", actor=actor, obj=locked, summary=summary)
    compute_recommendation_task.delay_on_commit(case.pk, job.pk)
    return job


def recommendation_job_for_case(*, case_id: int) -> RecommendationJob:
    """The newest queued job of a case, or a new one (a task enqueued without a job id)."""
    job = RecommendationJob.objects.filter(case_id=case_id, status=JobStatus.QUEUED).order_by("-id").first()
    return job or RecommendationJob.objects.create(case_id=case_id)


def recommendation_compute(*, job_id: int, redelivered: bool = False) -> Recommendation:
    """Claim a queued job, evaluate the case against the criteria in effect, store the result.

    Idempotent: a job already done returns its recommendation; the same input hash reuses the
    stored row. Transient database errors put the job back to queued (the task retries);
    anything else marks it failed with the error and raises RecommendationFailed.
    """
    now = timezone.now()
    # A redelivered message (its worker died mid-task: acks_late + reject_on_worker_lost) may claim the
    # job that worker left "running"; its transaction died with it, so nothing was stored.
    claimable = [JobStatus.QUEUED, JobStatus.RUNNING] if redelivered else [JobStatus.QUEUED]
    claimed = RecommendationJob.objects.filter(pk=job_id, status__in=claimable).update(
        status=JobStatus.RUNNING, started_at=now, error="", attempts=F("attempts") + 1
    )
    if not claimed:
        job = RecommendationJob.objects.select_related("recommendation").get(pk=job_id)
        if job.status == JobStatus.DONE and job.recommendation is not None:
            return job.recommendation
        raise RecommendationError(f"job {job_id}: is {job.status}, not queued")
    try:
        return _compute(job_id)
    except TRANSIENT_ERRORS:
        RecommendationJob.objects.filter(pk=job_id).update(status=JobStatus.QUEUED)
        raise
    except Exception as exc:
        recommendation_job_fail(job_id=job_id, error=f"{type(exc).__name__}: {exc}")
        raise RecommendationFailed(str(exc)) from exc


@transaction.atomic
def _compute(job_id: int) -> Recommendation:
    job = RecommendationJob.objects.select_related("case").get(pk=job_id)
    case = Case.objects.select_for_update().get(pk=job.case_id)
    facts = facts_from_case(case)
    criteria, version_pk = criteria_snapshot_on(facts.request.start_date)
    result = evaluate(facts, criteria)
    recommendation, created = Recommendation.objects.get_or_create(
        case=case,
        input_hash=result.input_hash,
        defaults={
            "criteria_version_id": version_pk,
            "engine_version": result.engine_version,
            "decision": result.decision,
            "requested_visits": result.requested_visits,
            "approved_visits": result.approved_visits,
            "result": result_to_dict(result),
        },
    )
    RecommendationJob.objects.filter(pk=job_id).update(
        status=JobStatus.DONE,
        recommendation=recommendation,
        finished_at=timezone.now(),
    )
    old_status = case.status
    if case.status != CaseStatus.RECOMMENDATION_READY and case.can_transition_to(CaseStatus.RECOMMENDATION_READY):
        case.transition_to(CaseStatus.RECOMMENDATION_READY)
        case.save(update_fields=["status", "updated_at"])
    record_event(
        "recommendation.computed",
        actor=job.requested_by if job.requested_by_id else None,
        obj=case,
        summary={
            "job_id": job_id,
            "recommendation_id": recommendation.pk,
            "reused": not created,
            "decision": result.decision,
            "approved_visits": result.approved_visits,
            "input_hash": result.input_hash,
            "engine_version": result.engine_version,
            "criteria_version_id": version_pk,
            "status_before": old_status,
            "status_after": case.status,
        },
    )
    return recommendation


def recommendation_job_fail(*, job_id: int, error: str) -> None:
    """Mark a job failed with its error (kept in the database) and audit it."""
    with transaction.atomic():
        updated = (
            RecommendationJob.objects.filter(pk=job_id)
            .exclude(status=JobStatus.DONE)
            .update(status=JobStatus.FAILED, error=error[:2000], finished_at=timezone.now())
        )
        if updated:
            job = RecommendationJob.objects.select_related("case").get(pk=job_id)
            record_event(
                "recommendation.failed",
                obj=job.case,
                summary={"job_id": job_id, "error_type": error.split(":", 1)[0][:100]},
            )
    logger.warning("recommendation job %s failed", job_id)


def recommendation_requeue(*, older_than_seconds: int = 600, include_running: bool = True) -> list[int]:
    """Re-enqueue jobs stuck in queued (or running past the time limit); returns their ids.

    The status lives in the database, so jobs whose message a Redis restart lost are found here. A
    running job is stuck once it ran longer than the tasks' hard time limit (`stuck_after_seconds`).
    """
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    ids: list[int] = []
    with transaction.atomic():
        stale_running = timezone.now() - timedelta(seconds=stuck_after_seconds())
        if include_running:
            RecommendationJob.objects.filter(status=JobStatus.RUNNING, started_at__lt=stale_running).update(
                status=JobStatus.QUEUED
            )
        jobs = list(
            RecommendationJob.objects.filter(status=JobStatus.QUEUED, created_at__lt=cutoff).values_list(
                "pk", "case_id"
            )
        )
        for job_id, case_id in jobs:
            ids.append(job_id)
            compute_recommendation_task.delay_on_commit(case_id, job_id)
        if ids:
            record_event("recommendation.requeued", summary={"job_ids": ids})
    return ids
