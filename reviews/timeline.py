"""The case timeline: every visit and prior episode on one time axis, the gaps between episodes,
pain and function where documented, and the cumulative visit count against the benchmark.

Two layers:
- `build_timeline(TimelineInput) -> Timeline` is pure (no Django, no database, no clock): it turns
  the engine's `Figures` (what it counted: which prior episodes, which visits, the benchmark, the
  look-back, a restart) plus the dates to draw into SVG geometry. It counts nothing itself.
- `timeline_for_case(case)` gathers those inputs: the visits and prior episodes to draw, and the
  figures of the latest recommendation when it is for the case's current facts, else the engine's
  figures for the current facts against the criteria in effect (no benchmark line without criteria).
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from criteria.engine import figures as engine_figures
from criteria.engine import input_hash
from criteria.engine.analysis import full_months_between
from criteria.engine.types import CriteriaSnapshot, EpisodeSpan, Figures

logger = logging.getLogger(__name__)

RESTART_WORDS = {"new_onset": "a new onset", "decline": "a decline from the prior discharge status"}

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
    page: int | None = None


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
    figures: Figures  # what the engine counted (criteria.engine.figures / EngineResult.figures)
    visits: tuple[VisitIn, ...] = ()  # every documented visit, to draw
    prior_episodes: tuple[EpisodeIn, ...] = ()  # every prior episode on file, to draw
    benchmark_source: str = ""  # "recommendation" | "criteria" | ""


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
    restart_reason: str | None = None
    dropped_visits: int = 0
    drawn_total: int = 0  # where the cumulative line ends: the engine's cumulative, by construction
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
        if self.restart_reason:
            why = RESTART_WORDS.get(self.restart_reason, self.restart_reason)
            parts.append(f"The count restarted because of {why}: {self.dropped_visits} prior visits no longer count.")
        parts.append(f"{self.requested_visits} visits requested.")
        for gap in self.gaps:
            if gap.over_limit:
                parts.append(
                    f"{gap.label} ({gap.days} days) from {gap.start_date:%Y-%m-%d} to {gap.end_date:%Y-%m-%d}."
                )
        return " ".join(parts)


# ---------------------------------------------------------------- pure helpers


def gap_label(start: date, end: date) -> str:
    """Plain words for a gap: "5-month gap", "3-week gap", "9-day gap"."""
    months = full_months_between(start, end)
    if months >= 1:
        return f"{months}-month gap"
    days = (end - start).days
    if days >= 14:
        return f"{days // 7}-week gap"
    return f"{days}-day gap"


def _nice_max(value: int) -> tuple[int, int]:
    """Axis maximum and tick step for a count axis."""
    value = max(value, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100):
        if value / step <= 6:
            top = -(-int(value * 1.12) // step) * step
            return max(top, step), step
    step = 10 ** len(str(value))
    return -(-value // step) * step, step


def build_timeline(inp: TimelineInput) -> Timeline:
    """SVG geometry for what the engine counted; the counts are the figures', never re-derived."""
    fig = inp.figures
    visits = tuple(sorted(inp.visits, key=lambda v: v.date))
    episodes = sorted(inp.prior_episodes, key=lambda e: e.start_date)
    counted = Counter(fig.counted_prior_episodes)
    in_lookback = set(fig.prior_episodes_in_lookback)
    total = fig.cumulative
    label = " · ".join(p for p in (fig.primary_code, fig.benchmark_label) if p) if fig.benchmark_visits else ""

    dates = [fig.request_start, fig.request_end, *(v.date for v in visits)]
    for ep in episodes:
        dates += [ep.start_date, ep.end_date]
    first, last = min(dates), max(dates)
    pad = max(4, (last - first).days // 30)
    start, end = first - timedelta(days=pad), last + timedelta(days=pad)
    span = max((end - start).days, 1)

    def x(d: date) -> float:
        return round(LEFT + PLOT_W * (d - start).days / span, 1)

    y_max, y_step = _nice_max(max(total, fig.benchmark_visits or 0))

    def y(count: float) -> float:
        return round(TOP_Y + TOP_H - TOP_H * count / y_max, 1)

    tl = Timeline(
        width=WIDTH,
        height=HEIGHT,
        start=start,
        end=end,
        prior_visits=fig.prior_visits,
        done_visits=fig.done,
        requested_visits=fig.requested,
        total=total,
        benchmark=fig.benchmark_visits,
        benchmark_label=label,
        benchmark_source=inp.benchmark_source if fig.benchmark_visits is not None else "",
        gap_days_limit=fig.gap_days_limit,
        lookback_months=fig.lookback_months,
        planned_total=fig.planned_total,
        restart_reason=fig.restart_reason,
        dropped_visits=fig.dropped_visits,
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
    months = full_months_between(start, end) + 2
    every = 1 if months <= 14 else 3 if months <= 40 else 12
    d = date(start.year, start.month, 1)
    while d <= end:
        if d >= start and (d.month - 1) % every == 0:
            label = f"{d:%b %Y}" if d.month == 1 or not tl.x_ticks else f"{d:%b}"
            tl.x_ticks.append(Tick(x(d), label))
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    tl.y_ticks = [Tick(y(v), str(v)) for v in range(0, y_max + 1, y_step)]

    # Episode boxes (counted as the engine counted them) and the requested window.
    def is_counted(ep: EpisodeIn) -> bool:
        return counted[EpisodeSpan(ep.start_date, ep.end_date, ep.visits)] > 0

    for ep in episodes:
        key = EpisodeSpan(ep.start_date, ep.end_date, ep.visits)
        if is_counted(ep):
            note = ""
        elif key in in_lookback and fig.restart_reason:
            note = f" (count restarted: {RESTART_WORDS.get(fig.restart_reason, fig.restart_reason)})"
        else:
            note = " (outside look-back)"
        x1, x2 = x(ep.start_date), x(ep.end_date)
        tl.episodes.append(
            EpisodeBox(
                x1,
                max(x2 - x1, 2.0),
                ep.start_date,
                ep.end_date,
                ep.visits,
                not note,
                f"Prior episode · {ep.visits} visits{note}" + (f" · pg {ep.page}" if ep.page is not None else ""),
                x1 + 4,
            )
        )
    tl.request_x = x(fig.request_start)
    tl.request_w = max(x(fig.request_end) - tl.request_x, 3.0)

    # Gaps between consecutive episodes; the current episode starts where the engine says it does.
    current_start = fig.episode_start
    spans = [(ep.start_date, ep.end_date) for ep in episodes] + [(current_start, max(fig.request_end, current_start))]
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
                over_limit=days > fig.gap_days_limit,
                explained=fig.gap_explained,
                x1=x(prev_end),
                x2=x(next_start),
            )
        )

    # Cumulative count, step by step as the engine counted: counted prior episodes rise across their
    # span (visit dates unknown: "estimated"), the visits done before the request step up on their
    # dates, documented visits in the requested window step up as part of the request, and the rest
    # of the requested visits are "projected" to the end of the window.
    cum = 0
    pts: list[tuple[float, float]] = [(x(first), y(0))]
    drawn = Counter[EpisodeSpan]()
    for ep in episodes:
        key = EpisodeSpan(ep.start_date, ep.end_date, ep.visits)
        if drawn[key] >= counted[key]:
            continue
        drawn[key] += 1
        pts.append((x(ep.start_date), y(cum)))
        tl.segments.append(Segment(_pts(pts), "documented"))
        cum += ep.visits
        tl.segments.append(
            Segment(_pts([(x(ep.start_date), y(cum - ep.visits)), (x(ep.end_date), y(cum))]), "estimated")
        )
        pts = [(x(ep.end_date), y(cum))]
    done_dates = Counter(fig.done_visit_dates)
    in_request = 0
    steps: list[date] = []
    for v in visits:
        if done_dates[v.date] > 0:
            done_dates[v.date] -= 1
        elif fig.request_start <= v.date <= fig.request_end and in_request < fig.requested:
            in_request += 1
        else:
            continue  # drawn as a marker; not part of the engine's count
        steps.append(v.date)
    for d_ in steps:
        pts.append((x(d_), y(cum)))
        cum += 1
        pts.append((x(d_), y(cum)))
    remaining = fig.requested - in_request
    if remaining > 0:
        # Requested visits not documented yet: a projection to the end of the requested window.
        proj_from = max([fig.request_start, *(d_ for d_ in steps if d_ <= fig.request_end)])
        pts.append((x(proj_from), y(cum)))
        tl.segments.append(Segment(_pts(pts), "documented"))
        cum += remaining
        end_pt = (x(fig.request_end), y(cum))
        tl.segments.append(Segment(_pts([pts[-1], end_pt]), "projected"))
    else:
        end_pt = pts[-1]
        tl.segments.append(Segment(_pts(pts), "documented"))
    tl.end_x, tl.end_y = end_pt
    tl.drawn_total = cum

    # Gap labels go in the larger free band above or below the (flat) cumulative line in the gap.
    for i, gap in enumerate(tl.gaps):
        level = sum(ep.visits for ep in episodes if is_counted(ep) and ep.end_date <= gap.start_date)
        level += sum(1 for d_ in steps if d_ <= gap.start_date)
        line_y = y(level)
        above, below = line_y - TOP_Y, TOP_Y + TOP_H - line_y
        label_y = TOP_Y + above / 2 if above > below else line_y + below / 2
        tl.gaps[i] = dataclasses.replace(gap, label_y=round(label_y, 1))

    if fig.benchmark_visits is not None:
        tl.benchmark_y = y(fig.benchmark_visits)
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


