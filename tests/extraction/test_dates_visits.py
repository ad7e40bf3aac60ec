"""Dates and visit notes in the formats clinics write them (helper x1's rules; texts written for these tests)."""

from __future__ import annotations

from typing import Any

from extraction import PageText, extract, to_payload
from extraction.fields import pain_in
from extraction.text import find_dates, find_yearless_dates, standalone_years


def _payload(*texts: str) -> dict[str, Any]:
    return to_payload(extract([PageText(i, t) for i, t in enumerate(texts, 1)]))


def _visits(p: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(v["date"], v["kind"], v["page"], v["pain_nprs"], v["function_pct"]) for v in p["visits"]]


# ---------------------------------------------------------------- dates


def test_a_first_number_above_twelve_is_the_day():
    assert [d.iso for d in find_dates("seen 23.04.2024, DOB 31/01/1970, 04.23.2024")] == [
        "2024-04-23",
        "1970-01-31",
        "2024-04-23",
    ]


def test_ambiguous_numeric_dates_stay_month_first():
    assert [d.iso for d in find_dates("05.06.2024 and 05/06/2024")] == ["2024-05-06", "2024-05-06"]


def test_iso_dates_with_a_time():
    assert [d.iso for d in find_dates("Encounter 2024-02-19T08:30:00")] == ["2024-02-19"]


def test_ordinal_day_of_month_dates():
    assert [d.iso for d in find_dates("on 4th of June 2024, then 21st July, 2024")] == ["2024-06-04", "2024-07-21"]


def test_dates_without_a_year_take_the_given_year():
    hits = find_yearless_dates("Seen Feb 2nd, 14 Feb and 2/21", 2024)
    assert [(h.iso, h.numeric) for h in hits] == [("2024-02-02", False), ("2024-02-14", False), ("2024-02-21", True)]
    assert find_yearless_dates("Seen Feb 2nd", None) == []
    # a full date is not read again without its year
    assert find_yearless_dates("March 5, 2024", 2023) == []


def test_a_year_written_on_its_own_but_not_inside_a_date():
    assert standalone_years("Harbor PT -- Notes 2024 -- DOS 01/02/2023") == [2024]


# ---------------------------------------------------------------- visit anchors


def test_a_month_day_date_under_a_header_year():
    p = _payload(
        "Birch Lane Therapy -- Evaluation -- 2024\nPatient: A. Moss   Date: Apr 9th\nR hip pain 5/10 walking.",
        "Birch Lane Therapy -- Daily Note\nA. Moss        Apr 16th\nR hip pain 3/10. Bridges 3x10.",
    )
    assert _visits(p) == [("2024-04-09", "evaluation", 1, 5, None), ("2024-04-16", "treatment", 2, 3, None)]


def test_a_short_date_leading_a_note_heading_but_not_a_phone_call():
    p = _payload(
        "WILLOW PHYSIO   2024 CHART\n"
        "5/14  INITIAL ASSESSMENT\n"
        "Neck pain 7/10 turning to drive.\n"
        "5/20  phone call: pt unwell, will call back.\n"
    )
    assert _visits(p) == [("2024-05-14", "evaluation", 1, 7, None)]


def test_dotted_dates_leading_short_notes():
    p = _payload(
        "ELM PT -- INITIAL EVAL 04.02.2024\nL wrist pain 6/10.",
        "04.09.2024 Pt seen. Pain 4/10. Putty 2x15.\n04.11.2024 cancelled - sick\n04.16.2024 Pain 2/10, tol well.\n",
    )
    assert [(v["date"], v["page"], v["pain_nprs"]) for v in p["visits"]] == [
        ("2024-04-02", 1, 6),
        ("2024-04-09", 2, 4),
        ("2024-04-16", 2, 2),
    ]


def test_a_date_in_a_note_header_before_its_heading():
    p = _payload("OAK REHAB   J. Ruiz   03/18/2024   Treatment note\nS: knee pain 3/10.\nO: SLR 3x10.")
    assert _visits(p) == [("2024-03-18", "treatment", 1, 3, None)]


