"""End to end with a real Celery worker, real Redis and PostgreSQL (run via scripts/with_services.py)."""

from __future__ import annotations

import json
import time
from io import StringIO

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.management import call_command
from django.db import connections

from criteria.engine import canonical_json, result_to_dict
from reviews.models import Recommendation, RecommendationJob
from reviews.services.cases import case_import
from reviews.services.recommendations import clear_snapshot_cache, recommendation_request
from tests.seeds import SEED_APPROVE, SEED_DENY

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    from config.celery import app

    assert not app.conf.task_always_eager, "services tests need a real broker (CELERY_TASK_ALWAYS_EAGER=0)"
    clear_snapshot_cache()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20) as w:
        yield w
    connections.close_all()


def wait_for(job: RecommendationJob, timeout: float = 30.0) -> RecommendationJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job.pk} still {job.status} after {timeout}s")


def cli_json(path) -> dict:
    out = StringIO()
    call_command("evaluate_case", str(path), "--json", stdout=out)
    data = json.loads(out.getvalue())
    data.pop("criteria_version")
    return data


@pytest.mark.parametrize("path", [SEED_APPROVE, SEED_DENY])
def test_worker_computes_what_evaluate_case_prints(worker, reviewer, path):
    call_command("load_criteria", stdout=StringIO())
    case = case_import(data=json.loads(path.read_text()), assign_to=reviewer)
    job = recommendation_request(case=case, actor=reviewer)  # commits, then enqueues to Redis
    job = wait_for(job)
    assert job.status == "done", job.error
    stored = job.recommendation.engine_result
    assert canonical_json(result_to_dict(stored)) == canonical_json(cli_json(path))


def test_same_case_enqueued_twice_stores_one_recommendation(worker, reviewer):
    call_command("load_criteria", stdout=StringIO())
    case = case_import(data=json.loads(SEED_DENY.read_text()), assign_to=reviewer)
    first = recommendation_request(case=case, actor=reviewer)
    case.refresh_from_db()
    second = recommendation_request(case=case, actor=reviewer)
    first, second = wait_for(first), wait_for(second)
    assert first.status == second.status == "done"
    assert first.recommendation_id == second.recommendation_id
    assert Recommendation.objects.filter(case=case).count() == 1
    assert first.recommendation.decision == "deny"
