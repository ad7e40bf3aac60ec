"""Updates, cancels, auth failures, cross-client isolation, rate limit, metadata and the client command."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from oauth2_provider.models import AccessToken

from audit.models import AuditEvent
from pas.models import ClaimResponseRecord, PasClient, PasSubmission
from reviews.models import Case, CaseStatus
from tests.pas.bundles import pt_request

pytestmark = pytest.mark.django_db


def cr_id(reply) -> str:
    return reply.json()["entry"][0]["resource"]["id"]


def test_update_amends_the_open_case(api):
    api.submit(pt_request("PT-1"))
    case = Case.objects.get()
    due = case.due_at
    reply = api.submit(pt_request("PT-1-U1", related="PT-1", codes=("97110", "97140"), visits=8))
    assert reply.status_code == 200, reply.content
    case.refresh_from_db()
    assert Case.objects.count() == 1
    assert case.request.services == ["97110", "97140"] and case.request.visits == 8
    assert case.due_at == due  # the clock runs from the original receipt
    assert reply.json()["entry"][0]["resource"]["preAuthRef"] == case.reference
    assert cr_id(reply) == str(PasSubmission.objects.get(claim_value="PT-1").public_id)
    assert list(ClaimResponseRecord.objects.filter(case=case).values_list("version", flat=True)) == [1, 2]
    assert AuditEvent.objects.filter(action="pas.updated").count() == 1


def test_update_of_an_unknown_claim_names_related(api):
    reply = api.submit(pt_request("PT-9-U1", related="PT-9"))
    assert reply.status_code == 400
    assert reply.json()["issue"][0]["expression"] == ["Bundle.entry[0].resource.related[0].claim"]
    assert Case.objects.count() == 0


def test_cancel_withdraws_the_case_and_is_audited(api):
    api.submit(pt_request("PT-2"))
    reply = api.submit(pt_request("PT-2-C", related="PT-2", cert="3"))
    assert reply.status_code == 200, reply.content
    case = Case.objects.get()
    assert case.status == CaseStatus.WITHDRAWN
    assert AuditEvent.objects.filter(action="case.withdrawn", summary__source="pas").exists()
    assert ClaimResponseRecord.objects.filter(case=case).last().kind == "cancelled"
    # a cancelled request cannot be updated
    again = api.submit(pt_request("PT-2-U", related="PT-2"))
    assert again.status_code == 400


def test_no_token_bad_token_expired_token_inactive_client_are_401(api):
    bare = Client()
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer not-a-token"}, {"HTTP_AUTHORIZATION": "Basic abc"}):
        reply = bare.post(
            "/fhir/Claim/$submit", json.dumps(pt_request()), content_type="application/fhir+json", **headers
        )
        assert reply.status_code == 401
        assert reply.json()["resourceType"] == "OperationOutcome"
        assert reply["WWW-Authenticate"].startswith("Bearer")
    # tokens are stored hashed (RFC 9700): expire every token of this, the only, client
    AccessToken.objects.filter(application__client_id=api.client_id).update(
        expires=timezone.now() - timedelta(seconds=1)
    )
    assert api.submit(pt_request()).status_code == 401
    api.get_token()
    assert api.submit(pt_request()).status_code == 201
    PasClient.objects.update(active=False)
    assert api.submit(pt_request("PT-X")).status_code == 401
    assert Case.objects.count() == 1
    assert AuditEvent.objects.filter(action="pas.exchange", summary__outcome="unauthenticated").count() >= 4


def test_another_clients_claim_is_not_found(api, other_api):
    mine = api.submit(pt_request("PT-3"))
    assert mine.status_code == 201
    assert other_api.get(f"/fhir/ClaimResponse/{cr_id(mine)}").status_code == 404
    assert other_api.inquire(pt_request("PT-3")).status_code == 404
    assert api.get(f"/fhir/ClaimResponse/{cr_id(mine)}").status_code == 200
    # The same identifier from another client is another request.
    theirs = other_api.submit(pt_request("PT-3"))
    assert theirs.status_code == 201 and Case.objects.count() == 2


def test_rate_limit_per_client(api, other_api, settings):
    settings.PAS_RATE_LIMIT_PER_MINUTE = 2
    from django.core.cache import caches

    caches["pas"].clear()
    assert api.get("/fhir/ClaimResponse/00000000-0000-0000-0000-000000000000").status_code == 404
    assert api.get("/fhir/ClaimResponse/00000000-0000-0000-0000-000000000000").status_code == 404
    limited = api.get("/fhir/ClaimResponse/00000000-0000-0000-0000-000000000000")
    assert limited.status_code == 429 and limited["Retry-After"] == "60"
    assert other_api.get("/fhir/ClaimResponse/00000000-0000-0000-0000-000000000000").status_code == 404


def test_metadata_is_a_capability_statement():
    reply = Client().get("/fhir/metadata")
    assert reply.status_code == 200
    cs = reply.json()
    assert cs["resourceType"] == "CapabilityStatement" and cs["fhirVersion"] == "4.0.1"
    ops = {o["name"] for r in cs["rest"][0]["resource"] for o in r.get("operation", [])}
    assert ops == {"submit", "inquire", "status"}  # Subscription $status
    assert cs["rest"][0]["security"]["extension"][0]["extension"][0]["valueUri"].endswith("/fhir/auth/token")


def test_pas_client_create_prints_credentials_that_work(db):
    out = StringIO()
    call_command("pas_client_create", "Lakeside PT EHR", stdout=out)
    creds = json.loads(out.getvalue())
    assert set(creds) == {"client_id", "client_secret", "token_url", "fhir_base"}
    http = Client()
    token = http.post(
        "/fhir/auth/token",
        {"grant_type": "client_credentials", "client_id": creds["client_id"], "client_secret": creds["client_secret"]},
    )
    assert token.status_code == 200
    body = token.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] <= 300
    reply = http.post(
        "/fhir/Claim/$submit",
        json.dumps(pt_request()),
        content_type="application/fhir+json",
        HTTP_AUTHORIZATION=f"Bearer {body['access_token']}",
    )
    assert reply.status_code == 201


def test_unknown_fhir_path_is_an_operation_outcome():
    reply = Client().get("/fhir/Patient/1")
    assert reply.status_code == 404 and reply.json()["resourceType"] == "OperationOutcome"


def test_no_phi_in_logs_or_exchange_audit(api, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    api.submit(pt_request("PT-LOG"))
    api.submit(pt_request("PT-LOG-BAD", diagnoses=("M17",)))
    api.inquire(pt_request("PT-LOG"))
    text = caplog.text + json.dumps(list(AuditEvent.objects.values_list("summary", flat=True)))
    for phi in ("Margaret", "Okafor", "M311902", "1957-06-21"):
        assert phi not in text
