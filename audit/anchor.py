"""The audit chain's head, anchored outside its table: signed checkpoints in an append-only file.

The chain in the database proves that no event was altered or removed from the middle; on its
own it cannot prove that none were removed from the end (delete the tail and set the head row to
the last remaining MAC) or that the table was not emptied. So every UR_AUDIT_CHECKPOINT_EVERY
events, and after each successful verification, a checkpoint line

    {"seq": 900, "mac": "<event 900's MAC>", "at": "2026-...Z", "sig": "<HMAC of the three>"}

is appended to UR_AUDIT_ANCHOR_FILE (default: UR_PKI_DIR/audit-anchor.log; keep it on other
storage than the database, append-only where the filesystem allows: `chattr +a`). The verifier
(audit/verify.py) reports a chain whose head is behind its last checkpoint, or whose event at a
checkpointed sequence carries another MAC. The signature uses a key derived from AUDIT_HMAC_KEY,
so a line cannot be forged or edited without that key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    mac: str
    at: str


@dataclass(frozen=True)
class AnchorState:
    """What the anchor file says: every valid checkpoint by sequence, and the lines that failed."""

    path: Path
    exists: bool
    checkpoints: dict[int, str] = field(default_factory=dict)
    bad_lines: tuple[int, ...] = ()

    @property
    def last_sequence(self) -> int:
        return max(self.checkpoints, default=0)


def anchor_path() -> Path:
    return Path(settings.UR_AUDIT_ANCHOR_FILE)


def _key() -> bytes:
    # A key of its own, derived from the audit key: a checkpoint signature is never a valid event MAC.
    return hmac.new(settings.AUDIT_HMAC_KEY.encode(), b"ur-desk audit anchor v1", hashlib.sha256).digest()


def _signature(seq: int, mac: str, at: str) -> str:
    return hmac.new(_key(), f"{seq}|{mac}|{at}".encode(), hashlib.sha256).hexdigest()


def append_checkpoint(seq: int, mac: str) -> Checkpoint | None:
    """Append one signed checkpoint (fsynced). A write failure is logged, never raised: the event
    itself is already committed, and the next checkpoint or verification writes the head again."""
    if seq <= 0:
        return None
    at = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    line = json.dumps({"seq": seq, "mac": mac, "at": at, "sig": _signature(seq, mac, at)}, sort_keys=True) + "\n"
    path = anchor_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            os.write(fd, line.encode())  # one write() with O_APPEND: lines of concurrent writers never interleave
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        logger.error("audit anchor: cannot append a checkpoint to %s: %s", path, type(exc).__name__)
        return None
    return Checkpoint(seq, mac, at)


def checkpoint_after_commit(seq: int, mac: str) -> None:
    """Append a checkpoint once the transaction that wrote event `seq` has committed (never for a
    rolled-back event, which would make the verifier report a head behind its checkpoint)."""
    transaction.on_commit(lambda: append_checkpoint(seq, mac))


def read_anchor() -> AnchorState:
    path = anchor_path()
    try:
        text = path.read_text()
    except FileNotFoundError:
        return AnchorState(path, exists=False)
    checkpoints: dict[int, str] = {}
    bad: list[int] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            entry = json.loads(raw)
            seq, mac, at, sig = int(entry["seq"]), str(entry["mac"]), str(entry["at"]), str(entry["sig"])
        except (ValueError, KeyError, TypeError):
            bad.append(number)
            continue
        if not hmac.compare_digest(_signature(seq, mac, at), sig):
            bad.append(number)
            continue
        if checkpoints.get(seq, mac) != mac:  # two signed checkpoints disagree about one event
            bad.append(number)
            continue
        checkpoints[seq] = mac
    return AnchorState(path, exists=True, checkpoints=checkpoints, bad_lines=tuple(bad))
