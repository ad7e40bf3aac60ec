"""Rest-hook delivery of PAS notifications, with retries and exponential backoff."""

from __future__ import annotations

import json
from typing import Any

import requests
from celery import shared_task
from django.conf import settings

from .models import NotificationDelivery


@shared_task(bind=True, max_retries=None, acks_late=True)
def deliver_notification_task(self: Any, delivery_id: int) -> str:
    """POST the notification Bundle to the subscription's endpoint; retry 2, 4, 8 ... s on failure."""
    from .services import delivery_result, notification_bundle

    delivery = NotificationDelivery.objects.select_related("subscription", "response").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != NotificationDelivery.Status.PENDING:
        return "skipped"
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
    attempts = delivery.attempts + 1
    final = ok or attempts > settings.PAS_NOTIFY_MAX_RETRIES
    delivery_result(delivery_id=delivery_id, ok=ok, status_code=status_code, error=error, final=final)
    if not final:
        raise self.retry(countdown=min(2**attempts, 600), max_retries=settings.PAS_NOTIFY_MAX_RETRIES + 1)
    return "delivered" if ok else "failed"
