"""Forwarding a Medicare Advantage adverse reconsideration to the independent review entity (IRE).

42 CFR 422.592: when the plan affirms its adverse decision, in whole or in part, it forwards the
case file to the IRE itself. The packet is a zip: the signed letters (PDF), the record (the case
as ur-case/1 JSON and the record PDFs) and the review (determination, recommendation, appeal,
peer-to-peer history) as JSON, with a manifest of SHA-256 digests. It is stored, not rebuilt.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.services import record_event
from criteria.engine import result_to_dict
from reviews.models import Letter
from reviews.services.cases import export_case_dict

from ..models import Appeal, AppealOutcome, AppealStatus, IREForwarding, NoticeLetter

FORMAT = "ur-ire-packet/1"
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # zip entry times: the packet's bytes depend on its content only


def _json(value: Any) -> bytes:
    return json.dumps(value, indent=2, sort_keys=True, default=str).encode()


def ire_required(appeal: Appeal) -> bool:
    return (
        appeal.line_of_business == "medicare_advantage"
        and appeal.status == AppealStatus.DECIDED
        and appeal.outcome in (AppealOutcome.UPHELD, AppealOutcome.PARTLY_OVERTURNED)
    )


def review_summary(appeal: Appeal) -> dict[str, Any]:
    det = appeal.contested
    rec = det.recommendation
    return {
        "format": FORMAT,
        "appeal": {
            "reference": appeal.case.reference,
            "requester_kind": appeal.requester_kind,
            "reason": appeal.reason,
            "kind": appeal.kind,
            "urgency": appeal.urgency,
            "line_of_business": appeal.line_of_business,
            "received_at": appeal.received_at,
            "due_at": appeal.due_at,
            "decided_at": appeal.decided_at,
            "outcome": appeal.outcome,
            "approved_visits": appeal.approved_visits,
            "rationale": appeal.rationale,
            "reviewer_user_id": appeal.decided_by_id,
        },
        "contested_determination": {
            "case_reference": appeal.original_case.reference,
            "version": det.version,
            "decision": det.decision,
            "approved_visits": det.approved_visits,
            "lines": det.lines,
            "overridden": det.overridden,
            "override_code": det.override_code,
            "override_wording": det.override_wording,
            "override_note": det.override_note,
            "decided_at": det.decided_at,
            "reviewer_user_id": det.reviewer_id,
        },
        "recommendation": {
            "decision": rec.decision,
            "engine_version": rec.engine_version,
            "criteria_version_id": rec.criteria_version_id,
            "input_hash": rec.input_hash,
            "result": result_to_dict(rec.engine_result),
        },
        "peer_to_peer": [
            {
                "requested_at": p.requested_at,
                "status": p.status,
                "outcome": p.outcome,
                "call_at": p.call_at,
                "windows": [
                    {"starts_at": w.starts_at, "ends_at": w.ends_at, "status": w.status} for w in p.windows.all()
                ],
            }
            for p in appeal.original_case.peer_to_peers.prefetch_related("windows").order_by("requested_at")
        ],
    }


def build_packet(appeal: Appeal) -> bytes:
    """The IRE packet for `appeal` as zip bytes (deterministic for the same stored content)."""
    files: dict[str, bytes] = {}
    notice = NoticeLetter.objects.filter(appeal=appeal).first()
    if notice is None:
        raise ValueError("The appeal-decision letter must be signed before the case goes to the IRE.")
    files["letters/appeal-decision.pdf"] = bytes(notice.pdf)
    for letter in Letter.objects.filter(case=appeal.original_case).order_by("version"):
        files[f"letters/determination-v{letter.version}.pdf"] = bytes(letter.pdf)
    files["record/appeal-case.json"] = _json(export_case_dict(appeal.case))
    files["record/original-case.json"] = _json(export_case_dict(appeal.original_case))
    for i, doc in enumerate(appeal.case.documents.order_by("uploaded_at", "id"), 1):
        try:
            with doc.file.open("rb") as fh:
                files[f"record/documents/{i:02d}-{doc.sha256[:12]}.pdf"] = fh.read()
        except FileNotFoundError:
            files[f"record/documents/{i:02d}-{doc.sha256[:12]}.missing.txt"] = b"file not found in storage\n"
    files["review.json"] = _json(review_summary(appeal))
    manifest = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())}
    files["manifest.json"] = _json({"format": FORMAT, "files": manifest})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, files[name])
    return buf.getvalue()


def ire_forward_if_required(*, appeal: Appeal) -> IREForwarding | None:
    """Forward an MA upheld (or partly upheld) appeal to the IRE once its letter is signed. Idempotent."""
    appeal = Appeal.objects.select_related("case", "original_case", "contested__recommendation").get(pk=appeal.pk)
    if not ire_required(appeal):
        return getattr(appeal, "ire_forwarding", None) if hasattr(appeal, "ire_forwarding") else None
    packet = build_packet(appeal)
    with transaction.atomic():
        locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
        existing = IREForwarding.objects.filter(appeal=locked).first()
        if existing is not None:
            return existing
        if locked.decided_by is None:
            raise ValueError(f"appeal {locked.pk} is not decided")
        fwd = IREForwarding.objects.create(
            appeal=locked,
            packet=packet,
            sha256=hashlib.sha256(packet).hexdigest(),
            size=len(packet),
            forwarded_by=locked.decided_by,
            forwarded_at=timezone.now(),
        )
        locked.status = AppealStatus.FORWARDED_TO_IRE
        locked.save(update_fields=["status"])
        record_event(
            "appeal.forwarded_to_ire",
            actor=locked.decided_by,
            obj=locked.case,
            summary={"appeal_id": locked.pk, "packet_sha256": fwd.sha256, "size": fwd.size, "outcome": locked.outcome},
        )
        return fwd
