"""PAS 2.2.1 response Bundles and ClaimResponses, built from plain values. Pure: no Django, no clock.

Review actions (X12 306) per item: A1 certified in total, A3 not certified, A4 pended, A6 modified
(what was authorized goes in `addItem`, linked by itemSequence, FHIR-55686). `outcome` is always
`complete` (PAS 2.2 allows complete | error | partial; a pend is carried by A4, not by outcome).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PAS = "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/"
X12_306 = "https://codesystem.x12.org/005010/306"
X12_886 = "https://codesystem.x12.org/external/886"
ACTION_DISPLAY = {
    "A1": "Certified in total",
    "A3": "Not Certified",
    "A4": "Pending",
    "A6": "Modified",
    "C": "Cancelled",
}
NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi"
ADJUDICATION_SUBMITTED = {
    "coding": [{"system": "http://terminology.hl7.org/CodeSystem/adjudication", "code": "submitted"}]
}


@dataclass(frozen=True)
class ItemDecision:
    sequence: int
    action: str  # A1 | A3 | A4 | A6 | C
    code: str
    system: str
    requested: int
    approved: int | None = None
    start: str = ""
    end: str = ""
    reason_code: str = ""
    note_number: int | None = None


@dataclass(frozen=True)
class Reviewer:
    npi: str
    specialty: str


@dataclass(frozen=True)
class LetterPdf:
    title: str
    data_b64: str
    sha1_b64: str
    created: str


@dataclass(frozen=True)
class ResponseInput:
    response_id: str
    base_url: str  # our FHIR base, for the ClaimResponse fullUrl
    claim_system: str
    claim_value: str
    claim_type: str
    created: str  # FHIR dateTime
    authorization_number: str  # the case reference
    issue_date: str  # FHIR date
    patient_url: str
    insurer_url: str
    provider_url: str
    claim_url: str
    items: tuple[ItemDecision, ...]
    notes: tuple[str, ...] = ()
    reviewer: Reviewer | None = None
    letter: LetterPdf | None = None
    disposition: str = ""
    echo: tuple[dict[str, Any], ...] = field(default=())  # request entries echoed with the same fullUrl


def _ref(url: str) -> dict[str, str]:
    return {"reference": url}


def _review_action(item: ItemDecision, auth: str) -> dict[str, Any]:
    subs: list[dict[str, Any]] = [
        {"url": "number", "valueString": auth},
        {
            "url": PAS + "extension-reviewActionCode",
            "valueCodeableConcept": {
                "coding": [{"system": X12_306, "code": item.action, "display": ACTION_DISPLAY.get(item.action, "")}]
            },
        },
    ]
    if item.reason_code:
        subs.append(
            {"url": "reasonCode", "valueCodeableConcept": {"coding": [{"system": X12_886, "code": item.reason_code}]}}
        )
    return {"url": PAS + "extension-reviewAction", "extension": subs}


def _period(start: str, end: str) -> dict[str, str]:
    return {k: v for k, v in (("start", start), ("end", end)) if v}


def _item(item: ItemDecision, inp: ResponseInput) -> dict[str, Any]:
    ext: list[dict[str, Any]] = []
    if item.start or item.end:
        ext.append({"url": PAS + "extension-itemRequestedServiceDate", "valuePeriod": _period(item.start, item.end)})
    if item.action == "A1":
        ext.append({"url": PAS + "extension-itemPreAuthIssueDate", "valueDate": inp.issue_date})
        ext.append({"url": PAS + "extension-itemPreAuthPeriod", "valuePeriod": _period(item.start, item.end)})
        ext.append(
            {
                "url": PAS + "extension-itemAuthorizedDetail",
                "extension": [
                    {
                        "url": "productOrServiceCode",
                        "valueCodeableConcept": {"coding": [{"system": item.system, "code": item.code}]},
                    },
                    {"url": "quantity", "valueQuantity": {"value": item.approved or item.requested, "unit": "visits"}},
                ],
            }
        )
    out: dict[str, Any] = {"itemSequence": item.sequence}
    if ext:
        out["extension"] = ext
    if item.note_number:
        out["noteNumber"] = [item.note_number]
    out["adjudication"] = [
        {"extension": [_review_action(item, inp.authorization_number)], "category": ADJUDICATION_SUBMITTED}
    ]
    return out


def _add_item(item: ItemDecision, inp: ResponseInput) -> dict[str, Any]:
    """What was authorized for a modified (A6) item: the approved visits, certified (A1)."""
    certified = ItemDecision(
        sequence=item.sequence, action="A1", code=item.code, system=item.system, requested=item.requested
    )
    return {
        "extension": [
            {"url": PAS + "extension-itemPreAuthIssueDate", "valueDate": inp.issue_date},
            {"url": PAS + "extension-itemPreAuthPeriod", "valuePeriod": _period(item.start, item.end)},
        ],
        "itemSequence": [item.sequence],
        "productOrService": {"coding": [{"system": item.system, "code": item.code}]},
        **({"servicedPeriod": _period(item.start, item.end)} if item.start else {}),
        "quantity": {"value": item.approved or 0, "unit": "visits"},
        "adjudication": [
            {"extension": [_review_action(certified, inp.authorization_number)], "category": ADJUDICATION_SUBMITTED}
        ],
    }


def claim_response(inp: ResponseInput) -> dict[str, Any]:
    extension: list[dict[str, Any]] = []
    if inp.reviewer is not None:
        subs: list[dict[str, Any]] = [{"url": "wasHumanReviewedFlag", "valueBoolean": True}]
        if inp.reviewer.npi:
            subs.append({"url": "reviewerNPI", "valueIdentifier": {"system": NPI_SYSTEM, "value": inp.reviewer.npi}})
        if inp.reviewer.specialty:
            subs.append({"url": "reviewerSpecialty", "valueCodeableConcept": {"text": inp.reviewer.specialty}})
        extension.append({"url": PAS + "extension-claimResponseReviewer", "extension": subs})
    resource: dict[str, Any] = {
        "resourceType": "ClaimResponse",
        "id": inp.response_id,
        "meta": {"profile": [PAS + "profile-claimresponse"]},
    }
    if extension:
        resource["extension"] = extension
    resource.update(
        {
            "identifier": [{"system": inp.claim_system, "value": inp.claim_value}],
            "status": "active",
            "type": {
                "coding": [{"system": "http://terminology.hl7.org/CodeSystem/claim-type", "code": inp.claim_type}]
            },
            "use": "preauthorization",
            "patient": _ref(inp.patient_url),
            "created": inp.created,
            "insurer": _ref(inp.insurer_url),
            "requestor": _ref(inp.provider_url),
            "request": _ref(inp.claim_url),
            "outcome": "complete",
        }
    )
    if inp.disposition:
        resource["disposition"] = inp.disposition
    resource["preAuthRef"] = inp.authorization_number
    approved = [i for i in inp.items if i.action == "A1"]
    if approved:
        starts = sorted(i.start for i in approved if i.start)
        ends = sorted(i.end for i in approved if i.end)
        if starts and ends:
            resource["preAuthPeriod"] = {"start": starts[0], "end": ends[-1]}
    resource["item"] = [_item(i, inp) for i in inp.items]
    modified = [i for i in inp.items if i.action == "A6"]
    if modified:
        resource["addItem"] = [_add_item(i, inp) for i in modified]
    if inp.letter is not None:
        resource["form"] = {
            "contentType": "application/pdf",
            "data": inp.letter.data_b64,
            "hash": inp.letter.sha1_b64,
            "title": inp.letter.title,
            "creation": inp.letter.created,
        }
    if inp.notes:
        resource["processNote"] = [
            {"number": n, "type": "display", "text": text} for n, text in enumerate(inp.notes, start=1)
        ]
    return resource


def response_bundle(inp: ResponseInput, *, bundle_id: str, timestamp: str) -> dict[str, Any]:
    """The PAS response Bundle: the ClaimResponse first, then the request's Patient, insurer and requestor."""
    entries = [{"fullUrl": f"{inp.base_url}/ClaimResponse/{inp.response_id}", "resource": claim_response(inp)}]
    entries.extend(inp.echo)
    return {
        "resourceType": "Bundle",
        "id": bundle_id,
        "meta": {"profile": [PAS + "profile-pas-response-bundle"]},
        "identifier": {"system": f"{inp.base_url}/response-bundle", "value": bundle_id},
        "type": "collection",
        "timestamp": timestamp,
        "entry": entries,
    }
