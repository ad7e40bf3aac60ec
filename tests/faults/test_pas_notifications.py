"""PAS: a $submit with Redis down gives no error (its record extraction is kept for the relay); a pend
notification stored while Redis is down is sent when it is back; the pool child killed as the
delivery starts: the receiver gets the notification exactly once."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from django.test import Client

from pas.models import NotificationDelivery
from relay.models import UnsentTask
from reviews.models import Case, CaseStatus, ClinicalDocument
from reviews.services.pend import case_pend
from tests.pas.bundles import blank_pdf, pt_request
from tests.pas.receiver import Receiver, subscription

from .support import wait_until

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

DELIVER = "pas.tasks.deliver_notification_task"
FHIR = "application/fhir+json"


class _Ehr:
    """A PAS client system: a bearer token from the real token endpoint, FHIR posts with it."""

    def __init__(self, name: str) -> None:
        from pas.services import client_create

        client, secret = client_create(name=name, npi="1386602114")
        self.http = Client()
        basic = base64.b64encode(f"{client.application.client_id}:{secret}".encode()).decode()
        reply = self.http.post(
            "/fhir/auth/token", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {basic}"
        )
        assert reply.status_code == 200, reply.content
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {reply.json()['access_token']}"}

    def post(self, path: str, body: Any) -> Any:
        return self.http.post(path, json.dumps(body), content_type=FHIR, **self.auth)


def test_submit_and_notification_with_redis_down_then_a_killed_delivery(redis, worker_factory, reviewer) -> None:
    api = _Ehr("Northgate EHR")
    with Receiver() as receiver:
        assert api.post("/fhir/Subscription", subscription(receiver.url)).status_code == 201
        redis.stop()
        reply = api.post("/fhir/Claim/$submit", pt_request("FAULT-1", pdf=blank_pdf(1)))
        assert reply.status_code == 201, reply.content
        case = Case.objects.get()
        assert ClinicalDocument.objects.filter(case=case, extraction_status="pending").exists()
        Case.objects.filter(pk=case.pk).update(assigned_reviewer=reviewer, status=CaseStatus.IN_REVIEW)
        case.refresh_from_db()
        case_pend(case=case, actor=reviewer, items=["Current plan of care"])
        delivery = NotificationDelivery.objects.get()
        assert delivery.status == NotificationDelivery.Status.PENDING
        tasks = list(UnsentTask.objects.values_list("task", flat=True))
        assert DELIVER in tasks and "reviews.tasks.documents.extract_document_text_task" in tasks

        redis.start()
        worker = worker_factory(pause=f"task:{DELIVER}", UR_SWEEP_GRACE_SECONDS="300")
        worker.kill_child()  # the relayed delivery, killed before it posts
        delivered = wait_until(
            lambda: NotificationDelivery.objects.filter(pk=delivery.pk, status="delivered").first(),
            timeout=90,
            what=f"the notification after the kill\n{worker.tail()}",
        )
        received = receiver.wait(1, timeout=5)
    assert len(received) == 1 and delivered.attempts == 1
    assert not UnsentTask.objects.filter(task=DELIVER).exists()
