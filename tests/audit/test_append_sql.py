"""The append's SQL on PostgreSQL: the head row is locked and read, then the events and the new head are
written by one statement; what is stored reads back exactly as the MACs were computed."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from audit.context import RequestContext, current
from audit.models import AuditChainHead, AuditEvent
from audit.services import chain_at_end, compute_mac, record_event
from audit.verify import verify_chain

pytestmark = pytest.mark.django_db


def _statements(ctx: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if q["sql"] not in ("BEGIN", "COMMIT")]


def test_a_view_event_is_two_statements_under_the_lock() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the one-statement write is PostgreSQL's")
    record_event("case.viewed", object_type="reviews.case", object_id="seed")  # the head row exists
    with CaptureQueriesContext(connection) as ctx:
        event = record_event("case.viewed", object_type="reviews.case", object_id="c1", summary={"n": 1})
    sql = _statements(ctx)
    assert len(sql) == 2, sql
    assert '"audit_auditchainhead"' in sql[0] and sql[0].endswith("FOR UPDATE")
    assert sql[1].startswith("WITH new_events AS (INSERT INTO") and "UPDATE" in sql[1]
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.sequence, stored.mac, stored.prev_mac) == (2, event.mac, AuditEvent.objects.get(sequence=1).mac)
    head = AuditChainHead.objects.get(pk=1)
    assert (head.last_sequence, head.last_mac) == (2, event.mac)


def test_stored_values_match_their_macs_and_ids_follow_the_order() -> None:
    """Every column type (JSON with floats, an IP, an actor, a timestamp) reads back as MAC'd."""
    token = current.set(RequestContext(request_id="r-9", ip_address="2001:db8::1"))
    try:
        first = record_event("case.viewed", object_type="reviews.case", object_id="a", summary={"x": 0.1, "n": [1]})
        with transaction.atomic(), chain_at_end():
            batch = [record_event("case.changed", object_id=f"b{i}", summary={"i": i, "f": -0.0}) for i in range(3)]
    finally:
        current.reset(token)
    events = [first, *batch]
    assert [e.sequence for e in events] == [1, 2, 3, 4]
    for event in events:
        stored = AuditEvent.objects.get(pk=event.pk)
        assert stored.sequence == event.sequence and stored.object_id == event.object_id
        assert compute_mac(stored) == stored.mac == event.mac
    assert AuditEvent.objects.get(pk=batch[2].pk).ip_address == "2001:db8::1"
    report = verify_chain()
    assert report.ok and report.checked == 4
