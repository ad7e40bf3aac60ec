"""More dates (helper x3): yearless visit dates across the new year, month-precision episodes, a discharge
level given as a bare percentage, odd visit wordings; and a fuzz test that extraction never raises.
Texts written for these tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction import PageText, extract, to_payload


def _payload(*texts: str) -> dict[str, Any]:
    return to_payload(extract([PageText(i, t) for i, t in enumerate(texts, 1)]))


def _visits(p: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(v["date"], v["kind"], v["page"], v["pain_nprs"], v["function_pct"]) for v in p["visits"]]


def _episodes(p: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(e["start_date"], e["end_date"], e["visits"], e["discharge_function_pct"]) for e in p["prior_episodes"]]


# ---------------------------------------------------------------- robustness: extraction never raises

# lines as records write them, with the pieces the readers look for, to be mixed at random
_LINES = [
    "INITIAL EVALUATION",
    "Daily Note -- 2025",
    "Progress Note 10/14/2025",
    "Date of service: 10/14/25",
    "DOS: Jan 4",
    "Visit #5 - 3/12",
    "Visit 4 of 12",
    "Prior episode 01/08/2024 - 03/01/2024, 12 visits, discharged at 75%.",
    "Previous PT Feb-Apr 2024, 8 visits.",
    "02/2024 to 04/2024 PT for L knee, 10 sessions",
    "Start: 1/6/24",
    "End: 3/3/24",
    "Visits: 11",
    "Date   Pain   Function %   Side",
    "10/14  4/10   60%   R",
    "Pt seen. Pain 3/10. HEP reviewed.",
    "Plan: 2x/wk x 6 wks",
    "Frequency: twice weekly",
    "Duration: 8 weeks",
    "Denies numbness. (-) Homans. No bowel/bladder changes.",
    "LEFS 42/80 on 8/4/25 (was 30/80 on 6/12/24)",
    "STG 2/3 met, LTG 0/2 met",
    "MMT 4-/5 R hip abd",
    "3 x 10 reps, 5 lb, 30 s hold",
    "DOB: 02/29/1960",
    "Dec 31 - Jan 2, 2025",
    "Feb 29",
    "2/30",
    "31/31/2024",
    "0/0",
    "Sept. 31st",
    "2024-13-45T99:99",
    "[X] Left [ ] Right",
    "☒ Fever ☐ Chills",
    "FROM: 555-0100  P. 2/7",
    "Referral",
    "Statement balance due",
    "||||||",
    "%%%%",
    "Re-eval: today (10/14/2025)",
    "I re-evaluated her today, February 24, 2025",
    "D/C at 80% of PLOF",
    "spring 2024",
    "",
]
_line = st.one_of(
    st.sampled_from(_LINES),
    st.text(max_size=60),
    st.text(alphabet="0123456789/-.:% ", max_size=30),
)
_page = st.lists(_line, max_size=12).map("\n".join)
# a very long line (an OCR page read as one line, a table run together): thousands of scores and dates
_long_page = st.integers(min_value=1, max_value=3).map(
    lambda n: ("Pain 4/10 on 3/12, " * 60 + "10/14/2025 - ") * n + "\n" + "é" * 3000
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_page, _page, _page, _long_page, st.just("")), min_size=0, max_size=6))
def test_extraction_never_raises_and_gives_valid_dates_and_pages(texts: list[str]) -> None:
    pages = [PageText(i, t, ocr=i % 2 == 0) for i, t in enumerate(texts, 1)]
    p = to_payload(extract(pages))
    numbers = {pg.number for pg in pages}
    for v in p["visits"]:
        date.fromisoformat(v["date"])
        assert v["page"] in numbers
    for e in p["prior_episodes"]:
        assert date.fromisoformat(e["start_date"]) <= date.fromisoformat(e["end_date"])
    for m in p["documentation"].get("outcome_measures") or []:
        if m.get("date") is not None:
            date.fromisoformat(m["date"])
    for s in p["sources"]:
        assert s["page"] in numbers
    for m in p["side_mentions"]:
        assert m["page"] in numbers
    assert set(p["ocr_pages"]) <= numbers


# ---------------------------------------------------------------- yearless visit dates across the new year


def test_a_january_note_after_a_december_header_year_is_the_next_year():
    p = _payload(
        "Daily Note -- 2025\nDate: Dec 29\nR knee pain 4/10.",
        "Daily Note\nDate: Jan 5\nR knee pain 3/10.",
        "Daily Note\nDate: Jan 12th\nR knee pain 2/10.",
    )
    assert [v[:3] for v in _visits(p)] == [
        ("2025-12-29", "treatment", 1),
        ("2026-01-05", "treatment", 2),
        ("2026-01-12", "treatment", 3),
    ]


def test_a_short_date_after_a_full_december_date_is_the_next_year():
    p = _payload("Harbor PT   Evaluation   12/15/2025\nR knee pain 5/10.", "Treatment note\nDOS: 1/5\nPain 4/10.")
    assert [v[:2] for v in _visits(p)] == [("2025-12-15", "evaluation"), ("2026-01-05", "treatment")]


def test_a_december_note_in_a_record_of_january_dates_is_the_previous_year():
    p = _payload(
        "Daily Note\nDate: 29 Dec\nL shoulder pain 6/10.",
        "Progress Note 01/20/2026\nPain 3/10.",
        "Treatment note\nDOS: 01/27/2026\nPain 3/10.",
    )
    assert [v[:2] for v in _visits(p)] == [
        ("2025-12-29", "treatment"),
        ("2026-01-20", "progress_note"),
        ("2026-01-27", "treatment"),
    ]


def test_a_yearless_date_within_the_record_s_months_keeps_the_record_s_year():
    p = _payload("Initial Evaluation 01/06/2025\nPain 6/10.", "Daily Note\nDate: Mar 3\nPain 4/10.")
    assert [v[0] for v in _visits(p)] == ["2025-01-06", "2025-03-03"]


# ---------------------------------------------------------------- prior episodes given to the month


def test_month_spans_read_as_their_first_and_last_days():
    from extraction.text import find_month_spans

    spans = [
        (s.first_day, s.last_day)
        for t in (
            "02/2024 to 04/2024",
            "2/2024-4/2024",
            "Feb-Apr 2024",
            "Nov 2023 - Jan 2024",
            "Nov-Jan 2024",
            "February through April of 2024",
            "in spring 2024",
            "Sept 2023 to Feb 2024",
        )
        for s in find_month_spans(t)
    ]
    assert spans == [
        ("2024-02-01", "2024-04-30"),
        ("2024-02-01", "2024-04-30"),
        ("2024-02-01", "2024-04-30"),
        ("2023-11-01", "2024-01-31"),
        ("2023-11-01", "2024-01-31"),
        ("2024-02-01", "2024-04-30"),
        ("2024-03-01", "2024-05-31"),
        ("2023-09-01", "2024-02-29"),  # a leap year's February
    ]
    # full dates, scores and two-digit years are not month spans
    assert find_month_spans("10/02/2024 - 04/2025, pain 3/10 - 4/2024, Feb '24 - Apr '24") == []


def test_a_prior_episode_given_to_the_month_with_its_count_and_discharge_level():
    p = _payload(
        "Initial Evaluation 10/06/2025\n"
        "History: prior episode of PT 02/2024 to 04/2024, 10 visits, discharged at 80% function.\n"
        "R knee pain 5/10 on stairs."
    )
    assert _episodes(p) == [("2024-02-01", "2024-04-30", 10, 80)]
    # the history's discharge level is not the evaluation's function
    assert _visits(p) == [("2025-10-06", "evaluation", 1, 5, None)]


def test_a_prior_course_by_month_names_and_by_season():
    p = _payload("PT Evaluation 10/06/2025\nHx: prior PT Feb-Apr 2024 (12 visits), D/C at 75%.\nPain 5/10.")
    assert _episodes(p) == [("2024-02-01", "2024-04-30", 12, 75)]
    p = _payload("PT Evaluation 10/06/2025\nPrevious course of PT in spring 2024, 8 visits.\nPain 5/10.")
    assert _episodes(p) == [("2024-03-01", "2024-05-31", 8, None)]


def test_a_month_span_without_a_visit_count_or_in_this_episode_is_no_prior_episode():
    assert _episodes(_payload("PT Evaluation 10/06/2025\nSymptoms Feb-Apr 2024, resolved with rest.\nPain 5/10.")) == []
    p = _payload("PT Evaluation 10/06/2025\nPrior PT 09/2025 to 10/2025, 3 visits.\nPain 5/10.")
    assert _episodes(p) == []


# ---------------------------------------------------------------- a discharge level as a bare percentage


def test_an_earlier_episode_discharged_at_a_bare_percentage():
    p = _payload(
        "Initial Evaluation 10/06/2025\nPrior episode 01/08/2024 - 03/01/2024, 12 visits, discharged at 75%.\nPain 5/10."
    )
    assert _episodes(p) == [("2024-01-08", "2024-03-01", 12, 75)]
    p = _payload(
        "Initial Evaluation 10/06/2025\nPrior episode 01/08/2024 - 03/01/2024, 12 visits, D/C at 80% of PLOF.\nPain 5/10."
    )
    assert _episodes(p) == [("2024-01-08", "2024-03-01", 12, 80)]


def test_a_discharge_percentage_of_something_else_is_not_the_function():
    from extraction.fields import discharge_function_in

    assert discharge_function_in("discharged at 75%.") == 75
    assert discharge_function_in("D/C'd with ~70% per pt.") == 70
    assert discharge_function_in("discharged at 90% compliance with HEP") is None
    assert discharge_function_in("discharged at 75% of goals met") is None
    assert discharge_function_in("discharged with 60% improvement") is None
    assert discharge_function_in("discharged at 50% pain relief") is None


# ---------------------------------------------------------------- visit dates in other clinics' words

_EVAL = "Initial Evaluation 10/01/2025\nR knee pain 6/10.\n"


def test_visit_wordings_of_other_clinics():
    cases = {
        "Lakeside PT\nTx #5 — 10/14/2025\nR knee pain 4/10. Quad sets 3x10.": "treatment",
        "F/U PT 10/14/2025\nPain 4/10.": "treatment",
        "Session 6 (10/14/2025)\nPain 4/10. Gait training.": "treatment",
        "Session #6 - 10/14/2025\nPain 4/10.": "treatment",
        "Visit No. 6   10/14/2025\nPain 4/10.": "treatment",
        "Tx 6/12 on 10/14/2025: pain 4/10.": "treatment",
        "Daily Note\nDate/Time: 10/14/2025 8:30 AM\nPain 4/10.": "treatment",
        "Visit Date & Time: 10/14/2025 08:30\nPain 4/10.": "treatment",
        "Enc. date: 10/14/2025\nPain 4/10.": "treatment",
        "Encounter: PT Daily 10-14-25\nPain 4/10 R knee.": "treatment",
        "Visit date/time: 10/14/2025 0830\nDaily note\nPain 4/10.": "treatment",
        "Note Date: 10/14/2025\nProgress Report\nPain 4/10, function 65%.": "progress_note",
    }
    for text, kind in cases.items():
        assert [v[:4] for v in _visits(_payload(text))] == [("2025-10-14", kind, 1, 4)], text


def test_short_dates_after_a_note_number_or_heading_take_the_record_s_year():
    for note in ("Lakeside PT\nTx #5 — 10/14\nR knee pain 4/10.", "F/U PT 10/14\nPain 4/10."):
        p = _payload(_EVAL, note)
        assert [v[:4] for v in _visits(p)] == [("2025-10-01", "evaluation", 1, 6), ("2025-10-14", "treatment", 2, 4)]


def test_follow_up_plans_and_scores_after_a_heading_are_not_visits():
    p = _payload(_EVAL + "Pt to f/u PT in 2 weeks 10/15/2025.\nPlan: f/u PT 2x/wk x 6 wks.")
    assert [v[0] for v in _visits(p)] == ["2025-10-01"]
    # a score after the heading's words, with more words after it, is not a date
    p = _payload(_EVAL, "Daily note 3/10 pain with stairs, R knee.")
    assert [v[0] for v in _visits(p)] == ["2025-10-01"]


def test_a_flowsheet_s_short_dates_run_on_into_the_new_year():
    p = _payload(
        "PT Evaluation 12/15/2025\nR knee pain 6/10.",
        "Treatment Flowsheet\nDate   Pain   Exercises\n12/29  5/10   quad sets, SLR\n1/5    4/10   quad sets, bike\n"
        "1/12   3/10   bike, step ups",
    )
    assert [(v[0], v[3]) for v in _visits(p)] == [
        ("2025-12-15", 6),
        ("2025-12-29", 5),
        ("2026-01-05", 4),
        ("2026-01-12", 3),
    ]


def test_an_episode_written_one_field_a_line_to_the_month():
    p = _payload(
        "Initial Evaluation 10/06/2025\nPrior episode of care\nStart: 02/2024\nEnd: 04/2024\nVisits: 11\nPain 5/10."
    )
    assert _episodes(p) == [("2024-02-01", "2024-04-30", 11, None)]


def test_an_episode_discharged_with_a_bare_percentage_in_other_words():
    p = _payload(
        "Initial Evaluation 10/06/2025\nPt had PT here 3/4/2024 - 5/2/2024 (14 visits) and was D/C'd at 85%.\nPain 5/10."
    )
    assert _episodes(p) == [("2024-03-04", "2024-05-02", 14, 85)]
    p = _payload("Initial Evaluation 10/06/2025\nHx of PT for same knee in fall 2024 (9 visits); discharged at 70%.")
    assert _episodes(p) == [("2024-09-01", "2024-11-30", 9, 70)]


def test_a_visit_label_at_the_start_of_its_line_but_not_another_visit_s():
    p = _payload("Visit: 10/14/2025 (6 of 12)\nPain 4/10.")
    assert [v[:4] for v in _visits(p)] == [("2025-10-14", "treatment", 1, 4)]
    for other in ("Next visit: 10/08/2025", "Pt missed visit: 10/08/2025", "Last PT visit: 10/08/2025"):
        assert [v[0] for v in _visits(_payload(_EVAL + other))] == ["2025-10-01"], other


def test_a_note_led_by_its_month_and_day():
    p = _payload(_EVAL, "Oct 14 - Pt seen. Pain 4/10.\nOct 16 - Pt seen, HEP reviewed. Pain 3/10.")
    assert [v[:4] for v in _visits(p)] == [
        ("2025-10-01", "evaluation", 1, 6),
        ("2025-10-14", "treatment", 2, 4),
        ("2025-10-16", "treatment", 2, 3),
    ]
    # a history's dated lines and a short numeric date are not notes
    p = _payload(_EVAL + "Medical history:\nSep 2 - fell at home, pain 8/10.\n3/12 pain 5/10 with stairs.")
    assert [v[0] for v in _visits(p)] == ["2025-10-01"]
