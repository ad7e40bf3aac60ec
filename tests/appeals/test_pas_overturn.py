"""An overturned appeal of a PAS case updates what the submitter was told: a new final ClaimResponse (A1)."""

from __future__ import annotations

from typing import Any

import pytest

from appeals.services.appeals import appeal_assign, appeal_decide, appeal_file
from pas.models import ClaimResponseRecord
from tests.pas.support import decide, review_actions

pytestmark = pytest.mark.django_db


def test_overturn_of_a_pas_denial_sends_an_updated_claim_response(
    api: Any,
    pas_case: Any,
    reviewer: Any,
    supervisor: Any,
    appeals_reviewer: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    det = decide(pas_case, reviewer, "deny", 0, django_capture_on_commit_callbacks, reason="No measurable deficit.")
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
