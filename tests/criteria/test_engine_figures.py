"""The result's typed figures block: what the engine counted, round-tripped, tolerant of older results."""

from __future__ import annotations

import dataclasses
from datetime import date

from criteria.engine import canonical_json, evaluate, figures, input_hash, result_from_dict, result_to_dict
from criteria.engine.types import EpisodeSpan
from reviews.facts import facts_from_case_dict
from tests.criteria.engine_fixtures import SNAPSHOT, seed_approve, seed_deny
from tests.seeds import variant

PRIOR = EpisodeSpan(date(2025, 1, 23), date(2025, 3, 10), 18)


def test_deny_seed_figures_are_the_counts_of_the_visits_finding():
    r = evaluate(facts_from_case_dict(seed_deny()), SNAPSHOT)
    fig = r.figures
    assert fig is not None
    data = dict(next(f for f in r.findings if f.rule == "visits.benchmark_exceeded").data)
    assert (fig.prior_visits, fig.done, fig.requested, fig.cumulative, fig.remaining) == (
        data["prior"],
        data["done"],
        data["requested"],
        data["cumulative"],
        data["remaining"],
    )
    assert (fig.cumulative, fig.benchmark_visits, fig.beyond_benchmark) == (21, 14, True)
    assert fig.benchmark_label == "Hip pain" and fig.primary_code == "M25.552"
    assert (fig.plan_visits, fig.plan_desc, fig.planned_total) == (18, "3x/week for 6 weeks", 36)
    assert (fig.gap_days, fig.gap_months, fig.gap_days_limit, fig.gap_unexplained) == (168, 5, 60, True)
    assert (fig.lookback_months, fig.lookback_start) == (12, date(2024, 8, 25))
    assert fig.counted_prior_episodes == fig.prior_episodes_in_lookback == (PRIOR,)
    assert fig.restart_reason is None and fig.dropped_visits == 0
    assert fig.episode_start == date(2025, 8, 25) and fig.done_visit_dates == ()
    assert fig.required_denial_credential == "physical_therapist"


def test_approve_seed_figures():
    fig = evaluate(facts_from_case_dict(seed_approve()), SNAPSHOT).figures
    assert fig is not None
    assert (fig.prior_visits, fig.done, fig.requested, fig.cumulative, fig.benchmark_visits) == (0, 6, 8, 14, 14)
    assert len(fig.done_visit_dates) == 6 and not fig.beyond_benchmark


def test_new_onset_restart_drops_the_prior_episode_from_the_count():
    data = variant(seed_deny(), **{"clinical.onset": "traumatic", "clinical.onset_date": "2025-08-01"})
    fig = evaluate(facts_from_case_dict(data), SNAPSHOT).figures
    assert fig is not None
    assert (fig.restart_reason, fig.cumulative, fig.prior_visits, fig.dropped_visits) == ("new_onset", 3, 0, 18)
    assert fig.prior_episodes_in_lookback == (PRIOR,) and fig.counted_prior_episodes == ()


def test_decline_restart():
    data = seed_deny()
    data["prior_episodes"][0]["discharge_function_pct"] = 70
    fig = evaluate(facts_from_case_dict(data), SNAPSHOT).figures
    assert fig is not None and (fig.restart_reason, fig.cumulative) == ("decline", 3)


def test_figures_alone_equal_the_results_figures():
    facts = facts_from_case_dict(seed_deny())
    assert figures(facts, SNAPSHOT) == evaluate(facts, SNAPSHOT).figures
    assert figures(facts, None).benchmark_visits is None


def test_data_values_are_typed_and_the_result_round_trips_through_json():
    r = evaluate(facts_from_case_dict(seed_deny()), SNAPSHOT)
    for f in r.findings:
        for _, v in f.data:
            assert v is None or isinstance(v, (int, float, bool, str))
    gap = dict(next(f for f in r.findings if f.rule == "episode.gap_unexplained").data)
    assert gap["gap_days"] == 168 and gap["prior_end"] == "2025-03-10"
    ext = dict(next(f for f in r.findings if f.rule == "extension.criteria").data)
    assert ext["mcid"] is False and ext["gap_explained"] is False
    import json

    stored = json.loads(canonical_json(result_to_dict(r)))  # what jsonb gives back
    assert result_from_dict(stored) == r
    assert canonical_json(result_to_dict(result_from_dict(stored))) == canonical_json(result_to_dict(r))


def test_input_hash_is_over_facts_criteria_and_version_only():
    facts = facts_from_case_dict(seed_deny())
    r1, r2 = evaluate(facts, SNAPSHOT), evaluate(facts_from_case_dict(seed_deny()), SNAPSHOT)
    assert r1.input_hash == r2.input_hash == input_hash(facts, SNAPSHOT)
    assert canonical_json(result_to_dict(r1)) == canonical_json(result_to_dict(r2))


def test_a_result_stored_by_an_older_engine_reads_with_no_figures():
    r = evaluate(facts_from_case_dict(seed_deny()), SNAPSHOT)
    old = result_to_dict(dataclasses.replace(r, engine_version="1.0.1"))
    del old["figures"]
    for f in old["findings"]:
        f["data"] = [[k, "" if v is None else str(v)] for k, v in f["data"]]  # 1.0.x stored strings
    back = result_from_dict(old)
    assert back.figures is None and back.decision == r.decision and back.engine_version == "1.0.1"
    assert dict(next(f for f in back.findings if f.rule == "visits.benchmark_exceeded").data)["cumulative"] == "21"
    # A malformed figures block reads as missing, not as an error.
    assert result_from_dict({**old, "figures": {"cumulative": 3}}).figures is None
