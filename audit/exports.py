"""Audit trail exports: CSV (one row per event) and a FHIR R4 Bundle of AuditEvent resources.

Both stream: rows are read with .iterator() and written as they are produced.
"""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Iterator
from datetime import UTC
from typing import Any

from django.db.models import QuerySet

from .models import AuditEvent
from .services import MAC_FIELDS

# The columns the MAC covers, then the MAC: a CSV row is enough to recompute and check it.
CSV_COLUMNS = [*MAC_FIELDS, "mac"]

# FHIR AuditEvent.action: C create, R read, U update, D delete, E execute.
_ACTION_VERBS = {
    "viewed": "R",
    "read": "R",
    "exported": "R",
    "downloaded": "R",
    "created": "C",
    "imported": "C",
    "uploaded": "C",
    "updated": "U",
    "changed": "U",
    "assigned": "U",
    "deleted": "D",
    "voided": "D",
}
DCM = "http://dicom.nema.org/resources/ontology/DCM"
EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type"
ACTION_SYSTEM = "urn:ur-desk:audit-action"


class _Echo:
    """A file-like object whose write() returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def _iter_events(events: QuerySet[AuditEvent]) -> Iterator[AuditEvent]:
    return events.order_by("sequence").iterator(chunk_size=2000)


def csv_rows(events: QuerySet[AuditEvent]) -> Iterator[str]:
    """CSV lines (header first) for the given events, in chain order."""
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for e in _iter_events(events):
        yield writer.writerow(
            [
                e.sequence,
                e.occurred_at.astimezone(UTC).isoformat(),
                e.actor_id or "",
                e.actor_username,
                e.action,
                e.object_type,
                e.object_id,
                json.dumps(e.summary, sort_keys=True, separators=(",", ":")),
                e.request_id,
                e.ip_address or "",
                e.prev_mac,
                e.mac,
            ]
        )


def fhir_action_code(action: str) -> str:
    verb = action.rsplit(".", 1)[-1]
    return _ACTION_VERBS.get(verb, "E")


def fhir_audit_event(e: AuditEvent) -> dict[str, Any]:
    """One event as a FHIR R4 AuditEvent resource."""
    is_login = e.action.startswith("auth.")
    failed = e.action.endswith("_failed") or e.action.endswith("access_denied") or e.action == "auth.locked_out"
    agent: dict[str, Any] = {
        "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "IRCP"}]},
        "requestor": True,
    }
    if e.actor_id:
        agent["who"] = {
            "identifier": {"system": "urn:ur-desk:user", "value": str(e.actor_id)},
            "display": e.actor_username,
        }
    else:
        agent["who"] = {"display": "anonymous"}
    if e.ip_address:
        agent["network"] = {"address": e.ip_address, "type": "2"}
    resource: dict[str, Any] = {
        "resourceType": "AuditEvent",
        "id": f"ur-desk-audit-{e.sequence}",
        "type": (
            {"system": DCM, "code": "110114", "display": "User Authentication"}
            if is_login
            else {"system": EVENT_TYPE, "code": "rest", "display": "RESTful Operation"}
        ),
        "subtype": [{"system": ACTION_SYSTEM, "code": e.action}],
        "action": fhir_action_code(e.action),
        "recorded": e.occurred_at.astimezone(UTC).isoformat(),
        "outcome": "4" if failed else "0",
        "agent": [agent],
        "source": {
            "site": "ur-desk",
            "observer": {"display": "UR Desk"},
            "type": [{"system": "http://terminology.hl7.org/CodeSystem/security-source-type", "code": "4"}],
        },
        "extension": [
            {"url": "urn:ur-desk:audit-chain/sequence", "valueInteger": e.sequence},
            {"url": "urn:ur-desk:audit-chain/prev-mac", "valueString": e.prev_mac},
            {"url": "urn:ur-desk:audit-chain/mac", "valueString": e.mac},
        ],
    }
    if e.request_id:
        resource["extension"].append({"url": "urn:ur-desk:request-id", "valueString": e.request_id})
    if e.object_type or e.object_id:
        entity: dict[str, Any] = {
            "what": {"identifier": {"system": f"urn:ur-desk:{e.object_type or 'object'}", "value": e.object_id}},
            "type": {"system": "urn:ur-desk:object-type", "code": e.object_type or "object"},
        }
        if e.summary:
            entity["detail"] = [
                {"type": "summary", "valueString": json.dumps(e.summary, sort_keys=True, separators=(",", ":"))}
            ]
        resource["entity"] = [entity]
    return resource


def fhir_bundle_chunks(events: QuerySet[AuditEvent], *, bundle_id: str, timestamp: str) -> Iterator[str]:
    """A FHIR R4 `collection` Bundle of AuditEvent resources, as JSON text chunks."""
    head = {"resourceType": "Bundle", "id": bundle_id, "type": "collection", "timestamp": timestamp}
    yield json.dumps(head)[:-1] + ', "entry": ['
    first = True
    for e in _iter_events(events):
        entry = {"fullUrl": f"urn:uuid:{uuid.UUID(e.mac[:32])}", "resource": fhir_audit_event(e)}
        yield ("" if first else ",") + json.dumps(entry, separators=(",", ":"))
        first = False
    yield "]}"