def criteria_snapshot_for_case(case: Any) -> CriteriaSnapshot | None:
    """The criteria snapshot in effect on the request's start date (the version a recommendation uses), or None.

    Cached on the case instance: the header and the timeline both ask for it in one request.
    """
    if not hasattr(case, "_ur_criteria_snapshot"):
        case._ur_criteria_snapshot = _load_snapshot(case)
    snapshot: CriteriaSnapshot | None = case._ur_criteria_snapshot
    return snapshot


def _load_snapshot(case: Any) -> CriteriaSnapshot | None:
    # The recommendation's own lookup: the same snapshot, cached per process (published versions
    # never change in place), instead of 11 queries and a rebuild on every case page.
    from reviews.services.recommendations import criteria_snapshot_on

    try:
        return criteria_snapshot_on(case.request.start_date)[0]
    except Exception:  # the chart must render even when criteria are incomplete
        logger.warning("timeline: criteria snapshot unavailable for case %s", case.public_id, exc_info=True)
        return None


def figures_for_case(case: Any, facts: Any = None) -> tuple[Figures, str]:
    """(figures, source): the latest recommendation's when it is for the current facts and criteria
    ("recommendation"), else the engine's for the current facts ("criteria", or "" without criteria)."""
    from reviews.facts import facts_from_case

    facts = facts if facts is not None else facts_from_case(case)
    snapshot = criteria_snapshot_for_case(case)
    rec = case.recommendations.order_by("-created_at", "-id").first()
    if rec is not None and rec.input_hash == input_hash(facts, snapshot):
        stored = rec.engine_result.figures
        if stored is not None:
            return stored, "recommendation"
    return engine_figures(facts, snapshot), "criteria" if snapshot is not None else ""


def timeline_for_case(case: Any, *, facts: Any = None) -> Timeline:
    """Gather what to draw from the database and what was counted from the engine; build the timeline.

    `facts`: the case's stored facts when the caller has them already (the case page's checklist).
    """
    fig, source = figures_for_case(case, facts)
    visits = tuple(
        VisitIn(v.date, v.kind, v.pain_nprs, v.function_pct, v.page) for v in case.visits.all().order_by("date", "id")
    )
    episodes = tuple(
        EpisodeIn(e.start_date, e.end_date, e.visits, e.discharge_function_pct, e.page)
        for e in case.prior_episodes.all()
    )
    return build_timeline(TimelineInput(figures=fig, visits=visits, prior_episodes=episodes, benchmark_source=source))