def test_the_kind_a_date_label_names():
    p = _payload(
        "Pediatric Center for Motion -- Occupational and Physical Therapy Evaluation\n"
        "Date of evaluation: June 3, 2024\nPain (FLACC): 3/10 after play.",
        "Date of discharge: July 29, 2024\nDischarge summary\nPain 0/10.",
    )
    assert [(v["date"], v["kind"], v["pain_nprs"]) for v in p["visits"]] == [
        ("2024-06-03", "evaluation", 3),
        ("2024-07-29", "discharge", 0),
    ]


def test_a_heading_mid_line_takes_its_kind():
    p = _payload("MAPLE GROVE PHYSICAL THERAPY   K. Lund   Re-evaluation   10/02/2024\nPain 2/10.")
    assert _visits(p) == [("2024-10-02", "re_evaluation", 1, 2, None)]


def test_an_earlier_evaluation_quoted_in_a_note_is_not_a_visit():
    p = _payload(
        "PROGRESS NOTE    Date of service: 11/12/2024\n"
        "Pt transferred from Dr. Lee's clinic after initial eval 10/01/2024 and six visits.\n"
        "Pain 4/10 (was 7/10 at IE 10/01/2024).\n",
        "Plan of care (from IE 10/01/2024)\nFrequency: 2x/wk x 6 wks.\n",
    )
    assert _visits(p) == [("2024-11-12", "progress_note", 1, 4, None)]


def test_a_letter_reports_its_re_evaluation_visit():
    p = _payload(
        "Dear reviewer,\n"
        "I evaluated Ms. Ford on May 6, 2024 for neck pain. Her pain was 8/10.\n"
        "At her re-evaluation on June 17, 2024 her pain was 2/10 and she had returned to work.\n"
    )
    assert [(v["date"], v["kind"], v["pain_nprs"]) for v in p["visits"]] == [
        ("2024-05-06", "evaluation", 8),
        ("2024-06-17", "re_evaluation", 2),
    ]


def test_one_note_dated_twice_on_its_page_keeps_the_values_of_both():
    p = _payload("EVALUATION 02/05/2024\nTherapist: B. Ng\n\nInitial eval 02/05/2024: L shoulder pain 6/10.")
    assert _visits(p) == [("2024-02-05", "evaluation", 1, 6, None)]


# ---------------------------------------------------------------- pain and function


def test_pain_with_the_scale_named_in_parentheses():
    assert pain_in("Pain (Wong-Baker FACES): 6/10 with running", False) == 6
    assert pain_in("Pain (NPRS) 3/10", False) == 3


def test_flowsheet_columns_give_pain_and_function_without_a_slash():
    p = _payload(
        "DAILY FLOWSHEET\n"
        "Date       | Pain | Function % | Exercises\n"
        "01/08/2024 | 6    | 40%        | bridges 3x10\n"
        "01/10/2024 | 5    | 45         | bridges 3x12\n"
    )
    assert [(v["date"], v["pain_nprs"], v["function_pct"]) for v in p["visits"]] == [
        ("2024-01-08", 6, 40),
        ("2024-01-10", 5, 45),
    ]


def test_flowsheet_vas_in_mm_is_keyed_in_tenths():
    p = _payload(
        "TREATMENT LOG\n"
        "Date        VAS (mm)  Treatment\n"
        "03/04/2024  70        manual therapy\n"
        "03/06/2024  40        manual therapy, rows 3x10\n"
    )
    assert [(v["date"], v["pain_nprs"]) for v in p["visits"]] == [("2024-03-04", 7), ("2024-03-06", 4)]


def test_a_discharge_keeps_its_own_function_not_a_previous_episodes():
    p = _payload(
        "DISCHARGE SUMMARY    D/C date: 09/30/2024\n"
        "Episode: 07/01/2024 to 09/30/2024, 14 visits.\n"
        "Prior episode for the same knee: 01/08/2024 to 03/01/2024 (9 visits); at discharge function 60%.\n"
        "Pain 1/10. Pt rates function 90%.\n"
    )
    assert _visits(p) == [("2024-09-30", "discharge", 1, 1, 90)]
    assert [(e["start_date"], e["discharge_function_pct"]) for e in p["prior_episodes"]] == [("2024-01-08", 60)]


