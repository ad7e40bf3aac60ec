"""The typed figures block of a result: what the engine counted, from its Analysis (pure)."""

from __future__ import annotations

from .analysis import Analysis, add_months, full_months_between
from .types import EpisodeSpan, Figures, PriorEpisode


def _span(p: PriorEpisode) -> EpisodeSpan:
    return EpisodeSpan(start_date=p.start_date, end_date=p.end_date, visits=p.visits)


def figures_of(a: Analysis) -> Figures:
    """Every count and date a screen or letter prints, as the rules used them."""
    req = a.facts.request
    bench = a.benchmark
    latest = a.latest_prior
    doc = a.facts.documentation
    return Figures(
        primary_code=a.primary.code,
        request_start=req.start_date,
        request_end=req.end_date,
        requested=a.requested,
        prior_visits=a.prior_visits,
        done=a.done,
        cumulative=a.cumulative,
        remaining=a.remaining,
        beyond_benchmark=a.beyond,
        episode_start=a.episode_start,
        lookback_months=a.policy.lookback_months,
        lookback_start=add_months(req.start_date, -a.policy.lookback_months),
        gap_days_limit=a.policy.episode_gap_days,
        required_denial_credential=a.policy.denial_credential,
        benchmark_visits=bench.visits if bench is not None else None,
        benchmark_label=bench.label if bench is not None else "",
        benchmark_source=bench.source if bench is not None else "",
        benchmark_licence=bench.licence if bench is not None else "",
        benchmark_verification=bench.verification if bench is not None else "",
        plan_visits=a.plan_visits,
        plan_desc=a.plan_desc,
        planned_total=a.plan_total,
        gap_days=a.gap_days,
        gap_months=full_months_between(latest.end_date, a.episode_start) if latest is not None else None,
        gap_explained=bool((doc.gap_explanation or "").strip()),
        gap_unexplained=a.gap_unexplained,
        latest_prior_end=latest.end_date if latest is not None else None,
        restart_reason=a.restart_reason,
        dropped_visits=sum(p.visits for p in a.priors_in_lookback) - a.prior_visits,
        baseline_function_pct=a.baseline_function,
        prior_episodes_in_lookback=tuple(_span(p) for p in a.priors_in_lookback),
        counted_prior_episodes=tuple(_span(p) for p in a.counted_priors),
        done_visit_dates=tuple(v.date for v in a.done_visits),
    )
