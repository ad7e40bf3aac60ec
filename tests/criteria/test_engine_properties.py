"""Property-based tests of the decision policy (hypothesis): determinism and the safety invariants."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from criteria.engine import canonical_json, evaluate, input_hash, result_to_dict
from criteria.engine.analysis import analyse
from criteria.engine.types import CaseFacts, Goals, OutcomeMeasureScore, PriorEpisode, Visit
from reviews.facts import facts_from_case_dict
from tests.criteria.engine_fixtures import SNAPSHOT, seed_approve

BASE: CaseFacts = facts_from_case_dict(seed_approve())
START = BASE.request.start_date
SERVICE_CODES = ["97110", "97140", "97164", "97162", "0552T", "97010", "99999"]

priors = st.lists(
    st.builds(
        lambda end_offset, length, visits, dc: PriorEpisode(
            start_date=START - timedelta(days=end_offset + length),
            end_date=START - timedelta(days=end_offset),
            visits=visits,
            discharge_function_pct=dc,
        ),
        st.integers(1, 500),
        st.integers(0, 120),
        st.integers(0, 30),
        st.none() | st.integers(0, 100),
    ),
    max_size=3,
)
visits = st.lists(
    st.builds(
        lambda offset, fn, side, page: Visit(
            date=START + timedelta(days=offset), kind="treatment", function_pct=fn, side_documented=side, page=page
        ),
        st.integers(-60, 20),
        st.none() | st.integers(0, 100),
        st.sampled_from([None, "left", "right"]),
        st.none() | st.integers(1, 40),
    ),
    max_size=12,
)
measures = st.lists(
    st.builds(
        lambda name, offset, score: OutcomeMeasureScore(name, START - timedelta(days=offset), score),
        st.sampled_from(["HOOS", "LEFS", "ODI", "custom"]),
        st.integers(0, 90),
        st.integers(0, 80).map(float),
    ),
    max_size=4,
)


@st.composite
def case_facts(draw: st.DrawFn) -> CaseFacts:
    doc = replace(
        BASE.documentation,
        objective_impairments=BASE.documentation.objective_impairments if draw(st.booleans()) else (),
        goals=draw(st.none() | st.builds(Goals, st.integers(0, 3), st.just(3), st.integers(0, 2), st.just(2))),
        participation=draw(st.none() | st.booleans()),
        adherence=draw(st.none() | st.booleans()),
        reported_improvement_pct=draw(st.none() | st.integers(0, 100)),
        outcome_measures=tuple(draw(measures)),
        strength_measured_objectively=draw(st.none() | st.booleans()),
        exercise_parameters_documented=draw(st.none() | st.booleans()),
        gap_explanation=draw(st.sampled_from([None, "moved away"])),
    )
    services = tuple(draw(st.lists(st.sampled_from(SERVICE_CODES), min_size=1, max_size=4, unique=True)))
    request = replace(
        BASE.request,
        services=services,
        visits=draw(st.integers(1, 30)),
        planned_frequency_per_week=draw(st.none() | st.integers(1, 5)),
        planned_duration_weeks=draw(st.none() | st.integers(1, 12)),
    )
    clinical = replace(
        BASE.clinical,
        onset=draw(st.sampled_from(["traumatic", "gradual", "post_operative", "unknown"])),
        onset_date=draw(st.none() | st.integers(0, 600).map(lambda d: START - timedelta(days=d))),
        irritability=draw(st.sampled_from([None, "low", "moderate", "high"])),
        red_flags=tuple(draw(st.lists(st.sampled_from(["suspected_fracture", "night_pain"]), max_size=2))),
    )
    return replace(
        BASE,
        member_birth_date=date(draw(st.integers(1930, 2005)), 6, 15),
        diagnoses=(replace(BASE.diagnoses[0], code=draw(st.sampled_from(["M25.552", "M25.551", "M16.12", "M54.50"]))),),
        request=request,
        clinical=clinical,
        prior_episodes=tuple(draw(priors)),
        visits=tuple(draw(visits)),
        documentation=doc,
    )


PROFILE = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROFILE
@given(case_facts(), st.booleans())
def test_same_inputs_give_the_same_bytes(facts, with_criteria):
    criteria = SNAPSHOT if with_criteria else None
    first, second = evaluate(facts, criteria), evaluate(replace(facts), criteria)
    assert canonical_json(result_to_dict(first)) == canonical_json(result_to_dict(second))
    assert first.input_hash == input_hash(facts, criteria)


@PROFILE
@given(case_facts())
def test_a_red_flag_never_yields_approve(facts):
    if not facts.clinical.red_flags:
        facts = replace(facts, clinical=replace(facts.clinical, red_flags=("suspected_fracture",)))
    r = evaluate(facts, SNAPSHOT)
    assert r.decision not in ("approve", "partial")
    assert any(f.rule == "clinical.red_flag" for f in r.findings)


@PROFILE
@given(case_facts())
def test_no_criteria_never_yields_deny(facts):
    r = evaluate(facts, None)
    assert r.decision == "pend" and r.approved_visits == 0
    uncovered = replace(facts, diagnoses=(replace(facts.diagnoses[0], code="M54.50"),))
    assert evaluate(uncovered, SNAPSHOT).decision == "pend"


@PROFILE
@given(case_facts(), st.integers(1, 40))
def test_more_visits_never_raise_the_approved_share_past_the_benchmark(facts, extra):
    a = analyse(facts, SNAPSHOT)
    r = evaluate(facts, SNAPSHOT)
    assert 0 <= r.approved_visits <= r.requested_visits
    if a.benchmark is not None and not a.extension_met:
        # Without the extension criteria nothing past the benchmark is ever approved.
        assert r.approved_visits == 0 or a.prior_visits + a.done + r.approved_visits <= a.benchmark.visits
    more = replace(facts, request=replace(facts.request, visits=facts.request.visits + extra))
    r_more = evaluate(more, SNAPSHOT)
    assert r_more.approved_visits / r_more.requested_visits <= r.approved_visits / r.requested_visits + 1e-9 or (
        analyse(more, SNAPSHOT).extension_met
    )


@PROFILE
@given(case_facts())
def test_lines_agree_with_the_decision(facts):
    r = evaluate(facts, SNAPSHOT)
    for line in r.lines:
        assert line.approved_visits <= r.approved_visits
        if r.decision in ("deny", "pend"):
            assert line.approved_visits == 0
    if r.decision == "approve":
        assert r.approved_visits == r.requested_visits
