"""chain_at_end: the events of a transaction are appended when its block ends, so the chain head's row
lock is held only from there to the commit (PAS $submit uses it)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from audit.models import AuditChainHead, AuditEvent
from audit.services import chain_at_end, record_event
from audit.verify import verify_chain


def _head() -> int:
    head = AuditChainHead.objects.filter(pk=1).first()
    return head.last_sequence if head else 0


@pytest.mark.django_db
def test_events_are_appended_in_order_when_the_block_ends() -> None:
    record_event("case.viewed", object_type="reviews.case", object_id="before")
    with transaction.atomic(), chain_at_end():
        for i in range(3):
            record_event("case.viewed", object_type="reviews.case", object_id=f"c{i}")
            with chain_at_end():  # nested blocks leave the appending to the outermost
                record_event("case.changed", object_type="reviews.case", object_id=f"c{i}")
        assert AuditEvent.objects.count() == 1 and _head() == 1  # nothing appended, the head untouched
    rows = list(AuditEvent.objects.order_by("sequence").values_list("sequence", "action", "object_id"))
    assert rows[0] == (1, "case.viewed", "before")
    assert [r[2] for r in rows[1:]] == ["c0", "c0", "c1", "c1", "c2", "c2"]
    assert [r[0] for r in rows] == list(range(1, 8))
    assert verify_chain().ok


@pytest.mark.django_db
def test_an_exception_discards_the_events_with_the_transaction() -> None:
    with pytest.raises(ValueError), transaction.atomic(), chain_at_end():
        record_event("case.viewed", object_type="reviews.case", object_id="lost")
        raise ValueError("refused")
    assert AuditEvent.objects.count() == 0 and _head() == 0


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_other_writers_do_not_wait_for_an_open_block() -> None:
    """While one transaction works inside chain_at_end, another appends at once (PostgreSQL row locks)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's")
    record_event("case.viewed", object_type="reviews.case", object_id="seed")  # the head row exists
    inside, done = threading.Event(), threading.Event()
    other: list[object] = []

    def writer() -> None:
        inside.wait(10)
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '3s'")
                record_event("case.viewed", object_type="reviews.case", object_id="other")
            other.append("ok")
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            other.append(exc)
        finally:
            connection.close()
            done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    with transaction.atomic(), chain_at_end():
        record_event("case.viewed", object_type="reviews.case", object_id="long")
        inside.set()
        assert done.wait(15)  # the other writer finished while this transaction is still open
    thread.join()
    assert other == ["ok"]
    assert list(AuditEvent.objects.order_by("sequence").values_list("object_id", flat=True)) == [
        "seed",
        "other",
        "long",
    ]
    assert verify_chain().ok
