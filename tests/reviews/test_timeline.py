from __future__ import annotations

from datetime import date

import pytest

from reviews.timeline import (
    EpisodeIn,
    TimelineInput,
    VisitIn,
    build_timeline,
    gap_label,
    match_benchmark,
    months_between,
    timeline_for_case,
)

from .factories import add_recommendation, make_approve_seed_case, make_deny_seed_case

DENY_INPUT = TimelineInput(
    request_start=date(2025, 8, 25),
    request_end=date(2025, 8, 29),
    requested_visits=3,
    visits=(
        VisitIn(date(2025, 8, 25), "evaluation", 5, 30, 2),
        VisitIn(date(2025, 8, 28), "treatment", page=6),
        VisitIn(date(2025, 8, 29), "treatment", page=8),
    ),
    prior_episodes=(EpisodeIn(date(2025, 1, 23), date(2025, 3, 10), 18),),
    benchmark=14,
    gap_days_limit=60,
)


def test_months_between_and_gap_label_in_plain_words():
    assert months_between(date(2025, 3, 10), date(2025, 8, 25)) == 5
    assert months_between(date(2025, 3, 10), date(2025, 4, 9)) == 0
    assert gap_label(date(2025, 3, 10), date(2025, 8, 25)) == "5-month gap"
    assert gap_label(date(2025, 3, 1), date(2025, 3, 22)) == "3-week gap"
    assert gap_label(date(2025, 3, 1), date(2025, 3, 10)) == "9-day gap"


def test_build_timeline_deny_seed_counts_21_vs_14_and_a_5_month_gap():
    tl = build_timeline(DENY_INPUT)
    assert (tl.prior_visits, tl.done_visits, tl.total) == (18, 0, 21)
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


def test_build_timeline_approve_seed_is_at_not_over_the_benchmark():
    inp = TimelineInput(
        request_start=date(2025, 8, 27),
        request_end=date(2025, 9, 23),
        requested_visits=8,
        visits=tuple(VisitIn(date(2025, 8, d), "treatment") for d in (4, 7, 11, 14, 21, 25)),
        benchmark=14,
    )
    tl = build_timeline(inp)
    assert (tl.prior_visits, tl.done_visits, tl.total) == (0, 6, 14)
    assert not tl.exceeded and tl.headline == "14 visits vs 14"
    assert tl.long_gaps == []
    assert tl.segments[-1].style == "projected"  # 8 requested visits not yet documented
    assert tl.end_y == tl.benchmark_y


def test_build_timeline_prior_episode_outside_lookback_is_drawn_but_not_counted():
    inp = TimelineInput(
        request_start=date(2025, 8, 25),
        request_end=date(2025, 8, 29),
        requested_visits=3,
        prior_episodes=(
            EpisodeIn(date(2023, 1, 1), date(2023, 2, 1), 12),
            EpisodeIn(date(2025, 5, 1), date(2025, 6, 1), 6),
        ),
        benchmark=None,
    )
    tl = build_timeline(inp)
    assert tl.prior_visits == 6 and tl.total == 9
    assert [e.counted for e in tl.episodes] == [False, True]
    assert tl.headline == "9 visits" and tl.benchmark_y is None
    # Feb 2023 -> May 2025 and Jun 1 -> Aug 25 (85 days) both exceed the 60-day limit.
    assert [(g.label, g.days) for g in tl.long_gaps] == [("27-month gap", 820), ("2-month gap", 85)]


def test_timeline_uses_the_engines_benchmark_match():
    class BM:
        def __init__(self, scope, visits):
            self.icd_scope, self.visits = scope, visits

    general, hip, exact = BM(("M25*",), 10), BM(("M25.55*",), 12), BM(("M25.552",), 14)
    assert match_benchmark("M25.552", (general, hip, exact)) is exact
    assert match_benchmark("M25.551", (general, hip)) is hip
    assert match_benchmark("M16.11", (general,)) is None


@pytest.mark.django_db
def test_timeline_for_case_uses_the_latest_recommendation_benchmark(reviewer):
    case = make_deny_seed_case(assigned_reviewer=reviewer)
    tl = timeline_for_case(case)
    assert tl.total == 21 and tl.prior_visits == 18
    assert tl.planned_total == 36  # 18 prior + 3 x 6 planned: "2.5 times" the benchmark
    add_recommendation(case, benchmark=14)
    tl = timeline_for_case(case)
    assert tl.benchmark == 14 and tl.benchmark_source == "recommendation"
    assert tl.headline == "21 visits vs 14"


@pytest.mark.django_db
def test_timeline_for_case_approve_seed(reviewer):
    tl = timeline_for_case(make_approve_seed_case(assigned_reviewer=reviewer))
    assert tl.total == 14 and tl.done_visits == 6
    assert [p.value for p in tl.function_points] == [35, 55, 55]
