"""Request Bundles written by others (the Da Vinci PAS reference implementation's test bundles, see
tests/pas/data/davinci-ri/SOURCES.md): refused with every element named when they break what UR Desk needs or
FHIR R4 itself; accepted and pended (A4) for a person when what is left is only incomplete."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pas.fhir.request import EXT_INFO_CANCELLED
from reviews.models import Case
from tests.pas.profile_check import check_response_bundle
from tests.pas.support import review_actions

pytestmark = pytest.mark.django_db
RI = Path(__file__).resolve().parent / "data" / "davinci-ri"


def ri(name: str) -> dict:
    return json.loads((RI / name).read_text())


def _where(reply) -> list[str]:
    return [i["expression"][0] for i in reply.json()["issue"]]


def test_ri_items_bundle_is_refused_naming_the_identifier_the_unknown_modifier_and_the_plan(api):
    reply = api.submit(ri("bundle-items.json"))
    assert reply.status_code == 400
    assert _where(reply) == [
        "Bundle.entry[0].resource.identifier",
        "Bundle.entry[0].resource.item[0].modifierExtension[0]",
        "Bundle.entry[0].resource.item[1].modifierExtension[0]",
        "Bundle.entry[11].resource.class",  # the Coverage's payor is not in the Bundle: no plan named
    ]
    assert Case.objects.count() == 0


def test_ri_items_bundle_repaired_is_pended_with_its_gaps(api):
    bundle = ri("bundle-items.json")
    claim = bundle["entry"][0]["resource"]
    claim["identifier"] = [{"system": "http://example.org/PATIENT_EVENT_TRACE_NUMBER", "value": "RI-001"}]
    for item in claim["item"]:
        item["modifierExtension"][0]["url"] = EXT_INFO_CANCELLED
    plan = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/coverage-class", "code": "plan"}]}
    bundle["entry"][11]["resource"]["class"] = [{"type": plan, "value": "MA-01", "name": "Medicare Advantage"}]
    reply = api.submit(bundle)
    assert reply.status_code == 201, reply.content
    assert check_response_bundle(reply.json()) == []
    assert review_actions(reply.json()["entry"][0]["resource"]["item"]) == ["A4", "A4"]
    case = Case.objects.get()
    assert case.diagnoses.count() == 0  # SNOMED CT conditions: the reviewer reads them as sent
    gaps = {g["expression"] for g in case.pas_submissions.get().intake_gaps}
    # The three Conditions are coded in SNOMED CT only; no insurer, no quantities, no dates.
    assert {"Bundle.entry[8].resource.code", "Bundle.entry[0].resource.insurer"} <= gaps
    assert "Bundle.entry[0].resource.item[0].quantity" in gaps
    assert case.member.birth_date.isoformat() == "1956-12-01"


def test_ri_request_bundle_is_refused_without_items_or_an_npi(api):
    reply = api.submit(ri("bundle-request.json"))
    assert reply.status_code == 400
    assert _where(reply) == ["Bundle.entry[0].resource.item", "Bundle.entry[2].resource.identifier"]
    assert Case.objects.count() == 0


def test_ri_prior_auth_bundle_is_refused_where_it_is_not_fhir_r4(api):
    reply = api.submit(ri("bundle-prior-auth.json"))
    assert reply.status_code == 400
    where = _where(reply)
    assert "Bundle.entry[1].resource.insurance" in where  # an object where R4 has a list
    assert "Bundle.entry[7].resource.clinicalStatus" in where  # an STU3 code where R4 has a CodeableConcept
    assert all(w.startswith("Bundle.entry[") for w in where)
    messages = {i["expression"][0]: i["diagnostics"] for i in reply.json()["issue"]}
    # Said in FHIR terms, with the value sent: not the validation library's wording.
    assert messages["Bundle.entry[1].resource.insurance"].startswith("must be an array")
    assert messages["Bundle.entry[7].resource.clinicalStatus"] == (
        'must be a JSON object (a FHIR complex type such as CodeableConcept), not a plain value (got "active")'
    )
    assert "not an element of" in messages["Bundle.entry[2].resource.item[3].item[1].answer[0].integer"]
    assert Case.objects.count() == 0
