"""The two seed cases through the pure engine: the decisions and rule ids the seeds require."""

from __future__ import annotations

from criteria.engine import ENGINE_VERSION, canonical_json, evaluate, input_hash, result_from_dict, result_to_dict
from reviews.facts import facts_from_case_dict
from tests.criteria.engine_fixtures import SNAPSHOT, seed_approve, seed_deny


def _run(data):
    return evaluate(facts_from_case_dict(data), SNAPSHOT)


def _data(result, rule):
    return dict(next(f for f in result.findings if f.rule == rule).data)


def test_seed_approve_is_approved_for_8_visits():
    r = _run(seed_approve())
    assert (r.decision, r.approved_visits, r.requested_visits) == ("approve", 8, 8)
    rules = {f.rule for f in r.findings}
    assert {"visits.within_benchmark", "continuation.progress", "advisory.manual_therapy_population"} <= rules
    assert not rules & {"clinical.red_flag", "service.experimental", "visits.benchmark_exceeded"}
    assert _data(r, "visits.within_benchmark") == {
        "cumulative": 14,
        "benchmark": 14,
        "prior": 0,
        "done": 6,
        "requested": 8,
        "remaining": 8,
    }
    assert [(line.code, line.decision, line.approved_visits) for line in r.lines] == [
        ("97110", "approve", 8),
        ("97140", "approve", 8),
        ("97164", "approve", 1),
    ]
    assert r.missing_documentation == ()
    assert "within the 14-visit benchmark for M25.552" in r.key_reason


def test_seed_approve_documentation_gaps_are_info_only():
    r = _run(seed_approve())
    docs = {f.rule: f.outcome for f in r.findings if f.rule.startswith("documentation.")}
    assert docs == {
        "documentation.outcome_measures_missing": "info",
        "documentation.objective_strength_missing": "info",
    }


def test_seed_approve_manual_therapy_cites_both_sides_as_supported():
    r = _run(seed_approve())
    f = next(f for f in r.findings if f.rule == "advisory.manual_therapy_population")
    assert f.outcome == "info" and dict(f.data)["population"] == "traumatic_irritable"
    assert {"acr-oa-2019/manual-therapy", "kemp-2020/manual-therapy"} <= set(f.citations)
    assert f.section == "services"


def test_seed_deny_is_denied_with_every_required_finding():
    r = _run(seed_deny())
    assert (r.decision, r.approved_visits) == ("deny", 0)
    rules = {f.rule for f in r.findings}
    assert {
        "visits.benchmark_exceeded",
        "visits.plan_exceeds_benchmark",
        "episode.gap_unexplained",
        "episode.no_baseline_comparison",
        "documentation.laterality_mismatch",
        "documentation.outcome_measures_missing",
        "documentation.objective_strength_missing",
        "documentation.exercise_parameters_missing",
        "advisory.alternative_diagnosis",
    } <= rules
    assert _data(r, "visits.benchmark_exceeded")["cumulative"] == 21
    assert _data(r, "visits.benchmark_exceeded")["benchmark"] == 14
    assert _data(r, "visits.plan_exceeds_benchmark")["plan_total"] == 36
    assert _data(r, "episode.gap_unexplained")["gap_days"] == 168
    assert "5-month gap" in next(f.text for f in r.findings if f.rule == "episode.gap_unexplained")
    assert "more than 2.5 times" in next(f.text for f in r.findings if f.rule == "visits.plan_exceeds_benchmark")
    assert all(line.decision == "deny" and line.approved_visits == 0 for line in r.lines)


def test_seed_deny_documentation_findings_are_concerns_with_evidence():
    r = _run(seed_deny())
    by_rule = {f.rule: f for f in r.findings}
    for rid in (
        "documentation.outcome_measures_missing",
        "documentation.objective_strength_missing",
        "documentation.exercise_parameters_missing",
        "documentation.laterality_mismatch",
    ):
        assert by_rule[rid].outcome == "concern"
    assert by_rule["documentation.laterality_mismatch"].evidence == (
        "visit 2025-08-25 (pg 2)",
        "visit 2025-08-28 (pg 6)",
        "visit 2025-08-29 (pg 8)",
    )
    assert "about 7 months" in by_rule["advisory.alternative_diagnosis"].text
    assert by_rule["advisory.alternative_diagnosis"].citations == ("acr-ac-hip-2016/imaging",)


def test_seed_deny_missing_documentation_follows_the_seed_letter():
    r = _run(seed_deny())
    items = r.missing_documentation
    assert items[0].startswith("validated outcome measures") and "prior episode (18 visits" in items[0]
    assert "5-month (168-day) gap" in items[1]
    assert "alternative diagnoses" in items[2] and "imaging" in items[2]
    assert "load, sets, repetitions, rest" in items[3]
    assert "exceeding the 14-visit benchmark" in r.key_reason


def test_result_carries_versions_and_hash_and_round_trips():
    facts = facts_from_case_dict(seed_deny())
    r = evaluate(facts, SNAPSHOT)
    assert r.engine_version == ENGINE_VERSION
    assert r.input_hash == input_hash(facts, SNAPSHOT) and len(r.input_hash) == 64
    assert r.criteria_version_id == 3 and r.criteria_version_label.startswith("Outpatient PT criteria v3")
    assert result_from_dict(result_to_dict(r)) == r
    assert canonical_json(result_to_dict(evaluate(facts, SNAPSHOT))) == canonical_json(result_to_dict(r))


def test_every_finding_has_a_letter_section():
    from criteria.engine.types import SECTIONS

    keys = {k for k, _ in SECTIONS}
    for data in (seed_approve(), seed_deny()):
        for f in _run(data).findings:
            assert f.section in keys, f.rule
