"""Case state machine and due dates."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reviews.models import Case, CaseStatus, InvalidTransition
from reviews.models.cases import TRANSITIONS
from reviews.services.cases import case_import

SEED1 = Path(__file__).resolve().parents[2] / "reviews" / "fixtures" / "cases" / "seed-approve-hip-traumatic.json"
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
LEGAL = [(a, b) for a in ALL for b in ALL if b in TRANSITIONS[a]]
ILLEGAL = [(a, b) for a in ALL for b in ALL if b not in TRANSITIONS[a]]


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
