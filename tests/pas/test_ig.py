"""Against the PAS 2.2.1 package: the IG's request examples import or are refused with the element named;
the response Bundles UR Desk produces meet the response profiles (read from the StructureDefinitions)."""

from __future__ import annotations

import copy
import json

import pytest
from django.urls import reverse

from pas.models import ClaimResponseRecord
from reviews.facts import FactsError, facts_from_case
from reviews.models import Case
from reviews.services.pend import case_pend
from tests.pas.bundles import example, pt_request
from tests.pas.profile_check import check_response_bundle
from tests.pas.support import decide, review_actions

pytestmark = pytest.mark.django_db

RESPONSE_EXAMPLES = [
    "ReferralAuthorizationResponseBundleExample",
    "ReferralPendingAuthorizationResponseBundleExample",
    "ErrorResponseBundleExample",
    "RejectionResponseBundleExample",
]
# The IG's request examples are written by others and are not physical therapy: each lacks something a
# UR case needs (a quantity, service dates, a diagnosis, the birth date, a CPT/HCPCS code). Each is
# accepted and pended (A4) for a person; the gaps are named by element for the reviewer and the submitter.
REQUEST_EXAMPLES = {
    "MedicalServicesAuthorizationBundleExample": "Bundle.entry[0].resource.item[0].quantity",
    "ReferralAuthorizationBundleExample": "Bundle.entry[0].resource.item[0].productOrService.coding[0]",
    "SurgicalRequestBundleExample": "Bundle.entry[0].resource.item[0].quantity",
    "HomecareAuthorizationBundleExample": "Bundle.entry[0].resource.diagnosis",
}


@pytest.mark.parametrize("name", RESPONSE_EXAMPLES)
def test_the_checker_accepts_the_igs_own_response_examples(name):
    assert check_response_bundle(example(name)) == []


def test_the_checker_finds_what_the_profiles_forbid():
    bundle = example("ReferralAuthorizationResponseBundleExample")
    broken = copy.deepcopy(bundle)
    cr = broken["entry"][0]["resource"]
    cr["outcome"] = "queued"  # PAS 2.2 allows complete | error | partial only
    del cr["created"]
    cr["item"][0]["adjudication"][0]["category"] = {"coding": [{"system": "x", "code": "y"}]}
    action = cr["item"][0]["adjudication"][0]["extension"][0]["extension"][1]
    action["valueCodeableConcept"]["coding"][0]["code"] = "ZZ"
    del broken["timestamp"]
    problems = " | ".join(check_response_bundle(broken))
    for expected in (
        "ClaimResponse.outcome: 'queued'",
        "ClaimResponse.created: required",
        "ClaimResponse.item.adjudication.category: must carry",
        "'ZZ'",
        "Bundle.timestamp: required",
    ):
        assert expected in problems


def _claim_response(bundle):
    return bundle["entry"][0]["resource"]


@pytest.mark.parametrize("name,gap", REQUEST_EXAMPLES.items())
def test_ig_request_examples_are_pended_for_a_person(api, name, gap):
    reply = api.submit(example(name))
    assert reply.status_code == 201, reply.content
    body = reply.json()
    assert check_response_bundle(body) == []
    cr = _claim_response(body)
    case = Case.objects.get()
    assert case.status == "received" and case.pas_submissions.count() == 1
    requested = example(name)["entry"][0]["resource"]["item"]
    assert [i["itemSequence"] for i in cr["item"]] == [i["sequence"] for i in requested]
    assert set(review_actions(cr["item"])) == {"A4"}
    assert any(gap in note["text"] for note in cr["processNote"])  # the submitter learns what is missing
    assert case.reference in json.dumps(cr)  # the authorization number is the case's reference
    gaps = case.pas_submissions.get().intake_gaps
    assert gap in [g["expression"] for g in gaps]


def test_the_case_page_names_the_gaps(api, supervisor, client):
    api.submit(example("HomecareAuthorizationBundleExample"))
    case = Case.objects.get()
    client.force_login(supervisor)
    assert case.reference in client.get(reverse("reviews:queue")).content.decode()  # in the queue
    page = client.get(reverse("reviews:case_detail", kwargs={"public_id": case.public_id})).content.decode()
    assert "The request is incomplete for review" in page
    assert "Bundle.entry[4].resource.birthDate" in page and "not sent with the request" in page
    assert "No timeline yet" in page  # no diagnosis, no birth date: the engine cannot count, the page still renders