# ---------------------------------------------------------------- more note headings and labels


def test_re_examination_soap_and_office_visit_headings():
    p = _payload(
        "PHYSICAL THERAPY RE-EXAMINATION\nDate: 02/12/2024\nL hip pain 3/10.",
        "SOAP NOTE   02/14/2024\nS: L hip pain 2/10.",
        "Office Visit - Physical Therapy\n02/16/2024\nNPRS 2/10 L hip.",
    )
    assert [(v["date"], v["kind"], v["page"], v["pain_nprs"]) for v in p["visits"]] == [
        ("2024-02-12", "re_evaluation", 1, 3),
        ("2024-02-14", "treatment", 2, 2),
        ("2024-02-16", "treatment", 3, 2),
    ]


def test_named_date_labels_and_a_visit_count_label():
    p = _payload(
        "Physical therapy\nExam date: 01/03/2024\nPain 6/10.",
        "Physical therapy\nVisit 4 of 12 -- 01/12/2024\nPain 4/10.",
        "Physical therapy\nDischarge date: 02/20/2024\nPain 0/10.",
    )
    assert [(v["date"], v["kind"], v["pain_nprs"]) for v in p["visits"]] == [
        ("2024-01-03", "evaluation", 6),
        ("2024-01-12", "treatment", 4),
        ("2024-02-20", "discharge", 0),
    ]


def test_pain_said_as_a_number_or_on_a_soap_p_line():
    assert pain_in("Pt states pain is a 4/10 today.", False) == 4
    assert pain_in("P: 5/10", False) == 5
    assert pain_in("P: 2/10 visits used, continue POC", False) is None


def test_a_sentence_naming_the_evaluation_is_not_a_heading():
    p = _payload(
        "Progress Note\nDate of service: 05/20/2024\nSince the evaluation on 4/15/2024 pt has attended 8 visits."
    )
    assert [(v["date"], v["kind"]) for v in p["visits"]] == [("2024-05-20", "progress_note")]


def test_a_course_seen_elsewhere_is_a_prior_episode_and_not_the_current_function():
    p = _payload(
        "INITIAL EVALUATION\nDate: 09/09/2024\n"
        "Seen in PT at another clinic 05/06/2024 - 07/01/2024, 11 visits, discharged to HEP at 65% function.\n"
        "Pain 5/10. Reports 45% function."
    )
    assert [
        (e["start_date"], e["end_date"], e["visits"], e["discharge_function_pct"]) for e in p["prior_episodes"]
    ] == [("2024-05-06", "2024-07-01", 11, 65)]
    assert _visits(p) == [("2024-09-09", "evaluation", 1, 5, 45)]


def test_an_earlier_episode_goes_on_to_the_end_of_its_line():
    p = _payload(
        "INITIAL EVALUATION\nDate: 09/09/2024\n"
        "Previous episode of care: Jan 8, 2024 - Mar 1, 2024; 12 sessions; D/C goals met, 85% function.\nPain 6/10."
    )
    assert [(e["visits"], e["discharge_function_pct"]) for e in p["prior_episodes"]] == [(12, 85)]
    assert _visits(p) == [("2024-09-09", "evaluation", 1, 6, None)]


def test_the_current_pain_comes_before_an_earlier_episodes():
    p = _payload("RE-EVALUATION\nDate: 03/03/2024\nPain 5/10 today; at discharge from the prior episode it was 1/10.")
    assert _visits(p)[0][3] == 5


def test_plan_shorthand_and_visits_over_weeks():
    from extraction.fields import plan_in

    assert plan_in("Plan: 2x6 weeks") == (2, 6)
    assert plan_in("POC 3w4, then reassess") == (3, 4)
    assert plan_in("Requesting 12 visits over 6 weeks.") == (2, 6)
    assert plan_in("Requesting 10 visits over 4 weeks.") == (3, 4)
    assert plan_in("She attended 12 visits over 6 weeks last spring.") is None
    assert plan_in("Bridges 3x10, clams 2x15.") is None


