"""General rules of the documentation, goal and red-flag readers (texts written for these tests)."""

from __future__ import annotations

from extraction import PageText, extract
from extraction.documentation import column_scores, earlier_scores_in, initial_eval_date, outcomes_in
from extraction.goals import record_goals
from extraction.redflags import red_flags_in
from extraction.text import Sentence
from extraction.types import Goals


def _scores(text: str) -> list[tuple[str, float]]:
    return [(name, score) for name, score, _, _ in outcomes_in(text)]


def test_a_score_behind_a_forms_dotted_or_underscored_leader() -> None:
    assert _scores("ODI ..................... 22%") == [("ODI", 22.0)]
    assert _scores("NDI ____ 18/50") == [("NDI", 18.0)]
    assert _scores("QuickDASH \u2026\u2026 31.8") == [("QuickDASH", 31.8)]


def test_a_score_stated_as_a_change_is_the_later_score() -> None:
    assert _scores("Her LEFS has improved to 58/80 since the evaluation.") == [("LEFS", 58.0)]
    assert _scores("NDI decreased from 30 to 14.") == [("NDI", 14.0)]
    assert _scores("PSFS rescored: 7.3 (lifting 7, reaching 8).") == [("PSFS", 7.3)]


def test_an_earlier_score_named_by_the_initial_visit_has_no_date_of_its_own() -> None:
    text = "FAAM ADL 81% (baseline 60%)"
    end = outcomes_in(text)[0][3]
    assert earlier_scores_in(text, end) == [(60.0, None)]
    text = "LEFS 61/80 (was 40/80 at IE)"
    assert earlier_scores_in(text, outcomes_in(text)[0][3]) == [(40.0, None)]
    # a parenthesis that is not an earlier score
    text = "LEFS 61/80 (stairs hardest)"
    assert earlier_scores_in(text, outcomes_in(text)[0][3]) == []


def test_the_initial_evaluation_date_as_a_record_states_it() -> None:
    assert initial_eval_date(["Seen 3/3/25.", "Start of care: 02/10/2025; 8 visits since."]) == "2025-02-10"
    assert initial_eval_date(["Pain 2/10 (was 7/10 at IE 14-Jan-2025)."]) == "2025-01-14"
    assert initial_eval_date(["Date of service: 03/01/2025"]) is None


def test_scores_in_the_columns_of_a_table() -> None:
    dated = "Measure        Eval 01/06/2025     Now 02/20/2025\nNDI            24/50               12/50\n"
    assert column_scores(dated, dated.index("NDI")) == [(24.0, "2025-01-06", "dated"), (12.0, "2025-02-20", "dated")]
    labelled = "Outcome | IE | PN | Current\nODI | 44 | 30 | 18\n"
    assert column_scores(labelled, labelled.index("ODI")) == [
        (44.0, None, "initial"),
        (30.0, None, "progress"),
        (18.0, None, "current"),
    ]
    # a row with one score, or with no heading naming its columns, is not a table's scores
    assert column_scores("LEFS   52/80\n", 0) is None
    assert column_scores("Results\nLEFS   40   52\n", 8) is None


def test_a_table_of_before_and_after_scores_dates_each_column() -> None:
    page = PageText(
        1,
        "PROGRESS NOTE   Date of service: 04/14/2025\n"
        "Start of care: 03/03/2025; 6 visits since.\n"
        "Outcome measures   Initial     Current\n"
        "  ODI              46%         28%\n",
        False,
    )
    got = {(m.value.name, m.value.date, m.value.score) for m in extract([page]).documentation.outcome_measures}
    assert got == {("ODI", "2025-03-03", 46.0), ("ODI", "2025-04-14", 28.0)}


def test_a_parenthesised_initial_score_takes_the_initial_evaluation_date() -> None:
    page = PageText(
        1,
        "DISCHARGE SUMMARY   Date of service: 05/02/2025\nStart of care: 03/10/2025.\nNDI 8/50 (IE 26/50).\n",
        False,
    )
    got = {(m.value.name, m.value.date, m.value.score) for m in extract([page]).documentation.outcome_measures}
    assert got == {("NDI", "2025-03-10", 26.0), ("NDI", "2025-05-02", 8.0)}


def _goals(text: str) -> Goals | None:
    found = record_goals([(1, text)])
    return found.value if found else None


