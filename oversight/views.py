"""Supervisor oversight pages: dashboard (+ CSV), quality audit, inter-rater reliability."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import is_auditor, is_criteria_admin, is_supervisor
from audit.services import record_event
from reviews.models import Determination
from reviews.models.decisions import DeterminationStatus
from reviews.permissions import get_case_for_view
from vocabulary import Decision

from . import charts, selectors, services
from .access import require_dashboard_reader, require_reviewer, require_supervisor
from .forms import (
    AssessmentCreateForm,
    IRRAnswerForm,
    PeriodForm,
    QualityReviewForm,
    SampleDrawForm,
    default_period,
)
from .models import GoldStandardCase, IRRAssessment, QualityAuditSample

DECISION_SERIES = [(Decision.APPROVE, "Approved"), (Decision.PARTIAL, "Partial"), (Decision.DENY, "Denied")]
# The dashboard page lists at most this many overdue and at-risk cases each (the counts are all of them;
# the queue filtered by due time lists every one).
DASHBOARD_RISK_ROWS = 25


def _period(request: HttpRequest) -> tuple[PeriodForm, selectors.Period]:
    start, end = default_period()
    form = PeriodForm(
        request.GET if "start" in request.GET or "end" in request.GET else None, initial={"start": start, "end": end}
    )
    if form.is_bound and form.is_valid():
        return form, selectors.Period(form.cleaned_data["start"], form.cleaned_data["end"])
    return form, selectors.Period(start, end)


def _presets() -> list[tuple[str, date, date]]:
    today = timezone.localdate()
    first = today.replace(day=1)
    last_month_end = first - timedelta(days=1)
    return [
        ("This month", first, today),
        ("Last month", last_month_end.replace(day=1), last_month_end),
        ("This year", today.replace(month=1, day=1), today),
        ("Last year", date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
    ]


def _service_error(request: HttpRequest, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        for error in errors:
            messages.error(request, f"{field.replace('_', ' ')}: {error}")


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    require_dashboard_reader(request.user)
    form, period = _period(request)
    d = selectors.dashboard(period, risk_rows=DASHBOARD_RISK_ROWS)
    chart_turnaround = charts.bar_chart(
        [(f"{t['label']} ({t['window']})", t["within_pct"]) for t in d.turnaround],
        title="Share of decisions within the time frame",
        unit="%",
        max_value=100,
        target=90,
    )
    chart_reviewers = charts.stacked_bar_chart(
        [(r["reviewer"], {k: r[k] for k, _ in DECISION_SERIES}) for r in d.by_reviewer] or [("(no decisions)", {})],
        series=DECISION_SERIES,
        title="Decisions by reviewer and outcome",
    )
    chart_pends = charts.bar_chart(
        [(b["label"], b["count"]) for b in d.pend_aging["buckets"]], title="Open pends by age"
    )
    return render(
        request,
        "oversight/dashboard.html",
        {
            "form": form,
            "d": d,
            "presets": _presets(),
            "chart_turnaround": chart_turnaround,
            "chart_reviewers": chart_reviewers,
            "chart_pends": chart_pends,
            "query": request.GET.urlencode() or f"start={period.start}&end={period.end}",
            "user_is_supervisor": is_supervisor(request.user),
            "risk_rows": [*_risk_rows(d.overdue, "table-danger"), *_risk_rows(d.at_risk, "table-warning")],
        },
    )


def _risk_rows(cases: list[Any], css: str) -> list[dict[str, str]]:
    """The overdue / at-risk table rows, worked out once here (50 rows of URL tags, filters and
    display lookups were most of the dashboard's rendering time)."""
    return [
        {
            "css": css,
            "url": reverse("reviews:case_detail", args=[c.public_id]),
            "reference": c.reference,
            "urgency": c.get_urgency_display(),
            "due": date_format(timezone.localtime(c.due_at), "Y-m-d H:i"),
            "reviewer": (c.assigned_reviewer.username if c.assigned_reviewer else "") or "unassigned",
            "status": c.get_status_display(),
        }
        for c in cases
    ]


@login_required
@require_GET
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    require_dashboard_reader(request.user)
    _, period = _period(request)
    d = selectors.dashboard(period)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ur-desk-dashboard-{period.start}-{period.end}.csv"'
    writer = csv.writer(response)
    writer.writerow(["section", "item", "metric", "value"])
    for row in selectors.dashboard_rows(d):
        writer.writerow(["" if v is None else v for v in row])
    record_event("oversight.dashboard_exported", actor=request.user, summary={"start": period.start, "end": period.end})
    return response


@login_required
@require_GET
def cms_public(request: HttpRequest) -> HttpResponse:
    """The CMS-0057-F public posting as a plain page a plan can publish (aggregate figures, no PHI)."""
    require_dashboard_reader(request.user)
    _, period = _period(request)
    d = selectors.dashboard(period)
    record_event("oversight.cms_public_viewed", actor=request.user, summary={"start": period.start, "end": period.end})
    return render(
        request,
        "oversight/cms_public.html",
        {
            "d": d,
            "rows": selectors.cms_public_rows(d),
            "services": selectors.prior_auth_services(),
            "org": settings.UR_ORGANIZATION,
            "query": request.GET.urlencode() or f"start={period.start}&end={period.end}",
        },
    )


@login_required
@require_GET
def cms_public_csv(request: HttpRequest) -> HttpResponse:
    """The public posting as CSV: one measure per row, same numbers as the page."""
    require_dashboard_reader(request.user)
    _, period = _period(request)
    d = selectors.dashboard(period)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="prior-authorization-metrics-{period.start}-{period.end}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(["measure", "label", "count", "value"])
    for row in selectors.cms_public_rows(d):
        writer.writerow(["" if v is None else v for v in row])
    for code, descriptor in selectors.prior_auth_services():
        writer.writerow(["requires_prior_authorization", descriptor, "", code])
    record_event(
        "oversight.cms_public_exported", actor=request.user, summary={"start": period.start, "end": period.end}
    )
    return response


# Quality audit -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def quality(request: HttpRequest) -> HttpResponse:
    require_supervisor(request.user)
    form = SampleDrawForm(request.POST or None, initial={"month": timezone.localdate().strftime("%Y-%m")})
    if request.method == "POST" and form.is_valid():
        month = form.cleaned_data["month"].replace(day=1)
        try:
            drawn = services.quality_sample_draw(
                month=month, per_reviewer=form.cleaned_data["per_reviewer"], drawn_by=request.user
            )
        except ValidationError as exc:
            _service_error(request, exc)
        else:
            messages.success(request, f"Drew {len(drawn)} determination(s) for {month:%B %Y}.")
            return redirect(f"{request.path}?month={month:%Y-%m}")
    month_param = request.GET.get("month", "")
    samples = QualityAuditSample.objects.select_related("determination__case", "reviewer", "review")
    try:
        month_filter = date.fromisoformat(f"{month_param}-01") if month_param else None
    except ValueError:
        month_filter = None
        messages.error(request, "month: use the form YYYY-MM.")
    if month_filter:
        samples = samples.filter(month=month_filter)
    return render(
        request,
        "oversight/quality.html",
        {
            "form": form,
            "samples": samples.order_by("-month", "reviewer__username", "id"),
            "results": selectors.quality_results(samples),
            "month_filter": month_filter,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def quality_review(request: HttpRequest, public_id: UUID) -> HttpResponse:
    require_supervisor(request.user)
    sample = get_object_or_404(
        QualityAuditSample.objects.select_related("determination__case", "determination__recommendation", "reviewer"),
        public_id=public_id,
    )
    # The page shows the case and the reviewer's reasoning: a PHI access like any case view.
    get_case_for_view(request.user, sample.determination.case.public_id, view="quality_review")
    existing = getattr(sample, "review", None)
    form = QualityReviewForm(request.POST or None)
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            services.quality_review_record(
                sample=sample,
                auditor=request.user,
                verdict=form.cleaned_data["verdict"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as exc:
            _service_error(request, exc)
        else:
            messages.success(request, "Verdict recorded.")
            return redirect("oversight:quality")
    return render(
        request,
        "oversight/quality_review.html",
        {"sample": sample, "det": sample.determination, "review": existing, "form": form},
    )


# Inter-rater reliability ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def irr(request: HttpRequest) -> HttpResponse:
    require_supervisor(request.user)
    form = AssessmentCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.irr_assessment_create(
                reviewer=form.cleaned_data["reviewer"],
                created_by=request.user,
                pass_threshold_pct=form.cleaned_data["pass_threshold_pct"],
            )
        except ValidationError as exc:
            _service_error(request, exc)
        else:
            messages.success(request, "Assessment assigned.")
            return redirect("oversight:irr")
    assessments = IRRAssessment.objects.select_related("reviewer", "retest_of").prefetch_related("gold_cases")
    candidates = (
        Determination.objects.filter(status=DeterminationStatus.SIGNED, gold__isnull=True)
        .select_related("case", "reviewer")
        .order_by("-decided_at")[:50]
    )
    return render(
        request,
        "oversight/irr.html",
        {
            "form": form,
            "gold_cases": GoldStandardCase.objects.select_related("determination__case").order_by("-marked_at"),
            "candidates": candidates,
            "assessments": assessments,
            "results": selectors.irr_results(IRRAssessment.objects.filter(completed_at__isnull=False)),
        },
    )


@login_required
@require_POST
def irr_gold_mark(request: HttpRequest) -> HttpResponse:
    require_supervisor(request.user)
    try:
        det = Determination.objects.get(pk=int(request.POST.get("determination", "")))
    except (ValueError, Determination.DoesNotExist):
        messages.error(request, "determination: choose a signed determination from the list.")
        return redirect("oversight:irr")
    try:
        services.gold_standard_mark(determination=det, marked_by=request.user)
    except ValidationError as exc:
        _service_error(request, exc)
    else:
        messages.success(request, "Marked as a gold-standard case.")
    return redirect("oversight:irr")


@login_required
@require_POST
def irr_gold_retire(request: HttpRequest, public_id: UUID) -> HttpResponse:
    require_supervisor(request.user)
    gold = get_object_or_404(GoldStandardCase, public_id=public_id)
    services.gold_standard_retire(gold=gold, by=request.user)
    messages.success(request, "Gold-standard case retired from new assessments.")
    return redirect("oversight:irr")


@login_required
@require_POST
def irr_retest(request: HttpRequest, public_id: UUID) -> HttpResponse:
    require_supervisor(request.user)
    failed = get_object_or_404(IRRAssessment.objects.select_related("reviewer"), public_id=public_id)
    try:
        services.irr_assessment_create(
            reviewer=failed.reviewer,
            created_by=request.user,
            pass_threshold_pct=failed.pass_threshold_pct,
            retest_of=failed,
        )
    except ValidationError as exc:
        _service_error(request, exc)
    else:
        messages.success(request, "Retest assigned.")
    return redirect("oversight:irr")


def _my_assessment(request: HttpRequest, public_id: UUID) -> IRRAssessment:
    require_reviewer(request.user)
    try:
        return IRRAssessment.objects.get(public_id=public_id, reviewer_id=request.user.pk)
    except IRRAssessment.DoesNotExist as exc:
        raise Http404("No such assessment") from exc


@login_required
@require_GET
def irr_work(request: HttpRequest) -> HttpResponse:
    require_reviewer(request.user)
    assessments = IRRAssessment.objects.filter(reviewer_id=request.user.pk).prefetch_related("gold_cases", "attempts")
    rows: list[dict[str, Any]] = []
    for a in assessments:
        answered = {att.gold_id for att in a.attempts.all()}
        # Each test case keeps its number in the assessment (was: renumbered after every answer).
        todo = [{"n": n, "g": g} for n, g in enumerate(a.gold_cases.order_by("pk"), 1) if g.pk not in answered]
        rows.append({"a": a, "todo": todo, "done": len(answered)})
    return render(request, "oversight/irr_work.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def irr_case(request: HttpRequest, public_id: UUID, gold_id: UUID) -> HttpResponse:
    """A gold case shown blinded: the record and the reviewer's findings, no member identity, no decision."""
    assessment = _my_assessment(request, public_id)
    gold = get_object_or_404(assessment.gold_cases.select_related("determination__case"), public_id=gold_id)
    if assessment.completed_at or assessment.attempts.filter(gold=gold).exists():
        messages.info(request, "You have already answered this case.")
        return redirect("oversight:irr_work")
    form = IRRAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.irr_attempt_submit(
                assessment=assessment,
                gold=gold,
                reviewer=request.user,
                decision=form.cleaned_data["decision"],
                approved_visits=form.cleaned_data["approved_visits"],
            )
        except ValidationError as exc:
            _service_error(request, exc)
        else:
            messages.success(request, "Answer recorded.")
            return redirect("oversight:irr_work")
    case = gold.determination.case
    if request.method == "GET":
        record_event("irr.case_viewed", actor=request.user, obj=case, summary={"assessment": str(assessment.public_id)})
    return render(
        request,
        "oversight/irr_case.html",
        {"assessment": assessment, "gold": gold, "case": case, "form": form, "age": _age(case)},
    )


def _age(case: Any) -> int | None:
    born = case.member.birth_date
    ref = case.received_at.date()
    return ref.year - born.year - ((ref.month, ref.day) < (born.month, born.day)) if born else None


@login_required
def criteria_usage(request: HttpRequest) -> HttpResponse:
    """Every criteria version used by determinations decided in a calendar year (CMS Part C UM audits)."""
    user = request.user
    if not (is_criteria_admin(user) or is_supervisor(user) or is_auditor(user)):
        raise PermissionDenied("Criteria usage is for criteria admins, supervisors and auditors.")
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError as exc:
        raise Http404("year: not a year") from exc
    if not 2000 <= year <= 2100:
        raise Http404("year: out of range")
    return render(
        request, "oversight/criteria_usage.html", {"year": year, "rows": selectors.versions_used_in_year(year)}
    )
