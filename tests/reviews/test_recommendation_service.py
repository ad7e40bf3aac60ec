"""recommendation_request / recommendation_compute / the task (eager), the CLI commands (SQLite)."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AuditEvent
from criteria.engine import canonical_json, result_to_dict
from reviews.models import CaseStatus, Recommendation, RecommendationJob, Visit
from reviews.services.cases import case_import
from reviews.services.recommendations import (
    RecommendationError,
    clear_snapshot_cache,
    recommendation_compute,
    recommendation_request,
)
from reviews.tasks.recommendations import compute_recommendation_task
from tests.criteria.engine_fixtures import seed_approve, seed_deny
from tests.seeds import SEED_APPROVE, SEED_DENY, variant


@pytest.fixture
def criteria(db):
    clear_snapshot_cache()
    call_command("load_criteria", stdout=StringIO())
    yield
    clear_snapshot_cache()


def evaluate_case_json(path) -> dict:
    out = StringIO()
    call_command("evaluate_case", str(path), "--json", stdout=out)
    return json.loads(out.getvalue())


def request_and_run(case, actor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = recommendation_request(case=case, actor=actor)
    job.refresh_from_db()
    return job


@pytest.mark.django_db
def test_request_runs_the_task_after_commit_and_stores_the_recommendation(
    criteria, reviewer, django_capture_on_commit_callbacks
):
    case = case_import(data=seed_approve(), assign_to=reviewer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = recommendation_request(case=case, actor=reviewer)
    assert job.status == "queued" and len(callbacks) == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_REVIEW
    callbacks[0]()  # the on_commit enqueue (eager Celery runs the task here)
    job.refresh_from_db()
    assert job.status == "done" and job.attempts == 1 and job.finished_at is not None
    rec = job.recommendation
    assert (rec.decision, rec.approved_visits, rec.requested_visits) == ("approve", 8, 8)
    assert rec.criteria_version is not None
    case.refresh_from_db()
    assert case.status == CaseStatus.RECOMMENDATION_READY
    actions = list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True))
    assert actions[-2:] == ["recommendation.requested", "recommendation.computed"]
    computed = AuditEvent.objects.get(action="recommendation.computed")
    assert computed.summary["decision"] == "approve" and computed.summary["input_hash"] == rec.input_hash


@pytest.mark.django_db
@pytest.mark.parametrize("path", [SEED_APPROVE, SEED_DENY])
def test_stored_recommendation_matches_evaluate_case(criteria, reviewer, django_capture_on_commit_callbacks, path):
    case = case_import(data=json.loads(path.read_text()), assign_to=reviewer)
    job = request_and_run(case, reviewer, django_capture_on_commit_callbacks)
    stored = job.recommendation.engine_result
    cli = evaluate_case_json(path)
    assert canonical_json(result_to_dict(stored)) == canonical_json(
        {k: v for k, v in cli.items() if k != "criteria_version"}
    )
    assert job.recommendation.input_hash == cli["input_hash"]


@pytest.mark.django_db
def test_same_input_twice_stores_one_recommendation(criteria, reviewer, django_capture_on_commit_callbacks):
    case = case_import(data=seed_deny(), assign_to=reviewer)
    first = request_and_run(case, reviewer, django_capture_on_commit_callbacks)
    case.refresh_from_db()
    second = request_and_run(case, reviewer, django_capture_on_commit_callbacks)
    assert first.pk != second.pk and first.recommendation_id == second.recommendation_id
    assert Recommendation.objects.filter(case=case).count() == 1
    assert AuditEvent.objects.filter(action="recommendation.computed").latest("sequence").summary["reused"] is True
    # Re-running a finished job returns its recommendation; nothing new is stored.
    assert recommendation_compute(job_id=second.pk).pk == second.recommendation_id
    assert compute_recommendation_task.apply(args=(case.pk, second.pk)).get()["status"] == "done"
    assert Recommendation.objects.filter(case=case).count() == 1


@pytest.mark.django_db
def test_changed_input_stores_a_new_recommendation(criteria, reviewer, django_capture_on_commit_callbacks):
    case = case_import(data=seed_approve(), assign_to=reviewer)
    first = request_and_run(case, reviewer, django_capture_on_commit_callbacks)
    case.clinical_review.strength_measured_objectively = True
    case.clinical_review.save()
    case.refresh_from_db()
    second = request_and_run(case, reviewer, django_capture_on_commit_callbacks)
    assert first.recommendation_id != second.recommendation_id
    assert Recommendation.objects.filter(case=case).count() == 2


@pytest.mark.django_db
def test_task_without_job_id_rereads_the_case(criteria, reviewer):
    case = case_import(data=seed_approve(), assign_to=reviewer)
    out = compute_recommendation_task.apply(args=(case.pk,)).get()
    assert out["status"] == "done"
    job = RecommendationJob.objects.get(case=case)
    assert job.status == "done" and job.recommendation.decision == "approve"


@pytest.mark.django_db
def test_without_criteria_the_recommendation_pends(reviewer, django_capture_on_commit_callbacks):
    clear_snapshot_cache()
    case = case_import(data=seed_deny(), assign_to=reviewer)
    job = request_and_run(case, reviewer, django_capture_on_commit_callbacks)
    assert job.recommendation.decision == "pend" and job.recommendation.criteria_version is None


@pytest.mark.django_db
def test_a_broken_case_marks_the_job_failed_with_the_error(criteria, reviewer, django_capture_on_commit_callbacks):
    case = case_import(data=seed_approve(), assign_to=reviewer)
    case.request.delete()
    job = request_and_run(case, reviewer, django_capture_on_commit_callbacks)
    assert job.status == "failed" and "request" in job.error and job.recommendation is None
    assert AuditEvent.objects.filter(action="recommendation.failed").exists()
    assert not Recommendation.objects.exists()


@pytest.mark.django_db
def test_a_job_not_queued_is_not_claimed_twice(criteria, reviewer):
    case = case_import(data=seed_approve(), assign_to=reviewer)
    job = RecommendationJob.objects.create(case=case, status="running")
    with pytest.raises(RecommendationError, match="running"):
        recommendation_compute(job_id=job.pk)
    assert compute_recommendation_task.apply(args=(case.pk, job.pk)).get()["status"] == "skipped"


@pytest.mark.django_db
def test_a_determined_case_cannot_be_reevaluated(criteria, reviewer):
    case = case_import(data=seed_approve(), assign_to=reviewer)
    case.status = CaseStatus.DETERMINED
    case.save()
    with pytest.raises(RecommendationError, match="status"):
        recommendation_request(case=case, actor=reviewer)
    assert not RecommendationJob.objects.exists()


@pytest.mark.django_db
def test_task_query_count_does_not_grow_with_visits(criteria, reviewer):
    warm = case_import(data=variant(seed_approve(), reference="WARM"), assign_to=reviewer)
    few = case_import(data=seed_approve(), assign_to=reviewer)
    many = case_import(data=variant(seed_approve(), reference="SEED-0001-MANY"), assign_to=reviewer)
    base = many.visits.first()
    Visit.objects.bulk_create(
        Visit(case=many, date=base.date, kind="treatment", services=["97110"], side_documented="left", page=20 + i)
        for i in range(40)
    )
    compute_recommendation_task.apply(args=(warm.pk,)).get()  # warm the criteria snapshot cache
    counts = []
    for case in (few, many):
        job = RecommendationJob.objects.create(case=case)
        with CaptureQueriesContext(connection) as ctx:
            assert compute_recommendation_task.apply(args=(case.pk, job.pk)).get()["status"] == "done"
        counts.append(len(ctx.captured_queries))
    assert many.visits.count() == 46
    assert counts[0] == counts[1], counts
    assert counts[0] < 30


@pytest.mark.django_db
def test_requeue_command_reenqueues_stuck_jobs(criteria, reviewer, django_capture_on_commit_callbacks):
    case = case_import(data=seed_approve(), assign_to=reviewer)
    stuck = RecommendationJob.objects.create(case=case)
    running = RecommendationJob.objects.create(
        case=case, status="running", started_at=timezone.now() - timedelta(hours=1)
    )
    fresh = RecommendationJob.objects.create(case=case)
    RecommendationJob.objects.filter(pk__in=[stuck.pk, running.pk]).update(
        created_at=timezone.now() - timedelta(hours=1)
    )
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("requeue_recommendations", "--older-than", "600", stdout=out)
    assert "Re-enqueued 2" in out.getvalue()
    statuses = dict(RecommendationJob.objects.values_list("pk", "status"))
    assert statuses == {stuck.pk: "done", running.pk: "done", fresh.pk: "queued"}
    assert Recommendation.objects.count() == 1


@pytest.mark.django_db
def test_evaluate_case_prints_text_and_saves_nothing(criteria):
    out = StringIO()
    call_command("evaluate_case", str(SEED_DENY), stdout=out)
    text = out.getvalue()
    assert text.startswith("SEED-0002: DENY, 0 of 3 visits")
    assert "visits.benchmark_exceeded" in text and "If therapy is to continue" in text
    assert not Recommendation.objects.exists() and not RecommendationJob.objects.exists()
    data = evaluate_case_json(SEED_APPROVE)
    assert (data["decision"], data["approved_visits"]) == ("approve", 8)
    assert data["criteria_version"] and data["engine_version"] and len(data["input_hash"]) == 64
    assert {"rule", "outcome", "text", "citations", "evidence"} <= set(data["findings"][0])
    assert {"visits.within_benchmark", "continuation.progress", "advisory.manual_therapy_population"} <= {
        f["rule"] for f in data["findings"]
    }


@pytest.mark.django_db
def test_evaluate_case_rejects_an_invalid_file_naming_the_field(tmp_path):
    bad = seed_approve()
    bad["request"]["visits"] = "eight"
    bad["member"].pop("birth_date")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    with pytest.raises(CommandError) as exc:
        call_command("evaluate_case", str(path))
    assert "request.visits" in str(exc.value) and "member" in str(exc.value)
    with pytest.raises(CommandError, match="cannot be read|no such file"):
        call_command("evaluate_case", str(tmp_path / "missing.json"))
