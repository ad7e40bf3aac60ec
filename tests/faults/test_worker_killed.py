"""Worker killed (kill -9) in the middle of a task: the task runs again, its result is stored once.

The pool child is paused at a point inside the task (tests/faults/worker_app.py) and killed there,
as the OOM killer or the hard time limit would. acks_late + task_reject_on_worker_lost put the
message back; for a whole-worker kill, the visibility timeout (CELERY_VISIBILITY_TIMEOUT, 12 s
here) gives the unacknowledged message to the next worker.
"""

from __future__ import annotations

import pytest

from audit.models import AuditEvent
from audit.verify import verify_chain
from reviews.models import ClinicalDocument, DocumentPage, Letter, Recommendation, RecommendationJob
from reviews.models.decisions import DeterminationStatus, JobStatus
from reviews.services.recommendations import recommendation_request

from .scenarios import case_with_recommendation, seed_case, submit_determination, upload
from .support import TEST_VISIBILITY_TIMEOUT, wait_until

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_pool_child_killed_mid_recommendation(worker_factory, reviewer) -> None:
    case = seed_case(reviewer)
    worker = worker_factory(pause="save:reviews.Recommendation")
    job = recommendation_request(case=case, actor=reviewer)
    worker.kill_child()  # the job is claimed ("running"), the result not yet stored
    assert RecommendationJob.objects.get(pk=job.pk).status == JobStatus.RUNNING
    job = wait_until(
        lambda: RecommendationJob.objects.filter(pk=job.pk, status__in=["done", "failed"]).first(),
        timeout=60,
        what=f"job {job.pk} to finish after the kill\n{worker.tail()}",
    )
    assert job.status == JobStatus.DONE, job.error
    assert job.attempts == 2
    assert Recommendation.objects.filter(case=case).count() == 1
    assert _events("recommendation.computed") == 1
    assert verify_chain().ok


def test_pool_child_killed_mid_letter_signing(worker_factory, reviewer) -> None:
    case = case_with_recommendation(reviewer)
    worker = worker_factory(pause="save:reviews.Letter")  # rendered and signed, not yet stored
    determination = submit_determination(case, reviewer)
    worker.kill_child()
    letter = wait_until(
        lambda: Letter.objects.filter(determination=determination).first(),
        timeout=90,
        what=f"the letter after the kill\n{worker.tail()}",
    )
    assert Letter.objects.filter(case=case).count() == 1 and letter.version == 1
    determination.refresh_from_db()
    assert determination.status == DeterminationStatus.SIGNED
    assert _events("letter.generated") == 1 and _events("determination.signed") == 1
    assert verify_chain().ok


def test_whole_worker_killed_mid_letter_signing_is_redelivered(worker_factory, reviewer) -> None:
    case = case_with_recommendation(reviewer)
    worker = worker_factory(pause="save:reviews.Letter")
    determination = submit_determination(case, reviewer)
    worker.wait_paused()
    worker.kill()  # main process and child: nobody rejects the message, it stays unacknowledged
    assert not Letter.objects.filter(determination=determination).exists()
    # A fresh worker; its start-up sweep is held back (grace 300 s) so the redelivery is what runs it.
    second = worker_factory(UR_SWEEP_GRACE_SECONDS="300")
    letter = wait_until(
        lambda: Letter.objects.filter(determination=determination).first(),
        timeout=TEST_VISIBILITY_TIMEOUT + 60,
        what=f"the redelivered letter task\n{second.tail()}",
    )
    assert Letter.objects.filter(case=case).count() == 1 and letter.version == 1
    assert _events("letter.generated") == 1
    assert verify_chain().ok


def test_pool_child_killed_mid_text_extraction(worker_factory, reviewer) -> None:
    case = seed_case(reviewer)
    worker = worker_factory(pause="task:reviews.tasks.documents.extract_document_text_task")
    doc = upload(case, reviewer)
    worker.kill_child()
    doc = wait_until(
        lambda: ClinicalDocument.objects.filter(pk=doc.pk).exclude(extraction_status="pending").first(),
        timeout=60,
        what=f"the extraction after the kill\n{worker.tail()}",
    )
    assert doc.extraction_status == ClinicalDocument.ExtractionStatus.DONE, doc.extraction_error
    assert DocumentPage.objects.filter(document=doc).count() == 2
    assert "Range of motion" in DocumentPage.objects.get(document=doc, number=1).text
    assert _events("document.text_extracted") == 1
    assert verify_chain().ok