def test_goal_counts_with_the_total_first() -> None:
    assert _goals("Of the five short-term goals she has met four.") == Goals(4, 5, 0, 0)
    assert _goals("Of her 3 LTGs, pt has achieved 1.") == Goals(0, 0, 1, 3)


def test_one_status_for_two_kinds_of_goal() -> None:
    assert _goals("All 2 STGs and both LTGs achieved.") == Goals(2, 2, 2, 2)
    assert _goals("All short-term and none of the 3 long-term goals met.") == Goals(1, 1, 0, 3)
    assert _goals("Both short-term goals met.") == Goals(2, 2, 0, 0)


def _flags(text: str) -> list[str]:
    return [key for key, _ in red_flags_in([Sentence(1, 0, 0, text)])]


def test_a_screen_answered_not_applicable_or_clear_is_not_a_red_flag() -> None:
    assert _flags("DVT screen n/a.") == []
    assert _flags("Homans: not applicable; infection screen clear.") == []
    assert _flags("DVT screen negative.") == []
    assert set(_flags("Calf swelling and warmth L, DVT suspected.")) == {"dvt"}


def _sides(text: str) -> list[str]:
    from extraction.sides import sides_in

    return [side for side, _ in sides_in(Sentence(1, 0, 0, text))]


def test_a_nerve_roots_side_is_a_mention_but_a_reflex_screen_is_not() -> None:
    assert _sides("Impression: R L5 radiculopathy.") == ["right"]
    assert _sides("Pt c/o left-sided sciatica since May.") == ["left"]
    assert _sides("L patellar reflex 2+, R Achilles reflex 1+.") == []
    assert _sides("L4-5 disc bulge; pain with rotation to the left.") == []


def test_the_affected_side_is_the_one_on_the_evaluation_page_when_its_note_gives_none() -> None:
    pages = [
        PageText(1, "TREATMENT NOTE   DOS: 06/10/2025\nR shoulder pain 3/10 today. Rows 3x10.\n", False),
        PageText(2, "Dx: R shoulder impingement\nINITIAL EVALUATION   DOS: 05/20/2025\nShoulder pain 5/10.\n", False),
    ]
    visits = extract(pages).visits
    assert [(v.kind.value, v.side_documented) for v in visits if v.page == 2] == [("evaluation", None)]
    side = extract(pages).affected_side
    assert side is not None and (side.value, side.page) == ("right", 2)


def test_deficit_readers_skip_uncertainty_exam_pain_and_body_systems() -> None:
    from extraction.documentation import deficits_in

    assert deficits_in("Cannot exclude a stress fracture at this time.") == []
    assert deficits_in("Pain with resisted ER and with end-range flexion.") == []
    assert deficits_in("Some difficulty emptying her urine fully.") == []
    assert deficits_in("She limps after 20 minutes of walking.") == ["limps"]
    assert deficits_in("Less limping this week.") == []
    assert deficits_in("Difficulty with carrying groceries.") == ["carrying groceries"]


def test_impairments_include_any_positive_special_test_but_not_a_goal_target() -> None:
    from extraction.documentation import impairment_in

    assert impairment_in("Spurling's test positive on the R.")
    assert impairment_in("Positive Thessaly test.")
    assert impairment_in("Cervical AROM limited in all planes.")
    assert not impairment_in("2. Shoulder flexion >= 150 deg")
    assert impairment_in("Shoulder flexion 120 deg.")


def test_a_gap_given_under_its_own_label_or_as_missed_weeks_with_a_reason() -> None:
    from extraction.documentation import gap_explained

    assert gap_explained("Gap in care: 3/2 - 3/30 -- pt hospitalized for pneumonia.")
    assert gap_explained("Pt missed two weeks while she was away caring for her father.")
    assert not gap_explained("Pt missed one visit.")


def test_repetitions_of_a_performance_test_are_its_score_not_exercise_parameters() -> None:
    from extraction.documentation import exercise_params_in

    assert exercise_params_in("30-second chair stand: 9 reps.") == []
    assert exercise_params_in("Sit-to-stand 3x10 from a mat, 12 reps of heel raises.") == ["3x10", "12 reps"]


