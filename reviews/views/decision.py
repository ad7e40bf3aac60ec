"""Case tab: the decision (accept / override / partial per line / request information / submit)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_http_methods

from relay.outbox import queued_note, unsent_in_request

from ..forms import DecisionForm, PendForm
from ..models import Case, CaseStatus, Recommendation
from ..permissions import get_case_for_user
from ..services.determinations import (
    CREDENTIAL_LABELS,
    determination_submit,
    required_denial_credential,
    result_lines,
)
from ..services.pend import case_pend
from .recommendation import latest_recommendation
from .record import apply_errors, is_htmx, render_tab

DECIDABLE = (CaseStatus.RECOMMENDATION_READY, CaseStatus.REOPENED)


def _profile(user: Any) -> Any:
    try:
        return user.reviewer_profile
    except (ObjectDoesNotExist, AttributeError):
        return None


def pend_items_for(rec: Recommendation | None) -> list[str]:
    """What to ask for: the engine's 'document ...' list, else its documentation findings."""
    if rec is None:
        return []
    result = rec.engine_result
    items = list(result.missing_documentation) or [
        f.text for f in result.findings if f.section == "documentation" and f.outcome != "met"
    ]
    return [i for i in items if i]


def _context(request: HttpRequest, case: Case, **extra: Any) -> dict[str, Any]:
    job, rec = latest_recommendation(case)
    determination = case.determinations.select_related("reviewer").first()
    profile = _profile(request.user)
    required = required_denial_credential(rec) if rec else "physical_therapist"
    can_sign = bool(profile and profile.can_sign_denial(required))
    required_label = CREDENTIAL_LABELS.get(required, required)
    held = profile.get_credential_kind_display() if profile else "no reviewer profile"
    credential_note = (
        f"Denials and partial denials under these criteria must be signed by a {required_label}; your profile: {held}."
    )
    block = ""
    if case.status not in DECIDABLE:
        block = f"The case is {case.get_status_display().lower()}: a determination needs a recommendation ready."
    elif rec is None:
        block = "Run the recommendation first."
    accept_block = block
    if not accept_block and rec is not None:
        if rec.decision == "pend":
            accept_block = (
                "The engine pends this case: request more information, or override it with a decision and a reason."
            )
        elif rec.decision in ("deny", "partial") and not can_sign:
            accept_block = credential_note
    result = rec.engine_result if rec else None
    lines = result_lines(result)
    ctx = {
        "job": job,
        "rec": rec,
        "result": result,
        "determination": determination,
        "profile": profile,
        "can_sign": can_sign,
        "credential_note": credential_note,
        "required_label": required_label,
        "blocked_reason": block,
        "accept_block": accept_block,
        "decidable": not block,
        "pendable": case.can_transition_to(CaseStatus.PENDED),
        "open_pend": case.pend_requests.filter(resolved_at__isnull=True).first(),
        "lines": lines,
        "override_form": extra.pop("override_form", None)
        or DecisionForm(lines=lines, requested_visits=rec.requested_visits if rec else 0),
        "pend_form": extra.pop("pend_form", None) or PendForm(initial={"items": "\n".join(pend_items_for(rec))}),
        **extra,
    }
    return ctx


@login_required
@require_http_methods(["GET", "POST"])
def case_decision(request: HttpRequest, public_id: UUID) -> HttpResponse:
    write = request.method == "POST"
    case = get_case_for_user(request.user, public_id, write=write, audit_view=not write)
    if not write:
        return render_tab(request, case, "reviews/tabs/decision.html", _context(request, case), title="Decision")

    action = request.POST.get("action", "")
    _, rec = latest_recommendation(case)
    extra: dict[str, Any] = {}
    done = ""
    if action == "pend":
        pend_form = PendForm(request.POST)
        extra["pend_form"] = pend_form
        if pend_form.is_valid():
            try:
                case_pend(case=case, actor=request.user, items=pend_form.cleaned_data["items"])
                done = "The case is pended; the request for information is recorded."
            except ValidationError as exc:
                apply_errors(pend_form, exc)
    elif action in ("accept", "override") and rec is not None:
        lines = result_lines(rec.engine_result)
        form = DecisionForm(
            request.POST if action == "override" else None, lines=lines, requested_visits=rec.requested_visits
        )
        kwargs: dict[str, Any] = {"accept": True}
        if action == "override":
            extra["override_form"] = form
            if form.is_valid():
                cd = form.cleaned_data
                kwargs = {
                    "accept": False,
                    "decision": cd["decision"],
                    "lines": cd["lines"],
                    "override_reason": cd["override_reason"],
                }
            else:
                kwargs = {}
        if kwargs:
            try:
                determination_submit(case=case, reviewer=request.user, recommendation=rec, **kwargs)
                done = "Determination submitted for signature; the letter is being prepared."
                if unsent_in_request():
                    done = "Determination submitted for signature. " + queued_note("The letter")
            except (ValidationError, PermissionDenied) as exc:
                if action == "override":
                    apply_errors(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
                else:
                    msgs = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
                    extra["accept_error"] = " ".join(msgs)
    elif action in ("accept", "override"):
        extra["accept_error"] = "Run the recommendation first."
    else:
        extra["accept_error"] = "Choose accept, override or request more information."

    if done and not is_htmx(request):
        messages.success(request, done)
        return redirect("reviews:case_decision", public_id=case.public_id)
    case.refresh_from_db()
    ctx = _context(request, case, notice=done, **extra)
    status = 200 if (done or is_htmx(request)) else 400
    return render_tab(request, case, "reviews/tabs/decision.html", ctx, title="Decision", status=status)


urlpatterns = [
    path("cases/<uuid:public_id>/decision/", case_decision, name="case_decision"),
]