def test_the_engine_does_not_recommend_on_an_incomplete_request(api):
    api.submit(example("SurgicalRequestBundleExample"))  # no birth date
    case = Case.objects.get()
    with pytest.raises(FactsError, match="member.birth_date"):
        facts_from_case(case)


def test_the_homecare_update_amends_the_case_from_the_homecare_request(api):
    first = api.submit(example("HomecareAuthorizationBundleExample"))
    assert first.status_code == 201
    case = Case.objects.get()
    update = api.submit(example("HomecareAuthorizationUpdateBundleExample"))
    assert update.status_code == 200, update.content
    assert Case.objects.count() == 1
    assert [s.kind for s in case.pas_submissions.order_by("id")] == ["submit", "update"]
    cr = _claim_response(update.json())
    assert cr["id"] == _claim_response(first.json())["id"]  # the same ClaimResponse, a new version
    assert check_response_bundle(update.json()) == []
    cancelled = [
        i
        for i in example("HomecareAuthorizationUpdateBundleExample")["entry"][0]["resource"]["item"]
        if any(m.get("valueBoolean") for m in i.get("modifierExtension", []))
    ]
    assert cancelled and case.pas_submissions.get(kind="update").items[1]["cancelled"] is True
    assert [r.version for r in ClaimResponseRecord.objects.filter(case=case)] == [1, 2]


def test_the_same_identifier_for_a_different_request_is_a_conflict(api):
    """The IG reuses trace number 111099 for the homecare and the medical-services examples."""
    assert api.submit(example("HomecareAuthorizationBundleExample")).status_code == 201
    reply = api.submit(example("MedicalServicesAuthorizationBundleExample"))
    assert reply.status_code == 409
    assert reply.json()["issue"][0]["expression"] == ["Bundle.entry[0].resource.identifier[0]"]
    assert Case.objects.count() == 1


def test_a_malformed_example_names_the_element(api):
    bundle = example("ReferralAuthorizationBundleExample")
    bundle["entry"][0]["resource"]["item"][0]["quantity"] = {"value": "many"}
    del bundle["entry"][0]["resource"]["patient"]
    reply = api.submit(bundle)
    assert reply.status_code == 400
    where = [i["expression"][0] for i in reply.json()["issue"]]
    assert "Bundle.entry[0].resource.item[0].quantity.value" in where
    assert Case.objects.count() == 0


def test_ig_example_completed_for_pt_imports(api):
    """The IG's medical-services example with what UR Desk needs added (a PT code, quantity, dates,
    an ICD-10-CM diagnosis, the member's birth date) is accepted and pended."""
    bundle = example("MedicalServicesAuthorizationBundleExample")
    claim = bundle["entry"][0]["resource"]
    item = claim["item"][0]
    item["productOrService"] = {"coding": [{"system": "http://www.ama-assn.org/go/cpt", "code": "97110"}]}
    item["quantity"] = {"value": 6}
    item["servicedPeriod"] = {"start": "2026-12-07", "end": "2027-01-08"}
    del item["servicedDate"]
    claim["diagnosis"] = [
        {
            "sequence": 1,
            "diagnosisCodeableConcept": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M54.50"}]},
        }
    ]
    bundle["entry"][4]["resource"]["birthDate"] = "1961-04-02"
    reply = api.submit(bundle)
    assert reply.status_code == 201, reply.content
    assert check_response_bundle(reply.json()) == []
    case = Case.objects.get()
    assert case.member.member_id == "1122334455" and case.provider.npi == "8189991234"


def test_pended_response_meets_the_profiles(api):
    reply = api.submit(pt_request())
    assert check_response_bundle(reply.json()) == []


@pytest.mark.parametrize("decision,approved", [("approve", 12), ("deny", 0), ("partial", 8)])
def test_final_responses_meet_the_profiles(
    api, pas_case, reviewer, django_capture_on_commit_callbacks, decision, approved
):
    decide(pas_case, reviewer, decision, approved, django_capture_on_commit_callbacks)
    for record in ClaimResponseRecord.objects.filter(case=pas_case):
        assert check_response_bundle(record.bundle) == [], record.kind


def test_info_requested_and_cancelled_responses_meet_the_profiles(api, pas_case, reviewer):
    case_pend(case=pas_case, actor=reviewer, items=["Plan of care"])
    api.submit(pt_request("PT-0001-C", related="PT-0001", cert="3"))
    kinds = []
    for record in ClaimResponseRecord.objects.filter(case=pas_case):
        kinds.append(record.kind)
        assert check_response_bundle(record.bundle) == [], record.kind
    assert kinds == ["pended", "info_requested", "cancelled"]