# ---------------------------------------------------------------- lists that are not notes, and more note shapes


def test_a_subjective_lines_bare_score_is_the_pain():
    assert pain_in("S: L ankle stiff, 4/10 in the morning.", False) == 4
    assert pain_in("Subjective: 2/10 after work.", False) == 2


def test_a_heading_on_the_dates_own_line_does_not_end_its_note():
    p = _payload("03/04/2024 - Treatment\nPain 4/10.\n03/06/2024 - Progress Note\nPain 2/10.")
    assert _visits(p) == [("2024-03-04", "treatment", 1, 4, None), ("2024-03-06", "progress_note", 1, 2, None)]


def test_an_appointment_list_has_no_visits():
    p = _payload(
        "Appointment History\n03/04/2024  Treatment  Arrived\n03/06/2024  Treatment  No show\n",
        "Scheduler export\n03/08/2024   Treatment   Checked in\n",
    )
    assert p["visits"] == []


def test_another_events_date_label_is_not_the_visits():
    p = _payload(
        "Initial Evaluation\nReferral date: 02/20/2024\nSurgery date: 01/30/2024\nEvaluation date: 03/01/2024\n"
    )
    assert [(v["date"], v["kind"]) for v in p["visits"]] == [("2024-03-01", "evaluation")]


def test_a_letters_seen_today_for_re_evaluation():
    p = _payload(
        "Dear Dr. Vance,\nI evaluated Mr. Hale on 4/2/2024.\nHe was seen today, 5/14/2024, for re-evaluation.\n"
    )
    assert [(v["date"], v["kind"]) for v in p["visits"]] == [
        ("2024-04-02", "evaluation"),
        ("2024-05-14", "re_evaluation"),
    ]


def test_had_n_visits_between_two_dates_is_a_prior_episode():
    p = _payload(
        "INITIAL EVAL\nDOS: 09/03/2024\nShe had 7 visits of PT last year (02/05/2023 to 03/30/2023).\nPain 4/10"
    )
    assert [(e["start_date"], e["end_date"], e["visits"]) for e in p["prior_episodes"]] == [
        ("2023-02-05", "2023-03-30", 7)
    ]


def test_the_current_rating_among_several():
    assert pain_in("Pain 9/10 at worst, 4/10 currently.", False) == 4
    assert pain_in("Pain: worst 9/10, best 2/10, now 5/10.", False) == 5
    assert pain_in("Pain: worst 9/10, at rest 2/10.", False) == 2
    assert pain_in("Pain 3/10 at rest, 7/10 with stairs.", False) == 3


def test_function_in_percent_words_and_dates_with_spaced_slashes():
    from extraction.fields import function_in

    assert function_in("Self-reported function 55 percent.") == 55
    assert [d.iso for d in find_dates("Date: 11 / 04 / 2024")] == ["2024-11-04"]
    assert find_dates("Pain 5 / 10") == []


def test_a_current_discharge_summary_does_not_give_its_function_to_the_earlier_episode():
    p = _payload(
        "DISCHARGE SUMMARY    D/C date: 10/30/2024\n"
        "Pain 0/10. Pt rates function 95%.\n"
        "Previous episode for this shoulder: 01/08/2024 to 03/01/2024, 9 visits, discharged at 75% function.\n"
    )
    assert [(e["start_date"], e["discharge_function_pct"]) for e in p["prior_episodes"]] == [("2024-01-08", 75)]
    assert _visits(p) == [("2024-10-30", "discharge", 1, 0, 95)]


def test_aligned_columns_are_not_read_by_position_on_an_ocr_page():
    text = "TREATMENT LOG\nDate        Visit  Pain  Exercises\n03/04/2024  2      4     bridges\n"
    read = to_payload(extract([PageText(1, text, ocr=False)]))
    ocr = to_payload(extract([PageText(1, text, ocr=True)]))
    assert [v["pain_nprs"] for v in read["visits"]] == [4]
    assert [v["pain_nprs"] for v in ocr["visits"]] == [None]


