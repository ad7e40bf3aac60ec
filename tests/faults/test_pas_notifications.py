"""PAS: a $submit with Redis down gives no error (its record extraction is kept for the relay); a pend
notification stored while Redis is down is sent when it is back; the pool child killed as the
delivery starts: the receiver gets the notification exactly once."""

from __future__ import annotations

import pytest

from pas.models import NotificationDelivery
from relay.models import UnsentTask
from reviews.models import Case, CaseStatus, ClinicalDocument
from reviews.services.pend import case_pend
from tests.pas.bundles import blank_pdf, pt_request
from tests.pas.receiver import Receiver, subscription
from tests.pas.support import make_api

from .support import wait_until

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

DELIVER = "pas.tasks.deliver_notification_task"


def test_submit_and_notification_with_redis_down_then_a_killed_delivery(redis, worker_factory, reviewer) -> None:
    api = make_api("Northgate EHR")
    with Receiver() as receiver:
        assert api.post("/fhir/Subscription", subscription(receiver.url)).status_code == 201
        redis.stop()
        reply = api.submit(pt_request("FAULT-1", pdf=blank_pdf(1)))
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
