"""The reviewer's queue, the case page shell (header + tabs), the timeline tab, and assignment."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import is_auditor, is_supervisor
from audit.services import record_event

from ..checklist import case_checklist
from ..facts import FactsError
from ..forms_queue import AssignForm, QueueFilterForm
from ..models import Case
from ..panels import case_panels
from ..permissions import can_write_case, get_case_for_user, get_case_for_view
from ..selectors import (
    assignable_reviewers,
    case_list_for_user,
    case_queue_filter,
    case_queue_page,
    queue_counts,
    time_left,
)
from ..services.assignments import case_assign
from ..timeline import criteria_snapshot_for_case, timeline_for_case
from .record import is_htmx

# The case page's tabs, in order: (key, label, URL name).
CASE_TABS: tuple[tuple[str, str, str], ...] = (
    ("timeline", "Timeline", "reviews:case_timeline"),
    ("review", "Review", "reviews:case_review"),
    ("record", "Record files", "reviews:case_record"),
    ("recommendation", "Recommendation", "reviews:case_recommendation"),
    ("decision", "Decision", "reviews:case_decision"),
    ("letters", "Letters", "reviews:case_letters"),
)

# Plain-language names for common outpatient PT codes, for codes no criteria version in effect describes.
SERVICE_WORDS: dict[str, str] = {
    "97010": "Hot or cold packs",
    "97014": "Electrical stimulation, unattended",
    "97035": "Ultrasound therapy",
    "97110": "Therapeutic exercise",
    "97112": "Neuromuscular re-education",
    "97116": "Gait training",
    "97140": "Manual therapy",
    "97150": "Group therapeutic procedures",
    "97161": "PT evaluation, low complexity",
    "97162": "PT evaluation, moderate complexity",
    "97163": "PT evaluation, high complexity",
    "97164": "PT re-evaluation",
    "97530": "Therapeutic activities",
    "97535": "Self-care / home management training",
    "G0283": "Electrical stimulation, unattended",
}


def _queue_row(case: Case, now: datetime) -> dict[str, Any]:
    """One queue row's values, worked out here once (the template only places them: 25 rows of
    template lookups, filters and URL tags were most of the page's time)."""
    tl = time_left(case.due_at, now=now)
    is_open = case.is_open
    return {
        "case": case,
        "time_left": tl,
        "is_open": is_open,
        "row_class": f"row-{tl.level}" if is_open and tl.level in ("overdue", "soon") else "",
        "url": reverse("reviews:case_detail", args=[case.public_id]),
        "due": date_format(timezone.localtime(case.due_at), "Y-m-d H:i T"),
        "expedited": case.urgency == "expedited",
        "review_type": case.get_review_type_display(),
        "status": case.get_status_display(),
    }


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """The signed-in user's cases by due time; supervisors see all and can filter and assign."""
    user = request.user
    supervisor = is_supervisor(user)
    sees_all = supervisor or is_auditor(user)
    reviewers = list(assignable_reviewers()) if sees_all else None
    form = QueueFilterForm(request.GET or None, reviewers=reviewers)
    now = timezone.now()
    base = case_list_for_user(user)
    filters = form.active_filters
    qs = case_queue_filter(base, filters, now=now)
    counts = queue_counts(base, now=now)
    # The default view (open cases, no other filter) lists exactly the cases counted as open.
    default_view = set(filters) <= {"status"} and filters.get("status", "open") == "open"
    page = case_queue_page(qs, request.GET.get("page"), count=counts["open"] if default_view else None)
    rows = [_queue_row(c, now) for c in page.object_list]
    record_event(
        "case.queue_viewed",
        actor=user,
        summary={
            "page": page.number,
            "shown": len(rows),
            "total": page.paginator.count,
            "filters": sorted(k for k in filters if k != "q"),
            "search": bool(filters.get("q")),
        },
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "counts": counts,
        "page": page,
        "rows": rows,
        "now": now,
        "is_supervisor": supervisor,
        "sees_all": sees_all,
        "reviewers": reviewers or [],
        "query_string": query.urlencode(),
        "page_links": list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
        "filtered": any(k in filters for k in ("q", "urgency", "review_type", "due", "reviewer"))
        or filters.get("status", "open") != "open",
    }
    return render(request, "reviews/queue.html", context)