def test_dated_lines_of_a_history_list_are_not_notes():
    p = _payload(
        "INITIAL EVALUATION\nDate: 09/09/2024\nMedical history:\n08/20/2024 fall on ice, ED, pain 8/10\nPain 5/10.",
        "09/11/2024 Pt seen. Pain 4/10.\n09/13/2024 S: completed 8/10 visits of HEP log, no pain.\n",
    )
    assert [(v["date"], v["page"], v["pain_nprs"]) for v in p["visits"]] == [
        ("2024-09-09", 1, 5),
        ("2024-09-11", 2, 4),
        ("2024-09-13", 2, None),
    ]


def test_a_title_ending_with_the_note_name_far_into_its_line():
    p = _payload(
        "Bayside Children's Therapy Group -- Pediatric Physical Therapy Evaluation\nDate: 05/07/2024\nPain 2/10."
    )
    assert _visits(p) == [("2024-05-07", "evaluation", 1, 2, None)]


def test_a_missed_visit_line_is_not_a_note_heading():
    from extraction.fields import headings

    assert headings(PageText(1, "Missed PT visit on 10/3 due to illness.")) == []
    assert [h.kind for h in headings(PageText(1, "PT note"))] == ["treatment"]


# ---------------------------------------------------------------- prior episodes written other ways


def _episodes(p: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(e["start_date"], e["end_date"], e["visits"], e["discharge_function_pct"]) for e in p["prior_episodes"]]


def test_visit_counts_in_words_and_labels():
    from extraction.fields import visits_count

    assert visits_count("nine visits, d/c to HEP") == 9
    assert visits_count("visit count: 14") == 14
    assert visits_count("# of visits 6") == 6


def test_a_range_whose_start_leaves_the_year_to_its_end():
    from extraction.fields import date_ranges

    assert date_ranges("PT Feb 3 - Apr 1, 2023") == [("2023-02-03", "2023-04-01")]
    assert date_ranges("PT Nov 28 - Jan 20, 2024") == [("2023-11-28", "2024-01-20")]


def test_history_of_pt_with_a_year_shared_range_is_a_prior_episode():
    p = _payload("INITIAL EVALUATION\nDate: 09/09/2024\nHx of PT for this hip May 6 - Jul 1, 2024 (nine visits).\n")
    assert _episodes(p) == [("2024-05-06", "2024-07-01", 9, None)]


def test_an_earlier_episode_written_one_field_a_line():
    p = _payload(
        "INITIAL EVALUATION\nDate: 09/09/2024\n"
        "Previous episode of care\nStart: 02/05/2024\nEnd: 04/01/2024\nVisits: 10\n"
        "D/C status: goals partially met, function 65%\n\nPain 5/10. Reports 40% function."
    )
    assert _episodes(p) == [("2024-02-05", "2024-04-01", 10, 65)]
    assert _visits(p) == [("2024-09-09", "evaluation", 1, 5, 40)]


def test_a_split_plan_in_words_and_an_earlier_episodes_plan_is_not_the_request():
    p = _payload("EVALUATION 09/16/2024\nFrequency: twice weekly; Duration: 8 weeks")
    assert (p["request"]["frequency_per_week"], p["request"]["duration_weeks"]) == (2, 8)
    p = _payload(
        "EVALUATION 09/16/2024\nPlan: 2x/wk x 6 wks.\nPrevious episode was 3x/wk x 4 wks, discharged to HEP in May.\n"
    )
    assert (p["request"]["frequency_per_week"], p["request"]["duration_weeks"]) == (2, 6)


def test_a_100_point_vas_is_keyed_in_tenths_and_a_range_at_its_upper_bound():
    assert pain_in("VAS 70/100 on stairs", False) == 7
    assert pain_in("VAS (mm): 30", False) == 3
    assert pain_in("VAS 6/10", False) == 6
    assert pain_in("Pain 3-4/10 with sitting", False) == 4


def test_an_order_or_a_request_form_quotes_dates_but_has_no_visits():
    p = _payload(
        "Physical Therapy Order\nDate: 08/02/2024\nPT eval & treat, 2x/wk x 4 wks\nSigned: Dr. Orr",
        "OCT-01-2024 10:02  FROM: 555 000 1111   TO: UR   P.002/003\n"
        "AUTHORIZATION REQUEST\nLast visit date: 09/27/2024\nInitial evaluation date: 08/09/2024",
        "EVALUATION\nDate: 08/09/2024\nPain 6/10.",
    )
    assert [(v["date"], v["page"]) for v in p["visits"]] == [("2024-08-09", 3)]


