"""$submit: pended answers, cases through the ur-case/1 path, errors naming the element, idempotency."""

from __future__ import annotations

import pytest

from audit.models import AuditEvent
from pas.models import ClaimResponseRecord, PasSubmission
from reviews.models import Case, ClinicalDocument, DocumentPage
from tests.pas.bundles import blank_pdf, pt_request

pytestmark = pytest.mark.django_db


def claim_response(reply):
    bundle = reply.json()
    assert bundle["resourceType"] == "Bundle"
    return bundle["entry"][0]["resource"]


def actions(cr):
    return [
        ext["extension"][1]["valueCodeableConcept"]["coding"][0]["code"]
        for item in cr["item"]
        for adj in item["adjudication"]
        for ext in adj["extension"]
    ]


def test_submit_creates_a_pended_case_with_the_record(api, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reply = api.submit(pt_request(pdf=blank_pdf(3)))
    assert reply.status_code == 201, reply.content
    assert reply["Content-Type"].startswith("application/fhir+json")
    cr = claim_response(reply)
    assert cr["outcome"] == "complete"
    assert actions(cr) == ["A4", "A4", "A4"]
    case = Case.objects.get()
    assert cr["preAuthRef"] == case.reference
    assert case.member.member_id == "M311902"
    assert [d.code for d in case.diagnoses.all()] == ["M17.11", "M25.561"]
    assert case.request.services == ["97110", "97140", "97530"] and case.request.visits == 12
    doc = ClinicalDocument.objects.get(case=case)
    assert doc.page_count == 3
    assert DocumentPage.objects.filter(document=doc).count() == 3  # text extraction ran (eager)
    assert AuditEvent.objects.filter(action="case.imported", summary__source="pas").exists()
    event = AuditEvent.objects.filter(action="pas.exchange").last()
    assert event.summary["outcome"] == "pended" and event.summary["claim_identifier"] == "PT-0001"


def test_same_identifier_twice_returns_the_same_response_and_one_case(api):
    first = api.submit(pt_request())
    second = api.submit(pt_request())
    assert first.status_code == 201 and second.status_code == 200
    assert first.json() == second.json()
    assert Case.objects.count() == 1 and PasSubmission.objects.count() == 1


def test_unbillable_code_is_refused_with_the_element_and_nothing_saved(api):
    reply = api.submit(pt_request(diagnoses=("M17", "M25.561")))
    assert reply.status_code == 400
    outcome = reply.json()
    assert outcome["resourceType"] == "OperationOutcome"
    assert outcome["issue"][0]["expression"] == [
        "Bundle.entry[0].resource.diagnosis[0].diagnosisCodeableConcept.coding[0].code"
    ]
    assert "non-billable" in outcome["issue"][0]["diagnostics"]
    assert Case.objects.count() == 0 and PasSubmission.objects.count() == 0


def test_missing_product_or_service_names_the_item(api):
    bundle = pt_request()
    del bundle["entry"][0]["resource"]["item"][1]["productOrService"]
    reply = api.submit(bundle)
    assert reply.status_code == 400
    paths = [i["expression"][0] for i in reply.json()["issue"]]
    assert "Bundle.entry[0].resource.item[1].productOrService" in paths


def test_damaged_pdf_is_refused_at_the_attachment_and_nothing_saved(api):
    reply = api.submit(pt_request(pdf=b"%PDF-1.4 this is not really a pdf"))
    assert reply.status_code == 400
    issue = reply.json()["issue"][0]
    assert issue["expression"] == ["Bundle.entry[5].resource.content[0].attachment.data"]
    assert Case.objects.count() == 0 and ClinicalDocument.objects.count() == 0


def test_unknown_code_is_accepted_and_pended(api):
    reply = api.submit(pt_request(codes=("99212",)))
    assert reply.status_code == 201
    assert actions(claim_response(reply)) == ["A4"]


def test_expedited_level_of_service(api):
    api.submit(pt_request(level="U"))
    assert Case.objects.get().urgency == "expedited"


@pytest.mark.parametrize(
    "body,ctype,status",
    [
        ("{not json", "application/fhir+json", 400),
        ('{"resourceType": "Patient"}', "application/fhir+json", 400),
        ("[]", "application/fhir+json", 400),
        ("<Bundle/>", "application/fhir+xml", 415),
        (" ", "application/fhir+json", 400),
    ],
)
def test_bad_bodies_get_an_operation_outcome(api, body, ctype, status):
    reply = api.post("/fhir/Claim/$submit", body, content_type=ctype)
    assert reply.status_code == status
    assert reply.json()["resourceType"] == "OperationOutcome"


def test_oversize_body_is_413(api, settings):
    settings.PAS_MAX_BODY_BYTES = 1000
    reply = api.submit(pt_request())
    assert reply.status_code == 413
    assert reply.json()["issue"][0]["code"] == "too-long"


def test_claim_response_history_row(api):
    api.submit(pt_request())
    record = ClaimResponseRecord.objects.get()
    assert record.version == 1 and record.kind == "pended" and record.outcome_codes == "A4,A4,A4"


def test_case_page_shows_the_pas_origin_and_history(api, supervisor):
    from django.test import Client

    api.submit(pt_request("PT-PAGE"))
    case = Case.objects.get()
    browser = Client()
    browser.force_login(supervisor)
    page = browser.get(f"/cases/{case.public_id}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Received through the PAS API" in html and "Northgate EHR" in html and "PT-PAGE" in html
    assert "A4,A4,A4" in html
