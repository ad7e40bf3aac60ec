"""Rest-hook delivery of PAS notifications, with retries and exponential backoff."""

from __future__ import annotations

import json
from typing import Any

import requests
from celery import shared_task
from django.conf import settings

from reviews.tasks.base import UrTask

from .models import NotificationDelivery


def retry_countdown(attempts: int) -> int:
    """Seconds to wait after the `attempts`-th failed attempt: 2, 4, 8 ... at most half the broker's
    visibility timeout (Redis hands an unacknowledged countdown message to another worker after that
    long, which would post the notification twice) and at most 10 minutes."""
    longest = min(600, settings.CELERY_VISIBILITY_TIMEOUT // 2)
    return int(min(2 ** max(1, attempts), longest))


def attempt_delivery(delivery_id: int) -> tuple[bool, bool, int]:
    """POST the notification Bundle once; returns (done, delivered, seconds before the retry). Done:
    delivered, or retries exhausted. A retry's due time is stored with the attempt (the sweeper's
    way to find a retry whose message was lost)."""
    from .services import delivery_result, notification_bundle

    delivery = NotificationDelivery.objects.select_related("subscription", "response").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != NotificationDelivery.Status.PENDING:
        return True, False, 0
    sub = delivery.subscription
    headers = {"Content-Type": "application/fhir+json"}
    for raw in sub.headers or []:
        name, sep, value = str(raw).partition(":")
        if sep and name.strip() and "\n" not in raw and "\r" not in raw:
            headers[name.strip()] = value.strip()
    body = json.dumps(notification_bundle(delivery), separators=(",", ":"))
    status_code: int | None = None
    error = ""
    try:
        reply = requests.post(
            sub.endpoint,
            data=body.encode(),
            headers=headers,
            timeout=settings.PAS_NOTIFY_TIMEOUT_SECONDS,
            allow_redirects=False,
        )
        status_code = reply.status_code
        ok = 200 <= reply.status_code < 300
        if not ok:
            error = f"HTTP {reply.status_code}"
    except requests.RequestException as exc:
        ok, error = False, type(exc).__name__
    done = ok or delivery.attempts + 1 > settings.PAS_NOTIFY_MAX_RETRIES
    countdown = 0 if done else retry_countdown(delivery.attempts + 1)
    delivery_result(
        delivery_id=delivery_id, ok=ok, status_code=status_code, error=error, final=done, retry_in=countdown
    )
    return done, ok, countdown


@shared_task(bind=True, base=UrTask)
def deliver_notification_task(self: Any, delivery_id: int) -> str:
    """Deliver one notification; on failure retry after 2, 4, 8 ... s (at most half the visibility timeout apart)."""
    while True:
        done, ok, countdown = attempt_delivery(delivery_id)
        if done:
            return "delivered" if ok else "finished"
        if not self.request.is_eager:
            # The stored attempt count bounds the retries (a message the sweeper re-sent starts at 0).
            raise self.retry(countdown=countdown, max_retries=settings.PAS_NOTIFY_MAX_RETRIES + 1)
        # Eager (embedded mode without a worker): retry at once; the attempt count bounds the loop.