def test_a_finding_negated_by_a_screen_or_by_its_state() -> None:
    assert _flags("Red flag screen negative for cauda equina, malignancy and infection.") == []
    assert _flags("Night pain resolved since the injection.") == []
    assert _flags("Absent calf tenderness; infection signs absent.") == []
    assert _flags("Unlikely DVT per Wells score.") == []
    assert _flags("Intentional weight loss of 20 lb on a diet.") == []
    # asserted ones stay
    assert _flags("Night pain waking her twice a night.") == ["night_pain"]
    assert _flags("New saddle anesthesia since Tuesday.") == ["cauda_equina"]


def test_a_change_written_with_the_measure_gives_both_scores() -> None:
    for text, later, was in (
        ("NDI 30/50 -> 18/50", 18.0, 30.0),
        ("LEFS 41 --> 55", 55.0, 41.0),
        ("ODI now 22%, down from 40%", 22.0, 40.0),
        ("QuickDASH improved from 50 to 27.3", 27.3, 50.0),
        ("HOOS improved from 41.2 at the initial evaluation to 60.3.", 60.3, 41.2),
    ):
        (name, score, start, end) = outcomes_in(text)[0]
        assert score == later, text
        assert earlier_scores_in(text, end, start) == [(was, None)], text
    assert _scores("On re-test she scored 44/80 on the LEFS.") == [("LEFS", 44.0)]
    assert _scores("Completed the NDI, scoring 12/50.") == [("NDI", 12.0)]
    assert _scores("KOOS JR interval score 70.1") == [("KOOS", 70.1)]


def test_a_score_dated_by_the_sentence_before_or_after_it() -> None:
    from extraction.documentation import score_date_in

    text = "At the re-evaluation on March 3, 2025 her NDI had improved to 12/50."
    _, _, start, end = outcomes_in(text)[0]
    assert score_date_in(text, start, end, False) == "2025-03-03"
    text = "LEFS 40/80 on 4/2/2025."
    _, _, start, end = outcomes_in(text)[0]
    assert score_date_in(text, start, end, False) == "2025-04-02"
    text = "Since 1/6/2025 her LEFS is 40/80."
    _, _, start, end = outcomes_in(text)[0]
    assert score_date_in(text, start, end, False) is None


def test_a_goal_count_in_parentheses_after_its_status() -> None:
    assert _goals("2 of 3 STGs met; long-term goals in progress (0 of 3).") == Goals(2, 3, 0, 3)
    assert _goals("LTGs: partially met (1 of 2).") == Goals(0, 0, 1, 2)


def test_sides_of_the_spine_a_limb_in_one_word_and_the_parts_a_record_names() -> None:
    assert _sides("Pt has right-sided neck pain.") == ["right"]
    assert _sides("Pain on the left side of his low back.") == ["left"]
    assert _sides("Affected extremity: LUE") == ["left"]
    assert _sides("Tender over the R greater trochanter.") == ["right"]
    assert _sides("Pain radiating to the L buttock.") == ["left"]
    # directions and a limb given for comparison are still not mentions
    assert _sides("Cervical rotation to the R 60 deg, to the L 70 deg.") == []
    assert _sides("Trunk lean to the left when walking.") == []
    assert _sides("RLE WNL.") == []


def test_strength_by_an_instrument_named_anywhere_in_the_sentence_or_in_words() -> None:
    from extraction.documentation import strength_in

    assert strength_in("Hip abd 15.2 kgf R, 19.0 kgf L (HHD).")
    assert strength_in("Isokinetic knee ext peak torque 95 Nm.")
    assert strength_in("Strength: hip flexion 4 out of 5.")
    assert not strength_in("Pt feels stronger on stairs.")


def test_exercise_reps_written_without_sets() -> None:
    assert exercise_params_in_("Heel raises x 25, bridges x15.") == ["x 25", "x15"]
    assert exercise_params_in_("Bike x 8 min; plan 2x/wk x 6 wks.") == []


def exercise_params_in_(text: str) -> list[str]:
    from extraction.documentation import exercise_params_in

    return exercise_params_in(text)


def test_improvement_written_with_of_or_at() -> None:
    from extraction.documentation import improvement_in

    assert improvement_in("She reports an improvement of about 40% overall.") == 40
    assert improvement_in("Pt rates his improvement at 75%.") == 75


