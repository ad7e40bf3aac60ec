"""PAS request Bundles for tests: a physical-therapy request in the shape the IG examples use."""

from __future__ import annotations

import base64
import copy
import io
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = DATA / "examples"
PAS = "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/"


def example(name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / f"Bundle-{name}.json").read_text())


def blank_pdf(pages: int = 1) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _item(seq: int, code: str, visits: int, start: str, end: str, cert: str = "I") -> dict[str, Any]:
    return {
        "extension": [
            {
                "url": PAS + "extension-serviceItemRequestType",
                "valueCodeableConcept": {
                    "coding": [{"system": "https://codesystem.x12.org/005010/1525", "code": "HS"}]
                },
            },
            {
                "url": PAS + "extension-certificationType",
                "valueCodeableConcept": {
                    "coding": [{"system": "https://codesystem.x12.org/005010/1322", "code": cert}]
                },
            },
        ],
        "sequence": seq,
        "category": {"coding": [{"system": "https://codesystem.x12.org/005010/1365", "code": "PT"}]},
        "productOrService": {"coding": [{"system": "http://www.ama-assn.org/go/cpt", "code": code}]},
        "servicedPeriod": {"start": start, "end": end},
        "quantity": {"value": visits, "unit": "visits"},
        "locationCodeableConcept": {
            "coding": [
                {
                    "system": "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set",
                    "code": "11",
                }
            ]
        },
        "diagnosisSequence": [1],
    }


def pt_request(
    identifier: str = "PT-0001",
    *,
    system: str = "urn:oid:2.16.840.1.113883.3.9999.1",
    codes: tuple[str, ...] = ("97110", "97140", "97530"),
    visits: int = 12,
    diagnoses: tuple[str, ...] = ("M17.11", "M25.561"),
    member_id: str = "M311902",
    npi: str = "1386602114",
    pdf: bytes | None = None,
    level: str | None = None,
    related: str | None = None,
    cert: str = "I",
) -> dict[str, Any]:
    """A PAS request for outpatient PT on the right knee (after the DEMO-0101 case)."""
    claim: dict[str, Any] = {
        "resourceType": "Claim",
        "id": "pt-claim",
        "meta": {"profile": [PAS + "profile-claim"]},
        "identifier": [{"system": system, "value": identifier}],
        "status": "active",
        "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/claim-type", "code": "professional"}]},
        "use": "preauthorization",
        "patient": {"reference": "Patient/pt-patient"},
        "created": "2026-11-30T10:00:00Z",
        "insurer": {"reference": "Organization/pt-insurer"},
        "provider": {"reference": "Organization/pt-provider"},
        "priority": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/processpriority", "code": "normal"}]},
        "diagnosis": [
            {
                "sequence": n,
                "diagnosisCodeableConcept": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": code}]},
            }
            for n, code in enumerate(diagnoses, 1)
        ],
        "insurance": [{"sequence": 1, "focal": True, "coverage": {"reference": "Coverage/pt-coverage"}}],
        "item": [_item(n, code, visits, "2026-12-07", "2027-01-15", cert) for n, code in enumerate(codes, 1)],
    }
    if level:
        claim["extension"] = [
            {
                "url": PAS + "extension-levelOfServiceCode",
                "valueCodeableConcept": {
                    "coding": [{"system": "https://codesystem.x12.org/005010/1338", "code": level}]
                },
            }
        ]
    if related:
        claim["related"] = [{"claim": {"identifier": {"system": system, "value": related}}}]
    entries: list[dict[str, Any]] = [
        {"fullUrl": "http://provider.example.org/fhir/Claim/pt-claim", "resource": claim},
        {
            "fullUrl": "http://provider.example.org/fhir/Organization/pt-provider",
            "resource": {
                "resourceType": "Organization",
                "id": "pt-provider",
                "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": npi}],
                "name": "Northgate Orthopaedic Rehab",
            },
        },
        {
            "fullUrl": "http://provider.example.org/fhir/Organization/pt-insurer",
            "resource": {
                "resourceType": "Organization",
                "id": "pt-insurer",
                "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "1234567893"}],
                "name": "Springfield Health Plan",
            },
        },
        {
            "fullUrl": "http://provider.example.org/fhir/Coverage/pt-coverage",
            "resource": {
                "resourceType": "Coverage",
                "id": "pt-coverage",
                "status": "active",
                "subscriberId": member_id,
                "beneficiary": {"reference": "Patient/pt-patient"},
                "payor": [{"reference": "Organization/pt-insurer"}],
                "class": [
                    {
                        "type": {
                            "coding": [
                                {"system": "http://terminology.hl7.org/CodeSystem/coverage-class", "code": "plan"}
                            ]
                        },
                        "value": "MAPPO",
                        "name": "Medicare Advantage PPO",
                    }
                ],
            },
        },
        {
            "fullUrl": "http://provider.example.org/fhir/Patient/pt-patient",
            "resource": {
                "resourceType": "Patient",
                "id": "pt-patient",
                "identifier": [{"system": "http://example.org/MIN", "value": member_id}],
                "name": [{"family": "Okafor", "given": ["Margaret"]}],
                "gender": "female",
                "birthDate": "1957-06-21",
            },
        },
    ]
    if pdf is not None:
        claim["supportingInfo"] = [
            {
                "extension": [
                    {
                        "url": PAS + "extension-documentInformation",
                        "extension": [
                            {
                                "url": "reportTypeCode",
                                "valueCodeableConcept": {
                                    "coding": [{"system": "https://codesystem.x12.org/005010/755", "code": "PN"}]
                                },
                            }
                        ],
                    }
                ],
                "sequence": 1,
                "category": {
                    "coding": [
                        {
                            "system": "http://hl7.org/fhir/us/davinci-pas/CodeSystem/PASTempCodes",
                            "code": "additionalInformation",
                        }
                    ]
                },
                "valueReference": {"reference": "DocumentReference/pt-notes"},
            }
        ]
        entries.append(
            {
                "fullUrl": "http://provider.example.org/fhir/DocumentReference/pt-notes",
                "resource": {
                    "resourceType": "DocumentReference",
                    "id": "pt-notes",
                    "status": "current",
                    "type": {"coding": [{"system": "http://loinc.org", "code": "11506-3"}]},
                    "subject": {"reference": "Patient/pt-patient"},
                    "content": [
                        {
                            "attachment": {
                                "contentType": "application/pdf",
                                "title": "evaluation.pdf",
                                "data": base64.b64encode(pdf).decode(),
                            }
                        }
                    ],
                },
            }
        )
    return {
        "resourceType": "Bundle",
        "meta": {"profile": [PAS + "profile-pas-request-bundle"]},
        "identifier": {"system": "http://provider.example.org/bundle", "value": f"B-{identifier}"},
        "type": "collection",
        "timestamp": "2026-11-30T10:00:00Z",
        "entry": entries,
    }


def without(bundle: dict[str, Any], *path: Any) -> dict[str, Any]:
    """A deep copy of `bundle` with the element at `path` removed."""
    out = copy.deepcopy(bundle)
    node: Any = out
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return out
