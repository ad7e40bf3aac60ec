"""Helpers the PAS tests call directly: a registered client system with a bearer token, a decision."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from django.test import Client

from pas.services import client_create
from reviews.services.determinations import determination_submit

FHIR = "application/fhir+json"


@dataclass
class PasApi:
    """A client system talking to /fhir/ through Django's test client with its bearer token."""

    http: Client
    client_id: str
    secret: str
    token: str = ""

    def get_token(self) -> str:
        basic = base64.b64encode(f"{self.client_id}:{self.secret}".encode()).decode()
        reply = self.http.post(
            "/fhir/auth/token", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {basic}"
        )
        assert reply.status_code == 200, reply.content
        self.token = reply.json()["access_token"]
        return self.token

    def headers(self) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}"} if self.token else {}

    def post(self, path: str, body: Any, content_type: str = FHIR) -> Any:
        raw = body if isinstance(body, (bytes, str)) else json.dumps(body)
        return self.http.post(path, raw, content_type=content_type, **self.headers())

    def submit(self, bundle: Any) -> Any:
        return self.post("/fhir/Claim/$submit", bundle)

    def inquire(self, bundle: Any) -> Any:
        return self.post("/fhir/Claim/$inquire", bundle)

    def get(self, path: str) -> Any:
        return self.http.get(path, **self.headers())


def make_api(name: str) -> PasApi:
    client, secret = client_create(name=name, npi="1386602114")
    api = PasApi(http=Client(), client_id=client.application.client_id, secret=secret)
    api.get_token()
    return api


# The three service lines of tests.pas.bundles.pt_request.
CODES = ("97110", "97140", "97530")


def decide(
    case: Any,
    reviewer: Any,
    decision: str,
    approved: int,
    capture: Any,
    reason: str = "Reviewed the submitted plan of care.",
) -> Any:
    lines = [
        {"code": code, "descriptor": "", "decision": decision, "approved_visits": approved, "reason": reason}
        for code in CODES
    ]
    with capture(execute=True):
        return determination_submit(
            case=case,
            reviewer=reviewer,
            recommendation=case.recommendations.first(),
            accept=False,
            decision=decision,
            lines=lines,
            override_code=OVERRIDE_CODES[decision],
            override_note=reason,
        )


# A coded reason of the starter criteria for each override decision (criteria/data/starter_criteria.json).
OVERRIDE_CODES = {
    "approve": "new-injury-documented",
    "partial": "fewer-visits-enough",
    "deny": "records-do-not-support",
}


def review_actions(items: list[dict[str, Any]]) -> list[str]:
    out = []
    for item in items:
        for adj in item["adjudication"]:
            review = next(e for e in adj["extension"] if e["url"].endswith("extension-reviewAction"))
            code = next(s for s in review["extension"] if s["url"].endswith("extension-reviewActionCode"))
            out.append(code["valueCodeableConcept"]["coding"][0]["code"])
    return out
