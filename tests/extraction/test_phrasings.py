"""Phrasings the blind records showed the extractor missed (each written here in other words):
goals, outcome measures, deficits, impairments, gap explanations, comparison sides, episode tables."""

from __future__ import annotations

from extraction import PageText, extract
from extraction.documentation import deficits_in, gap_explained, impairment_in, outcomes_in
from extraction.goals import record_goals
from extraction.text import find_dates
from extraction.types import Goals


def _goals(*pages: str) -> Goals | None:
    found = record_goals([(i, t) for i, t in enumerate(pages, 1)])
    return found.value if found else None


def test_goal_counts_written_in_words_and_in_parentheses() -> None:
    assert _goals("He has now met three of his four short-term goals and none of his\ntwo long-term goals.") == Goals(
        3, 4, 0, 2
    )
    assert _goals("Goals: all STGs (2/2) and LTGs (1/3) met.") == Goals(2, 2, 1, 3)


def test_plural_goal_status_covers_every_goal_of_that_kind() -> None:
    evaluation = (
        "Plan: 2x/wk.\nSTG: 1) walk 10 min 2) sit to stand x5\nLTG: 1) return to golf 2) carry groceries 3) stairs"
    )
    progress = "Goals: STG 2 achieved, STG 1 progressing. LTGs not yet met."
    assert _goals(evaluation, progress) == Goals(1, 2, 0, 3)


def test_outcome_scores_after_a_parenthesis_a_verb_or_beside_an_earlier_score() -> None:
    names = [(n, s) for n, s, _, _ in outcomes_in("PSFS (kneeling 2, squatting 3, running 1): 2.0")]
    assert names == [("PSFS", 2.0)]
    assert [(n, s) for n, s, _, _ in outcomes_in("Her Oswestry score is now 24%, down from 40%.")] == [("ODI", 24.0)]
    pages = [
        PageText(1, "Re-evaluation\nDate of Service: 03/10/2025\nLEFS 61 today (39 at the evaluation on 01/06/2025).")
    ]
    measures = {(m.value.date, m.value.score) for m in extract(pages).documentation.outcome_measures}
    assert measures == {("2025-03-10", 61.0), ("2025-01-06", 39.0)}


def test_deficits_abbreviated_aided_or_still_limited() -> None:
    assert deficits_in("Diff w/ kneeling, carrying laundry.") == ["kneeling", "carrying laundry"]
    assert "walking with a cane" in deficits_in("Now walking with a cane outdoors.")
    assert "step-to on the stairs" in deficits_in("Uses a step-to on the stairs.")
    assert deficits_in("Still guarded with lifting overhead.") == ["lifting overhead"]
    assert deficits_in("New difficulty starting urination since Friday.") == []  # a red flag, not a function


def test_impairment_relative_to_expected_range() -> None:
    assert impairment_in("Cervical rotation to the left is about 60% of expected.")
    assert impairment_in("Lumbar extension is painful at end range.")
    assert not impairment_in("Walked 20 minutes in the park.")


def test_gap_explained_by_why_the_patient_was_not_seen() -> None:
    assert gap_explained("He was not seen between May and now because his insurance lapsed.")
    assert gap_explained("No therapy from June to September as she was caring for her mother.")
    assert not gap_explained("He was not seen in clinic today.")


def test_the_uninvolved_side_given_as_normal_is_not_a_side_mention() -> None:
    page = PageText(
        1,
        "Initial Evaluation\nDate of Service: 02/03/2025\nL knee pain 6/10 after TKA.\n"
        "O: L knee AROM 10-85 deg. R knee full range and 5/5. R knee 0-145.",
    )
    assert {m.side for m in extract([page]).side_mentions} == {"left"}


def test_a_date_range_joined_by_a_hyphen() -> None:
    assert [d.iso for d in find_dates("seen 2/1/2023-4/15/2023 for 9 visits")] == ["2023-02-01", "2023-04-15"]


def test_prior_episodes_listed_as_a_table() -> None:
    page = PageText(
        1,
        "Initial Evaluation\nDate of Service: 04/07/2025\n"
        "Past PT history:\n"
        "  #   Body part   Dates of care            Visits   Outcome\n"
        "  1   L shoulder  03/02/2021 - 05/10/2021  16       80% function\n"
        "  2   L shoulder  11/01/2023-12/15/2023    6        independent HEP\n"
        "S: L shoulder pain 4/10.",
    )
    episodes = extract([page]).prior_episodes
    got = [(e.start_date.value, e.end_date.value, e.visits.value) for e in episodes]
    assert got == [("2021-03-02", "2021-05-10", 16), ("2023-11-01", "2023-12-15", 6)]
    assert episodes[0].discharge_function_pct is not None and episodes[0].discharge_function_pct.value == 80
    assert episodes[1].discharge_function_pct is None and episodes[1].visits.page == 1


def test_a_visit_does_not_take_an_old_episodes_discharge_function() -> None:
    page = PageText(
        1,
        "Initial Evaluation\nDate of Service: 04/07/2025\nPrior episode here 2023, discharged at 75% of her function.\n"
        "Pain 5/10.",
    )
    (visit,) = extract([page]).visits
    assert visit.function_pct is None


def test_a_second_probe_of_plain_rewordings() -> None:
    """Written by i16 after the merge to probe the merged rules: 4 of its 13 values were missed before
    (the pain after "pain, rated", "80% function" at discharge, a plan split over two sentences,
    "70 percent better")."""
    pages = [
        PageText(
            1,
            "Physical Therapy Initial Evaluation\nDate of Service: 04/02/2025\nPt c/o L knee pain, rated 5 out of 10 today.\n"
            "She completed 12 visits of PT from 3/3/2024 through 5/1/2024 and was discharged with 80% function.\n"
            "No reports of bowel/bladder changes. Pt is R hand dominant.\n"
            "Frequency: 2 times per week. Duration: 6 weeks.",
        ),
        PageText(
            2,
            "Progress Report\nDate of Service: 05/01/2025\nPain rated 3 out of 10.\nPt states she is 70 percent better.\n"
            "STG #1 - MET; STG #2 - NOT MET. Long term goals: 1 out of 2 achieved.\nLEFS: 55/80",
        ),
    ]
    ex = extract(pages)
    assert [(v.date.value, v.pain_nprs.value if v.pain_nprs else None) for v in ex.visits] == [
        ("2025-04-02", 5),
        ("2025-05-01", 3),
    ]
    (episode,) = ex.prior_episodes
    assert episode.visits.value == 12 and episode.discharge_function_pct is not None
    assert episode.discharge_function_pct.value == 80
    assert ex.frequency_per_week is not None and ex.duration_weeks is not None
    assert (ex.frequency_per_week.value, ex.duration_weeks.value) == (2, 6)
    assert "Duration: 6 weeks" in ex.frequency_per_week.quote
    assert ex.red_flags == () and {m.side for m in ex.side_mentions} == {"left"}
    d = ex.documentation
    assert d.reported_improvement_pct is not None and d.reported_improvement_pct.value == 70
    assert d.goals is not None and d.goals.value == Goals(1, 2, 1, 2) and d.goals.page == 2
