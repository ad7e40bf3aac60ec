"""The outbox and the sweeper without a worker: a refused send is stored, the relay sends it, the
sweeper finds every kind of pending work (tasks run in process here; tests/faults/ has the real worker)."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from django.utils import timezone

from audit.models import AuditEvent
from relay.models import UnsentTask
from relay.outbox import relay_unsent, send_task, tracking_unsent
from reviews.models import Determination, Letter, RecommendationJob
from reviews.services.determinations import determination_submit
from reviews.services.recovery import sweep_pending_work
from reviews.tasks.letters import issue_letter_task


def test_a_refused_send_is_stored_quickly_and_named_for_the_request(settings: Any, db: None) -> None:
    from config.celery import app
    from tests.faults.support import _point_app_at

    old = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.task_always_eager = False
    _point_app_at("redis://127.0.0.1:1/0")  # nothing listens on port 1: connection refused, for real
    try:
        started = time.monotonic()
        with tracking_unsent() as unsent:
            assert send_task(issue_letter_task, (12345,)) is False
        elapsed = time.monotonic() - started
    finally:
        app.conf.task_always_eager = old[1]
        _point_app_at(old[0])
    assert elapsed < 10, f"a refused send held the request for {elapsed:.1f}s"
    assert unsent == ["reviews.tasks.letters.issue_letter_task"]
    row = UnsentTask.objects.get()
    assert (row.task, row.args, row.attempts) == ("reviews.tasks.letters.issue_letter_task", [12345], 1)


def test_relay_sends_a_stored_letter_once(
    approve_case: Any, reviewer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case, rec = approve_case
    with django_capture_on_commit_callbacks(execute=False):  # the send "fails": nothing leaves
        det = determination_submit(case=case, reviewer=reviewer, recommendation=rec)
    UnsentTask.objects.create(task=issue_letter_task.name, args=[det.pk])
    assert relay_unsent() == 1
    assert Letter.objects.filter(determination=det).count() == 1
    assert not UnsentTask.objects.exists()
    assert relay_unsent() == 0


def test_sweeper_resends_a_determination_without_a_letter(
    approve_case: Any, reviewer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case, rec = approve_case
    with django_capture_on_commit_callbacks(execute=False):  # the message is lost
        det = determination_submit(case=case, reviewer=reviewer, recommendation=rec)
    Determination.objects.filter(pk=det.pk).update(decided_at=timezone.now() - timedelta(minutes=5))
    assert sweep_pending_work(grace_seconds=600).total == 0  # too young: its message may still be queued
    report = sweep_pending_work(grace_seconds=60)
    assert report.resent == {"letter": [det.pk]}
    assert Letter.objects.filter(determination=det).count() == 1
    event = AuditEvent.objects.get(action="work.resent")
    assert event.summary["letter"] == [det.pk]
    assert sweep_pending_work(grace_seconds=0).total == 0  # signed now: nothing left to send


def test_sweeper_requeues_a_job_left_running_past_the_time_limit(approve_case: Any, settings: Any) -> None:
    case, _rec = approve_case
    old = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 300)
    job = RecommendationJob.objects.create(case=case, status="running", started_at=old)
    RecommendationJob.objects.filter(pk=job.pk).update(created_at=old)
    report = sweep_pending_work(grace_seconds=60)
    assert job.pk in report.resent["recommendation"]
    job.refresh_from_db()
    assert job.status in ("done", "failed")  # run in process; no longer stuck
