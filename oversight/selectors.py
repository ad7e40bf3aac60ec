"""Dashboard figures as plain functions over querysets (and, below them, over plain rows).

The decision counted for a case is its first determination (version 1): amendments change a
letter, not when the plan decided. Times to decision run from `Case.received_at` to
`Determination.decided_at`.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from criteria.models import CriteriaVersion
from reviews.models import Case, Determination, PendRequest
from reviews.models.cases import DUE_WINDOWS, OPEN_STATUSES
from vocabulary import APPROVED_DECISIONS, DETERMINATION_DECISIONS, Decision, Urgency

AT_RISK_WINDOW = timedelta(hours=24)
PEND_BUCKETS = ((0, 2, "under 2 days"), (2, 7, "2–7 days"), (7, 14, "7–14 days"), (14, None, "14 days or more"))
NO_APPEALS_NOTE = "no appeals recorded"
NO_EXTENSIONS_NOTE = "no extensions recorded"


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def start_dt(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def end_dt(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d} to {self.end:%Y-%m-%d}"


@dataclass(frozen=True)
class DecisionRow:
    """One first decision, with what the dashboard needs of its case and recommendation."""

    case_id: int
    urgency: str
    received_at: datetime
    decided_at: datetime
    decision: str
    overridden: bool
    engine_decision: str
    reviewer_id: int
    reviewer: str

    @property
    def hours(self) -> float:
        return (self.decided_at - self.received_at).total_seconds() / 3600

    @property
    def on_time(self) -> bool:
        return self.decided_at - self.received_at <= DUE_WINDOWS[Urgency(self.urgency)]


@dataclass
class Dashboard:
    period: Period
    now: datetime
    turnaround: list[dict[str, Any]] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)
    by_reviewer: list[dict[str, Any]] = field(default_factory=list)
    override: dict[str, Any] = field(default_factory=dict)
    overdue: list[Case] = field(default_factory=list)
    at_risk: list[Case] = field(default_factory=list)
    pend_aging: dict[str, Any] = field(default_factory=dict)
    cms: dict[str, Any] = field(default_factory=dict)


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _hours(values: list[float]) -> tuple[float | None, float | None]:
    if not values:
        return None, None
    return round(statistics.fmean(values), 1), round(statistics.median(values), 1)


def first_decisions(period: Period) -> QuerySet[Determination]:
    return Determination.objects.filter(
        version=1, decided_at__gte=period.start_dt, decided_at__lt=period.end_dt
    ).select_related("case", "recommendation", "reviewer")


def decision_rows(period: Period) -> list[DecisionRow]:
    rows = first_decisions(period).values_list(
        "case_id",
        "case__urgency",
        "case__received_at",
        "decided_at",
        "decision",
        "overridden",
        "recommendation__decision",
        "reviewer_id",
        "reviewer__username",
    )
    return [DecisionRow(*r) for r in rows.order_by("decided_at", "id")]


def turnaround(rows: Iterable[DecisionRow]) -> list[dict[str, Any]]:
    """Share decided within the CMS-0057-F window (72 h expedited, 7 days standard), mean and median hours."""
    by_urgency: dict[str, list[DecisionRow]] = defaultdict(list)
    for r in rows:
        by_urgency[r.urgency].append(r)
    out = []
    for urgency in (Urgency.EXPEDITED, Urgency.STANDARD):
        items = by_urgency.get(urgency, [])
        within = sum(r.on_time for r in items)
        avg, median = _hours([r.hours for r in items])
        window = DUE_WINDOWS[urgency]
        out.append(
            {
                "urgency": str(urgency),
                "label": urgency.label,
                "window": "72 hours" if window == timedelta(hours=72) else f"{window.days} days",
                "decided": len(items),
                "within": within,
                "late": len(items) - within,
                "within_pct": _pct(within, len(items)),
                "avg_hours": avg,
                "median_hours": median,
            }
        )
    return out


def outcomes(rows: Iterable[DecisionRow]) -> dict[str, int]:
    counts = Counter(r.decision for r in rows)
    return {d: counts.get(d, 0) for d in DETERMINATION_DECISIONS}


def by_reviewer(rows: Iterable[DecisionRow]) -> list[dict[str, Any]]:
    grouped: dict[tuple[int, str], list[DecisionRow]] = defaultdict(list)
    for r in rows:
        grouped[(r.reviewer_id, r.reviewer)].append(r)
    out = []
    for (reviewer_id, username), items in sorted(grouped.items(), key=lambda kv: kv[0][1]):
        counts = Counter(r.decision for r in items)
        overridden = sum(r.overridden for r in items)
        agree = sum(r.decision == r.engine_decision for r in items)
        avg, median = _hours([r.hours for r in items])
        out.append(
            {
                "reviewer_id": reviewer_id,
                "reviewer": username,
                "total": len(items),
                **{d: counts.get(d, 0) for d in DETERMINATION_DECISIONS},
                "overridden": overridden,
                "override_pct": _pct(overridden, len(items)),
                "engine_agreement_pct": _pct(agree, len(items)),
                "on_time_pct": _pct(sum(r.on_time for r in items), len(items)),
                "median_hours": median,
            }
        )
    return out


def override_rate(rows: Iterable[DecisionRow]) -> dict[str, Any]:
    items = list(rows)
    overridden = sum(r.overridden for r in items)
    agree = sum(r.decision == r.engine_decision for r in items)
    return {
        "decisions": len(items),
        "overridden": overridden,
        "override_pct": _pct(overridden, len(items)),
        "engine_agreement": agree,
        "engine_agreement_pct": _pct(agree, len(items)),
    }


def cms_public_report(rows: Iterable[DecisionRow]) -> dict[str, Any]:
    """The CMS-0057-F public prior-authorization figures for the period."""
    items = list(rows)
    total = len(items)
    approved = sum(r.decision in APPROVED_DECISIONS for r in items)
    partial = sum(r.decision == Decision.PARTIAL for r in items)
    denied = sum(r.decision == Decision.DENY for r in items)
    expedited = [r for r in items if r.urgency == Urgency.EXPEDITED]
    standard = [r for r in items if r.urgency == Urgency.STANDARD]
    exp_approved = sum(r.decision in APPROVED_DECISIONS for r in expedited)
    exp_denied = sum(r.decision == Decision.DENY for r in expedited)
    std_avg, std_median = _hours([r.hours for r in standard])
    exp_avg, exp_median = _hours([r.hours for r in expedited])
    return {
        "decisions": total,
        "approved": approved,
        "approved_pct": _pct(approved, total),
        "approved_other_than_requested": partial,
        "denied": denied,
        "denied_pct": _pct(denied, total),
        # Appeals and extended time frames are not modelled yet: reported as zero, never invented.
        "approved_after_appeal": 0,
        "approved_after_appeal_pct": _pct(0, total),
        "approved_after_appeal_note": NO_APPEALS_NOTE,
        "approved_after_extension": 0,
        "approved_after_extension_pct": _pct(0, total),
        "approved_after_extension_note": NO_EXTENSIONS_NOTE,
        "expedited_decisions": len(expedited),
        "expedited_approved": exp_approved,
        "expedited_approved_pct": _pct(exp_approved, len(expedited)),
        "expedited_denied": exp_denied,
        "expedited_denied_pct": _pct(exp_denied, len(expedited)),
        "standard_avg_hours": std_avg,
        "standard_median_hours": std_median,
        "expedited_avg_hours": exp_avg,
        "expedited_median_hours": exp_median,
    }


def open_case_risk(now: datetime) -> tuple[list[Case], list[Case]]:
    """Open cases past due, and open cases due within the next 24 hours."""
    open_cases = Case.objects.filter(status__in=OPEN_STATUSES).select_related("assigned_reviewer").order_by("due_at")
    overdue = list(open_cases.filter(due_at__lt=now))
    at_risk = list(open_cases.filter(due_at__gte=now, due_at__lt=now + AT_RISK_WINDOW))
    return overdue, at_risk


def pend_aging(period: Period, now: datetime) -> dict[str, Any]:
    """Open pends by age, and how long pends resolved in the period stayed open."""
    open_ages = [
        (now - requested).total_seconds() / 86400
        for requested in PendRequest.objects.filter(resolved_at__isnull=True).values_list("requested_at", flat=True)
    ]
    buckets = []
    for low, high, label in PEND_BUCKETS:
        n = sum(1 for a in open_ages if a >= low and (high is None or a < high))
        buckets.append({"label": label, "count": n})
    resolved = [
        (resolved_at - requested).total_seconds() / 86400
        for requested, resolved_at in PendRequest.objects.filter(
            resolved_at__gte=period.start_dt, resolved_at__lt=period.end_dt
        ).values_list("requested_at", "resolved_at")
    ]
    return {
        "open": len(open_ages),
        "oldest_days": round(max(open_ages), 1) if open_ages else None,
        "buckets": buckets,
        "resolved": len(resolved),
        "resolved_avg_days": round(statistics.fmean(resolved), 1) if resolved else None,
        "resolved_median_days": round(statistics.median(resolved), 1) if resolved else None,
    }


def dashboard(period: Period, *, now: datetime | None = None) -> Dashboard:
    """Every dashboard figure for `period` (open-case and open-pend figures are as of `now`)."""
    now = now or timezone.now()
    rows = decision_rows(period)
    overdue, at_risk = open_case_risk(now)
    return Dashboard(
        period=period,
        now=now,
        turnaround=turnaround(rows),
        outcomes=outcomes(rows),
        by_reviewer=by_reviewer(rows),
        override=override_rate(rows),
        overdue=overdue,
        at_risk=at_risk,
        pend_aging=pend_aging(period, now),
        cms=cms_public_report(rows),
    )


def dashboard_rows(d: Dashboard) -> list[tuple[str, str, str, Any]]:
    """The dashboard flattened to (section, item, metric, value): the CSV export, same numbers as the page."""
    out: list[tuple[str, str, str, Any]] = [
        ("period", "", "start", d.period.start.isoformat()),
        ("period", "", "end", d.period.end.isoformat()),
        ("period", "", "as_of", d.now.isoformat()),
    ]
    for t in d.turnaround:
        for key in ("decided", "within", "late", "within_pct", "avg_hours", "median_hours"):
            out.append(("turnaround", t["urgency"], key, t[key]))
    for decision, n in d.outcomes.items():
        out.append(("outcomes", decision, "count", n))
    for key, value in d.override.items():
        out.append(("override", "all", key, value))
    for r in d.by_reviewer:
        for key in (
            "total",
            *DETERMINATION_DECISIONS,
            "overridden",
            "override_pct",
            "engine_agreement_pct",
            "on_time_pct",
        ):
            out.append(("reviewer", r["reviewer"], key, r[key]))
    out.append(("open_cases", "overdue", "count", len(d.overdue)))
    out.append(("open_cases", "at_risk_24h", "count", len(d.at_risk)))
    for c in d.overdue:
        out.append(("overdue_case", c.reference, "due_at", c.due_at.isoformat()))
    out.append(("pend_aging", "open", "count", d.pend_aging["open"]))
    out.append(("pend_aging", "open", "oldest_days", d.pend_aging["oldest_days"]))
    for b in d.pend_aging["buckets"]:
        out.append(("pend_aging", b["label"], "count", b["count"]))
    for key in ("resolved", "resolved_avg_days", "resolved_median_days"):
        out.append(("pend_aging", "resolved", key, d.pend_aging[key]))
    for key, value in d.cms.items():
        out.append(("cms_0057f", "", key, value))
    return out


def quality_results(samples: QuerySet[Any]) -> list[dict[str, Any]]:
    """Per reviewer: sampled, reviewed, agreed, disagreed and agreement %, over the given samples."""
    grouped: dict[str, dict[str, Any]] = {}
    for username, verdict in samples.values_list("reviewer__username", "review__verdict"):
        row = grouped.setdefault(
            username, {"reviewer": username, "sampled": 0, "reviewed": 0, "agree": 0, "disagree": 0}
        )
        row["sampled"] += 1
        if verdict:
            row["reviewed"] += 1
            row[verdict] += 1
    for row in grouped.values():
        row["agreement_pct"] = _pct(row["agree"], row["reviewed"])
    return [grouped[k] for k in sorted(grouped)]


def irr_results(assessments: QuerySet[Any]) -> list[dict[str, Any]]:
    """Per reviewer: their latest assessment's agreement %, kappa and pass/fail, plus how many they took."""
    out: dict[str, dict[str, Any]] = {}
    for a in assessments.select_related("reviewer").order_by("reviewer__username", "-created_at", "-id"):
        row = out.setdefault(a.reviewer.username, {"reviewer": a.reviewer.username, "latest": a, "taken": 0})
        row["taken"] += 1
    return list(out.values())


def versions_used_in_year(year: int) -> list[dict[str, Any]]:
    """Versions referenced by determinations decided in `year` (via their recommendation), with counts.

    This is what a CMS Part C UM audit asks for: every iteration of the criteria used in the year.
    """
    rows = (
        Determination.objects.filter(decided_at__year=year, recommendation__criteria_version__isnull=False)
        .values("recommendation__criteria_version")
        .annotate(determinations=Count("id"), cases=Count("case", distinct=True))
        .order_by("recommendation__criteria_version")
    )
    counts = {r["recommendation__criteria_version"]: r for r in rows}
    versions = (
        CriteriaVersion.objects.select_related("criteria_set")
        .filter(pk__in=counts)
        .order_by("criteria_set__key", "number")
    )
    return [
        {"version": v, "determinations": counts[v.pk]["determinations"], "cases": counts[v.pk]["cases"]}
        for v in versions
    ]