def test_more_objective_impairments_and_their_negations() -> None:
    from extraction.documentation import impairment_in

    for text in (
        "Knee PROM 5-95.",
        "Shoulder ER limited and painful.",
        "Hamstring length: SLR 55 deg.",
        "Effusion: moderate.",
        "TTP over the lateral joint line.",
        "Gait antalgic with reduced stance on L.",
        "(+) Speed's, (+) Yergason's.",
    ):
        assert impairment_in(text), text
    for text in ("No effusion.", "Less tight hamstrings today.", "Calf warm and TTP, (+) Homans."):
        assert not impairment_in(text), text


def test_more_ways_a_limited_activity_is_written() -> None:
    from extraction.documentation import deficits_in

    assert deficits_in("Limited tolerance for sitting (20 min).") == ["sitting (20 min)"]
    assert deficits_in("Needs min assist with lower body dressing.") == ["lower body dressing"]
    assert deficits_in("Can only stand 10 min at the sink.") == ["stand 10 min at the sink"]
    assert deficits_in("Walking limited to 2 blocks.") == ["Walking limited to 2 blocks"]
    assert deficits_in("Now able to walk 2 miles.") == []


def test_a_forms_answer_or_a_risk_is_not_a_red_flag() -> None:
    assert _flags("History of cancer Denies") == []
    assert _flags("Saddle anesthesia No") == []
    assert _flags("Night sweats? no") == []
    assert _flags("DVT risk: moderate (post-op).") == []
    assert _flags("Night pain, no relief with meds.") == ["night_pain"]


def test_a_table_whose_heading_names_the_measures_with_one_dated_row_per_visit() -> None:
    from extraction.documentation import heading_measure_scores

    text = "Date        NDI     NPRS\n01/06/2025  24/50   6\n02/03/2025  12/50   3\n"
    got = [(name, score, date) for name, score, date, _, _ in heading_measure_scores(text)]
    assert got == [("NDI", 24.0, "2025-01-06"), ("NDI", 12.0, "2025-02-03")]
    piped = "Visit date | QuickDASH | Comment\n3/3/2025 | 45.5 | eval\n"
    assert [(n, s, d) for n, s, d, _, _ in heading_measure_scores(piped)] == [("QuickDASH", 45.5, "2025-03-03")]
    # numbers under a heading that names no measure are not scores
    assert heading_measure_scores("Date      Visits   Units\n01/06/2025  3   4\n") == []
    page = PageText(1, "PROGRESS NOTE  Date of service: 02/03/2025\n\n" + text, False)
    got_pg = {
        (m.value.name, m.value.date, m.value.score, m.page) for m in extract([page]).documentation.outcome_measures
    }
    assert got_pg == {("NDI", "2025-01-06", 24.0, 1), ("NDI", "2025-02-03", 12.0, 1)}


def test_goals_listed_under_a_goals_heading_are_targets_not_findings() -> None:
    from extraction.documentation import goal_section_spans

    text = (
        "EVALUATION  Date of service: 03/03/2025\n"
        "O: Knee flexion 95 deg. Squats 2x10 with 10 lb.\n"
        "Goals (6 weeks):\n"
        "1. Squat to 90 deg holding 20 lb\n"
        "2. Knee flexion to 125 deg\n"
        "Plan of care\n"
        "2x/wk x 6 wks\n"
    )
    spans = goal_section_spans(text)
    assert [text[a:b].splitlines()[0] for a, b in spans] == ["Goals (6 weeks):"]
    assert "Plan of care" not in text[spans[0][0] : spans[0][1]]
    doc = extract([PageText(1, text, False)]).documentation
    assert [e.quote for e in doc.exercise_parameters] == ["Squats 2x10 with 10 lb."]
    assert [i.quote for i in doc.objective_impairments] == ["O: Knee flexion 95 deg."]


def test_a_side_marked_uninvolved_after_its_measurement_and_a_laterality_field() -> None:
    assert _sides("Left knee: 5-110; right knee: 0-140 (uninvolved).") == ["left"]
    assert _sides("Laterality: Right") == ["right"]
    assert _sides("Bil. knee OA.") == ["bilateral"]


