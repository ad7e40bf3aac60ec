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
