"""Rest-hook delivery of PAS notifications, with retries and exponential backoff."""

from __future__ import annotations

import json
from typing import Any

import requests
from celery import shared_task
from django.conf import settings

from reviews.tasks.base import UrTask

from .models import NotificationDelivery


def attempt_delivery(delivery_id: int) -> tuple[bool, bool]:
    """POST the notification Bundle once; returns (done, delivered). Done: delivered, or retries exhausted."""
    from .services import delivery_result, notification_bundle

    delivery = NotificationDelivery.objects.select_related("subscription", "response").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != NotificationDelivery.Status.PENDING:
        return True, False
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
    delivery_result(delivery_id=delivery_id, ok=ok, status_code=status_code, error=error, final=done)
    return done, ok


@shared_task(bind=True, base=UrTask)
def deliver_notification_task(self: Any, delivery_id: int) -> str:
    """Deliver one notification; on failure retry after 2, 4, 8 ... s (at most half the visibility timeout apart)."""
    while True:
        done, ok = attempt_delivery(delivery_id)
        if done:
            return "delivered" if ok else "finished"
        if not self.request.is_eager:
            retries = self.request.retries or 0
            # Below the broker's visibility timeout: Redis hands an unacknowledged (countdown) message
            # to another worker after that long, which would post the notification twice.
            longest = min(600, settings.CELERY_VISIBILITY_TIMEOUT // 2)
            raise self.retry(
                countdown=min(2 ** (retries + 1), longest), max_retries=settings.PAS_NOTIFY_MAX_RETRIES + 1
            )
        # Eager (embedded mode without a worker): retry at once; the attempt count bounds the loop.
