"""One or more unit tests per rule (pure engine, hand-built criteria snapshot)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from criteria.engine import all_rule_ids, evaluate
from criteria.engine.analysis import add_months, age_on, code_laterality, full_months_between, match_benchmark
from criteria.engine.types import Diagnosis, PolicyParams
from reviews.facts import FactsError, facts_from_case_dict
from tests.criteria.engine_fixtures import BENCHMARKS, SNAPSHOT, make_snapshot, seed_approve, seed_deny
from tests.seeds import variant


def run(data, criteria=SNAPSHOT):
    return evaluate(facts_from_case_dict(data), criteria)


def fired(result, rule):
    return [f for f in result.findings if f.rule == rule]


def one(result, rule):
    found = fired(result, rule)
    assert len(found) == 1, (rule, [f.rule for f in result.findings])
    return found[0]


MEASURES_IMPROVING = [
    {"name": "HOOS", "date": "2025-08-04", "score": 40},
    {"name": "hoos adl", "date": "2025-08-25", "score": 52},
]


def beyond_benchmark_case(**changes):
    """SEED-0001 with 10 prior visits: 10 + 6 + 8 = 24 > 14, 0 left under the benchmark."""
    data = variant(
        seed_approve(),
        prior_episodes=[
            {
                "start_date": "2025-05-01",
                "end_date": "2025-06-20",
                "visits": 10,
                "discharge_function_pct": 30,
                "discharge_note": "discharged",
            }
        ],
        **{"clinical.onset_date": "2025-04-01"},
    )
    return variant(data, **changes)


# ---------------------------------------------------------------- helpers


def test_helpers_dates_and_ages():
    assert add_months(date(2025, 3, 31), -1) == date(2025, 2, 28)
    assert add_months(date(2025, 8, 25), -12) == date(2024, 8, 25)
    assert full_months_between(date(2025, 3, 10), date(2025, 8, 25)) == 5
    assert full_months_between(date(2025, 1, 23), date(2025, 8, 29)) == 7
    assert full_months_between(date(2025, 8, 29), date(2025, 1, 23)) == 0
    assert age_on(date(1963, 2, 9), date(2025, 8, 25)) == 62
    assert age_on(date(1963, 8, 26), date(2025, 8, 25)) == 61


@pytest.mark.parametrize(
    ("code", "description", "side"),
    [
        ("M25.552", "", "left"),
        ("M25.551", "", "right"),
        ("M25.553", "", "bilateral"),
        ("M25.559", "", None),
        ("M16.12", "", "left"),
        ("M16.11", "", "right"),
        ("M16.0", "", "bilateral"),
        ("M17.0", "", "bilateral"),
        ("M54.50", "", None),
        ("M48.061", "Spinal stenosis, lumbar region without neurogenic claudication", None),  # spine: no side
        ("M47.812", "", None),
        ("M50.121", "", None),
        ("S73.101A", "", None),
        ("M79.604", "Pain in right leg", "right"),
        ("M25.559", "Pain in left hip", "left"),
    ],
)
def test_code_laterality(code, description, side):
    assert code_laterality(Diagnosis(code, True, description)) == side


def test_benchmark_match_prefers_exact_then_longest_prefix():
    assert match_benchmark("M25.552", BENCHMARKS).visits == 14
    assert match_benchmark("M25.562", BENCHMARKS).visits == 10  # exact beats M25.56*
    assert match_benchmark("M25.561", BENCHMARKS).visits == 16
    assert match_benchmark("M16.12", BENCHMARKS).visits == 12
    assert match_benchmark("M54.50", BENCHMARKS) is None


def test_rule_ids_are_unique_and_include_the_design_contract():
    ids = all_rule_ids()
    assert len(ids) == len(set(ids))
    for rid in (
        "criteria.not_covered",
        "service.experimental",
        "service.unknown",
        "clinical.red_flag",
        "visits.within_benchmark",
        "visits.benchmark_exceeded",
        "visits.plan_exceeds_benchmark",
        "continuation.progress",
        "initial.deficits",
        "extension.outcome_measure_mcid",
        "episode.gap_unexplained",
        "episode.no_baseline_comparison",
        "documentation.laterality_mismatch",
        "documentation.outcome_measures_missing",
        "documentation.objective_strength_missing",
        "documentation.exercise_parameters_missing",
        "advisory.alternative_diagnosis",
        "advisory.manual_therapy_population",
        "advisory.oa_workup",
    ):
        assert rid in ids


# ---------------------------------------------------------------- coverage and services


def test_criteria_not_covered_without_criteria_pends():
    r = run(seed_deny(), criteria=None)
    assert (r.decision, r.approved_visits) == ("pend", 0)
    assert [f.rule for f in r.findings] == ["criteria.not_covered"]
    assert r.criteria_version_id is None and "No published criteria cover M25.552" in r.key_reason
    assert {line.decision for line in r.lines} == {"pend"}


def test_criteria_not_covered_without_benchmark_for_the_diagnosis_pends():
    r = run(variant(seed_approve(), diagnoses=[{"code": "M54.50", "primary": True}]))
    assert r.decision == "pend"
    assert one(r, "criteria.not_covered").outcome == "not_met"
    assert not fired(r, "visits.within_benchmark")


def test_service_experimental_denies_that_line_only():
    data = variant(seed_approve(), **{"request.services": [{"code": "97110"}, {"code": "0552T"}]})
    r = run(data)
    f = one(r, "service.experimental")
    assert f.outcome == "not_met" and f.section == "experimental" and "ibx-laser/experimental" in f.citations
    lines = {line.code: line for line in r.lines}
    assert lines["0552T"].decision == "deny" and lines["0552T"].approved_visits == 0
    assert lines["97110"].decision == "approve" and lines["97110"].approved_visits == 8
    assert r.decision == "partial"


def test_service_not_covered_line_denied_and_all_denied_is_deny():
    r = run(variant(seed_approve(), **{"request.services": [{"code": "97010"}]}))
    assert one(r, "service.not_covered").outcome == "not_met"
    assert (r.decision, r.approved_visits) == ("deny", 0)


def test_service_unknown_pends_the_whole_request():
    r = run(variant(seed_approve(), **{"request.services": [{"code": "97110"}, {"code": "99999"}]}))
    assert one(r, "service.unknown").outcome == "concern"
    assert r.decision == "pend" and r.approved_visits == 0
    assert {line.code: line.decision for line in r.lines}["99999"] == "pend"


def test_service_established_cites_the_catalogue():
    r = run(seed_approve())
    cites = {dict(f.data)["code"]: f.citations for f in fired(r, "service.established")}
    assert cites["97110"] == ("acr-oa-2019/exercise", "kemp-2020/exercise")


def test_red_flag_pends_and_is_labelled():
    r = run(variant(seed_approve(), **{"clinical.red_flags": ["suspected_fracture"]}))
    f = one(r, "clinical.red_flag")
    assert "Suspected fracture" in f.text
    assert f.citations == ("finucane-2020/red-flags", "nhs-glos/hip-red-flags")
    assert r.decision == "pend" and "red flag" in r.key_reason


# ---------------------------------------------------------------- initial / continuation


def test_initial_deficits_met_and_not_met():
    assert one(run(seed_approve()), "initial.deficits").outcome == "met"
    f = one(run(seed_deny()), "initial.deficits")
    assert f.outcome == "not_met" and "objective impairments" in f.text and f.evidence == ("pg 2",)


def test_continuation_progress_met_with_pages():
    f = one(run(seed_approve()), "continuation.progress")
    assert f.outcome == "met" and f.evidence == ("pg 15", "pg 16")


def test_continuation_not_met_when_goals_all_met():
    data = variant(
        seed_approve(),
        **{
            "documentation.goals": {
                "short_term_met": 3,
                "short_term_total": 3,
                "long_term_met": 2,
                "long_term_total": 2,
            }
        },
    )
    f = one(run(data), "continuation.progress")
    assert f.outcome == "not_met" and "goals that remain to be met" in f.text


def test_continuation_not_met_names_each_missing_item_in_a_sentence():
    data = variant(seed_approve(), **{"documentation.participation": None, "documentation.adherence": None})
    f = one(run(data), "continuation.progress")
    assert f.text == (
        "Continuation criteria not met: the record does not show participation in the sessions "
        "and adherence to the home program."
    )


def test_within_benchmark_without_initial_or_continuation_is_denied():
    data = variant(seed_approve(), **{"documentation.objective_impairments": [], "documentation.adherence": None})
    r = run(data)
    assert (r.decision, r.approved_visits) == ("deny", 0)
    assert "functional deficits and objective impairments" in r.missing_documentation


# ---------------------------------------------------------------- visits


def test_within_benchmark_at_the_limit():
    f = one(run(seed_approve()), "visits.within_benchmark")
    assert f.outcome == "met" and dict(f.data)["cumulative"] == 14


def test_benchmark_exceeded_partial_up_to_the_benchmark():
    r = run(variant(seed_approve(), **{"request.visits": 12}))
    f = one(r, "visits.benchmark_exceeded")
    assert dict(f.data)["cumulative"] == 18 and dict(f.data)["remaining"] == 8
    assert (r.decision, r.approved_visits) == ("partial", 8)
    assert {line.decision for line in r.lines} == {"partial"}
    assert r.missing_documentation


def test_lookback_excludes_old_episodes():
    data = variant(
        seed_deny(), **{"prior_episodes.0.start_date": "2024-01-02", "prior_episodes.0.end_date": "2024-03-01"}
    )
    r = run(data)
    assert fired(r, "visits.within_benchmark")
    assert not fired(r, "episode.gap_unexplained") and not fired(r, "episode.no_baseline_comparison")


def test_new_onset_after_prior_episode_restarts_the_count():
    data = variant(seed_deny(), **{"clinical.onset_date": "2025-08-01", "clinical.onset": "traumatic"})
    r = run(data)
    assert dict(one(r, "visits.within_benchmark").data)["prior"] == 0
    assert dict(one(r, "episode.count_restarted").data) == {"reason": "new_onset", "dropped_visits": 18}
    assert not fired(r, "episode.gap_unexplained") and not fired(r, "episode.no_baseline_comparison")


def test_decline_from_discharge_status_restarts_the_count():
    data = variant(seed_deny())
    data["prior_episodes"][0]["discharge_function_pct"] = 70  # evaluation shows 30%
    r = run(data)
    assert dict(one(r, "episode.count_restarted").data)["reason"] == "decline"
    assert dict(one(r, "visits.within_benchmark").data)["cumulative"] == 3
    assert not fired(r, "episode.no_baseline_comparison")


def test_plan_exceeds_benchmark_uses_fallback_frequency_and_ratio():
    data = variant(seed_approve(), **{"request.frequency_per_week": 3, "request.duration_weeks": 4})
    f = one(run(data), "visits.plan_exceeds_benchmark")
    assert dict(f.data)["plan_total"] == 18
    assert not fired(run(seed_approve()), "visits.plan_exceeds_benchmark")
    lenient = make_snapshot(policy=PolicyParams(plan_advisory_ratio=1.5))
    assert not fired(run(data, lenient), "visits.plan_exceeds_benchmark")


def test_extension_mcid_met_approves_beyond_benchmark():
    data = beyond_benchmark_case(
        **{"documentation.outcome_measures": MEASURES_IMPROVING, "documentation.strength_measured_objectively": True}
    )
    r = run(data)
    f = one(r, "extension.outcome_measure_mcid")
    assert f.outcome == "met" and dict(f.data)["improvement"] == 12 and f.citations == ("cheng-2025/hoos",)
    assert one(r, "extension.criteria").outcome == "met"
    assert (r.decision, r.approved_visits) == ("approve", 8)


def test_extension_measure_scored_once_says_so_instead_of_a_change_to_itself():
    once = [{"name": "HOOS", "date": "2025-08-04", "score": 40}]
    f = one(run(beyond_benchmark_case(**{"documentation.outcome_measures": once})), "extension.outcome_measure_mcid")
    assert f.outcome == "not_met"
    assert "scored once (40 on 2025-08-04)" in f.text and "changed from" not in f.text


def test_extension_mcid_not_met_when_improvement_small_or_wrong_direction():
    small = [{"name": "HOOS", "date": "2025-08-04", "score": 40}, {"name": "HOOS", "date": "2025-08-25", "score": 45}]
    r = run(beyond_benchmark_case(**{"documentation.outcome_measures": small}))
    assert one(r, "extension.outcome_measure_mcid").outcome == "not_met"
    assert (r.decision, r.approved_visits) == ("deny", 0)
    odi = [{"name": "Oswestry", "date": "2025-08-04", "score": 40}, {"name": "ODI", "date": "2025-08-25", "score": 55}]
    r = run(beyond_benchmark_case(**{"documentation.outcome_measures": odi}))
    assert one(r, "extension.outcome_measure_mcid").outcome == "not_met"  # ODI: lower is better
    odi_better = [dict(odi[0]), dict(odi[1], score=25)]
    assert (
        one(
            run(beyond_benchmark_case(**{"documentation.outcome_measures": odi_better})),
            "extension.outcome_measure_mcid",
        ).outcome
        == "met"
    )


def test_extension_not_evaluated_within_benchmark():
    assert not fired(run(seed_approve()), "extension.outcome_measure_mcid")


# ---------------------------------------------------------------- episodes


def test_gap_unexplained_and_explained():
    f = one(run(seed_deny()), "episode.gap_unexplained")
    assert f.evidence == ("visit 2025-08-25 (pg 2)",) and dict(f.data)["gap_days"] == 168
    explained = variant(seed_deny(), **{"documentation.gap_explanation": "Moved out of state for 5 months."})
    assert not fired(run(explained), "episode.gap_unexplained")
    short = variant(seed_deny())
    short["prior_episodes"][0]["end_date"] = "2025-07-20"
    assert not fired(run(short), "episode.gap_unexplained")


def test_no_baseline_comparison_fires_only_without_discharge_status():
    assert one(run(seed_deny()), "episode.no_baseline_comparison").outcome == "concern"
    compared = variant(seed_deny())
    compared["prior_episodes"][0]["discharge_function_pct"] = 30  # stable, compared
    assert not fired(run(compared), "episode.no_baseline_comparison")


# ---------------------------------------------------------------- documentation


def test_laterality_mismatch_and_match():
    assert not fired(run(seed_approve()), "documentation.laterality_mismatch")
    right = variant(seed_deny(), diagnoses=[{"code": "M25.551", "primary": True}])
    assert not fired(run(right), "documentation.laterality_mismatch")
    bilateral = variant(seed_deny(), diagnoses=[{"code": "M25.553", "primary": True}])
    assert not fired(run(bilateral), "documentation.laterality_mismatch")
    assert fired(run(seed_deny()), "documentation.laterality_mismatch")
    # A spine code's 6th character is a level, not a side (M48.061 is not "right").
    spine = variant(seed_deny(), diagnoses=[{"code": "M48.061", "primary": True}])
    assert not fired(run(spine), "documentation.laterality_mismatch")


def test_outcome_measures_missing_counts_only_validated_measures():
    data = variant(
        seed_approve(),
        **{"documentation.outcome_measures": [{"name": "Patient satisfaction", "date": "2025-08-04", "score": 3}]},
    )
    f = one(run(data), "documentation.outcome_measures_missing")
    assert "Patient satisfaction" in f.text and f.outcome == "info"
    ok = variant(seed_approve(), **{"documentation.outcome_measures": MEASURES_IMPROVING})
    assert not fired(run(ok), "documentation.outcome_measures_missing")


def test_objective_strength_and_exercise_parameters():
    r = run(seed_approve())
    assert one(r, "documentation.objective_strength_missing").outcome == "info"
    assert not fired(r, "documentation.exercise_parameters_missing")
    data = variant(
        seed_approve(),
        **{"documentation.strength_measured_objectively": True, "documentation.exercise_parameters_documented": False},
    )
    r = run(data)
    assert not fired(r, "documentation.objective_strength_missing")
    assert one(r, "documentation.exercise_parameters_missing").outcome == "info"
    assert r.decision == "approve"


# ---------------------------------------------------------------- advisories


def test_alternative_diagnosis_needs_long_care_without_resolution():
    assert not fired(run(seed_approve()), "advisory.alternative_diagnosis")
    resolved = variant(
        seed_deny(),
        **{
            "documentation.goals": {
                "short_term_met": 2,
                "short_term_total": 2,
                "long_term_met": 1,
                "long_term_total": 1,
            }
        },
    )
    assert not fired(run(resolved), "advisory.alternative_diagnosis")


def test_oa_workup_for_older_adult_with_gradual_onset():
    f = one(run(seed_deny()), "advisory.oa_workup")
    assert f.outcome == "info" and "62-year-old" in f.text and f.section == "pitfalls"
    assert not fired(run(seed_approve()), "advisory.oa_workup")
    young = variant(seed_deny(), **{"member.birth_date": "1990-01-01"})
    assert not fired(run(young), "advisory.oa_workup")


def test_manual_therapy_population_differs_by_population():
    oa = one(run(seed_deny()), "advisory.manual_therapy_population")
    assert dict(oa.data)["population"] == "oa" and "conditionally recommends against" in oa.text
    assert {"acr-oa-2019/manual-therapy", "kemp-2020/manual-therapy"} <= set(oa.citations)
    mixed = variant(seed_approve(), **{"clinical.onset": "unknown", "clinical.irritability": "low"})
    assert dict(one(run(mixed), "advisory.manual_therapy_population").data)["population"] == "mixed"
    no_mt = variant(seed_approve(), **{"request.services": [{"code": "97110"}]})
    assert not fired(run(no_mt), "advisory.manual_therapy_population")


def test_advisories_never_change_the_decision():
    base = run(seed_approve())
    older = run(variant(seed_approve(), **{"member.birth_date": "1950-01-01", "clinical.onset": "gradual"}))
    assert fired(older, "advisory.oa_workup")
    assert (older.decision, older.approved_visits) == (base.decision, base.approved_visits)


# ---------------------------------------------------------------- facts


def test_facts_error_names_the_field():
    data = seed_approve()
    del data["request"]["start_date"]
    with pytest.raises(FactsError, match=r"request\.start_date"):
        facts_from_case_dict(data)
    bad = variant(seed_approve(), **{"visits.0.date": "yesterday"})
    with pytest.raises(FactsError, match=r"visits\[0\]\.date"):
        facts_from_case_dict(bad)


def test_facts_descriptions_feed_laterality():
    facts = facts_from_case_dict(
        variant(seed_deny(), diagnoses=[{"code": "M25.559", "primary": True}]),
        diagnosis_descriptions={"M25.559": "Pain in left hip"},
    )
    assert facts.primary_diagnosis.description == "Pain in left hip"
    r = evaluate(replace(facts), SNAPSHOT)
    assert fired(r, "documentation.laterality_mismatch")
