"""Redis down: no 500, the work is kept in PostgreSQL and shown as queued; when Redis is back the relay
sends it (at worker start, and from beat) and it runs once."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from audit.verify import verify_chain
from relay.models import UnsentTask
from reviews.models import ClinicalDocument, Letter, Recommendation, RecommendationJob
from reviews.models.decisions import DeterminationStatus, JobStatus
from reviews.services.recovery import sweep_pending_work
from tests.support import preview_token_in

from .scenarios import case_with_recommendation, seed_case, small_pdf
from .support import wait_until

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

QUEUED = "will run when the task service is back"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_redis_down_then_back_every_kind_of_work_runs_once(redis, worker_factory, reviewer) -> None:
    waiting = seed_case(reviewer)
    decided = case_with_recommendation(reviewer)
    client = _client(reviewer)
    redis.stop()

    # 1. Run recommendation (htmx and plain form): no 500, "queued" in the page, the job in PostgreSQL.
    response = client.post(reverse("reviews:recommendation_run", args=[waiting.public_id]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert QUEUED in response.content.decode()
    job = RecommendationJob.objects.get(case=waiting)
    assert job.status == JobStatus.QUEUED
    page = client.get(reverse("reviews:case_recommendation", args=[waiting.public_id]))
    assert QUEUED in page.content.decode()  # still said while the spinner polls

    # 2. Submit a determination: saved, the user is told the letter is queued.
    accept = reverse("reviews:decision_accept", args=[decided.public_id])
    token = preview_token_in(client.post(accept, {}))  # the letter preview needs no task service
    response = client.post(accept, {"preview_token": token}, follow=True)
    assert response.status_code == 200
    assert QUEUED in response.content.decode()
    determination = decided.determinations.get()
    assert determination.status == DeterminationStatus.SUBMITTED

    # 3. Upload a record: stored, extraction queued.
    upload = SimpleUploadedFile("record.pdf", small_pdf(), "application/pdf")
    response = client.post(reverse("reviews:document_upload", args=[waiting.public_id]), {"file": upload}, follow=True)
    assert response.status_code == 200
    assert QUEUED in response.content.decode()
    doc = ClinicalDocument.objects.get(case=waiting)
    assert doc.extraction_status == ClinicalDocument.ExtractionStatus.PENDING

    assert sorted(UnsentTask.objects.values_list("task", flat=True)) == [
        "reviews.tasks.documents.extract_document_text_task",
        "reviews.tasks.letters.issue_letter_task",
        "reviews.tasks.recommendations.compute_recommendation_task",
    ]
    # A sweep while Redis is still down sends nothing and loses nothing.
    report = sweep_pending_work(grace_seconds=0)
    assert report.broker_down and report.total == 0 and UnsentTask.objects.count() == 3

    # Redis back (empty: whatever it held is gone). The worker's start-up sweep relays the stored
    # messages; its state sweep is held back (grace 300 s) so each task is sent exactly once.
    redis.start()
    worker = worker_factory(UR_SWEEP_GRACE_SECONDS="300")
    wait_until(
        lambda: (
            RecommendationJob.objects.filter(pk=job.pk, status=JobStatus.DONE).exists()
            and Letter.objects.filter(determination=determination).exists()
            and ClinicalDocument.objects.filter(pk=doc.pk, extraction_status="done").exists()
        ),
        timeout=90,
        what=f"the relayed work to run\n{worker.tail()}",
    )
    assert UnsentTask.objects.count() == 0
    assert Recommendation.objects.filter(case=waiting).count() == 1
    assert Letter.objects.filter(case=decided).count() == 1
    for action in ("recommendation.computed", "letter.generated", "document.text_extracted"):
        assert AuditEvent.objects.filter(action=action).count() == (2 if action == "recommendation.computed" else 1)
    assert verify_chain().ok


def test_messages_lost_by_redis_are_resent_by_the_sweeper(redis, worker_factory, reviewer) -> None:
    """Redis accepted the message, then restarted without persistence: the state sweep finds the work."""
    case = seed_case(reviewer)
    client = _client(reviewer)
    client.post(reverse("reviews:recommendation_run", args=[case.public_id]))
    job = RecommendationJob.objects.get(case=case)
    assert redis.queue_length() == 1 and not UnsentTask.objects.exists()
    redis.stop()
    redis.start()  # the queued message is gone
    assert redis.queue_length() == 0
    worker = worker_factory(UR_SWEEP_GRACE_SECONDS="0")
    wait_until(
        lambda: RecommendationJob.objects.filter(pk=job.pk, status=JobStatus.DONE).exists(),
        timeout=60,
        what=f"the swept job to run\n{worker.tail()}",
    )
    assert Recommendation.objects.filter(case=case).count() == 1
    resent = AuditEvent.objects.filter(action="work.resent")
    assert resent.count() >= 1 and job.pk in resent.first().summary["recommendation"]
    assert verify_chain().ok
