"""General rules added so the extractor reads records written by other clinics (one test per rule)."""

from __future__ import annotations

from extraction import PageText, extract, to_payload
from extraction.fields import pain_in
from extraction.text import find_dates


def _payload(*texts: str) -> dict:
    return to_payload(extract([PageText(i, t) for i, t in enumerate(texts, 1)]))


def _visits(p: dict) -> list[tuple]:
    return [(v["date"], v["kind"], v["page"], v["pain_nprs"], v["side_documented"]) for v in p["visits"]]


# ---------------------------------------------------------------- dates and visit anchors


def test_year_first_dates_with_slashes_or_dots():
    assert [d.iso for d in find_dates("2024/06/09 and 2024.6.9")] == ["2024-06-09", "2024-06-09"]


def test_a_numbered_visit_label_dates_its_note():
    p = _payload("DAILY NOTE\nVisit #5 - 03/12/2024\nPain 4/10.\nVisit 6: 03/14/2024\nPain 3/10.")
    assert [(v["date"], v["pain_nprs"]) for v in p["visits"]] == [("2024-03-12", 4), ("2024-03-14", 3)]


def test_day_month_year_stamps_with_hyphens():
    assert [d.iso for d in find_dates("9-Jun-24, 09-JUN-2024 and 22-Sep-24")] == [
        "2024-06-09",
        "2024-06-09",
        "2024-09-22",
    ]


def test_a_date_after_the_note_heading_on_its_line_is_a_visit():
    p = _payload(
        "Valley Rehab - DAILY TREATMENT NOTE      June 12, 2024\nL hip pain 4/10. Bridges 3x10.",
        "Valley Rehab - PROGRESS REPORT - 07/01/2024\nL hip pain 2/10.",
    )
    assert _visits(p) == [
        ("2024-06-12", "treatment", 1, 4, "left"),
        ("2024-07-01", "progress_note", 2, 2, "left"),
    ]


def test_date_prefixed_notes_on_a_page_of_notes_are_visits_but_appointments_are_not():
    p = _payload(
        "Eastside PT - TREATMENT NOTES\n"
        "06/03/24 L shoulder pain 6/10. Pendulums, AAROM wand 2x10. - K. Li, PTA\n"
        "06/05/24 L shoulder pain 5/10, sleeping better. Rows 3x10. - K. Li, PTA\n",
        "Eastside PT - DAILY NOTE\nDOS: 06/07/24\nPain 5/10.\nNext visits:\n06/10/24   09:30   K. Li   Scheduled\n",
        "Eastside PT - INITIAL EVALUATION\nDOS: 05/28/24\nSurgical history:\n01/15/2024 L rotator cuff repair, Dr. Ames\n",
    )
    assert [(v["date"], v["page"], v["pain_nprs"]) for v in p["visits"]] == [
        ("2024-05-28", 3, None),
        ("2024-06-03", 1, 6),
        ("2024-06-05", 1, 5),
        ("2024-06-07", 2, 5),
    ]


def test_discharge_and_exam_date_labels_mark_visits():
    p = _payload(
        "DISCHARGE SUMMARY\nDate of discharge: 2024-05-02\nAt the final visit pain is 1/10.",
        "Initial Evaluation\nDate of exam: 2024-03-01. Pain 7/10.",
    )
    assert [(v["date"], v["kind"], v["page"], v["pain_nprs"]) for v in p["visits"]] == [
        ("2024-03-01", "evaluation", 2, 7),
        ("2024-05-02", "discharge", 1, 1),
    ]


def test_a_narrative_letter_dates_the_visit_it_reports():
    p = _payload(
        "Dear Reviewer,\nI am requesting more visits for Mr. Ruiz, whom I re-evaluated today, May 6, 2024, for neck pain.\n"
        "His pain is now 2 out of 10."
    )
    assert _visits(p) == [("2024-05-06", "re_evaluation", 1, 2, None)]
    # a history's dates are not the writer's visits
    p = _payload("Dear Reviewer,\nHe was evaluated on 02/01/2024 in the ED and seen by ortho on 02/09/2024.")
    assert p["visits"] == []


def test_flowsheet_side_column_gives_each_row_its_side():
    p = _payload(
        "TREATMENT FLOWSHEET - KNEE\n"
        "Date       Visit  Side  Pain  Intervention\n"
        "2-Jul-24   2      R     5/10  quad sets 3x10\n"
        "5-Jul-24   3      R     4/10  SLR 3x10\n"
    )
    assert _visits(p) == [("2024-07-02", "treatment", 1, 5, "right"), ("2024-07-05", "treatment", 1, 4, "right")]
    assert [(m["side"], m["page"]) for m in p["side_mentions"]] == [("right", 1)]


