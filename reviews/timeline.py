"""The case timeline: every visit and prior episode on one time axis, the gaps between episodes,
pain and function where documented, and the cumulative visit count against the benchmark.

Two layers:
- `build_timeline(TimelineInput) -> Timeline` is pure (no Django, no database, no clock): it turns
  plain dates and numbers into the figures and SVG geometry the template draws.
- `timeline_for_case(case)` gathers those inputs from the database: visits, prior episodes, the
  request, and the benchmark (from the latest stored Recommendation, else from the criteria version
  in effect, else none: the chart then simply has no benchmark line).
"""

from __future__ import annotations

import calendar
import dataclasses
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from criteria.engine.analysis import match_benchmark

logger = logging.getLogger(__name__)

# Defaults when no criteria version is reachable (mirror criteria.engine.types.PolicyParams).
DEFAULT_GAP_DAYS = 60
DEFAULT_LOOKBACK_MONTHS = 12

# Drawing geometry (SVG user units; the SVG scales to its container width).
WIDTH = 1160
LEFT, RIGHT = 64, 150
TOP_Y, TOP_H = 34, 240  # cumulative panel
LANE_Y = TOP_Y + TOP_H + 34  # visit marker lane
LOW_Y, LOW_H = LANE_Y + 36, 104  # pain / function panel
HEIGHT = LOW_Y + LOW_H + 34
PLOT_W = WIDTH - LEFT - RIGHT

KIND_LABELS = {
    "evaluation": "Evaluation",
    "treatment": "Treatment",
    "progress_note": "Progress note",
    "re_evaluation": "Re-evaluation",
    "discharge": "Discharge",
}


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True)
class EpisodeIn:
    start_date: date
    end_date: date
    visits: int
    discharge_function_pct: int | None = None


@dataclass(frozen=True)
class VisitIn:
    date: date
    kind: str
    pain_nprs: int | None = None
    function_pct: int | None = None
    page: int | None = None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind.replace("_", " ").capitalize())


@dataclass(frozen=True)
class TimelineInput:
    request_start: date
    request_end: date
    requested_visits: int
    visits: tuple[VisitIn, ...] = ()
    prior_episodes: tuple[EpisodeIn, ...] = ()
    benchmark: int | None = None
    benchmark_label: str = ""  # e.g. "M25.552 · Hip pain"
    benchmark_source: str = ""  # "recommendation" | "criteria" | ""
    gap_days_limit: int = DEFAULT_GAP_DAYS
    lookback_months: int = DEFAULT_LOOKBACK_MONTHS
    gap_explained: bool = False
    planned_total: int | None = None  # prior + done + planned frequency x duration, when a plan is stated


# ---------------------------------------------------------------- outputs


@dataclass(frozen=True)
class Tick:
    pos: float
    label: str


@dataclass(frozen=True)
class EpisodeBox:
    x: float
    w: float
    start_date: date
    end_date: date
    visits: int
    counted: bool
    label: str
    label_x: float


@dataclass(frozen=True)
class Gap:
    start_date: date  # the day the earlier episode ended
    end_date: date  # the day the later one started
    days: int
    label: str  # "5-month gap"
    over_limit: bool
    explained: bool = False
    x1: float = 0.0
    x2: float = 0.0
    label_y: float = 0.0  # where the label sits: clear of the cumulative line across the gap

    @property
    def w(self) -> float:
        return self.x2 - self.x1

    @property
    def mid_x(self) -> float:
        return (self.x1 + self.x2) / 2


@dataclass(frozen=True)
class Segment:
    points: str  # SVG polyline points
    style: str  # documented | estimated | projected


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    kind: str
    title: str


@dataclass(frozen=True)
class ScorePoint:
    x: float
    y: float
    value: int
    title: str


