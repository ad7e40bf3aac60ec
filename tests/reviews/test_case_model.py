"""Case state machine and due dates."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from reviews.models import Case, CaseStatus, InvalidTransition
from reviews.models.cases import TRANSITIONS
from reviews.services.cases import case_import
from tests.seeds import SEED_APPROVE

SEED1 = SEED_APPROVE
RECEIVED = datetime(2025, 8, 26, 14, 5, tzinfo=UTC)


def unsaved(urgency: str = "standard", status: str = CaseStatus.RECEIVED) -> Case:
    return Case(reference="X", review_type="prospective", urgency=urgency, received_at=RECEIVED, status=status)


def test_due_dates() -> None:
    assert unsaved("expedited").compute_due_at() == RECEIVED + timedelta(hours=72)
    assert unsaved("standard").compute_due_at() == RECEIVED + timedelta(days=7)


@pytest.mark.django_db
@pytest.mark.parametrize(("urgency", "window"), [("expedited", timedelta(hours=72)), ("standard", timedelta(days=7))])
def test_due_at_is_set_on_save(urgency: str, window: timedelta) -> None:
    data = json.loads(SEED1.read_text())
    data["urgency"] = urgency
    case = case_import(data=data)
    case.refresh_from_db()
    assert case.due_at == datetime(2025, 8, 26, 14, 5, tzinfo=UTC) + window


ALL = [s.value for s in CaseStatus]
# The state machine, written out by hand, not read from TRANSITIONS:
# a change to the model's table fails here until this list changes with it.
LEGAL = [
    ("received", "in_review"),
    ("received", "pended"),
    ("in_review", "recommendation_ready"),
    ("in_review", "pended"),
    ("recommendation_ready", "in_review"),
    ("recommendation_ready", "determined"),
    ("recommendation_ready", "pended"),
    ("pended", "in_review"),
    ("determined", "reopened"),
    ("reopened", "in_review"),
    ("reopened", "recommendation_ready"),
    ("reopened", "amended"),
    ("amended", "reopened"),
    # The requester cancels an undecided request (PAS certificationType 3): withdrawn, final.
    ("received", "withdrawn"),
    ("in_review", "withdrawn"),
    ("pended", "withdrawn"),
    ("recommendation_ready", "withdrawn"),
    # Referral to a second-level reviewer, and taking it up (back to where the case was).
    ("received", "referred"),
    ("in_review", "referred"),
    ("recommendation_ready", "referred"),
    ("referred", "in_review"),
    ("referred", "recommendation_ready"),
    ("referred", "withdrawn"),
]
ILLEGAL = [(a, b) for a in ALL for b in ALL if (a, b) not in LEGAL]


def test_the_model_table_is_the_hand_written_one() -> None:
    assert {(a, b) for a, targets in TRANSITIONS.items() for b in targets} == set(LEGAL)
    assert set(ALL) == {
        "received",
        "in_review",
        "pended",
        "referred",
        "recommendation_ready",
        "determined",
        "reopened",
        "amended",
        "withdrawn",
    }


@pytest.mark.parametrize(("old", "new"), LEGAL)
def test_legal_transitions(old: str, new: str) -> None:
    case = unsaved(status=old)
    assert case.can_transition_to(new)
    assert case.transition_to(new) == old
    assert case.status == new


@pytest.mark.parametrize(("old", "new"), ILLEGAL)
def test_illegal_transitions_refused(old: str, new: str) -> None:
    case = unsaved(status=old)
    assert not case.can_transition_to(new)
    with pytest.raises(InvalidTransition):
        case.transition_to(new)
    assert case.status == old


def test_key_rules_of_the_state_machine() -> None:
    # A case cannot be determined without a recommendation, and a determined case only reopens.
    assert not unsaved(status=CaseStatus.RECEIVED).can_transition_to(CaseStatus.DETERMINED)
    assert not unsaved(status=CaseStatus.IN_REVIEW).can_transition_to(CaseStatus.DETERMINED)
    assert TRANSITIONS[CaseStatus.DETERMINED] == {CaseStatus.REOPENED}
    assert not unsaved(status=CaseStatus.DETERMINED).can_transition_to(CaseStatus.IN_REVIEW)
    assert not unsaved(status=CaseStatus.AMENDED).can_transition_to(CaseStatus.DETERMINED)


def test_open_statuses() -> None:
    assert unsaved(status=CaseStatus.PENDED).is_open
    assert not unsaved(status=CaseStatus.DETERMINED).is_open
    assert not unsaved(status=CaseStatus.AMENDED).is_open
