"""The one function that writes audit events, and the MAC that chains them."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from .anchor import checkpoint_after_commit
from .context import current
from .models import AuditChainHead, AuditEvent

GENESIS_MAC = "0" * 64

# The stored columns a MAC covers, in the order the verifier reads them with values_list().
MAC_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_id",
    "actor_username",
    "action",
    "object_type",
    "object_id",
    "summary",
    "request_id",
    "ip_address",
    "prev_mac",
)


def payload_bytes(
    *,
    sequence: int,
    occurred_at: datetime,
    actor_id: int | None,
    actor_username: str,
    action: str,
    object_type: str,
    object_id: str,
    summary: Any,
    request_id: str,
    ip_address: str | None,
    prev_mac: str,
) -> bytes:
    """The canonical bytes a MAC covers (every stored column but the MAC itself)."""
    body = {
        "sequence": sequence,
        "occurred_at": occurred_at.astimezone(UTC).isoformat(),
        "actor_id": actor_id,
        "actor_username": actor_username,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "summary": summary,
        "request_id": request_id,
        "ip_address": ip_address,
        "prev_mac": prev_mac,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), default=str).encode()


def event_payload(event: AuditEvent) -> bytes:
    """The canonical bytes an event's MAC covers (everything but the MAC itself)."""
    return payload_bytes(**{name: getattr(event, name) for name in MAC_FIELDS})


def mac_for_payload(payload: bytes) -> str:
    return hmac.new(settings.AUDIT_HMAC_KEY.encode(), payload, hashlib.sha256).hexdigest()


def compute_mac(event: AuditEvent) -> str:
    return mac_for_payload(event_payload(event))


def _jsonb_safe_float(text: str) -> float | int:
    # PostgreSQL jsonb stores numbers as `numeric`: it has no negative zero and gives back floats of
    # 1e16 and more (which Python writes as 1e+16) as integers. Store what every backend gives back,
    # or the MAC recomputed from the stored row would not match.
    value = float(text)
    if value == 0:
        return 0.0
    return int(value) if abs(value) >= 1e16 else value


def canonical_summary(summary: dict[str, Any] | None) -> Any:
    """The summary as plain JSON data that reads back unchanged from SQLite and PostgreSQL alike.

    Non-JSON values become strings (dates, UUIDs, Decimals); NaN and infinities, which jsonb rejects,
    become the strings "NaN", "Infinity", "-Infinity".
    """
    return json.loads(
        json.dumps(summary or {}, default=str), parse_float=_jsonb_safe_float, parse_constant=lambda name: name
    )


def _normalised_ip(ip: str | None) -> str | None:
    # Store (and MAC) the IP exactly as the column will give it back.
    if not ip:
        return None
    try:
        return AuditEvent._meta.get_field("ip_address").get_prep_value(ip)
    except (ValidationError, ValueError, TypeError):  # a malformed REMOTE_ADDR must not break the request
        return None


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
            object_id=str(object_id),
            summary=canonical_summary(summary),
            request_id=ctx.request_id,
            ip_address=_normalised_ip(ctx.ip_address),
            prev_mac=head.last_mac,
        )
        event.mac = compute_mac(event)
        event._chain_write = True  # type: ignore[attr-defined]
        event.save()
        head.last_sequence, head.last_mac = event.sequence, event.mac
        head.save(update_fields=["last_sequence", "last_mac"])
        every = int(getattr(settings, "UR_AUDIT_CHECKPOINT_EVERY", 0) or 0)
        if every and event.sequence % every == 0:
            checkpoint_after_commit(event.sequence, event.mac)
    return event
