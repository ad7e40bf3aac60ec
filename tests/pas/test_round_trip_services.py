"""PAS round trip with a real Celery worker on Redis and PostgreSQL (run via scripts/with_services.py):
token -> $submit -> case in the queue -> determination -> rest-hook notification received on 127.0.0.1
-> $inquire returns the same final ClaimResponse."""

from __future__ import annotations

import time
from io import StringIO

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.management import call_command
from django.db import connections
from django.test import Client

from pas.models import ClaimResponseRecord, NotificationDelivery
from reviews.models import Case, CaseStatus, DocumentPage, RecommendationJob, ReviewerProfile
from reviews.services.determinations import determination_submit
from reviews.services.recommendations import clear_snapshot_cache, recommendation_request
from tests.pas.bundles import blank_pdf, pt_request
from tests.pas.receiver import Receiver, subscription
from tests.pas.support import make_api

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(settings, tmp_path):
    from config.celery import app

    assert not app.conf.task_always_eager, "services tests need a real broker (CELERY_TASK_ALWAYS_EAGER=0)"
    settings.UR_PKI_DIR = str(tmp_path / "pki")
    clear_snapshot_cache()
    queues = [settings.CELERY_TASK_DEFAULT_QUEUE, settings.CELERY_RECORDS_QUEUE]  # records (OCR) have their own
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30, queues=queues) as w:
        yield w
    connections.close_all()


def wait_until(check, timeout: float = 60.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_round_trip(worker, reviewer, supervisor):
    call_command("load_criteria", stdout=StringIO())
    ReviewerProfile.objects.filter(user=reviewer).update(npi="1942788757")
    api = make_api("Northgate EHR")
    with Receiver() as receiver:
        assert api.post("/fhir/Subscription", subscription(receiver.url)).status_code == 201
        reply = api.submit(pt_request("RT-1", pdf=blank_pdf(2)))
        assert reply.status_code == 201, reply.content
        case = Case.objects.get()
        # The worker extracted the attached record's pages.
        wait_until(lambda: DocumentPage.objects.filter(document__case=case).count() == 2, what="page text")
        # The case is in the queue (unassigned cases are the supervisor's to assign).
        browser = Client()
        browser.force_login(supervisor)
        assert case.reference in browser.get("/").content.decode()
        Case.objects.filter(pk=case.pk).update(assigned_reviewer=reviewer)
        case.refresh_from_db()
        job = recommendation_request(case=case, actor=reviewer)
        wait_until(lambda: RecommendationJob.objects.get(pk=job.pk).status == "done", what="recommendation")
        case.refresh_from_db()
        assert case.status == CaseStatus.RECOMMENDATION_READY
        determination_submit(
            case=case,
            reviewer=reviewer,
            recommendation=case.recommendations.first(),
            accept=False,
            decision="partial",
            lines=[
                {"code": c, "descriptor": "", "decision": "partial", "approved_visits": 8, "reason": "8 visits"}
                for c in ("97110", "97140", "97530")
            ],
            override_code="fewer-visits-enough",
            override_note="Eight visits meet the documented goals; reassess after.",
        )
        # Two notifications: the decision, then the decision with its signed letter.
        received = receiver.wait(2, timeout=90)
        assert len(received) == 2, NotificationDelivery.objects.values_list("status", "last_error")
    last = received[-1]["entry"][1]["resource"]
    cr = last["entry"][0]["resource"]
    assert [a["itemSequence"] for a in cr["addItem"]] == [[1], [2], [3]]
    assert cr["form"]["contentType"] == "application/pdf"
    inquiry = api.inquire(pt_request("RT-1"))
    assert inquiry.status_code == 200
    assert inquiry.json() == last
    assert ClaimResponseRecord.objects.filter(case=case).count() == 3
    assert set(NotificationDelivery.objects.values_list("status", flat=True)) == {"delivered"}
