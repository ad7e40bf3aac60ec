"""Subscriptions (R4 backport, rest-hook, full-resource): create / read / delete, notifications to a real
HTTP receiver on 127.0.0.1 with retries, delivery status."""

from __future__ import annotations

import pytest

from pas.models import NotificationDelivery, PasSubscription
from reviews.services.pend import case_pend
from tests.pas.receiver import Receiver, subscription
from tests.pas.support import decide

pytestmark = pytest.mark.django_db


def test_create_read_delete(api, other_api):
    reply = api.post("/fhir/Subscription", subscription("https://ehr.example.org/notify"))
    assert reply.status_code == 201, reply.content
    created = reply.json()
    assert created["status"] == "active" and "header" not in created["channel"]
    path = f"/fhir/Subscription/{created['id']}"
    assert api.get(path).json()["id"] == created["id"]
    assert other_api.get(path).status_code == 404
    assert api.http.delete(path, **api.headers()).status_code == 204
    assert PasSubscription.objects.get().status == "off"


def test_status_operation_reports_the_subscription(api, other_api, pas_case, reviewer):
    created = api.post("/fhir/Subscription", subscription("https://ehr.example.org/notify")).json()
    reply = api.get(f"/fhir/Subscription/{created['id']}/$status")
    assert reply.status_code == 200, reply.content
    bundle = reply.json()
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "searchset"
    params = {p["name"]: p for p in bundle["entry"][0]["resource"]["parameter"]}
    assert params["type"]["valueCode"] == "query-status" and params["status"]["valueCode"] == "active"
    assert params["subscription"]["valueReference"]["reference"].endswith(f"/Subscription/{created['id']}")
    assert params["events-since-subscription-start"]["valueString"] == "0"
    case_pend(case=pas_case, actor=reviewer, items=["Plan of care"])  # one notification queued
    again = api.get(f"/fhir/Subscription/{created['id']}/$status").json()
    assert {p["name"]: p for p in again["entry"][0]["resource"]["parameter"]}["events-since-subscription-start"][
        "valueString"
    ] == "1"
    assert other_api.get(f"/fhir/Subscription/{created['id']}/$status").status_code == 404


@pytest.mark.parametrize(
    "change,element",
    [
        ({"criteria": "ClaimResponse?status=active"}, "Subscription.criteria"),
        ({"channel": {"type": "websocket", "endpoint": "https://x.example.org"}}, "Subscription.channel.type"),
        ({"channel": {"type": "rest-hook", "endpoint": "ftp://x.example.org"}}, "Subscription.channel.endpoint"),
    ],
)
def test_unsupported_subscriptions_are_refused_naming_the_element(api, change, element):
    reply = api.post("/fhir/Subscription", {**subscription("https://ehr.example.org/notify"), **change})
    assert reply.status_code == 400
    assert element in [i["expression"][0] for i in reply.json()["issue"]]


def test_pend_notification_reaches_the_receiver_after_a_retry(
    api, pas_case, reviewer, django_capture_on_commit_callbacks
):
    with Receiver(statuses=[503]) as receiver:
        assert api.post("/fhir/Subscription", subscription(receiver.url)).status_code == 201
        with django_capture_on_commit_callbacks(execute=True):
            case_pend(case=pas_case, actor=reviewer, items=["Current plan of care"])
        received = receiver.wait(1)
    assert len(received) == 1
    note = received[0]
    assert note["type"] == "history"
    status = note["entry"][0]["resource"]
    assert {p["name"]: p.get("valueCode") for p in status["parameter"]}["type"] == "event-notification"
    pas_bundle = note["entry"][1]["resource"]
    assert pas_bundle["entry"][0]["resource"]["resourceType"] == "ClaimResponse"
    assert receiver.headers[0]["Authorization"] == "Bearer notify-secret"
    delivery = NotificationDelivery.objects.get()
    assert delivery.status == "delivered" and delivery.attempts == 2 and delivery.last_status_code == 200


def test_final_decision_notified_and_failures_recorded(
    api, pas_case, reviewer, django_capture_on_commit_callbacks, settings
):
    settings.PAS_NOTIFY_MAX_RETRIES = 1
    with Receiver(statuses=[500] * 10) as receiver:
        api.post("/fhir/Subscription", subscription(receiver.url))
        decide(pas_case, reviewer, "approve", 12, django_capture_on_commit_callbacks)
    deliveries = list(NotificationDelivery.objects.order_by("id"))
    assert len(deliveries) == 2  # the decision, then the decision with its signed letter
    assert all(d.status == "failed" and d.attempts == 2 and d.last_status_code == 500 for d in deliveries)


def test_delivery_status_page_is_for_supervisors(api, supervisor, reviewer):
    from django.test import Client

    browser = Client()
    browser.force_login(reviewer)
    assert browser.get("/pas/deliveries/").status_code == 403
    browser.force_login(supervisor)
    page = browser.get("/pas/deliveries/")
    assert page.status_code == 200 and "Northgate EHR" in page.content.decode()


def test_a_retry_whose_message_was_lost_is_found_by_the_sweeper_once_it_is_overdue(
    api, pas_case, reviewer, django_capture_on_commit_callbacks
):
    """The first attempt fails and its retry (a countdown message in Redis) is lost: the sweeper
    leaves it while the retry is not due, then sends it again, and it is delivered once."""
    from datetime import timedelta

    from django.utils import timezone

    from pas.services import undelivered_notifications
    from pas.tasks import attempt_delivery
    from reviews.services.recovery import sweep_pending_work

    with Receiver(statuses=[503]) as receiver:
        assert api.post("/fhir/Subscription", subscription(receiver.url)).status_code == 201
        with django_capture_on_commit_callbacks(execute=False):  # the delivery's message: never sent
            case_pend(case=pas_case, actor=reviewer, items=["Current plan of care"])
        delivery = NotificationDelivery.objects.get()
        done, ok, countdown = attempt_delivery(delivery.pk)  # what the task's first run does; its retry is lost
        assert (done, ok, countdown) == (False, False, 2)
        delivery.refresh_from_db()
        assert delivery.status == "pending" and delivery.attempts == 1 and delivery.next_attempt_at is not None
        assert undelivered_notifications(0) == []  # the retry is not due yet: its own countdown sends it
        # Later: the retry is overdue by more than the grace period and nothing delivered it.
        NotificationDelivery.objects.filter(pk=delivery.pk).update(
            next_attempt_at=timezone.now() - timedelta(seconds=121)
        )
        assert undelivered_notifications(120) == [("pas.tasks.deliver_notification_task", (delivery.pk,))]
        report = sweep_pending_work(grace_seconds=120)
        assert report.resent.get("notification") == [delivery.pk]
        received = receiver.wait(1)
    assert len(received) == 1
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 2 and delivery.next_attempt_at is None
    assert undelivered_notifications(0) == []
