"""The reviewer's determination becomes the final ClaimResponse: A1 / A3 / A6, reviewer, letter, $inquire."""

from __future__ import annotations

import pytest

from pas.models import ClaimResponseRecord
from reviews.services.determinations import determination_submit
from reviews.services.pend import case_pend
from tests.pas.bundles import pt_request
from tests.pas.support import CODES, decide, review_actions

pytestmark = pytest.mark.django_db


def final(api, case):
    reply = api.get(
        f"/fhir/ClaimResponse/{ClaimResponseRecord.objects.filter(case=case).first().bundle['entry'][0]['resource']['id']}"
    )
    assert reply.status_code == 200
    return reply.json()


def test_approval_is_a1_with_period_quantity_reviewer_and_letter(
    api, pas_case, reviewer, django_capture_on_commit_callbacks
):
    decide(pas_case, reviewer, "approve", 12, django_capture_on_commit_callbacks)
    cr = final(api, pas_case)
    assert cr["outcome"] == "complete"
    assert review_actions(cr["item"]) == ["A1", "A1", "A1"]
    assert cr["preAuthPeriod"] == {"start": "2026-12-07", "end": "2027-01-15"}
    item = cr["item"][0]
    period = next(e for e in item["extension"] if e["url"].endswith("itemPreAuthPeriod"))
    assert period["valuePeriod"] == {"start": "2026-12-07", "end": "2027-01-15"}
    detail = next(e for e in item["extension"] if e["url"].endswith("itemAuthorizedDetail"))
    assert next(s for s in detail["extension"] if s["url"] == "quantity")["valueQuantity"]["value"] == 12
    reviewer_ext = next(e for e in cr["extension"] if e["url"].endswith("claimResponseReviewer"))
    subs = {s["url"]: s for s in reviewer_ext["extension"]}
    assert subs["wasHumanReviewedFlag"]["valueBoolean"] is True
    assert subs["reviewerNPI"]["valueIdentifier"]["value"] == "1942788757"
    assert subs["reviewerSpecialty"]["valueCodeableConcept"]["text"] == "Orthopaedic physical therapy"
    # The signed letter was stored by the (eager) letter task: the latest version carries it once.
    assert cr["form"]["contentType"] == "application/pdf" and cr["form"]["data"]
    kinds = list(ClaimResponseRecord.objects.filter(case=pas_case).values_list("kind", "letter_id"))
    assert [k for k, _ in kinds] == ["pended", "final", "final"]
    assert kinds[1][1] is None and kinds[2][1] is not None
    # $inquire returns the same final ClaimResponse.
    inquiry = pt_request()
    reply = api.inquire(inquiry)
    assert reply.status_code == 200
    assert reply.json()["entry"][0]["resource"] == cr


def test_denial_is_a3_with_reason_code_and_the_specific_reason(
    api, pas_case, reviewer, django_capture_on_commit_callbacks
):
    decide(
        pas_case, reviewer, "deny", 0, django_capture_on_commit_callbacks, reason="No measurable deficit documented."
    )
    cr = final(api, pas_case)
    assert review_actions(cr["item"]) == ["A3", "A3", "A3"]
    review = next(e for e in cr["item"][0]["adjudication"][0]["extension"])
    reason = next(s for s in review["extension"] if s["url"] == "reasonCode")
    assert reason["valueCodeableConcept"]["coding"][0]["system"] == "https://codesystem.x12.org/external/886"
    notes = " ".join(n["text"] for n in cr["processNote"])
    assert "DENIED" in notes.upper()
    # The coded reason's wording is the specific reason; the reviewer's internal note never leaves the app.
    assert "Your reviewer found that your records do not show that these visits are needed" in notes
    assert "No measurable deficit documented." not in notes
    assert cr["item"][0]["noteNumber"] == [1]
    assert "preAuthPeriod" not in cr


def test_partial_is_a6_with_add_item_for_the_approved_visits(
    api, pas_case, reviewer, django_capture_on_commit_callbacks
):
    decide(pas_case, reviewer, "partial", 8, django_capture_on_commit_callbacks)
    cr = final(api, pas_case)
    assert review_actions(cr["item"]) == ["A6", "A6", "A6"]
    assert [a["itemSequence"] for a in cr["addItem"]] == [[1], [2], [3]]
    assert [a["quantity"]["value"] for a in cr["addItem"]] == [8, 8, 8]
    assert review_actions(cr["addItem"]) == ["A1", "A1", "A1"]
    assert [a["productOrService"]["coding"][0]["code"] for a in cr["addItem"]] == list(CODES)


def test_pend_for_information_is_a4_with_what_is_requested(api, pas_case, reviewer):
    case_pend(case=pas_case, actor=reviewer, items=["Re-evaluation note with knee range of motion"])
    record = ClaimResponseRecord.objects.filter(case=pas_case).order_by("-version").first()
    assert record.kind == "info_requested"
    cr = record.bundle["entry"][0]["resource"]
    assert review_actions(cr["item"]) == ["A4", "A4", "A4"]
    assert "Re-evaluation note with knee range of motion" in cr["processNote"][0]["text"]


def test_cases_not_from_pas_get_no_claim_response(approve_case_plain):
    assert ClaimResponseRecord.objects.count() == 0


@pytest.fixture
def approve_case_plain(letters_env, reviewer, django_capture_on_commit_callbacks):
    from tests.reviews.letters_support import approve_result, import_seed, make_recommendation

    case = import_seed("seed-approve-hip-traumatic.json", reviewer)
    rec = make_recommendation(case, approve_result())
    with django_capture_on_commit_callbacks(execute=True):
        determination_submit(case=case, reviewer=reviewer, recommendation=rec)
    return case
