"""Dashboard figures as plain functions over querysets (and, below them, over plain rows).

The decision counted for a case is its first determination (version 1): amendments change a
letter, not when the plan decided. Times to decision run from `Case.received_at` to
`Determination.decided_at`. Appeal cases (appeals.Appeal.case) are never counted as requests: an
appeal is counted through the request it contests. The CMS-0057-F figures and the turnaround
windows cover prior authorization only (prospective and concurrent reviews); retrospective
(payment) reviews appear in the outcome and reviewer tables but not there.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from appeals.models import Appeal, AppealOutcome, Extension
from criteria.models import CriteriaVersion
from reviews.models import Case, Determination, PendRequest
from reviews.models.cases import DUE_WINDOWS, OPEN_STATUSES
from reviews.pend_clock import EXTENSION, TOLLING, pend_age_days, response_overdue
from vocabulary import DETERMINATION_DECISIONS, Decision, ReviewType, Urgency

AT_RISK_WINDOW = timedelta(hours=24)
PEND_BUCKETS = ((0, 2, "under 2 days"), (2, 7, "2–7 days"), (7, 14, "7–14 days"), (14, None, "14 days or more"))
PRIOR_AUTH_TYPES = (ReviewType.PROSPECTIVE, ReviewType.CONCURRENT)
FAVOURABLE = (AppealOutcome.OVERTURNED, AppealOutcome.PARTLY_OVERTURNED)


def partial_counts_as() -> str:
    """'approved' or 'denied': how a partial approval counts in the CMS-0057-F figures (settings)."""
    return str(settings.UR_CMS_PARTIAL_COUNTS_AS)


def counts_approved(decision: str, partial_as: str) -> bool:
    return decision == Decision.APPROVE or (decision == Decision.PARTIAL and partial_as == "approved")


def counts_denied(decision: str, partial_as: str) -> bool:
    return decision == Decision.DENY or (decision == Decision.PARTIAL and partial_as == "denied")


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
    review_type: str = ReviewType.PROSPECTIVE
    due_at: datetime | None = None
    extended: bool = False
    # The best outcome of an appeal of this request decided by the end of the period ("" if none).
    appeal_outcome: str = ""

    @property
    def hours(self) -> float:
        return (self.decided_at - self.received_at).total_seconds() / 3600

    @property
    def prior_auth(self) -> bool:
        return self.review_type in PRIOR_AUTH_TYPES

    @property
    def on_time(self) -> bool:
        if self.extended and self.due_at is not None:  # a lawful extension moved the clock
            return self.decided_at <= self.due_at
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
    # All of them, also when the lists above are cut to the page's rows.
    overdue_count: int = 0
    at_risk_count: int = 0
    pend_aging: dict[str, Any] = field(default_factory=dict)
    cms: dict[str, Any] = field(default_factory=dict)
    appeals_by_reviewer: list[dict[str, Any]] = field(default_factory=list)


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _hours(values: list[float]) -> tuple[float | None, float | None]:
    if not values:
        return None, None
    return round(statistics.fmean(values), 1), round(statistics.median(values), 1)


def first_decisions(period: Period, *, prior_auth_only: bool = False) -> QuerySet[Determination]:
    """First determinations decided in `period` on requests (never on appeal cases)."""
    qs = Determination.objects.filter(
        version=1, decided_at__gte=period.start_dt, decided_at__lt=period.end_dt, case__appeal__isnull=True
    )
    if prior_auth_only:
        qs = qs.filter(case__review_type__in=PRIOR_AUTH_TYPES)
    return qs.select_related("case", "recommendation", "reviewer")


def _appeal_outcomes(case_ids: list[int], until: datetime) -> dict[int, str]:
    """Per contested case: 'overturned' / 'partly_overturned' / 'upheld' from appeals decided before `until`."""
    rank: dict[str, int] = {AppealOutcome.OVERTURNED: 3, AppealOutcome.PARTLY_OVERTURNED: 2, AppealOutcome.UPHELD: 1}
    out: dict[int, str] = {}
    for case_id, outcome in Appeal.objects.filter(
        original_case_id__in=case_ids, decided_at__lt=until, decided_at__isnull=False
    ).values_list("original_case_id", "outcome"):
        if rank.get(outcome, 0) > rank.get(out.get(case_id, ""), 0):
            out[case_id] = outcome
    return out


def decision_rows(period: Period) -> list[DecisionRow]:
    rows = (
        first_decisions(period)
        .annotate(extended=Exists(Extension.objects.filter(case_id=OuterRef("case_id"), appeal__isnull=True)))
        .values_list(
            "case_id",
            "case__urgency",
            "case__received_at",
            "decided_at",
            "decision",
            "overridden",
            "recommendation__decision",
            "reviewer_id",
            "reviewer__username",
            "case__review_type",
            "case__due_at",
            "extended",
        )
        .order_by("decided_at", "id")
    )
    raw = list(rows)
    appeals = _appeal_outcomes([r[0] for r in raw], period.end_dt)
    return [DecisionRow(*r, appeal_outcome=appeals.get(r[0], "")) for r in raw]


def turnaround(rows: Iterable[DecisionRow]) -> list[dict[str, Any]]:
    """Share decided within the CMS-0057-F window (72 h expedited, 7 days standard, or as lawfully extended),
    mean and median hours. Prior authorization only: a retrospective review has no 7-day window."""
    by_urgency: dict[str, list[DecisionRow]] = defaultdict(list)
    for r in rows:
        if r.prior_auth:
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
        per_decision: dict[str, int] = {d.value: counts.get(d.value, 0) for d in DETERMINATION_DECISIONS}
        out.append(
            {
                "reviewer_id": reviewer_id,
                "reviewer": username,
                "total": len(items),
                **per_decision,
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


def cms_public_report(rows: Iterable[DecisionRow], *, partial_as: str | None = None) -> dict[str, Any]:
    """The CMS-0057-F public prior-authorization figures for the period (prior authorization only).

    - standard approved / denied / approved after appeal: % of standard requests decided in the period;
    - extended and approved: % of all requests whose time frame was extended and that were approved;
    - expedited approved / denied: % of expedited requests;
    - average and median hours from receipt to the first decision, standard and expedited.
    A partial approval counts as approved or as denied per settings.UR_CMS_PARTIAL_COUNTS_AS
    (reported as `partial_counts_as`). "Approved after appeal": the first decision counted as denied
    and an appeal decided by the end of the period overturned it (a partial overturn counts when
    partial approvals count as approved).
    """
    partial_as = partial_as or partial_counts_as()
    items = [r for r in rows if r.prior_auth]
    standard = [r for r in items if r.urgency == Urgency.STANDARD]
    expedited = [r for r in items if r.urgency == Urgency.EXPEDITED]

    def approved(rs: list[DecisionRow]) -> int:
        return sum(counts_approved(r.decision, partial_as) for r in rs)

    def denied(rs: list[DecisionRow]) -> int:
        return sum(counts_denied(r.decision, partial_as) for r in rs)

    after_appeal = sum(
        counts_denied(r.decision, partial_as)
        and (
            r.appeal_outcome == AppealOutcome.OVERTURNED
            or (r.appeal_outcome == AppealOutcome.PARTLY_OVERTURNED and partial_as == "approved")
        )
        for r in standard
    )
    extended = [r for r in items if r.extended]
    extended_approved = approved(extended)
    std_avg, std_median = _hours([r.hours for r in standard])
    exp_avg, exp_median = _hours([r.hours for r in expedited])
    return {
        "decisions": len(items),
        "partial_counts_as": partial_as,
        "standard_decisions": len(standard),
        "standard_approved": approved(standard),
        "standard_approved_pct": _pct(approved(standard), len(standard)),
        "approved_other_than_requested": sum(r.decision == Decision.PARTIAL for r in standard),
        "standard_denied": denied(standard),
        "standard_denied_pct": _pct(denied(standard), len(standard)),
        "standard_approved_after_appeal": after_appeal,
        "standard_approved_after_appeal_pct": _pct(after_appeal, len(standard)),
        "appealed": sum(bool(r.appeal_outcome) for r in items),
        "extended": len(extended),
        "extended_approved": extended_approved,
        "extended_approved_pct": _pct(extended_approved, len(items)),
        "expedited_decisions": len(expedited),
        "expedited_approved": approved(expedited),
        "expedited_approved_pct": _pct(approved(expedited), len(expedited)),
        "expedited_denied": denied(expedited),
        "expedited_denied_pct": _pct(denied(expedited), len(expedited)),
        "standard_avg_hours": std_avg,
        "standard_median_hours": std_median,
        "expedited_avg_hours": exp_avg,
        "expedited_median_hours": exp_median,
    }


# The public posting, in the rule's order: (key, label, count key or None, percentage key or None).
CMS_PUBLIC_LINES = (
    (
        "standard_approved",
        "Standard prior authorization requests approved",
        "standard_approved",
        "standard_approved_pct",
    ),
    ("standard_denied", "Standard prior authorization requests denied", "standard_denied", "standard_denied_pct"),
    (
        "standard_approved_after_appeal",
        "Standard prior authorization requests approved after appeal",
        "standard_approved_after_appeal",
        "standard_approved_after_appeal_pct",
    ),
    (
        "extended_approved",
        "Prior authorization requests for which the review time frame was extended, and the request approved",
        "extended_approved",
        "extended_approved_pct",
    ),
    (
        "expedited_approved",
        "Expedited prior authorization requests approved",
        "expedited_approved",
        "expedited_approved_pct",
    ),
    ("expedited_denied", "Expedited prior authorization requests denied", "expedited_denied", "expedited_denied_pct"),
)


def prior_auth_services() -> list[tuple[str, str]]:
    """Item 1 of the posting: the services that require prior authorization (published criteria's catalog)."""
    from criteria.models import ServiceItem

    seen: dict[str, str] = {}
    for code, descriptor in (
        ServiceItem.objects.filter(version__status="published").order_by("code").values_list("code", "descriptor")
    ):
        seen.setdefault(code, descriptor)
    return sorted(seen.items())


def cms_public_rows(d: Dashboard) -> list[tuple[str, str, Any, Any]]:
    """The public posting as (measure, label, count, value): the CSV a plan publishes."""
    c = d.cms
    out: list[tuple[str, str, Any, Any]] = [
        ("period_start", "Reporting period start", None, d.period.start.isoformat()),
        ("period_end", "Reporting period end", None, d.period.end.isoformat()),
        ("partial_counts_as", "A partial approval is counted as", None, c["partial_counts_as"]),
        ("decisions", "Prior authorization decisions", c["decisions"], None),
        ("standard_decisions", "Standard requests decided", c["standard_decisions"], None),
        ("expedited_decisions", "Expedited requests decided", c["expedited_decisions"], None),
    ]
    for key, label, count_key, pct_key in CMS_PUBLIC_LINES:
        out.append((f"{key}_pct", f"{label} (%)", c[count_key] if count_key else None, c[pct_key] if pct_key else None))
    out += [
        ("standard_avg_hours", "Standard: average hours from submission to decision", None, c["standard_avg_hours"]),
        (
            "standard_median_hours",
            "Standard: median hours from submission to decision",
            None,
            c["standard_median_hours"],
        ),
        ("expedited_avg_hours", "Expedited: average hours from submission to decision", None, c["expedited_avg_hours"]),
        (
            "expedited_median_hours",
            "Expedited: median hours from submission to decision",
            None,
            c["expedited_median_hours"],
        ),
    ]
    return out


def appeals_by_reviewer(period: Period) -> list[dict[str, Any]]:
    """Per original decider: appeals of their determinations decided in the period, and how many were overturned."""
    grouped: dict[str, dict[str, Any]] = {}
    for username, outcome in Appeal.objects.filter(
        decided_at__gte=period.start_dt, decided_at__lt=period.end_dt
    ).values_list("contested__reviewer__username", "outcome"):
        row = grouped.setdefault(
            username, {"reviewer": username, "decided": 0, "upheld": 0, "overturned": 0, "partly_overturned": 0}
        )
        row["decided"] += 1
        row[outcome] += 1
    for row in grouped.values():
        row["overturn_pct"] = _pct(row["overturned"] + row["partly_overturned"], row["decided"])
    return [grouped[k] for k in sorted(grouped)]


# What the dashboard's overdue / at-risk tables show (templates/oversight/dashboard.html).
RISK_COLUMNS = (
    "public_id",
    "reference",
    "urgency",
    "due_at",
    "status",
    "assigned_reviewer",
    "assigned_reviewer__username",
)


def open_case_risk(now: datetime, *, limit: int | None = None) -> tuple[list[Case], list[Case], int, int]:
    """Open cases past due and open cases due within the next 24 hours, soonest due first (at most
    `limit` of each), and how many there are of each."""
    open_cases = (
        Case.objects.filter(status__in=OPEN_STATUSES)
        .select_related("assigned_reviewer")
        .only(*RISK_COLUMNS)
        .order_by("due_at")
    )
    overdue_qs = open_cases.filter(due_at__lt=now)
    at_risk_qs = open_cases.filter(due_at__gte=now, due_at__lt=now + AT_RISK_WINDOW)
    if limit is None:
        overdue, at_risk = list(overdue_qs), list(at_risk_qs)
        return overdue, at_risk, len(overdue), len(at_risk)
    overdue, at_risk = list(overdue_qs[:limit]), list(at_risk_qs[:limit])
    if len(overdue) < limit and len(at_risk) < limit:
        return overdue, at_risk, len(overdue), len(at_risk)
    counts = open_cases.order_by().aggregate(  # both counts in one query
        overdue=Count("pk", filter=Q(due_at__lt=now)),
        at_risk=Count("pk", filter=Q(due_at__gte=now, due_at__lt=now + AT_RISK_WINDOW)),
    )
    return overdue, at_risk, counts["overdue"], counts["at_risk"]


def pend_aging(period: Period, now: datetime) -> dict[str, Any]:
    """Open pends by age, and how long pends resolved in the period stayed open (reviews.pend_clock:
    the same age the clock counts), with the open pends whose answer-by date has passed and the
    clock rule each follows (extension for Medicare Advantage / Medicaid, tolling for commercial)."""
    open_rows = list(
        PendRequest.objects.filter(resolved_at__isnull=True).values_list("requested_at", "respond_by", "clock_rule")
    )
    open_ages = [pend_age_days(requested_at=requested, until=now) for requested, _, _ in open_rows]
    buckets = []
    for low, high, label in PEND_BUCKETS:
        n = sum(1 for a in open_ages if a >= low and (high is None or a < high))
        buckets.append({"label": label, "count": n})
    resolved = [
        pend_age_days(requested_at=requested, until=resolved_at)
        for requested, resolved_at in PendRequest.objects.filter(
            resolved_at__gte=period.start_dt, resolved_at__lt=period.end_dt
        ).values_list("requested_at", "resolved_at")
        if resolved_at is not None
    ]
    return {
        "open": len(open_ages),
        "oldest_days": round(max(open_ages), 1) if open_ages else None,
        "buckets": buckets,
        "answer_overdue": sum(1 for _, respond_by, _ in open_rows if response_overdue(respond_by=respond_by, now=now)),
        "extension": sum(1 for _, _, rule in open_rows if rule == EXTENSION),
        "tolling": sum(1 for _, _, rule in open_rows if rule == TOLLING),
        "resolved": len(resolved),
        "resolved_avg_days": round(statistics.fmean(resolved), 1) if resolved else None,
        "resolved_median_days": round(statistics.median(resolved), 1) if resolved else None,
    }


def dashboard(period: Period, *, now: datetime | None = None, risk_rows: int | None = None) -> Dashboard:
    """Every dashboard figure for `period` (open-case and open-pend figures are as of `now`).

    `risk_rows` cuts the overdue and at-risk case lists (the page); their counts are always all.
    """
    now = now or timezone.now()
    rows = decision_rows(period)
    overdue, at_risk, overdue_n, at_risk_n = open_case_risk(now, limit=risk_rows)
    return Dashboard(
        period=period,
        now=now,
        turnaround=turnaround(rows),
        outcomes=outcomes(rows),
        by_reviewer=by_reviewer(rows),
        override=override_rate(rows),
        overdue=overdue,
        at_risk=at_risk,
        overdue_count=overdue_n,
        at_risk_count=at_risk_n,
        pend_aging=pend_aging(period, now),
        cms=cms_public_report(rows),
        appeals_by_reviewer=appeals_by_reviewer(period),
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
    out.append(("open_cases", "overdue", "count", d.overdue_count))
    out.append(("open_cases", "at_risk_24h", "count", d.at_risk_count))
    for c in d.overdue:
        out.append(("overdue_case", c.reference, "due_at", c.due_at.isoformat()))
    out.append(("pend_aging", "open", "count", d.pend_aging["open"]))
    out.append(("pend_aging", "open", "oldest_days", d.pend_aging["oldest_days"]))
    out.append(("pend_aging", "open", "answer_overdue", d.pend_aging["answer_overdue"]))
    for b in d.pend_aging["buckets"]:
        out.append(("pend_aging", b["label"], "count", b["count"]))
    for key in ("resolved", "resolved_avg_days", "resolved_median_days"):
        out.append(("pend_aging", "resolved", key, d.pend_aging[key]))
    for key, value in d.cms.items():
        out.append(("cms_0057f", "", key, value))
    for r in d.appeals_by_reviewer:
        for key in ("decided", "upheld", "overturned", "partly_overturned", "overturn_pct"):
            out.append(("appeals_by_reviewer", r["reviewer"], key, r[key]))
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
