"""Goals met / total, however the record writes them (extraction.goals, pure)."""

from __future__ import annotations

import pytest

from extraction import PageText, extract
from extraction.goals import record_goals
from extraction.types import Goals


def _goals(*pages: str) -> tuple[Goals, int] | None:
    found = record_goals([(i, t) for i, t in enumerate(pages, 1)])
    return (found.value, found.page) if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("STG 1 met, STG 2 not met, STG 3 met. LTG 1 in progress, LTG 2 in progress.", Goals(2, 3, 0, 2)),
        ("She has met 2 of 3 short-term goals and 1 of 2 long-term goals.", Goals(2, 3, 1, 2)),
        ("Progress: 2/3 STGs met; 0/2 LTGs met.", Goals(2, 3, 0, 2)),
        ("STGs met: 2/3. LTGs met: 1/2.", Goals(2, 3, 1, 2)),
        ("STGs 1-3 met. LTG 1 progressing.", Goals(3, 3, 0, 1)),
        ("All STGs met. LTG 1 and 2 not yet met.", Goals(1, 1, 0, 2)),
        ("LTG 1: Not met (progressing). STG 1 (pain < 4/10) - met.", Goals(1, 1, 0, 1)),
        ("STG met. LTG not yet met - return to full basketball.", Goals(1, 1, 0, 1)),
    ],
)
def test_goal_forms_on_one_page(text: str, expected: Goals) -> None:
    got = _goals(text)
    assert got is not None and got[0] == expected


def test_goals_achieved_by_number_take_the_total_from_the_evaluation() -> None:
    evaluation = "Goals: STG 1 pain < 3/10 in 3 wks; STG 2 stairs reciprocal; STG 3 walk 30 min. LTG 1 hike 3 miles."
    progress = "Progress note\nSTG 1 and 3 achieved. Pt progressing toward LTG."
    assert _goals(evaluation, "Daily note: bridges 3x10.", progress) == (Goals(2, 3, 0, 1), 3)


def test_a_stated_total_elsewhere() -> None:
    evaluation = "Three short-term goals and two long-term goals were set with the patient."
    assert _goals(evaluation, "Re-assessment: STG 2 met.") == (Goals(1, 3, 0, 2), 2)
    assert _goals(evaluation, "All short-term goals achieved.") == (Goals(3, 3, 0, 2), 2)


def test_goal_table_with_a_status_column() -> None:
    table = (
        "GOALS\n"
        "Goal                          | Target   | Status\n"
        "STG 1 Pain < 3/10 with stairs  | 3 wks    | Met\n"
        "STG 2 Reciprocal stairs        | 4 wks    | Partially met\n"
        "LTG 1 Walk 1 mile              | 8 wks    | Progressing\n"
        "LTG 2 Return to work full duty | 10 wks   | Met\n"
    )
    assert _goals(table) == (Goals(1, 2, 1, 2), 1)


def test_numbered_goals_under_headings_with_status() -> None:
    text = (
        "Short-term goals (3):\n"
        "1. Pain < 3/10 with ADLs - met\n"
        "2. Sit to stand without UE support - met\n"
        "3. Walk 20 min - progressing\n"
        "\n"
        "Long-term goals:\n"
        "1) Return to tennis - not met\n"
        "Plan:\n"
        "1. Continue HEP - met\n"
    )
    assert _goals(text) == (Goals(2, 3, 0, 1), 1)


def test_goals_to_be_met_are_not_goals_met() -> None:
    assert (
        _goals("STG 1: independent HEP, to be met in 2 weeks. LTG 1: return to running, will be met by 8 wks.") is None
    )
    assert _goals("Discharged to independent HEP, goals met.") is None  # no goal kind: not counted


def test_the_last_status_page_is_cited_and_the_extraction_uses_it() -> None:
    pages = [
        PageText(1, "Initial Evaluation\nDate of Service: 08/04/2025\nGoals: STG 1 ... STG 2 ... LTG 1 ..."),
        PageText(2, "Progress Note\nDate of Service: 08/25/2025\nSTG 1 met. 1 of 2 STGs met so far."),
        PageText(3, "Re-evaluation\nDate of Service: 09/15/2025\nSTGs 1 and 2 achieved; LTG 1 ongoing."),
    ]
    g = extract(pages).documentation.goals
    assert g is not None and g.page == 3 and g.value == Goals(2, 2, 0, 1)
    assert "STGs 1 and 2 achieved" in g.quote
