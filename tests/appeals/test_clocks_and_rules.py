"""Pure modules: clock arithmetic (month ends, leap years, DST in America/New_York) and who may hear an appeal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from appeals.clocks import ClockConfigError, ClockRule, add_calendar_days, due_at, extended_due_at, extension_refusal
from appeals.rules import Candidate, appeal_assignment_refusals, p2p_peer_refusals, similar_specialty, specialty_group

NY = ZoneInfo("America/New_York")
GROUPS = {
    "musculoskeletal rehabilitation": ["physical therapy", "physical medicine", "orthopaedic"],
    "nursing": ["nursing"],
}
THIRTY_DAYS = ClockRule(days=30, extension_days=14, extension_reasons=("member_request", "plan_justification"))


def hours_between(a: datetime, b: datetime) -> float:
    # Aware datetimes in the same zone subtract as wall-clock time: compare in UTC.
    return (b.astimezone(UTC) - a.astimezone(UTC)).total_seconds() / 3600


def test_thirty_days_across_a_month_end() -> None:
    start = datetime(2026, 1, 31, 16, 45, tzinfo=NY)
    assert due_at(start, THIRTY_DAYS, NY) == datetime(2026, 3, 2, 16, 45, tzinfo=NY)  # February has 28 days
    leap = datetime(2028, 1, 31, 16, 45, tzinfo=NY)
    assert due_at(leap, THIRTY_DAYS, NY) == datetime(2028, 3, 1, 16, 45, tzinfo=NY)  # 2028 is a leap year
    year_end = datetime(2026, 12, 15, 9, 0, tzinfo=NY)
    assert due_at(year_end, ClockRule(days=60), NY) == datetime(2027, 2, 13, 9, 0, tzinfo=NY)


def test_calendar_days_keep_wall_clock_time_across_dst() -> None:
    # Spring forward (2026-03-08 02:00 EST -> 03:00 EDT): 7 calendar days are 167 elapsed hours.
    start = datetime(2026, 3, 5, 10, 0, tzinfo=NY)
    due = add_calendar_days(start, 7, NY)
    assert (due.hour, due.minute, due.utcoffset()) == (10, 0, timedelta(hours=-4))
    assert hours_between(start, due) == 167
    # Fall back (2026-11-01 02:00 EDT -> 01:00 EST): 30 days are 721 elapsed hours.
    start = datetime(2026, 10, 20, 14, 30, tzinfo=NY)
    due = due_at(start, THIRTY_DAYS, NY)
    assert (due.day, due.month, due.hour, due.utcoffset()) == (19, 11, 14, timedelta(hours=-5))
    assert hours_between(start, due) == 721


def test_hour_clocks_are_elapsed_time_across_dst() -> None:
    start = datetime(2026, 3, 7, 10, 0, tzinfo=NY)  # EST
    due = due_at(start, ClockRule(hours=72), NY)
    assert hours_between(start, due) == 72
    assert (due.day, due.hour) == (10, 11)  # the wall clock jumped an hour
    start = datetime(2026, 10, 31, 23, 0, tzinfo=NY)
    due = due_at(start, ClockRule(hours=72), NY)
    assert hours_between(start, due) == 72 and (due.day, due.hour) == (3, 22)


def test_clock_start_inside_the_skipped_hour_and_in_utc() -> None:
    # A receipt time stored in UTC that lands on the spring-forward night.
    start = datetime(2026, 3, 8, 7, 30, tzinfo=UTC)  # 03:30 EDT
    assert add_calendar_days(start, 1, NY) == datetime(2026, 3, 9, 3, 30, tzinfo=NY)
    # A wall-clock time that does not exist (02:30 on 2026-03-08) is moved forward, never crashes.
    start = datetime(2026, 3, 7, 2, 30, tzinfo=NY)
    due = add_calendar_days(start, 1, NY)
    assert due.astimezone(UTC) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    with pytest.raises(ValueError):
        add_calendar_days(datetime(2026, 3, 7, 2, 30), 1, NY)  # noqa: DTZ001 - naive on purpose


def test_extension_moves_the_due_time_and_follows_the_rule() -> None:
    due = datetime(2026, 10, 28, 17, 0, tzinfo=NY)
    assert extended_due_at(due, 14, NY) == datetime(2026, 11, 11, 17, 0, tzinfo=NY)
    assert extension_refusal(THIRTY_DAYS, days=14, reason_kind="member_request", already_extended=False) is None
    assert "1 to 14 days" in extension_refusal(  # type: ignore[operator]
        THIRTY_DAYS, days=15, reason_kind="member_request", already_extended=False
    )
    assert "already been extended" in extension_refusal(  # type: ignore[operator]
        THIRTY_DAYS, days=3, reason_kind="member_request", already_extended=True
    )
    never = ClockRule(days=60)
    assert "do not allow" in extension_refusal(never, days=1, reason_kind="member_request", already_extended=False)  # type: ignore[operator]
    erisa = ClockRule(days=15, extension_days=15, extension_reasons=("plan_justification",))
    assert "plan justification" in extension_refusal(  # type: ignore[operator]
        erisa, days=5, reason_kind="member_request", already_extended=False
    )


def test_clock_config_errors_name_the_rule() -> None:
    with pytest.raises(ClockConfigError, match=r"X\[ma\]"):
        ClockRule.from_config("X[ma]", {"days": 30, "hours": 72})
    with pytest.raises(ClockConfigError, match="unknown extension reason"):
        ClockRule.from_config("X", {"days": 30, "extension_reasons": ["because"]})


def _c(uid: int, kind: str = "physician", specialty: str = "Physical medicine & rehabilitation") -> Candidate:
    return Candidate(user_id=uid, name=f"user{uid}", credential_kind=kind, specialty=specialty)


def test_specialty_matching() -> None:
    assert specialty_group("Orthopaedic physical therapy (OCS)", GROUPS) == "musculoskeletal rehabilitation"
    assert similar_specialty("physical therapy", "Physical medicine & rehabilitation", GROUPS)
    assert not similar_specialty("Cardiology", "physical therapy", GROUPS)
    assert similar_specialty("Cardiology", "cardiology", GROUPS)  # the same words are the same specialty
    assert not similar_specialty("", "", GROUPS)


def test_appeal_independence_physician_and_specialty() -> None:
    kw = {"original_decider_id": 1, "required_specialty": "physical therapy", "groups": GROUPS}
    assert appeal_assignment_refusals(_c(2), physician_required=True, **kw) == []
    [why] = appeal_assignment_refusals(_c(1), physician_required=False, **kw)
    assert "made the decision under appeal" in why
    [why] = appeal_assignment_refusals(
        _c(3, "physical_therapist", "Orthopaedic physical therapy"), physician_required=True, **kw
    )
    assert "not a physician" in why and "422.590" in why
    assert (
        appeal_assignment_refusals(
            _c(3, "physical_therapist", "Orthopaedic physical therapy"), physician_required=False, **kw
        )
        == []
    )
    reasons = appeal_assignment_refusals(
        _c(1, "nurse", "Utilization management nursing"), physician_required=True, **kw
    )
    assert len(reasons) == 3  # every reason is given, not just the first


def test_p2p_peer_is_the_decider_or_same_specialty() -> None:
    kw = {"deciding_reviewer_id": 1, "deciding_specialty": "Orthopaedic physical therapy", "groups": GROUPS}
    assert p2p_peer_refusals(_c(1, specialty="Cardiology"), **kw) == []  # the decider always may
    assert p2p_peer_refusals(_c(2, "physical_therapist", "Physical therapy"), **kw) == []
    [why] = p2p_peer_refusals(_c(3, "nurse", "Utilization management nursing"), **kw)
    assert "same specialty" in why


def test_letters_and_appeal_clocks_read_one_setting() -> None:
    """The deadline a letter prints and the clock the appeals app runs come from UR_APPEAL_DECISION."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    for lob, figures in settings.UR_APPEAL_DECISION.items():
        printed, clocks = settings.UR_LINES_OF_BUSINESS[lob], settings.UR_APPEAL_CLOCKS[lob]
        assert printed["standard_decision_days"] == clocks["pre_service"]["standard"]["days"] == figures["pre"]
        assert printed["payment_decision_days"] == clocks["payment"]["standard"]["days"] == figures["payment"]
        assert printed["expedited_appeal_hours"] == clocks["pre_service"]["expedited"]["hours"] == figures["hours"]
    # One environment variable moves both (settings are read at start-up: a fresh interpreter).
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings'); django.setup();"
        "from django.conf import settings as s;"
        "print(s.UR_LINES_OF_BUSINESS['commercial']['standard_decision_days'],"
        " s.UR_APPEAL_CLOCKS['commercial']['pre_service']['standard']['days'],"
        " s.UR_LINES_OF_BUSINESS['medicare_advantage']['payment_decision_days'],"
        " s.UR_APPEAL_CLOCKS['medicare_advantage']['payment']['standard']['days'])"
    )
    env = {**os.environ, "UR_APPEAL_DECISION_DAYS_COMMERCIAL": "21", "UR_PAYMENT_APPEAL_DECISION_DAYS_MA": "45"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["21", "21", "45", "45"]