def test_a_row_segment_starts_at_its_line_so_the_labelled_line_is_read():
    p = _payload("DAILY NOTES\nDOS: 05/01/2024   Pain 5/10. Rows 3x10.\nDOS: 05/03/2024   Pain 3/10, better.\n")
    assert [(v["date"], v["pain_nprs"]) for v in p["visits"]] == [("2024-05-01", 5), ("2024-05-03", 3)]


# ---------------------------------------------------------------- pain as clinics write it


def test_pain_written_in_other_ways():
    assert pain_in("Pain today is 6/10.", False) == 6
    assert pain_in("Pain now (0-10): 4   Worst: 8", False) == 4
    assert pain_in("Pain at rest VAS 35 mm.", False) == 4  # a 100 mm VAS in tenths
    assert pain_in("S: Pt reports L hip 3/10 after work.", False) == 3
    assert pain_in("Back pain\n8/10.".replace("\n", " "), False) == 8
    # a date is not a pain score
    assert pain_in("R knee 01/10/2022-03/01/2022 14 visits", False) is None


def test_a_pain_score_wrapped_onto_the_next_line_stays_with_its_sentence():
    p = _payload("DAILY NOTE\nDOS: 2024-04-02\nS: Pt reports stiffness. Back pain\n   7/10. Tolerated ther ex.")
    assert p["visits"][0]["pain_nprs"] == 7


# ---------------------------------------------------------------- checkboxes


def test_unchecked_boxes_are_blanked_and_checked_items_kept_with_offsets():
    from extraction.text import resolve_checkboxes

    text = "Red flags: [ ] Fever  [ ] Night pain\nSide: [X] Right  [ ] Left"
    out = resolve_checkboxes(text)
    assert len(out) == len(text)
    assert "Fever" not in out and "Night pain" not in out and "Left" not in out
    assert "Right" in out


def test_checkbox_form_red_flags_and_side():
    p = _payload(
        "INITIAL EVALUATION FORM\nDate of eval: 2024-02-05\n"
        "Side:   [ ] Left  [X] Right  [ ] Bilateral\n"
        "Red flags:  [ ] Night pain  [ ] Fever  [ ] Weight loss\n            [X] None reported\n"
        "Pain now (0-10): 6"
    )
    assert p["clinical"]["red_flags"] == []
    assert p["clinical"]["affected_side"] == "right"
    assert p["visits"][0]["side_documented"] == "right"
    assert p["visits"][0]["pain_nprs"] == 6
    # quotes are the page's own words, checkbox marks and all
    side_quote = next(s["quote"] for s in p["sources"] if s["path"] == "clinical.affected_side")
    assert "[X] Right" in side_quote


# ---------------------------------------------------------------- plan of care


def test_plan_frequency_abbreviations_words_and_ranges():
    from extraction.fields import plan_in

    assert plan_in("P: TIW x 6 wks.") == (3, 6)
    assert plan_in("BIW x 2 wks then reassess") == (2, 2)
    assert plan_in("therapy two times a week for eight weeks") == (2, 8)
    assert plan_in("continue once weekly for three more weeks") == (1, 3)
    # a range is keyed at its upper bound (what the request covers)
    assert plan_in("PT 1-2x/wk x 3-4 wks") == (2, 4)
    assert plan_in("Frequency: 2-3x/week     Duration: 6-8 weeks") == (3, 8)


def test_the_latest_plan_by_note_date_wins_even_when_it_comes_first_in_the_fax():
    p = _payload(
        "PROGRESS NOTE\nDate of service: 05/20/2024\nPlan: reduce to 1x/wk x 3 wks.",
        "INITIAL EVALUATION\nDate of service: 04/01/2024\nPlan: 3x/wk x 6 wks.",
    )
    assert p["request"] == {"frequency_per_week": 1, "duration_weeks": 3}
    assert next(s["page"] for s in p["sources"] if s["path"] == "request.frequency_per_week") == 1


# ---------------------------------------------------------------- red flags


def test_a_negative_result_written_after_its_test_is_not_a_red_flag():
    from extraction.redflags import red_flags_in
    from extraction.text import Sentence

    def flags(t: str) -> list[str]:
        return [k for k, _ in red_flags_in([Sentence(1, 0, 0, t)])]

    assert flags("Calf soft, Homans (-).") == []
    assert flags("Homans sign neg bilaterally.") == []
    assert flags("DVT was ruled out by duplex.") == []
    assert flags("Fever, Homans (-).") == ["infection"]  # only the test right before the result
    assert flags("Calf warm and swollen; Homans (+).") == ["dvt"]


# ---------------------------------------------------------------- affected side


