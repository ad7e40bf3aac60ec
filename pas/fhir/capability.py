"""The server's CapabilityStatement: what this endpoint really does. Pure."""

from __future__ import annotations

from typing import Any

PAS_IG = "http://hl7.org/fhir/us/davinci-pas/ImplementationGuide/hl7.fhir.us.davinci-pas"
PAS_SD = "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/"


def capability_statement(*, base_url: str, token_url: str, software_version: str, date: str) -> dict[str, Any]:
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": date,
        "kind": "instance",
        "publisher": "UR Desk",
        "software": {"name": "UR Desk", "version": software_version},
        "implementation": {
            "description": "UR Desk prior-authorization API (payer side of Da Vinci PAS)",
            "url": base_url,
        },
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json"],
        "implementationGuide": [f"{PAS_IG}|2.2.1"],
        "rest": [
            {
                "mode": "server",
                "documentation": (
                    "Every request is pended for review by a licensed clinician (review action A4); the decision "
                    "(A1 certified, A3 not certified with the specific reason, A6 modified) is sent to the "
                    "submitter's rest-hook subscriptions and returned by $inquire. JSON only."
                ),
                "security": {
                    "cors": False,
                    "service": [
                        {
                            "coding": [
                                {
                                    "system": "http://terminology.hl7.org/CodeSystem/restful-security-service",
                                    "code": "OAuth",
                                }
                            ]
                        }
                    ],
                    "extension": [
                        {
                            "url": "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
                            "extension": [{"url": "token", "valueUri": token_url}],
                        }
                    ],
                    "description": (
                        "OAuth 2.0 client credentials (client_secret_basic or client_secret_post) for registered "
                        "client systems; short-lived bearer tokens. A client sees only its own requests."
                    ),
                },
                "resource": [
                    {
                        "type": "Claim",
                        "supportedProfile": [f"{PAS_SD}profile-claim", f"{PAS_SD}profile-claim-update"],
                        "operation": [
                            {
                                "name": "submit",
                                "definition": "http://hl7.org/fhir/us/davinci-pas/OperationDefinition/Claim-submit",
                            },
                            {
                                "name": "inquire",
                                "definition": "http://hl7.org/fhir/us/davinci-pas/OperationDefinition/Claim-inquiry",
                            },
                        ],
                    },
                    {
                        "type": "ClaimResponse",
                        "supportedProfile": [f"{PAS_SD}profile-claimresponse"],
                        "interaction": [{"code": "read"}],
                    },
                    {
                        "type": "Subscription",
                        "supportedProfile": [
                            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription"
                        ],
                        "interaction": [{"code": "create"}, {"code": "read"}, {"code": "delete"}],
                        "operation": [
                            {
                                "name": "status",
                                "definition": "http://hl7.org/fhir/uv/subscriptions-backport/OperationDefinition/backport-subscription-status",
                            }
                        ],
                        "documentation": "Topic-based (R4 backport), rest-hook channel, full-resource payload only.",
                    },
                ],
            }
        ],
    }
