"""Streaming verification of the audit chain: constant memory, one pass, first broken link wins."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from .anchor import AnchorState, checkpoint_after_commit, read_anchor
from .models import AuditChainHead, AuditEvent
from .services import GENESIS_MAC, MAC_FIELDS, mac_for_payload, payload_bytes

CHUNK_SIZE = 5000


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    last_sequence: int
    broken_sequence: int | None = None
    broken_id: int | None = None
    reason: str = ""
    anchor_note: str = ""

    @property
    def message(self) -> str:
        if self.ok:
            note = f" {self.anchor_note}" if self.anchor_note else ""
            return f"Audit chain intact: {self.checked} events verified (last sequence {self.last_sequence}).{note}"
        where = f"event #{self.broken_sequence} (id {self.broken_id})" if self.broken_sequence is not None else "chain"
        return f"Audit chain BROKEN at {where}: {self.reason} ({self.checked} events checked before it)."


def verify_chain(*, chunk_size: int = CHUNK_SIZE, checkpoint: bool = True) -> ChainReport:
    """Walk every event in sequence order, recomputing each MAC and checking the link to the previous one,
    then compare the end of the chain with the head row and with the signed checkpoints kept outside
    the database (audit/anchor.py). An intact chain is checkpointed (unless `checkpoint=False`)."""
    anchor = read_anchor()
    if anchor.bad_lines:
        lines = ", ".join(str(n) for n in anchor.bad_lines[:5])
        return ChainReport(
            False, 0, 0, None, None, f"the checkpoint file {anchor.path} has lines with a bad signature ({lines})"
        )
    report = _walk(chunk_size, anchor)
    if report.ok and checkpoint and report.last_sequence:
        head = AuditChainHead.objects.filter(pk=1).values_list("last_mac", flat=True).first()
        if head:
            checkpoint_after_commit(report.last_sequence, head)
    return report


def _walk(chunk_size: int, anchor: AnchorState) -> ChainReport:
    rows = AuditEvent.objects.order_by("sequence").values_list("id", "mac", *MAC_FIELDS).iterator(chunk_size=chunk_size)
    checkpoints = anchor.checkpoints
    expected_prev = GENESIS_MAC
    expected_seq = 1
    checked = 0
    for row in rows:
        pk, mac, *values = row
        fields = dict(zip(MAC_FIELDS, values, strict=True))
        seq = fields["sequence"]
        if seq != expected_seq:
            return ChainReport(False, checked, expected_seq - 1, seq, pk, f"sequence gap: expected #{expected_seq}")
        if fields["prev_mac"] != expected_prev:
            return ChainReport(False, checked, seq - 1, seq, pk, "link to the previous event does not match")
        if not hmac.compare_digest(mac_for_payload(payload_bytes(**fields)), mac):
            return ChainReport(False, checked, seq - 1, seq, pk, "stored data does not match its MAC (altered)")
        anchored = checkpoints.get(seq)
        if anchored is not None and not hmac.compare_digest(anchored, mac):
            return ChainReport(
                False, checked, seq - 1, seq, pk, "this event differs from the one checkpointed outside the database"
            )
        expected_prev = mac
        expected_seq += 1
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).values_list("last_sequence", "last_mac").first()
    if head is None:  # written with the first event, so only an empty chain has none
        if checked:
            return ChainReport(False, checked, checked, None, None, "the chain head row is missing (deleted?)")
    elif head[0] != checked or head[1] != expected_prev:
        return ChainReport(
            False,
            checked,
            checked,
            head[0],
            None,
            f"chain head records #{head[0]} but the stored chain ends at #{checked} (events removed at the end?)",
        )
    if anchor.last_sequence > checked:
        return ChainReport(
            False,
            checked,
            checked,
            None,
            None,
            f"the chain ends at #{checked}, behind its last checkpoint #{anchor.last_sequence} "
            f"in {anchor.path} (events removed at the end, or the table emptied?)",
        )
    note = (
        "" if anchor.exists else f"No earlier checkpoint at {anchor.path}: a removed tail before now is not provable."
    )
    return ChainReport(True, checked, checked, anchor_note=note)
