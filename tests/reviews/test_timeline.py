from __future__ import annotations

from datetime import date

import pytest

from criteria.engine import figures
from criteria.engine.analysis import match_benchmark
from reviews.facts import facts_from_case_dict
from reviews.timeline import EpisodeIn, TimelineInput, VisitIn, build_timeline, gap_label, timeline_for_case
from tests.criteria.engine_fixtures import SNAPSHOT, seed_approve, seed_deny

from .factories import add_recommendation, make_approve_seed_case, make_deny_seed_case


def timeline_input(data, criteria=SNAPSHOT) -> TimelineInput:
    """What timeline_for_case builds, from a ur-case/1 dict: the engine's figures plus what to draw."""
    facts = facts_from_case_dict(data)
    return TimelineInput(
        figures=figures(facts, criteria),
        visits=tuple(VisitIn(v.date, v.kind, v.pain_nprs, v.function_pct, v.page) for v in facts.visits),
        prior_episodes=tuple(
            EpisodeIn(p.start_date, p.end_date, p.visits, p.discharge_function_pct) for p in facts.prior_episodes
        ),
        benchmark_source="criteria" if criteria is not None else "",
    )


def test_gap_label_in_plain_words():
    assert gap_label(date(2025, 3, 10), date(2025, 8, 25)) == "5-month gap"
    assert gap_label(date(2025, 3, 10), date(2025, 4, 9)) == "4-week gap"
    assert gap_label(date(2025, 3, 1), date(2025, 3, 22)) == "3-week gap"
    assert gap_label(date(2025, 3, 1), date(2025, 3, 10)) == "9-day gap"


def test_build_timeline_deny_seed_counts_21_vs_14_and_a_5_month_gap():
    tl = build_timeline(timeline_input(seed_deny()))
    assert (tl.prior_visits, tl.done_visits, tl.total, tl.drawn_total) == (18, 0, 21, 21)
    assert tl.headline == "21 visits vs 14"
    assert tl.exceeded and tl.over_by == 7
    [gap] = tl.long_gaps
    assert (gap.start_date, gap.end_date, gap.days, gap.label) == (
        date(2025, 3, 10),
        date(2025, 8, 25),
        168,
        "5-month gap",
    )
    assert gap.over_limit and not gap.explained
    assert gap.x1 < gap.x2
    # The line ends at 21, above the benchmark line (smaller y is higher on screen).
    assert tl.benchmark_y is not None and tl.end_y < tl.benchmark_y
    assert [s.style for s in tl.segments].count("estimated") == 1
    assert len(tl.visit_markers) == 3
    assert [p.value for p in tl.pain_points] == [5]
    assert [p.value for p in tl.function_points] == [30]
    assert "5-month gap (168 days)" in tl.summary
    assert tl.planned_total == 36


def test_build_timeline_approve_seed_is_at_not_over_the_benchmark():
    tl = build_timeline(timeline_input(seed_approve()))
    assert (tl.prior_visits, tl.done_visits, tl.total, tl.drawn_total) == (0, 6, 14, 14)
    assert not tl.exceeded and tl.headline == "14 visits vs 14"
    assert tl.long_gaps == []
    assert tl.segments[-1].style == "projected"  # 8 requested visits not yet documented
    assert tl.end_y == tl.benchmark_y


def test_build_timeline_prior_episode_outside_lookback_is_drawn_but_not_counted():
    data = seed_deny()
    data["visits"] = []
    data["prior_episodes"] = [
        {"start_date": "2023-01-01", "end_date": "2023-02-01", "visits": 12},
        {"start_date": "2025-05-01", "end_date": "2025-06-01", "visits": 6},
    ]
    tl = build_timeline(timeline_input(data, criteria=None))
    assert tl.prior_visits == 6 and tl.total == tl.drawn_total == 9
    assert [e.counted for e in tl.episodes] == [False, True]
    assert "outside look-back" in tl.episodes[0].label
    assert tl.headline == "9 visits" and tl.benchmark_y is None and tl.benchmark_source == ""
    # Feb 2023 -> May 2025 and Jun 1 -> Aug 25 (85 days) both exceed the 60-day limit.
    assert [(g.label, g.days) for g in tl.long_gaps] == [("27-month gap", 820), ("2-month gap", 85)]


def test_build_timeline_restarted_count_draws_the_prior_episode_uncounted():
    data = seed_deny()
    data["clinical"].update(onset="traumatic", onset_date="2025-08-01")
    tl = build_timeline(timeline_input(data))
    assert (tl.prior_visits, tl.total, tl.drawn_total, tl.headline) == (0, 3, 3, "3 visits vs 14")
    [episode] = tl.episodes
    assert not episode.counted and "count restarted: a new onset" in episode.label
    assert [s.style for s in tl.segments].count("estimated") == 0
    assert "18 prior visits no longer count" in tl.summary


def test_timeline_uses_the_engines_benchmark_match():
    class BM:
        def __init__(self, scope, visits):
            self.icd_scope, self.visits = scope, visits

    general, hip, exact = BM(("M25*",), 10), BM(("M25.55*",), 12), BM(("M25.552",), 14)
    assert match_benchmark("M25.552", (general, hip, exact)) is exact  # type: ignore[comparison-overlap]
    assert match_benchmark("M25.551", (general, hip)) is hip  # type: ignore[comparison-overlap]
    assert match_benchmark("M16.11", (general,)) is None


@pytest.mark.django_db
def test_timeline_for_case_uses_the_latest_recommendation_benchmark(reviewer):
    case = make_deny_seed_case(assigned_reviewer=reviewer)
    tl = timeline_for_case(case)
    assert tl.total == 21 and tl.prior_visits == 18
    assert tl.planned_total == 36  # 18 prior + 3 x 6 planned: "2.5 times" the benchmark
    assert tl.benchmark is None and tl.benchmark_source == ""  # no criteria in effect yet
    rec = add_recommendation(case, benchmark=14)  # loads the starter criteria
    del case._ur_criteria_snapshot  # type: ignore[attr-defined]  # a new request would look the criteria up afresh
    tl = timeline_for_case(case)
    assert tl.benchmark == 14 and tl.benchmark_source == "recommendation"
    assert tl.headline == "21 visits vs 14"
    # Once the record changes, the stored recommendation is for other inputs: the engine counts afresh.
    case.prior_episodes.update(visits=10)
    tl = timeline_for_case(case)
    assert (tl.total, tl.benchmark, tl.benchmark_source) == (13, 14, "criteria")
    assert rec.engine_result.figures.cumulative == 21


@pytest.mark.django_db
def test_timeline_for_case_approve_seed(reviewer):
    tl = timeline_for_case(make_approve_seed_case(assigned_reviewer=reviewer))
    assert tl.total == 14 and tl.done_visits == 6
    assert [p.value for p in tl.function_points] == [35, 55, 55]
