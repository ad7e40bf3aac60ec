"""Terse notes led by their day and month and the note's name ("11/5 tx: ..."), and plans of care
written as a form's two lines or with "another N weeks". Texts written for these tests."""

from __future__ import annotations

import pytest

from extraction import extract, to_payload
from extraction.fields import plan_in
from extraction.text import resolve_checkboxes
from extraction.types import PageText


def _visits(*pages: str) -> list[tuple[str, str, int | None, int]]:
    payload = to_payload(extract([PageText(i, t, True) for i, t in enumerate(pages, 1)]))
    return [(v["date"], v["kind"], v["pain_nprs"], v["page"]) for v in payload["visits"]]


def test_terse_notes_led_by_day_and_note_name() -> None:
    got = _visits(
        "LAKESIDE REHAB - J. Ortiz PT - 2025\n\n9/8 IE L knee TKA POD 14\nS: pain 6/10, stairs 1 at a time\n",
        "LAKESIDE REHAB - 2025\n\n9/10 tx: quad sets 3x10, heel slides\npain 5/10 - JO\n\n"
        "9/12 tx same + bike 8 min\npain 4/10\n\n9/15 no show\n",
        "LAKESIDE REHAB - 2025\n\n9/29 RE: flex 0-110, ext -2\npain 3/10\n",
    )
    assert got == [
        ("2025-09-08", "evaluation", 6, 1),
        ("2025-09-10", "treatment", 5, 2),
        ("2025-09-12", "treatment", 4, 2),
        ("2025-09-29", "re_evaluation", 3, 3),
    ]


def test_a_leading_score_is_not_a_terse_note() -> None:
    got = _visits("Summary 2025\n\n3/12 visits completed so far\n4/10 pain at rest\n")
    assert got == []


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        ("Plan: continue 2x per week for another 4 weeks.", (2, 4)),
        ("Continue 3x/wk for the next 2 weeks.", (3, 2)),
        ("Frequency: 2x per week\nDuration: 6 weeks", (2, 6)),
        (
            resolve_checkboxes("Frequency: [ ] 1x  [X] 2x  [ ] 3x per week\nDuration:  [ ] 4   [X] 6   [ ] 8 weeks"),
            (2, 6),
        ),
        ("Frequency: 2x per week\nDuration: 45 min", None),  # a session's length is not the plan's weeks
    ],
)
def test_plan_written_as_a_form_or_as_more_weeks(text: str, plan: tuple[int, int] | None) -> None:
    assert plan_in(text) == plan


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("Goals: short-term 2 of 3 met; long-term 0 of 2 met.", (2, 3, 0, 2)),
        ("She has met 1 of her 2 short-term goals; neither of her 3 long-term goals has been met.", (1, 2, 0, 3)),
    ],
)
def test_goals_counted_without_the_word_goal_or_with_neither(text: str, figures: tuple[int, int, int, int]) -> None:
    from extraction.goals import record_goals

    found = record_goals([(1, text)])
    assert found is not None
    g = found.value
    assert (g.short_term_met, g.short_term_total, g.long_term_met, g.long_term_total) == figures


def test_every_row_of_a_dated_score_table_takes_its_columns_dates() -> None:
    page = (
        "RE-EVALUATION                                Date: 2025-03-30\n\n"
        "Measure                  IE 2025-02-02      RE 2025-03-30\n"
        "LEFS                     31                 47\n"
        "iHOT-12                  38                 60\n"
    )
    got = to_payload(extract([PageText(1, page)]))["documentation"]["outcome_measures"]
    assert {(m["name"], m["date"], m["score"]) for m in got} == {
        ("LEFS", "2025-02-02", 31),
        ("LEFS", "2025-03-30", 47),
        ("iHOT-12", "2025-02-02", 38),
        ("iHOT-12", "2025-03-30", 60),
    }


def test_a_weekday_before_the_date_and_a_table_of_dated_columns() -> None:
    got = _visits(
        "Brookview PT\nCANCELLATION   Thu 4/2/26\nPt called in sick.\n\nDAILY NOTE   Mon 4/6/26\nPain 5/10. Step-ups 3x10.\n"
        "\nTreatment note - Wednesday, 4/8/2026\nPain 4/10\n",
        "PROGRESS NOTE        Date: 4/20/2026\nComparison              Eval 3/23/2026       4/20/2026\n"
        "LEFS                    28                   44\n",
    )
    assert got == [
        ("2026-04-06", "treatment", 5, 1),
        ("2026-04-08", "treatment", 4, 1),
        ("2026-04-20", "progress_note", None, 2),
    ]


def test_a_letter_dates_the_visit_it_reports_today_by_its_own_date_line() -> None:
    page = (
        "Harbor Physical Therapy\n12 Pier Road\n\nMarch 3, 2026\n\nRe: J. Doe, DOB 4/4/1960\nDear Dr. Lin,\n"
        "Thank you for referring Ms. Doe, whom I evaluated today for right knee pain. Pain is 5/10 today and\n"
        "she rates the function of her right knee at 55% of normal. She can carry groceries with both hands.\n"
    )
    payload = to_payload(extract([PageText(1, page)]))
    assert [(v["date"], v["kind"], v["pain_nprs"], v["function_pct"]) for v in payload["visits"]] == [
        ("2026-03-03", "evaluation", 5, 55)
    ]
    assert [m["side"] for m in payload["side_mentions"]] == ["right"]  # "with both hands" is how, not which side


def test_a_telehealth_visit_heading_with_a_parenthesis_before_its_date() -> None:
    got = _visits(
        "TELEHEALTH VISIT (synchronous video)   05/05/2026  09:00-09:30\nNeck pain 4/10.\n"
        "VIDEO VISIT   05/12/2026\nNeck pain 3/10.\n"
    )
    assert got == [("2026-05-05", "treatment", 4, 1), ("2026-05-12", "treatment", 3, 1)]