@dataclass
class Timeline:
    width: int
    height: int
    start: date
    end: date
    prior_visits: int  # visits in prior episodes that count (within the lookback window)
    done_visits: int  # documented visits in this episode outside the requested window
    requested_visits: int
    total: int
    benchmark: int | None
    benchmark_label: str
    benchmark_source: str
    gap_days_limit: int
    lookback_months: int
    planned_total: int | None
    episodes: list[EpisodeBox] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    visit_markers: list[Marker] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    pain_points: list[ScorePoint] = field(default_factory=list)
    function_points: list[ScorePoint] = field(default_factory=list)
    benchmark_y: float | None = None
    over_zone_h: float = 0.0
    request_x: float = 0.0
    request_w: float = 0.0
    end_x: float = 0.0
    end_y: float = 0.0
    visits: tuple[VisitIn, ...] = ()
    geometry: dict[str, float] = field(default_factory=dict)

    @property
    def exceeded(self) -> bool:
        return self.benchmark is not None and self.total > self.benchmark

    @property
    def over_by(self) -> int:
        return max(0, self.total - self.benchmark) if self.benchmark is not None else 0

    @property
    def headline(self) -> str:
        """The headline figure: `21 visits vs 14`, or `21 visits` when no benchmark is known."""
        if self.benchmark is None:
            return f"{self.total} visits"
        return f"{self.total} visits vs {self.benchmark}"

    @property
    def long_gaps(self) -> list[Gap]:
        return [g for g in self.gaps if g.over_limit]

    @property
    def function_line(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.function_points)

    @property
    def pain_line(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.pain_points)

    @property
    def summary(self) -> str:
        """One sentence describing the chart (the SVG's accessible description)."""
        parts = [f"{self.headline}" + (" benchmark" if self.benchmark is not None else "") + "."]
        if self.prior_visits:
            parts.append(f"{self.prior_visits} visits in prior episodes.")
        parts.append(f"{self.requested_visits} visits requested.")
        for gap in self.gaps:
            if gap.over_limit:
                parts.append(
                    f"{gap.label} ({gap.days} days) from {gap.start_date:%Y-%m-%d} to {gap.end_date:%Y-%m-%d}."
                )
        return " ".join(parts)


# ---------------------------------------------------------------- pure helpers


