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


def test_a_retry_lost_with_redis_is_sent_again_by_the_sweeper(redis, worker_factory, reviewer) -> None:
    """The first delivery attempt fails (HTTP 503) and its retry waits in Redis; Redis restarts empty.
    A new worker's start-up sweep finds the overdue retry in PostgreSQL and delivers it, once."""
    import time

    from django.utils import timezone

    from pas.tasks import attempt_delivery

    api = make_api("Northgate EHR")
    with Receiver(statuses=[503]) as receiver:
        assert api.post("/fhir/Subscription", subscription(receiver.url)).status_code == 201
        assert api.submit(pt_request("FAULT-2", pdf=blank_pdf(1))).status_code == 201
        case = Case.objects.get()
        Case.objects.filter(pk=case.pk).update(assigned_reviewer=reviewer, status=CaseStatus.IN_REVIEW)
        case.refresh_from_db()
        case_pend(case=case, actor=reviewer, items=["Current plan of care"])  # its message goes to Redis
        delivery = NotificationDelivery.objects.get()
        # The task's first run, as a worker does it: the receiver answers 503, a retry is due in 2 s.
        assert attempt_delivery(delivery.pk) == (False, False, 2)
        redis.stop()  # Redis restarts empty: the delivery's messages (and any retry) are gone
        redis.start()
        assert redis.queue_length() == 0
        delivery.refresh_from_db()
        assert delivery.attempts == 1 and delivery.next_attempt_at is not None
        while timezone.now() <= delivery.next_attempt_at:  # the retry is now overdue
            time.sleep(0.2)
        worker = worker_factory()  # its start-up sweep (grace 0 in fault tests)
        delivered = wait_until(
            lambda: NotificationDelivery.objects.filter(pk=delivery.pk, status="delivered").first(),
            timeout=60,
            what=f"the lost retry re-sent by the sweeper\n{worker.tail()}",
        )
        received = receiver.wait(1, timeout=5)
    assert len(received) == 1 and delivered.attempts == 2