def test_a_date_alone_under_its_visit_label_or_heading():
    p = _payload(
        "DAILY NOTES\n\nVisit #5\n04/08/2024\nS: neck 4/10.\n\nVisit #6\nTuesday, April 10, 2024\nS: neck 3/10.\n",
        "Progress Note\n\n04/22/2024\nPain 2/10.",
    )
    assert _visits(p) == [
        ("2024-04-08", "treatment", 1, 4, None),
        ("2024-04-10", "treatment", 1, 3, None),
        ("2024-04-22", "progress_note", 2, 2, None),
    ]


def test_a_date_label_with_its_kind_in_parentheses():
    p = _payload("Physical therapy\nDOS (Re-eval): 06/03/2024\nPain 3/10")
    assert [(v["date"], v["kind"]) for v in p["visits"]] == [("2024-06-03", "re_evaluation")]


def test_a_patients_rating_against_normal_and_a_sane_score_are_the_function():
    from extraction.fields import function_in

    assert function_in("Pt rates his knee at 65% of normal.") == 65
    assert function_in("SANE 45%") == 45
    assert function_in("Knee flexion 75% of normal.") is None
    assert function_in("Reports 30% better than at the evaluation.") is None


def test_a_letters_progress_visit_and_its_own_clinics_first_evaluation():
    p = _payload(
        "To whom it may concern:\n"
        "Ms. Dale was seen for her initial evaluation on March 4, 2024 with neck pain 7/10.\n"
        "At her progress visit on April 15, 2024, pain was 3/10.\n",
        "Dear Dr. Ames,\nI re-evaluated Mr. Roe today (05/06/2024). Pain 2/10.\n"
        "He was first evaluated here on 03/11/2024 when pain was 6/10.\n",
    )
    assert [(v["date"], v["kind"], v["page"], v["pain_nprs"]) for v in p["visits"]] == [
        ("2024-03-04", "evaluation", 1, 7),
        ("2024-03-11", "evaluation", 2, 6),
        ("2024-04-15", "progress_note", 1, 3),
        ("2024-05-06", "re_evaluation", 2, 2),
    ]


def test_odd_wordings_never_stop_the_extraction():
    texts = [
        "At his progress visit on 3/4 the pain was 5/10",
        "for a re-exam on",
        "Visit #\n\n03/04/2024",
        "DOS (): 1/1/2024",
        "Start: 02/30/2024\nEnd: 13/45/2024\nVisits: x",
        "Jan 32 - Feb 30, 2024",
        "Pain (): /10",
        "P: 99/10",
        "VAS (mm): 999",
        "2w99 3x0 weeks 0 visits over 0 weeks",
    ]
    for t in texts:
        to_payload(extract([PageText(1, t), PageText(2, "PROGRESS NOTE\n" + t)]))


def test_a_range_across_new_year_does_not_make_a_february_29_that_does_not_exist():
    from extraction.fields import date_ranges

    assert date_ranges("PT Feb 29 - Jan 10, 2024") == []
    assert date_ranges("PT Feb 29 - Mar 10, 2024") == [("2024-02-29", "2024-03-10")]


def test_a_birth_date_does_not_give_the_year_of_dates_written_without_one():
    p = _payload("DAILY NOTES   2024\nPatient: L. Cruz   DOB: 02/03/1961\n\n5/14  Treatment note\nPain 3/10.")
    assert [(v["date"], v["pain_nprs"]) for v in p["visits"]] == [("2024-05-14", 3)]
    p = _payload(
        "Clinic notes -- 2024\nPatient: L. Cruz   DOB: 02/03/1961", "Daily notes\n5/14  Treatment note\nPain 3/10."
    )
    assert [(v["date"], v["pain_nprs"]) for v in p["visits"]] == [("2024-05-14", 3)]
