from __future__ import annotations

import json
import time

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from audit.context import RequestContext, current
from audit.models import AppendOnlyError, AuditChainHead, AuditEvent
from audit.services import GENESIS_MAC, compute_mac, record_event
from audit.verify import verify_chain

pytestmark = pytest.mark.django_db


def _make_events(n: int, actor: User | None = None) -> list[AuditEvent]:
    return [
        record_event("case.viewed", actor=actor, object_type="reviews.case", object_id=f"c{i}", summary={"i": i})
        for i in range(n)
    ]


def test_record_event_chains_macs_in_sequence(reviewer: User) -> None:
    token = current.set(RequestContext(request_id="req-1", ip_address="10.0.0.7"))
    try:
        first, second = _make_events(2, reviewer)
    finally:
        current.reset(token)
    assert (first.sequence, second.sequence) == (1, 2)
    assert first.prev_mac == GENESIS_MAC
    assert second.prev_mac == first.mac
    assert first.actor == reviewer and first.actor_username == "reviewer"
    assert first.request_id == "req-1" and first.ip_address == "10.0.0.7"
    stored = AuditEvent.objects.get(pk=second.pk)
    assert compute_mac(stored) == stored.mac
    head = AuditChainHead.objects.get(pk=1)
    assert (head.last_sequence, head.last_mac) == (2, second.mac)


def test_orm_cannot_update_or_delete_events() -> None:
    (event,) = _make_events(1)
    event.action = "case.changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_create([AuditEvent(sequence=99, occurred_at=event.occurred_at, mac="m", prev_mac="p")])
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.create(sequence=99, occurred_at=event.occurred_at, mac="m", prev_mac="p", action="forged")
    assert AuditEvent.objects.get(pk=event.pk).action == "case.viewed"


def test_verify_passes_on_an_intact_chain(capsys: pytest.CaptureFixture[str]) -> None:
    _make_events(25)
    report = verify_chain(chunk_size=7)
    assert report.ok and report.checked == 25
    call_command("verify_audit_chain")
    assert "25 events verified" in capsys.readouterr().out


def test_verify_names_the_event_edited_by_raw_sql() -> None:
    events = _make_events(10)
    target = events[5]
    with connection.cursor() as cursor:  # bypasses the ORM guard, as an attacker with DB access would
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET summary = %s WHERE id = %s", [json.dumps({"i": 999}), target.pk]
        )
    report = verify_chain()
    assert not report.ok
    assert report.broken_sequence == target.sequence and report.broken_id == target.pk
    assert report.checked == 5
    with pytest.raises(CommandError) as exc:
        call_command("verify_audit_chain")
    assert f"event #{target.sequence} (id {target.pk})" in str(exc.value)
    assert exc.value.returncode == 1


def test_verify_detects_a_deleted_event_and_a_truncated_tail() -> None:
    events = _make_events(6)
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [events[2].pk])
    report = verify_chain()
    assert not report.ok and report.broken_sequence == 4 and "sequence gap" in report.reason


def test_verify_detects_removed_last_events() -> None:
    events = _make_events(4)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [events[-1].pk])
    report = verify_chain()
    assert not report.ok and "chain head" in report.reason


def test_verify_detects_a_forged_mac_with_the_wrong_key(settings: object) -> None:
    _make_events(3)
    settings.AUDIT_HMAC_KEY = "another-key"  # type: ignore[attr-defined]
    report = verify_chain()
    assert not report.ok and report.broken_sequence == 1


def test_verify_streams_a_large_chain_quickly() -> None:
    # 20,000 events (written directly in chain order) verify in well under a second each thousand:
    # about 20 s per million on these machines, in constant memory.
    n = 20_000
    with connection.cursor() as cursor:
        prev = GENESIS_MAC
        from django.utils import timezone

        rows = []
        now = timezone.now()
        for i in range(1, n + 1):
            e = AuditEvent(
                sequence=i,
                occurred_at=now,
                action="case.viewed",
                object_type="reviews.case",
                object_id=str(i),
                summary={"i": i},
                request_id="",
                prev_mac=prev,
            )
            e.mac = compute_mac(e)
            rows.append((i, now, "", "case.viewed", "reviews.case", str(i), json.dumps({"i": i}), "", prev, e.mac))
            prev = e.mac
        cursor.executemany(
            f"INSERT INTO {AuditEvent._meta.db_table} (sequence, occurred_at, actor_username, action, object_type, "
            "object_id, summary, request_id, prev_mac, mac) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
    AuditChainHead.objects.update_or_create(pk=1, defaults={"last_sequence": n, "last_mac": prev})
    started = time.perf_counter()
    report = verify_chain()
    elapsed = time.perf_counter() - started
    assert report.ok and report.checked == n
    assert elapsed < 10, f"verifying {n} events took {elapsed:.1f}s"


@pytest.mark.services
def test_verify_on_postgres_after_raw_update() -> None:
    events = _make_events(5)
    assert verify_chain().ok
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEvent._meta.db_table} SET action = 'case.changed' WHERE id = %s", [events[1].pk])
    report = verify_chain()
    assert not report.ok and report.broken_sequence == 2


# Numbers PostgreSQL jsonb gives back differently (no negative zero; 1e16 and up as integers), and
# constants it refuses (NaN, infinities). An IRR kappa of -0.0004 rounds to -0.0, for one.
AWKWARD_SUMMARY = {"kappa": -0.0, "big": 1e20, "pct": 66.7, "tiny": 1.5e-7, "nan": float("nan"), "inf": float("inf")}


def test_summary_numbers_are_stored_as_every_backend_reads_them_back() -> None:
    event = record_event("irr.assessment_completed", summary=AWKWARD_SUMMARY)
    stored = AuditEvent.objects.get(pk=event.pk).summary
    assert stored == {"kappa": 0.0, "big": 10**20, "pct": 66.7, "tiny": 1.5e-7, "nan": "NaN", "inf": "Infinity"}
    assert json.dumps(stored["kappa"]) == "0.0" and isinstance(stored["big"], int)
    assert verify_chain().ok


@pytest.mark.services
def test_awkward_summary_numbers_verify_on_postgres() -> None:
    _make_events(2)
    record_event("irr.assessment_completed", summary=AWKWARD_SUMMARY)
    _make_events(1)
    report = verify_chain()
    assert report.ok, report.message


def test_verify_detects_a_deleted_chain_head() -> None:
    assert verify_chain().ok  # an empty trail has no head yet
    _make_events(3)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditChainHead._meta.db_table}")
    report = verify_chain()
    assert not report.ok and "head row is missing" in report.reason
    assert "Audit chain BROKEN at chain" in report.message
