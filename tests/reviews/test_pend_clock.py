"""The pend clock by line of business (reviews.pend_clock, pure)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from reviews.pend_clock import (
    EXTENSION,
    TOLLING,
    clock_on_request,
    due_on_receipt,
    pend_age_days,
    pend_rule,
    response_overdue,
)

DUE = datetime(2026, 3, 9, 14, 0, tzinfo=UTC)
ASKED = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("lob", ["medicare_advantage", "medicaid"])
def test_ma_and_medicaid_extend_by_14_days_once_when_the_information_is_requested(lob):
    clock = clock_on_request(
        line_of_business=lob, urgency="standard", due_at=DUE, requested_at=ASKED, already_extended=False
    )
    assert clock.rule.kind == EXTENSION and clock.extended
    assert clock.due_after == DUE + timedelta(days=14)
    assert clock.respond_by == ASKED + timedelta(days=14)
    # A case whose time frame was extended before (due DUE now) is not extended again.
    again = clock_on_request(
        line_of_business=lob, urgency="standard", due_at=DUE, requested_at=ASKED, already_extended=True
    )
    assert not again.extended and again.due_after == DUE
    assert again.respond_by == DUE, "the answer must come in time to decide by the due time"
    # An extension is not tolling: the information arriving does not move the due time again.
    assert (
        due_on_receipt(
            line_of_business=lob,
            urgency="standard",
            due_at=clock.due_after,
            requested_at=ASKED,
            received_at=ASKED + timedelta(days=5),
        )
        == clock.due_after
    )


def test_commercial_tolls_from_the_request_until_the_information_arrives():
    clock = clock_on_request(
        line_of_business="commercial", urgency="standard", due_at=DUE, requested_at=ASKED, already_extended=False
    )
    assert clock.rule.kind == TOLLING and not clock.extended
    assert clock.due_after == DUE
    assert clock.respond_by == ASKED + timedelta(days=45)
    received = ASKED + timedelta(days=3, hours=6)
    assert due_on_receipt(
        line_of_business="commercial", urgency="standard", due_at=DUE, requested_at=ASKED, received_at=received
    ) == DUE + timedelta(days=3, hours=6)


def test_expedited_commercial_gets_48_hours_and_unknown_lob_is_commercial():
    assert pend_rule("commercial", "expedited").respond_within == timedelta(hours=48)
    assert pend_rule("something else", "standard").line_of_business == "commercial"


def test_age_and_overdue_response():
    assert pend_age_days(requested_at=ASKED, until=ASKED + timedelta(days=2, hours=12)) == 2.5
    assert pend_age_days(requested_at=ASKED, until=ASKED - timedelta(days=1)) == 0.0
    assert response_overdue(respond_by=ASKED, now=ASKED + timedelta(seconds=1))
    assert not response_overdue(respond_by=ASKED, now=ASKED) and not response_overdue(respond_by=None, now=ASKED)


def test_an_overdue_case_never_gets_an_answer_by_date_in_the_past():
    late = DUE + timedelta(days=30)  # asked for the information well after the (extended) due time
    clock = clock_on_request(
        line_of_business="medicare_advantage", urgency="standard", due_at=DUE, requested_at=late, already_extended=False
    )
    assert clock.due_after == DUE + timedelta(days=14) < late
    assert clock.respond_by == late + timedelta(days=14)