def test_a_score_is_not_dated_by_a_date_its_note_gives_the_initial_evaluation() -> None:
    page = PageText(
        1,
        "PROGRESS NOTE   Date of service: 04/14/2025\n"
        "Pt was seen for initial eval 03/03/2025 by another therapist.\n"
        "LEFS 52/80 (IE 38/80).\n",
        False,
    )
    got = {(m.value.name, m.value.date, m.value.score) for m in extract([page]).documentation.outcome_measures}
    assert got == {("LEFS", "2025-03-03", 38.0), ("LEFS", "2025-04-14", 52.0)}


def test_measures_by_their_full_names_and_a_psfs_average_given_last() -> None:
    assert _scores("Oswestry Low Back Pain Disability Questionnaire: 28%") == [("ODI", 28.0)]
    assert _scores("Knee injury and Osteoarthritis Outcome Score (KOOS) JR: 71.3") == [("KOOS", 71.3)]
    assert _scores("Hip disability & Osteoarthritis Outcome Score - Joint Replacement 66.7") == [("HOOS", 66.7)]
    assert _scores("Foot and Ankle Ability Measure (FAAM) Sports 44%") == [("FAAM", 44.0)]
    assert _scores("LEFS (Lower Extremity Functional Scale) 52/80") == [("LEFS", 52.0)]
    assert _scores("HOOS JR interval score: 58.2") == [("HOOS", 58.2)]
    assert _scores("PSFS: kneeling 3/10, squatting 5/10, stairs 6/10 (average 4.7)") == [("PSFS", 4.7)]


def test_more_ways_a_gap_in_care_is_explained_and_what_is_not_one() -> None:
    from extraction.documentation import gap_explained

    for text in (
        "Therapy was interrupted for 3 weeks because of a hospital stay.",
        "Pt returned after a 12-day absence secondary to the flu.",
        "Resumed PT after a 2-week break (insurance authorization delay).",
        "Pt canceled 2 appts due to a family illness.",
        "Missed 3 visits (out of state for a funeral).",
        "Pt was out of town 5/1-5/14 and could not attend.",
    ):
        assert gap_explained(text), text
    for text in (
        "Hold PT pending clearance from the surgeon.",
        "Gait: pause in stance phase due to pain.",
        "Pt takes a break every 20 min because of pain.",
        "Pt attended 8 of 12 scheduled visits.",
    ):
        assert not gap_explained(text), text


def test_night_pain_written_as_pain_that_wakes_the_patient() -> None:
    assert _flags("Pain wakes her at night most nights.") == ["night_pain"]
    assert _flags("Denies pain that wakes him at night.") == []
    assert _flags("Pain no longer wakes her at night.") == []


def test_pain_that_spreads_is_a_symptom_not_a_limited_activity() -> None:
    from extraction.documentation import deficits_in

    assert deficits_in("Low back pain with pain into the L buttock.") == []
    assert deficits_in("Pain with sitting > 30 min.") == ["sitting > 30 min"]


def test_a_goal_table_with_status_columns_marked_x() -> None:
    table = (
        "Goal                               Met    Partially met    Not met\n"
        "STG 1  Walk 20 min                  X\n"
        "STG 2  Stairs reciprocal                       X\n"
        "LTG 1  Return to golf                                         X\n"
    )
    assert _goals(table) == Goals(1, 2, 0, 1)


def test_a_goal_list_heading_with_a_status_column() -> None:
    text = (
        "Short-term goals          Status\n1. Sleep through the night      Met\n2. Lift 10 lb                 Not met\n"
    )
    assert _goals(text) == Goals(1, 2, 0, 0)


def test_a_date_between_a_measures_name_and_its_score_is_its_date_not_its_score() -> None:
    from extraction.documentation import score_date_in

    for text in ("LEFS (10/01/25): 40/80", "LEFS 10/01/2025 - 40/80"):
        (name, score, start, end) = outcomes_in(text)[0]
        assert (name, score) == ("LEFS", 40.0), text
        assert score_date_in(text, start, end, False) == "2025-10-01", text


def test_improvement_as_a_forms_field() -> None:
    from extraction.documentation import improvement_in

    assert improvement_in("Subjective improvement: 65%") == 65
    assert improvement_in("Goal: 80% improvement.") is None


