# ruff: noqa: F811  (pytest fixtures imported from other test modules are used as parameters)
"""Against the PAS 2.2.1 package: the IG's request examples import or are refused with the element named;
the response Bundles UR Desk produces meet the response profiles (read from the StructureDefinitions)."""

from __future__ import annotations

import copy

import pytest

from pas.models import ClaimResponseRecord
from reviews.models import Case
from reviews.services.pend import case_pend
from tests.pas.bundles import example, pt_request
from tests.pas.profile_check import check_response_bundle
from tests.pas.support import decide

pytestmark = pytest.mark.django_db

RESPONSE_EXAMPLES = [
    "ReferralAuthorizationResponseBundleExample",
    "ReferralPendingAuthorizationResponseBundleExample",
    "ErrorResponseBundleExample",
    "RejectionResponseBundleExample",
]
# The IG's request examples are not physical therapy and omit what a UR case needs; each is refused,
# naming the first element UR Desk needs (the OperationOutcome lists them all).
REQUEST_EXAMPLES = {
    "MedicalServicesAuthorizationBundleExample": "Bundle.entry[0].resource.item[0].quantity",
    "ReferralAuthorizationBundleExample": "Bundle.entry[0].resource.item[0].productOrService.coding[0].system",
    "SurgicalRequestBundleExample": "Bundle.entry[0].resource.item[0].quantity",
    "HomecareAuthorizationBundleExample": "Bundle.entry[0].resource.item[0].quantity",
    "HomecareAuthorizationUpdateBundleExample": "Bundle.entry[0].resource.item[0].quantity",
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


@pytest.mark.parametrize("name,element", REQUEST_EXAMPLES.items())
def test_ig_request_examples_are_refused_naming_the_element(api, name, element):
    reply = api.submit(example(name))
    assert reply.status_code == 400
    issues = reply.json()["issue"]
    assert issues[0]["expression"] == [element]
    assert all(i["expression"][0].startswith("Bundle.") and i["diagnostics"] for i in issues)
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