def months_between(start: date, end: date) -> int:
    """Whole calendar months from `start` to `end` (Mar 10 -> Aug 25 is 5)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def gap_label(start: date, end: date) -> str:
    """Plain words for a gap: "5-month gap", "3-week gap", "9-day gap"."""
    months = months_between(start, end)
    if months >= 1:
        return f"{months}-month gap"
    days = (end - start).days
    if days >= 14:
        return f"{days // 7}-week gap"
    return f"{days}-day gap"


def _minus_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    m += 1
    day = min(d.day, calendar.monthrange(y, m)[1])
    return date(y, m, day)


def _nice_max(value: int) -> tuple[int, int]:
    """Axis maximum and tick step for a count axis."""
    value = max(value, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100):
        if value / step <= 6:
            top = -(-int(value * 1.12) // step) * step
            return max(top, step), step
    step = 10 ** len(str(value))
    return -(-value // step) * step, step


def count_visits(inp: TimelineInput) -> tuple[int, int, int]:
    """(prior visits that count, visits done outside the requested window, total).

    Cumulative = prior episodes ending within the lookback window before the request starts
    + visits done in this episode + the requested visits. Documented visits inside the requested
    window are the requested visits themselves (retrospective and concurrent reviews), not extra.
    """
    lookback_start = _minus_months(inp.request_start, inp.lookback_months)
    prior = sum(ep.visits for ep in inp.prior_episodes if ep.end_date >= lookback_start)
    inside = sum(1 for v in inp.visits if inp.request_start <= v.date <= inp.request_end)
    outside = len(inp.visits) - inside
    return prior, outside, prior + outside + max(inp.requested_visits, inside)


def build_timeline(inp: TimelineInput) -> Timeline:
    """The timeline's figures and SVG geometry, from plain inputs."""
    visits = tuple(sorted(inp.visits, key=lambda v: v.date))
    episodes = sorted(inp.prior_episodes, key=lambda e: e.start_date)
    lookback_start = _minus_months(inp.request_start, inp.lookback_months)
    prior, done, total = count_visits(inp)

    dates = [inp.request_start, inp.request_end, *(v.date for v in visits)]
    for ep in episodes:
        dates += [ep.start_date, ep.end_date]
    first, last = min(dates), max(dates)
    pad = max(4, (last - first).days // 30)
    start, end = first - timedelta(days=pad), last + timedelta(days=pad)
    span = max((end - start).days, 1)

    def x(d: date) -> float:
        return round(LEFT + PLOT_W * (d - start).days / span, 1)

    y_max, y_step = _nice_max(max(total, inp.benchmark or 0))

    def y(count: float) -> float:
        return round(TOP_Y + TOP_H - TOP_H * count / y_max, 1)

    tl = Timeline(
        width=WIDTH,
        height=HEIGHT,
        start=start,
        end=end,
        prior_visits=prior,
        done_visits=done,
        requested_visits=inp.requested_visits,
        total=total,
        benchmark=inp.benchmark,
        benchmark_label=inp.benchmark_label,
        benchmark_source=inp.benchmark_source,
        gap_days_limit=inp.gap_days_limit,
        lookback_months=inp.lookback_months,
        planned_total=inp.planned_total,
        visits=visits,
        geometry={
            "left": LEFT,
            "right": WIDTH - RIGHT,
            "plot_w": PLOT_W,
            "top_y": TOP_Y,
            "top_bottom": TOP_Y + TOP_H,
            "top_h": TOP_H,
            "lane_y": LANE_Y,
            "low_y": LOW_Y,
            "low_bottom": LOW_Y + LOW_H,
            "low_mid": LOW_Y + LOW_H / 2,
            "low_h": LOW_H,
            "axis_label_y": HEIGHT - 10,
            "end_label_x": WIDTH - RIGHT + 10,
        },
    )

    # Axes: a tick on the first of each month (every 3 months on long spans), counts every y_step.
    months = months_between(start, end) + 2
    every = 1 if months <= 14 else 3 if months <= 40 else 12
    d = date(start.year, start.month, 1)
    while d <= end:
        if d >= start and (d.month - 1) % every == 0:
            label = f"{d:%b %Y}" if d.month == 1 or not tl.x_ticks else f"{d:%b}"
            tl.x_ticks.append(Tick(x(d), label))
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    tl.y_ticks = [Tick(y(v), str(v)) for v in range(0, y_max + 1, y_step)]

    # Episode boxes and the requested window.
    for ep in episodes:
        counted = ep.end_date >= lookback_start
        x1, x2 = x(ep.start_date), x(ep.end_date)
        label = f"Prior episode · {ep.visits} visits" + ("" if counted else " (outside look-back)")
        tl.episodes.append(
            EpisodeBox(x1, max(x2 - x1, 2.0), ep.start_date, ep.end_date, ep.visits, counted, label, x1 + 4)
        )
    tl.request_x = x(inp.request_start)
    tl.request_w = max(x(inp.request_end) - tl.request_x, 3.0)

    # Gaps between consecutive episodes; the current episode starts at its first visit (or the request).
    current_start = min([inp.request_start, *(v.date for v in visits)])
    spans = [(ep.start_date, ep.end_date) for ep in episodes] + [(current_start, max(inp.request_end, current_start))]
    spans.sort()
    for (_, prev_end), (next_start, _) in zip(spans, spans[1:], strict=False):
        days = (next_start - prev_end).days
        if days < 7:
            continue
        tl.gaps.append(
            Gap(
                start_date=prev_end,
                end_date=next_start,
                days=days,
                label=gap_label(prev_end, next_start),
                over_limit=days > inp.gap_days_limit,
                explained=inp.gap_explained,
                x1=x(prev_end),
                x2=x(next_start),
            )
        )

    # Cumulative count: prior episodes rise across their span (visit dates unknown: "estimated"),
    # documented visits step up on their dates, requested visits not yet documented are "projected".
    cum = 0
    pts: list[tuple[float, float]] = [(x(first), y(0))]
    for ep in episodes:
        if ep.end_date < lookback_start:
            continue
        pts.append((x(ep.start_date), y(cum)))
        tl.segments.append(Segment(_pts(pts), "documented"))
        cum += ep.visits
        tl.segments.append(
            Segment(_pts([(x(ep.start_date), y(cum - ep.visits)), (x(ep.end_date), y(cum))]), "estimated")
        )
        pts = [(x(ep.end_date), y(cum))]
    inside = 0
    for v in visits:
        pts.append((x(v.date), y(cum)))
        cum += 1
        if inp.request_start <= v.date <= inp.request_end:
            inside += 1
        pts.append((x(v.date), y(cum)))
    remaining = inp.requested_visits - inside
    if remaining > 0:
        # Requested visits not documented yet: a projection to the end of the requested window.
        proj_from = max([inp.request_start, *(v.date for v in visits if v.date <= inp.request_end)])
        pts.append((x(proj_from), y(cum)))
        tl.segments.append(Segment(_pts(pts), "documented"))
        cum += remaining
        end_pt = (x(inp.request_end), y(cum))
        tl.segments.append(Segment(_pts([pts[-1], end_pt]), "projected"))
    else:
        end_pt = pts[-1]
        tl.segments.append(Segment(_pts(pts), "documented"))
    tl.end_x, tl.end_y = end_pt

    # Gap labels go in the larger free band above or below the (flat) cumulative line in the gap.
    for i, gap in enumerate(tl.gaps):
        level = sum(ep.visits for ep in episodes if lookback_start <= ep.end_date <= gap.start_date)
        level += sum(1 for v in visits if v.date <= gap.start_date)
        line_y = y(level)
        above, below = line_y - TOP_Y, TOP_Y + TOP_H - line_y
        label_y = TOP_Y + above / 2 if above > below else line_y + below / 2
        tl.gaps[i] = dataclasses.replace(gap, label_y=round(label_y, 1))

    if inp.benchmark is not None:
        tl.benchmark_y = y(inp.benchmark)
        tl.over_zone_h = round(tl.benchmark_y - TOP_Y, 1)

    # Visit markers in their lane, and scores in the lower panel.
    for v in visits:
        bits = [f"{v.date:%Y-%m-%d}", KIND_LABELS.get(v.kind, v.kind)]
        if v.pain_nprs is not None:
            bits.append(f"pain {v.pain_nprs}/10")
        if v.function_pct is not None:
            bits.append(f"function {v.function_pct}%")
        if v.page is not None:
            bits.append(f"pg {v.page}")
        tl.visit_markers.append(Marker(x(v.date), LANE_Y, v.kind, " · ".join(bits)))
        if v.pain_nprs is not None:
            py = round(LOW_Y + LOW_H - LOW_H * v.pain_nprs / 10, 1)
            tl.pain_points.append(ScorePoint(x(v.date), py, v.pain_nprs, f"{v.date:%Y-%m-%d}: pain {v.pain_nprs}/10"))
    fn: list[tuple[date, int, str]] = [
        (ep.end_date, ep.discharge_function_pct, "at prior discharge")
        for ep in episodes
        if ep.discharge_function_pct is not None
    ]
    fn += [(v.date, v.function_pct, "") for v in visits if v.function_pct is not None]
    for d_, pct, note in sorted(fn):
        fy = round(LOW_Y + LOW_H - LOW_H * pct / 100, 1)
        title = f"{d_:%Y-%m-%d}: function {pct}%" + (f" ({note})" if note else "")
        tl.function_points.append(ScorePoint(x(d_), fy, pct, title))
    return tl


def _pts(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{px:.1f},{py:.1f}" for px, py in points)


# ---------------------------------------------------------------- from the database


def benchmark_for_case(case: Any, primary_code: str | None, snapshot: Any | None) -> tuple[int | None, str, str]:
    """(visits, label, source): from the latest stored Recommendation, else the criteria in effect."""
    rec = case.recommendations.order_by("-created_at", "-id").first()
    figures = rec.engine_result.figures if rec is not None else None
    if figures is not None and figures.benchmark_visits is not None:
        return figures.benchmark_visits, primary_code or "", "recommendation"
    if snapshot is not None and primary_code:
        bm = match_benchmark(primary_code, tuple(getattr(snapshot, "benchmarks", ())))
        if bm is not None:
            return int(bm.visits), " · ".join(p for p in (primary_code, bm.label) if p), "criteria"
    return None, "", ""


def criteria_snapshot_for_case(case: Any) -> Any | None:
    """The criteria snapshot in effect on the request's start date, or None if unavailable.

    Cached on the case instance: the header and the timeline both ask for it in one request.
    """
    if not hasattr(case, "_ur_criteria_snapshot"):
        case._ur_criteria_snapshot = _load_snapshot(case)
    return case._ur_criteria_snapshot


def _load_snapshot(case: Any) -> Any | None:
    from criteria.selectors import version_in_effect
    from criteria.snapshot import build_snapshot

    try:
        on = case.request.start_date
        version = version_in_effect(on=on)
        return build_snapshot(version) if version is not None else None
    except Exception:  # the chart must render even when criteria are incomplete
        logger.warning("timeline: criteria snapshot unavailable for case %s", case.public_id, exc_info=True)
        return None


def timeline_for_case(case: Any) -> Timeline:
    """Gather the inputs from the database (3-5 queries) and build the timeline."""
    req = case.request
    visits = tuple(
        VisitIn(v.date, v.kind, v.pain_nprs, v.function_pct, v.page) for v in case.visits.all().order_by("date", "id")
    )
    episodes = tuple(
        EpisodeIn(e.start_date, e.end_date, e.visits, e.discharge_function_pct) for e in case.prior_episodes.all()
    )
    primary = next((d for d in case.diagnoses.all() if d.primary), None)
    primary_code = primary.code if primary else None
    snapshot = criteria_snapshot_for_case(case)
    policy = getattr(snapshot, "policy", None)
    gap_days = int(getattr(policy, "episode_gap_days", DEFAULT_GAP_DAYS))
    lookback = int(getattr(policy, "lookback_months", DEFAULT_LOOKBACK_MONTHS))
    benchmark, label, source = benchmark_for_case(case, primary_code, snapshot)
    try:
        explained = bool(case.clinical_review.gap_explanation)
    except Exception:  # no ClinicalReview row yet (RelatedObjectDoesNotExist)
        explained = False
    inp = TimelineInput(
        request_start=req.start_date,
        request_end=req.end_date,
        requested_visits=req.visits,
        visits=visits,
        prior_episodes=episodes,
        benchmark=benchmark,
        benchmark_label=label,
        benchmark_source=source,
        gap_days_limit=gap_days,
        lookback_months=lookback,
        gap_explained=explained,
    )
    tl = build_timeline(inp)
    if req.planned_frequency_per_week and req.planned_duration_weeks:
        tl.planned_total = (
            tl.prior_visits + tl.done_visits + req.planned_frequency_per_week * req.planned_duration_weeks
        )
    return tl