def _tabs_for(case: Case) -> list[dict[str, str]]:
    """The case page's tabs: key, label, url."""
    return [
        {"key": key, "label": label, "url": reverse(name, kwargs={"public_id": case.public_id})}
        for key, label, name in CASE_TABS
    ]


def _service_lines(case: Case) -> list[dict[str, str]]:
    codes = list(case.request.services or [])
    snapshot = criteria_snapshot_for_case(case)
    lines = []
    for code in codes:
        entry = snapshot.service(code) if snapshot is not None else None
        words = (entry.descriptor if entry is not None else "") or SERVICE_WORDS.get(code, "")
        lines.append({"code": code, "words": words})
    return lines


@login_required
@require_GET
def case_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The case page: header card and tab navigation; the active tab's panel loads from its own URL."""
    case = get_case_for_view(request.user, public_id, view="case_detail", with_facts=True)
    tabs = _tabs_for(case)
    keys = [t["key"] for t in tabs]
    active = request.GET.get("tab") or "timeline"
    if active not in keys:
        active = keys[0] if keys else ""
    active_tab = next((t for t in tabs if t["key"] == active), None)
    context: dict[str, Any] = {
        "case": case,
        "tabs": tabs,
        "active": active,
        "active_tab": active_tab,
        **_header_context(request, case),
    }
    if active == "timeline":
        # Our own tab renders in place: no second round trip, and it works without JavaScript.
        context.update(_timeline_context(case, facts=context["case_banner"].facts))
    return render(request, "reviews/case_detail.html", context)


def _header_context(request: HttpRequest, case: Case) -> dict[str, Any]:
    now = timezone.now()
    supervisor = is_supervisor(request.user)
    ctx: dict[str, Any] = {
        "diagnoses": list(case.diagnoses.all()),
        "service_lines": _service_lines(case),
        "time_left": time_left(case.due_at, now=now),
        "is_supervisor": supervisor,
        "can_write": can_write_case(request.user, case),
        "read_only": is_auditor(request.user) and not supervisor,
        "member_age": _age(case.member.birth_date, now.date()),
        "case_banner": case_checklist(case, loaded=True),
        "case_panels": case_panels(case),
    }
    if supervisor:
        ctx["assign_form"] = AssignForm(
            reviewers=assignable_reviewers(), initial={"reviewer": case.assigned_reviewer_id}
        )
    return ctx


def _age(born: date | None, today: date) -> int | None:
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


@login_required
@require_GET
def case_timeline(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Timeline tab (htmx partial); a plain request goes to the case page with this tab open."""
    if not is_htmx(request):
        case = get_case_for_user(request.user, public_id)
        return redirect(f"{reverse('reviews:case_detail', kwargs={'public_id': case.public_id})}?tab=timeline")
    case = get_case_for_view(request.user, public_id, view="timeline")
    return render(request, "reviews/tabs/timeline.html", {"case": case, **_timeline_context(case)})


def _timeline_context(case: Case, facts: Any = None) -> dict[str, Any]:
    """The timeline, or why it cannot be drawn (a PAS request that lacked a diagnosis or birth date).

    `facts`: the case's stored facts when the page has them already (the checklist's).
    """
    try:
        return {"tl": timeline_for_case(case, facts=facts)}
    except FactsError as exc:
        return {"tl": None, "tl_unavailable": str(exc)}


@login_required
@require_POST
def case_assign_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Supervisor assigns or reassigns the case, then goes back where they came from."""
    case = get_case_for_user(request.user, public_id, write=True)
    if not is_supervisor(request.user):
        raise PermissionDenied("Only supervisors assign cases.")
    form = AssignForm(request.POST, reviewers=assignable_reviewers())
    if form.is_valid():
        reviewer = form.cleaned_data["reviewer"]
        try:
            case_assign(case=case, reviewer=reviewer, actor=request.user)
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, f"{case.reference} assigned to {reviewer.get_full_name() or reviewer.username}.")
    else:
        messages.error(request, f"Assign to: {form.errors['reviewer'][0]}")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("reviews:case_detail", kwargs={"public_id": case.public_id})
    return HttpResponseRedirect(target)


urlpatterns = [
    path("", queue, name="queue"),
    path("cases/<uuid:public_id>/", case_detail, name="case_detail"),
    path("cases/<uuid:public_id>/timeline/", case_timeline, name="case_timeline"),
    path("cases/<uuid:public_id>/assign/", case_assign_view, name="case_assign"),
]
