"""User-scoped reads: the queue (filters, search, pagination) and the people a case can go to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from accounts.roles import REVIEWER, SUPERVISOR, is_auditor, is_intake, is_supervisor
from vocabulary import REFERRAL_CREDENTIALS

from .models import Case, CaseStatus, Diagnosis, Recommendation, RecommendationJob, Referral
from .models.cases import OPEN_STATUSES, CaseQuerySet
from .models.decisions import JobStatus
from .permissions import holds_credential

QUEUE_PAGE_SIZE = 25
SOON = timedelta(hours=24)


def case_list_for_user(user: Any) -> CaseQuerySet:
    """The cases `user` may list: supervisors, auditors and intake staff see all, reviewers their own."""
    qs = Case.objects.with_queue_data()
    if is_supervisor(user) or is_auditor(user) or is_intake(user):
        return qs
    pool = pool_referrals_for(user).values("case_id")
    return qs.filter(Q(assigned_reviewer=user) | Q(pk__in=pool))


def pool_referrals_for(user: Any) -> QuerySet[Referral]:
    """Open pool referrals `user` may take up (their credential satisfies the pool's; not their own)."""
    credentials = [c.value for c in REFERRAL_CREDENTIALS if holds_credential(user, c)]
    return Referral.objects.filter(
        taken_at__isnull=True,
        to_reviewer__isnull=True,
        to_credential__in=credentials,
        case__status=CaseStatus.REFERRED,
    ).exclude(referred_by=user)


def case_queue_filter(qs: CaseQuerySet, filters: dict[str, Any], *, now: datetime) -> CaseQuerySet:
    """Apply the queue filter form's cleaned data. Empty values mean "no filter"."""
    status = filters.get("status") or "open"
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status != "all":
        qs = qs.filter(status=status)
    if filters.get("urgency"):
        qs = qs.filter(urgency=filters["urgency"])
    if filters.get("review_type"):
        qs = qs.filter(review_type=filters["review_type"])
    due = filters.get("due")
    if due == "overdue":
        qs = qs.filter(due_at__lt=now)
    elif due == "24h":
        qs = qs.filter(due_at__gte=now, due_at__lt=now + SOON)
    reviewer = filters.get("reviewer")
    if reviewer == "unassigned":
        qs = qs.filter(assigned_reviewer__isnull=True)
    elif reviewer:
        qs = qs.filter(assigned_reviewer_id=reviewer)
    q = (filters.get("q") or "").strip()
    if q:
        # Search: case reference, member id or name, or any diagnosis code. EXISTS, not a join,
        # so a case with two matching diagnoses appears once and the count stays one query.
        dx = Diagnosis.objects.filter(case=OuterRef("pk"), code__istartswith=q)
        cond: Any = (
            Q(reference__icontains=q)
            | Q(member__member_id__icontains=q)
            | Q(member__family_name__icontains=q)
            | Q(member__given_name__icontains=q)
            | Exists(dx)
        )
        parts = q.split()
        if len(parts) == 2:
            cond |= Q(member__given_name__icontains=parts[0], member__family_name__icontains=parts[1])
        qs = qs.filter(cond)
    return qs.order_by("due_at", "id")


def case_queue_page(
    qs: QuerySet[Case], page_number: Any, *, per_page: int = QUEUE_PAGE_SIZE, count: int | None = None
) -> Page[Case]:
    """One page of the queue; a bad or out-of-range page number gives the nearest valid page.

    `count`: the number of rows of `qs` when the caller already has it (no COUNT query)."""
    paginator = Paginator(qs, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: set, it is not computed
    return paginator.get_page(page_number)


@dataclass(frozen=True)
class TimeLeft:
    text: str  # "2 d 4 h left", "overdue by 3 h"
    level: str  # overdue | soon | ok


def _span(seconds: float) -> str:
    minutes = int(seconds // 60)
    days, rem = divmod(minutes, 24 * 60)
    hours, mins = divmod(rem, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {mins} min" if mins and hours < 6 else f"{hours} h"
    return f"{max(mins, 1)} min"


def time_left(due_at: datetime, *, now: datetime) -> TimeLeft:
    """Time to the due time in plain words, and how urgent it looks (red overdue, amber under 24 h)."""
    delta = (due_at - now).total_seconds()
    if delta < 0:
        return TimeLeft(f"overdue by {_span(-delta)}", "overdue")
    return TimeLeft(f"{_span(delta)} left", "soon" if delta < SOON.total_seconds() else "ok")


def assignable_reviewers() -> QuerySet[Any]:
    """Active users who can be assigned cases (reviewers and supervisors), by name."""
    User = get_user_model()  # noqa: N806
    return (
        User.objects.filter(is_active=True, groups__name__in=[REVIEWER, SUPERVISOR])
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def queue_counts(qs: CaseQuerySet, *, now: datetime) -> dict[str, int]:
    """Open, overdue and due-within-24-h counts over the user's cases: one aggregate query."""
    open_q = Q(status__in=OPEN_STATUSES)
    return qs.order_by().aggregate(
        open=Count("pk", filter=open_q),
        overdue=Count("pk", filter=open_q & Q(due_at__lt=now)),
        soon=Count("pk", filter=open_q & Q(due_at__gte=now, due_at__lt=now + SOON)),
    )


def latest_recommendation(case: Case) -> tuple[RecommendationJob | None, Recommendation | None]:
    """The newest job, and the recommendation to show: the newest finished job's, else the newest stored."""
    job = case.recommendation_jobs.select_related("recommendation", "recommendation__criteria_version").first()
    if job is not None and job.status == JobStatus.DONE and job.recommendation is not None:
        return job, job.recommendation  # the newest job is the newest finished one: no second query
    done = (
        case.recommendation_jobs.filter(status=JobStatus.DONE, recommendation__isnull=False)
        .select_related("recommendation", "recommendation__criteria_version")
        .first()
    )
    rec = done.recommendation if done else case.recommendations.select_related("criteria_version").first()
    return job, rec