def test_affected_side_is_the_side_the_evaluation_documents_not_the_referral():
    p = _payload(
        "REFERRAL\nDiagnosis: M17.11 Primary osteoarthritis, right knee\nRight knee pain.",
        "INITIAL EVALUATION\nDate of service: 03/03/2024\nPt c/o L knee pain x 6 months. L knee flexion 100 deg.",
    )
    assert p["clinical"]["affected_side"] == "left"
    assert next(s["page"] for s in p["sources"] if s["path"] == "clinical.affected_side") == 2
    assert [(m["side"], m["page"]) for m in p["side_mentions"]] == [("right", 1), ("left", 2)]


# ---------------------------------------------------------------- side mentions: comparison sides


def test_the_other_side_given_only_a_range_or_full_range_is_a_comparison():
    p = _payload(
        "EVALUATION\nDOS: 04/02/2024\nR elbow pain 5/10. R elbow AROM 10-120 deg.\nL elbow 0-145.\n",
        "DAILY NOTE\nDOS: 04/04/2024\nR elbow pain 4/10. Left elbow full range, 5/5.\n",
    )
    assert [(m["side"], m["page"]) for m in p["side_mentions"]] == [("right", 1), ("right", 2)]


def test_a_range_wrapped_onto_the_next_line_stays_with_its_side():
    from extraction.text import sentences

    sents = sentences(PageText(1, "MMT R quad 3+/5. L knee\n0-140, 5/5."))
    assert sents[-1].text == "L knee 0-140, 5/5."


def test_an_earlier_episodes_function_is_not_this_visits_function():
    p = _payload(
        "INITIAL EVALUATION\nDate of service: 05/06/2024\nPrevious episode for the same knee 01/08/2023 to 03/01/2023 "
        "(9 visits), discharged at 80% of her prior function.\nPain 6/10. Pt rates function at 45%.",
    )
    assert p["visits"][0]["function_pct"] == 45
    assert p["prior_episodes"][0]["discharge_function_pct"] == 80


# ---------------------------------------------------------------- prior episodes in a table


def test_a_table_of_earlier_episodes_is_read_under_its_header():
    p = _payload(
        "POST-OP EVALUATION\nDOS: 06/03/2024\nPrior PT:\n"
        "  Episode  Region     Dates                  Visits  D/C status\n"
        "  1        L hip      02/01/2021-04/15/2021  12      90% function\n"
        "  2        L hip      10/04/2022-11/30/2022  6       goals met\n"
        "Pain 4/10.",
    )
    assert [
        (e["start_date"], e["end_date"], e["visits"], e["discharge_function_pct"]) for e in p["prior_episodes"]
    ] == [
        ("2021-02-01", "2021-04-15", 12, 90),
        ("2022-10-04", "2022-11-30", 6, None),
    ]


def test_two_dates_joined_by_a_hyphen_are_both_dates():
    assert [d.iso for d in find_dates("01/10/2022-03/01/2022")] == ["2022-01-10", "2022-03-01"]


# ---------------------------------------------------------------- goals


def _goals(*texts: str) -> tuple[int, int, int, int] | None:
    g = _payload(*texts)["documentation"]["goals"]
    return (g["short_term_met"], g["short_term_total"], g["long_term_met"], g["long_term_total"]) if g else None


def test_goal_items_listed_together_and_a_status_for_all_goals_of_a_kind():
    assert _goals(
        "EVALUATION\nDOS: 01/02/2024\nSTG: 1) HEP  2) pain <= 3/10  3) sleep 6 hrs\nLTG: 1) run 5k  2) LEFS >= 70",
        "PROGRESS NOTE\nDOS: 02/01/2024\nGoals: STG 1 and 3 achieved; STG 2 not yet met. LTGs ongoing.",
    ) == (2, 3, 0, 2)


def test_goal_counts_in_other_orders_and_words():
    # "STG 2" means there are at least two
    assert _goals("Progress note\nDOS: 01/02/2024\nSTG 2 in progress. LTG 0 of 2 met.") == (0, 2, 0, 2)
    assert _goals("Progress note\nDOS: 01/02/2024\n1 of 2 short-term goals met; long-term goals 0/3.") == (1, 2, 0, 3)
    assert _goals("Discharge\nDOS: 01/02/2024\nGoals: all STGs (4/4) and LTGs (1/1) met.") == (4, 4, 1, 1)
    assert _goals(
        "Dear Reviewer,\nHe has met three of his four short-term goals and none of his two long-term goals."
    ) == (
        3,
        4,
        0,
        2,
    )


