"""The chain head anchored outside the table: tail truncation and a full wipe are detected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from audit.anchor import read_anchor
from audit.models import AuditChainHead, AuditEvent
from audit.services import record_event
from audit.verify import verify_chain

# Checkpoints are appended after commit, so these tests commit (transactional database).
pytestmark = pytest.mark.django_db(transaction=True)


def _events(n: int) -> None:
    for i in range(n):
        record_event("case.viewed", object_type="reviews.case", object_id=f"c{i}", summary={"i": i})


def _truncate_after(seq: int) -> None:
    """The attack from the fault report: delete the events after `seq`, point the head at `seq`'s MAC."""
    mac = AuditEvent.objects.get(sequence=seq).mac
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE sequence > %s", [seq])
        cursor.execute(
            f"UPDATE {AuditChainHead._meta.db_table} SET last_sequence = %s, last_mac = %s WHERE id = 1", [seq, mac]
        )


def test_checkpoints_are_written_every_n_events_and_at_verification(settings, _private_audit_anchor: Path) -> None:
    settings.UR_AUDIT_CHECKPOINT_EVERY = 10
    _events(25)
    assert sorted(read_anchor().checkpoints) == [10, 20]
    report = verify_chain()
    assert report.ok, report.message
    anchor = read_anchor()
    assert sorted(anchor.checkpoints) == [10, 20, 25]
    assert anchor.checkpoints[25] == AuditEvent.objects.get(sequence=25).mac


def test_tail_truncation_with_a_rewritten_head_is_detected(settings) -> None:
    settings.UR_AUDIT_CHECKPOINT_EVERY = 100
    _events(1000)
    assert verify_chain().ok
    _truncate_after(900)
    report = verify_chain()
    assert not report.ok
    assert "behind its last checkpoint #1000" in report.reason
    assert "chain ends at #900" in report.reason
    with pytest.raises(CommandError, match="behind its last checkpoint"):
        call_command("verify_audit_chain")


def test_truncation_between_checkpoints_is_caught_by_the_last_verification(settings) -> None:
    settings.UR_AUDIT_CHECKPOINT_EVERY = 100
    _events(130)
    assert verify_chain().ok  # checkpoints #130
    _truncate_after(110)
    assert "behind its last checkpoint #130" in verify_chain().reason


def test_a_full_wipe_is_detected(settings) -> None:
    settings.UR_AUDIT_CHECKPOINT_EVERY = 10
    _events(12)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table}")
        cursor.execute(f"DELETE FROM {AuditChainHead._meta.db_table}")
    report = verify_chain()
    assert not report.ok
    assert "chain ends at #0, behind its last checkpoint #10" in report.reason


def test_a_rewritten_tail_differs_from_its_checkpoint(settings) -> None:
    # Truncate to #5, then append new events: the chain is internally consistent again, and as long
    # as the anchor's last checkpoint is #8, it must notice the new #8 is not the checkpointed one.
    settings.UR_AUDIT_CHECKPOINT_EVERY = 0
    _events(8)
    assert verify_chain().ok
    _truncate_after(5)
    _events(3)
    report = verify_chain()
    assert not report.ok and report.broken_sequence == 8
    assert "checkpointed outside the database" in report.reason


def test_a_forged_checkpoint_line_is_reported(settings, _private_audit_anchor: Path) -> None:
    _events(3)
    assert verify_chain().ok
    line = json.loads(_private_audit_anchor.read_text().splitlines()[-1])
    line["seq"] = 999
    with _private_audit_anchor.open("a") as fh:
        fh.write(json.dumps(line) + "\n")
    report = verify_chain()
    assert not report.ok and "bad signature" in report.reason


def test_a_missing_anchor_is_noted_not_failed(_private_audit_anchor: Path) -> None:
    _events(2)
    report = verify_chain(checkpoint=False)
    assert report.ok and "No earlier checkpoint" in report.message
    assert not _private_audit_anchor.exists()


def test_an_unwritable_anchor_never_breaks_an_event(settings, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    settings.UR_AUDIT_ANCHOR_FILE = blocker / "sub" / "anchor.log"  # parent is a file: mkdir fails
    settings.UR_AUDIT_CHECKPOINT_EVERY = 1
    _events(2)
    assert AuditEvent.objects.count() == 2
