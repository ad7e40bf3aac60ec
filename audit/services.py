"""The one function that writes audit events, and the MAC that chains them."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from .context import current
from .models import AuditChainHead, AuditEvent

GENESIS_MAC = "0" * 64


def event_payload(event: AuditEvent) -> bytes:
    """The canonical bytes an event's MAC covers (everything but the MAC itself)."""
    body = {
        "sequence": event.sequence,
        "occurred_at": event.occurred_at.isoformat(),
        "actor_id": event.actor_id,
        "actor_username": event.actor_username,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "summary": event.summary,
        "request_id": event.request_id,
        "ip_address": event.ip_address,
        "prev_mac": event.prev_mac,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), default=str).encode()


def compute_mac(event: AuditEvent) -> str:
    return hmac.new(settings.AUDIT_HMAC_KEY.encode(), event_payload(event), hashlib.sha256).hexdigest()


def record_event(
    action: str,
    *,
    actor: Any = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    summary: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. Summaries carry ids and codes, never names or other PHI values."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(getattr(obj, "public_id", None) or obj.pk)
    ctx = current.get()
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            sequence=head.last_sequence + 1,
            occurred_at=timezone.now(),
            actor=user,
            actor_username=getattr(user, "username", "") if user else "",
            action=action,
            object_type=object_type,
            object_id=object_id,
            summary=json.loads(json.dumps(summary or {}, default=str)),
            request_id=ctx.request_id,
            ip_address=ctx.ip_address,
            prev_mac=head.last_mac,
        )
        event.mac = compute_mac(event)
        event.save()
        head.last_sequence, head.last_mac = event.sequence, event.mac
        head.save(update_fields=["last_sequence", "last_mac"])
    return event
