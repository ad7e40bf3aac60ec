"""An overturned appeal of a PAS case updates what the submitter was told: a new final ClaimResponse (A1)."""

from __future__ import annotations

from typing import Any

import pytest

from appeals.services.appeals import appeal_assign, appeal_decide, appeal_file
from pas.models import ClaimResponseRecord
from reviews.models import Case, CaseStatus, ReviewerProfile
from reviews.services.determinations import determination_submit
from reviews.services.recommendations import clear_snapshot_cache, recommendation_request
from tests.pas.bundles import pt_request

pytestmark = pytest.mark.django_db

CODES = ("97110", "97140", "97530")


def review_actions(items: list[dict[str, Any]]) -> list[str]:
    out = []
    for item in items:
        for adj in item["adjudication"]:
            review = next(e for e in adj["extension"] if e["url"].endswith("extension-reviewAction"))
            code = next(s for s in review["extension"] if s["url"].endswith("extension-reviewActionCode"))
            out.append(code["valueCodeableConcept"]["coding"][0]["code"])
    return out


@pytest.fixture
def pas_denial(api: Any, reviewer: Any, letters_env: None, django_capture_on_commit_callbacks: Any) -> Any:
    """A PAS-submitted request, denied by the reviewer (through determination_submit)."""
    from io import StringIO

    from django.core.management import call_command

    ReviewerProfile.objects.filter(user=reviewer).update(npi="1942788757")
    call_command("load_criteria", stdout=StringIO())
    clear_snapshot_cache()
    with django_capture_on_commit_callbacks(execute=True):
        assert api.submit(pt_request()).status_code == 201
    case = Case.objects.get()
    Case.objects.filter(pk=case.pk).update(assigned_reviewer=reviewer)
    case.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        recommendation_request(case=case, actor=reviewer)
    case.refresh_from_db()
    assert case.status == CaseStatus.RECOMMENDATION_READY
    lines = [
        {"code": c, "descriptor": "", "decision": "deny", "approved_visits": 0, "reason": "No deficit."} for c in CODES
    ]
    with django_capture_on_commit_callbacks(execute=True):
        det = determination_submit(
            case=case,
            reviewer=reviewer,
            recommendation=case.recommendations.first(),
            accept=False,
            decision="deny",
            lines=lines,
            override_reason="No measurable deficit.",
        )
    return case, det


# main at this merge: pas.services._reason_notes indexes the LetterContext that reviews.letters.content now
# returns (i12 x i13); tests/pas/test_decision.py fails the same way. Remove the mark when main is fixed.
@pytest.mark.xfail(reason="PAS final response breaks on main (LetterContext not subscriptable)", strict=False)
def test_overturn_of_a_pas_denial_sends_an_updated_claim_response(
    pas_denial: Any, supervisor: Any, appeals_reviewer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    pas_case, det = pas_denial
    denied = ClaimResponseRecord.objects.filter(case=pas_case).order_by("-version").first()
    assert review_actions(denied.bundle["entry"][0]["resource"]["item"]) == ["A3", "A3", "A3"]
    appeal = appeal_file(
        determination=det, actor=supervisor, requester_kind="provider", requester_name="Clinic", reason="r"
    )
    appeal_assign(appeal=appeal, reviewer=appeals_reviewer, actor=supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        appeal = appeal_decide(
            appeal=appeal, actor=appeals_reviewer, outcome="overturned", rationale="Deficits documented."
        )
    latest = ClaimResponseRecord.objects.filter(case=pas_case).order_by("-version").first()
    assert latest.version > denied.version and latest.determination_id == appeal.amended_determination_id
    assert review_actions(latest.bundle["entry"][0]["resource"]["item"]) == ["A1", "A1", "A1"]