def test_a_goal_table_with_a_status_column():
    assert _goals(
        "RE-EVALUATION\nDOS: 03/04/2024\nGOAL STATUS\nGoal                          Status\n"
        "STG 1 Independent with HEP     Met\nSTG 2 Sit 1 hr at work         Not met\n"
        "LTG 1 Lift 30 lb               Partially met\n"
    ) == (1, 2, 0, 1)


def test_a_goal_of_each_kind_in_the_singular():
    assert _goals("Progress note\nDOS: 01/02/2024\nSTG met. LTG not yet met - return to tennis.") == (1, 1, 0, 1)


# ---------------------------------------------------------------- documentation


def test_outcome_scores_written_in_other_ways():
    from extraction.documentation import outcomes_in

    assert [(n, s) for n, s, _, _ in outcomes_in("His Neck Disability Index is now 14/50, down from 22.")] == [
        ("NDI", 14.0)
    ]
    assert [(n, s) for n, s, _, _ in outcomes_in("PSFS (kneeling 2, stairs 5, running 1): 2.7")] == [("PSFS", 2.7)]


def test_an_earlier_score_in_parentheses_keeps_its_own_date():
    p = _payload(
        "DISCHARGE SUMMARY\nDate of discharge: 2024-06-10\n"
        "LEFS 66/80 today (41/80 at the initial evaluation on 2024-04-01)."
    )
    assert p["documentation"]["outcome_measures"] == [
        {"name": "LEFS", "date": "2024-06-10", "score": 66},
        {"name": "LEFS", "date": "2024-04-01", "score": 41},
    ]


def test_the_date_of_an_earlier_score_in_parentheses_is_not_the_current_scores():
    p = _payload(
        "Progress note\nDate of service: 07/01/2024\nLEFS 55/80 (40/80 on 06/12/2024).",
    )
    assert p["documentation"]["outcome_measures"] == [
        {"name": "LEFS", "date": "2024-07-01", "score": 55},
        {"name": "LEFS", "date": "2024-06-12", "score": 40},
    ]


def test_a_score_wrapped_onto_its_own_line():
    p = _payload("Evaluation\nDate of service: 02/02/2024\nPt completed the KOOS JR\n61.")
    assert p["documentation"]["outcome_measures"] == [{"name": "KOOS", "date": "2024-02-02", "score": 61}]


def test_functional_deficits_abbreviated_guarded_and_sleep():
    from extraction.documentation import deficits_in

    assert deficits_in("Diff w/ dressing, reaching overhead.") == ["dressing", "reaching overhead"]
    assert deficits_in("Remains guarded lifting groceries.") == ["lifting groceries"]
    assert deficits_in("Still wakes when rolling onto the L shoulder.") == ["when rolling onto the L shoulder"]
    # a red-flag screen's symptoms and the complaint itself are not limited activities
    assert deficits_in("New difficulty starting urination.") == []
    assert deficits_in("Low back pain with radiating symptoms into the leg.") == []


def test_objective_impairments_as_share_of_expected_and_end_range_pain():
    from extraction.documentation import impairment_in

    assert impairment_in("Lumbar extension reaches about 60% of expected.")
    assert impairment_in("Cervical rotation painful at end range.")


def test_a_gap_explained_as_not_seen_because():
    from extraction.documentation import gap_explained

    assert gap_explained("He was not seen between May and October because he was deployed.")
    assert not gap_explained("He was not seen by a physician.")


def test_more_plan_spellings():
    from extraction.fields import plan_in

    assert plan_in("2x weekly x 6 weeks") == (2, 6)
    assert plan_in("PT 2/wk x 6 wks") == (2, 6)
    assert plan_in("3 sessions weekly for 4 weeks") == (3, 4)
    assert plan_in("freq: 2x/wk, dur: 6 wks") == (2, 6)
    assert plan_in("pain 3/10 x 6 weeks") is None


def test_a_pipe_flowsheet_side_column():
    p = _payload("TREATMENT FLOWSHEET\nDate | Side | Pain | Interventions\n7/16/25 | L | 5/10 | heel raises 3x15\n")
    assert [(v["date"], v["side_documented"], v["pain_nprs"]) for v in p["visits"]] == [("2025-07-16", "left", 5)]


def test_a_forms_no_answer_after_a_red_flag_is_a_negation():
    from extraction.redflags import red_flags_in
    from extraction.text import Sentence

    def flags(t: str) -> list[str]:
        return sorted({k for k, _ in red_flags_in([Sentence(1, 0, 0, t)])})

    assert flags("Night pain: No   Fever/chills: neg   Unexplained weight loss: N") == []
    assert flags("Fever - none") == []
    assert flags("Night pain: Yes") == ["night_pain"]
    assert flags("Pt reports night pain - no relief with meds.") == ["night_pain"]