def test_right_back_as_an_adverb_or_a_position_is_not_a_side() -> None:
    assert _sides("He went right back to work after the injury.") == []
    assert _sides("Plays left back for her club.") == []
    assert _sides("Right back pain since lifting.") == ["right"]


def test_phrases_that_hold_a_red_flags_words_but_are_not_one() -> None:
    assert _flags("Seasonal hay fever, on loratadine.") == []
    assert _flags("Cancer screening up to date per PCP.") == []
    assert _flags("Weight loss goal of 15 lb discussed.") == []
    assert _flags("On enoxaparin for DVT prophylaxis after surgery.") == []
    assert _flags("Unexplained weight loss of 10 lb since June.") == ["unexplained_weight_loss"]


def test_a_side_given_to_a_motion_is_a_mention_only_when_the_sentence_gives_one_side() -> None:
    assert _sides("O: R DF 8 deg with knee extended.") == ["right"]
    assert _sides("L single leg stance 6 s.") == ["left"]
    assert _sides("MMT R PF 4/5, L PF 5/5.") == []


def test_a_measures_name_cut_by_a_line_break() -> None:
    page = PageText(
        1,
        "EVALUATION  Date of service: 06/02/2025\n"
        "On examination his pain was 6/10 and his Neck Disability\n"
        "Index was 34%. He has trouble turning to drive.\n",
        False,
    )
    got = {(m.value.name, m.value.date, m.value.score) for m in extract([page]).documentation.outcome_measures}
    assert got == {("NDI", "2025-06-02", 34.0)}


def test_a_sentence_about_goals_is_not_a_goals_heading() -> None:
    from extraction.documentation import goal_section_spans

    assert goal_section_spans("Goals reviewed with patient\nKnee flexion 110 deg. Quad 4/5.\n") == []
    assert len(goal_section_spans("Goals for 6 weeks:\n1. Walk 1 mile\n")) == 1


def test_goals_tallied_by_status() -> None:
    assert _goals("STGs (4): 3 met, 1 progressing.") == Goals(3, 4, 0, 0)
    assert _goals("LTG: met x 1, not met x 2.") == Goals(0, 0, 1, 3)
    assert _goals("3 STGs met; 1 STG not met; LTGs ongoing (2).") == Goals(3, 4, 0, 2)
    # numbered goals with their statuses are read one by one, not as a tally
    assert _goals("Short-term goals: STG 1 met, STG 2 met, STG 3 not met.") == Goals(2, 3, 0, 0)
    assert _goals("2 of 3 STGs met.") == Goals(2, 3, 0, 0)


def test_an_exercise_log_with_its_parameters_in_columns() -> None:
    from extraction.documentation import exercise_table_rows

    log = "Exercise            Sets   Reps   Load\nBridges              3      10     --\nRows                 3      12     15 lb\n"
    assert exercise_table_rows(log) == ["Bridges 3 10 --", "Rows 3 12 15 lb"]
    assert exercise_table_rows("Date | Time | Duration\n1/2/25 | 10:00 | 45\n") == []
    page = PageText(2, "TREATMENT NOTE  DOS: 05/06/2025\n\n" + log, False)
    assert [e.page for e in extract([page]).documentation.exercise_parameters] == [2]


def test_a_table_of_force_measured_by_an_instrument_its_heading_names() -> None:
    from extraction.documentation import strength_table_rows

    table = "HHD (kg)      Right    Left\nQuads         18.2     25.1\n"
    assert strength_table_rows(table) == ["Quads 18.2 25.1"]
    assert strength_table_rows("Muscle   R   L\nQuad   4   5\n") == []
    page = PageText(3, "RE-EVALUATION  DOS: 05/06/2025\n\n" + table, False)
    assert [s.page for s in extract([page]).documentation.strength] == [3]


def test_the_clinics_tasks_and_the_exams_limits_are_not_functional_deficits() -> None:
    from extraction.documentation import deficits_in

    for text in (
        "Unable to contact pt by phone.",
        "Unable to assess ROM due to pain.",
        "Unable to perform MMT due to guarding.",
        "Pt cannot be seen until next week.",
        "Difficulty scheduling visits around work.",
    ):
        assert deficits_in(text) == [], text
    assert deficits_in("Unable to perform a full squat.") == ["perform a full squat"]
    assert deficits_in("Unable to reach overhead shelves.") == ["reach overhead shelves"]
