"""The one function that writes audit events, and the MAC that chains them."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
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


@dataclass
class _Deferred:
    """The events a `chain_at_end` block has recorded, in order."""

    events: list[AuditEvent]


_deferred: ContextVar[_Deferred | None] = ContextVar("audit_deferred", default=None)


@contextmanager
def chain_at_end() -> Iterator[None]:
    """Append the events recorded inside the block to the chain together, when the block ends.

    The chain has one head row, locked by every append until the transaction commits: one writer at
    a time. A long transaction that records an event early holds that lock for all its work, and every
    other writer waits. Inside this block the events are kept in order and appended at its end, so the
    lock is held only from there to the commit. Use it as the last thing inside `transaction.atomic()`
    (``with transaction.atomic(), chain_at_end():``): an exception discards the events with the rest of
    the transaction. Code in the block must not swallow an exception raised inside an inner atomic
    block that recorded an event (the data would roll back, the kept event would not); the block's
    users (PAS $submit) let such errors propagate.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("chain_at_end() must run inside transaction.atomic()")
    if _deferred.get() is not None:  # nested: the outermost block appends
        yield
        return
    pending = _Deferred(events=[])
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    _append(pending.events)


def _append(events: list[AuditEvent]) -> None:
    """Give `events` the next sequence numbers and MACs under the head's row lock, and store them.

    The head row is locked (SELECT ... FOR UPDATE) and read; the MACs are computed here (the key
    never goes to the database); then, on PostgreSQL, the events and the new head are written by one
    statement (an INSERT and the head's UPDATE in one data-modifying WITH), so an audited request
    holds the lock for two statements and the commit. Other databases save them one by one.
    """
    if not events:
        return
    # No savepoint inside an outer transaction (two statements fewer): an error here leaves that
    # whole transaction to roll back, so no change is ever kept without its event.
    with transaction.atomic(savepoint=False):
        head = _locked_head()
        every = int(getattr(settings, "UR_AUDIT_CHECKPOINT_EVERY", 0) or 0)
        for event in events:
            event.sequence = head.last_sequence + 1
            event.prev_mac = head.last_mac
            event.mac = compute_mac(event)
            event._chain_write = True  # type: ignore[attr-defined]
            head.last_sequence, head.last_mac = event.sequence, event.mac
            if every and event.sequence % every == 0:
                checkpoint_after_commit(event.sequence, event.mac)
        if connection.vendor == "postgresql":
            _insert_with_head(events, head)
            return
        for event in events:
            event.save()
        head.save(update_fields=["last_sequence", "last_mac"])


_EVENT_COLUMNS = (*MAC_FIELDS, "mac")


def _locked_head() -> AuditChainHead:
    """The chain head, its row locked until the transaction ends (created with the first event)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(AuditChainHead._meta.db_table)
            cursor.execute(f"SELECT last_sequence, last_mac FROM {table} WHERE id = 1 FOR UPDATE")  # noqa: S608
            row = cursor.fetchone()
        if row is not None:
            return AuditChainHead(pk=1, last_sequence=row[0], last_mac=row[1])
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    return head


def _insert_with_head(events: list[AuditEvent], head: AuditChainHead) -> None:
    """INSERT the events and UPDATE the head in one statement (PostgreSQL); the events get their ids."""
    ops = connection.ops
    fields: list[Any] = [AuditEvent._meta.get_field(name) for name in _EVENT_COLUMNS]
    columns = ", ".join(ops.quote_name(f.column) for f in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    params: list[Any] = []
    for event in events:
        params.extend(f.get_db_prep_save(getattr(event, f.attname), connection) for f in fields)
    event_table = ops.quote_name(AuditEvent._meta.db_table)
    head_table = ops.quote_name(AuditChainHead._meta.db_table)
    sql = (
        f"WITH new_events AS (INSERT INTO {event_table} ({columns}) VALUES {', '.join([row] * len(events))}"
        f" RETURNING id, sequence),"
        f" new_head AS (UPDATE {head_table} SET last_sequence = %s, last_mac = %s WHERE id = %s RETURNING id)"
        " SELECT new_events.id FROM new_events, new_head ORDER BY new_events.sequence"
    )
    params.extend([head.last_sequence, head.last_mac, head.pk])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = [r[0] for r in cursor.fetchall()]
    if len(ids) != len(events):  # the head row vanished between the lock and the write
        raise RuntimeError("audit chain head row missing while appending")
    for event, pk in zip(events, ids, strict=True):
        event.pk = pk
        event._state.adding = False
        event._state.db = connection.alias


def record_event(
    action: str,
    *,
    actor: Any = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    summary: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain (inside `chain_at_end`: when that block ends). Summaries carry ids
    and codes, never names or other PHI values."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(getattr(obj, "public_id", None) or obj.pk)
    ctx = current.get()
    user = actor if getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(
        occurred_at=timezone.now(),
        actor=user,
        actor_username=getattr(user, "username", "") if user else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        summary=canonical_summary(summary),
        request_id=ctx.request_id,
        ip_address=_normalised_ip(ctx.ip_address),
    )
    pending = _deferred.get()
    if pending is not None:
        pending.events.append(event)
    else:
        _append([event])
    return event
