"""Case tab: the decision. One view per action (accept, override, request information), each thin:
getter -> form -> service -> redirect. What the user may do comes from `determination_options`."""

from __future__ import annotations

import base64
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from criteria.selectors import override_reasons
from relay.outbox import queued_note, unsent_in_request

from ..forms import DecisionForm, PendForm
from ..models import Case, Recommendation
from ..permissions import get_case_for_user
from ..selectors import latest_recommendation
from ..services.determinations import DeterminationOptions, determination_options, determination_sign, result_lines
from ..services.letter_preview import LetterPreview, letter_preview, preview_page_pngs
from ..services.pend import case_pend
from .record import apply_errors, is_htmx, render_tab
from .referral import referral_context

TEMPLATE = "reviews/tabs/decision.html"
SUBMITTED = "Determination submitted for signature; the letter is being prepared."
PENDED = "The case is pended; the request for information is recorded."


def pend_items_for(rec: Recommendation | None) -> list[str]:
    """What to ask for: the engine's 'document ...' list, else its documentation findings."""
    if rec is None:
        return []
    result = rec.engine_result
    flagged = [f for f in result.findings if f.rule == "clinical.red_flag"]
    if flagged:
        # A red flag pends the case for it, not for missing dynamometry (the other items can wait).
        raw = str(dict(flagged[0].data).get("red_flags") or "")
        flags = [flag.replace("_", " ").strip() for flag in raw.split(",") if flag.strip()]
        return [
            *(f"Physician evaluation of the red flag: {flag}" for flag in flags or ["documented red flag"]),
            "Results of any imaging, tests or specialist referral ordered for it",
            "Medical clearance to continue physical therapy",
        ]
    items = list(result.missing_documentation) or [
        f.text for f in result.findings if f.section == "documentation" and f.outcome != "met"
    ]
    return [i for i in items if i]


def _override_form(options: DeterminationOptions, data: Any = None) -> DecisionForm:
    rec = options.recommendation
    return DecisionForm(
        data,
        lines=result_lines(rec.engine_result if rec else None),
        requested_visits=rec.requested_visits if rec else 0,
        reasons=override_reasons(version_id=rec.criteria_version_id) if rec else [],
    )


def _context(request: HttpRequest, case: Case, **extra: Any) -> dict[str, Any]:
    job, rec = latest_recommendation(case)
    options = determination_options(request.user, case, recommendation=rec)
    override_form = extra.pop("override_form", None) or _override_form(options)
    return {
        "job": job,
        "rec": rec,
        "result": rec.engine_result if rec else None,
        "options": options,
        "determination": case.determinations.select_related("reviewer").first(),
        "open_pend": case.pend_requests.filter(resolved_at__isnull=True).first(),
        "override_form": override_form,
        "override_reasons": override_form.reasons,
        "pend_form": extra.pop("pend_form", None) or PendForm(initial={"items": "\n".join(pend_items_for(rec))}),
        **referral_context(request.user, case, rec),
        **extra,
    }


def _preview_panel(preview: LetterPreview, *, action: str, fields: list[tuple[str, str]]) -> dict[str, Any]:
    """What the tab shows of a letter preview: the pages as images, the PDF, and the confirm form's fields."""
    return {
        "action": action,
        "token": preview.token,
        "fields": fields,
        "content": preview.content,
        "pages": [base64.b64encode(png).decode() for png in preview_page_pngs(preview.pdf)],
        "pdf_b64": base64.b64encode(preview.pdf).decode(),
    }


def _answer(request: HttpRequest, case: Case, done: str = "", **extra: Any) -> HttpResponse:
    """After a POST: redirect on success (plain form posts), else the tab again with the errors."""
    if done and not is_htmx(request):
        messages.success(request, done)
        return redirect("reviews:case_decision", public_id=case.public_id)
    case.refresh_from_db()
    status = 200 if (done or is_htmx(request) or extra.get("preview")) else 400
    return render_tab(
        request, case, TEMPLATE, _context(request, case, notice=done, **extra), title="Decision", status=status
    )


def _submitted() -> str:
    """The success notice; says so when the letter task is waiting for the task service."""
    if unsent_in_request():
        return "Determination submitted for signature. " + queued_note("The letter")
    return SUBMITTED


def _messages(exc: ValidationError | PermissionDenied) -> str:
    return " ".join(exc.messages if isinstance(exc, ValidationError) else [str(exc)])


@login_required
@require_GET
def case_decision(request: HttpRequest, public_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, public_id, audit_view=True)
    return render_tab(request, case, TEMPLATE, _context(request, case), title="Decision")


@login_required
@require_POST
def decision_accept(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Without a preview token: the letter accepting would sign, as a preview; with one: sign it."""
    case = get_case_for_user(request.user, public_id, write=True)
    rec = latest_recommendation(case)[1]
    if rec is None:
        return _answer(request, case, accept_error=determination_options(request.user, case).why_not_accept)
    token = request.POST.get("preview_token")
    try:
        if token is None:
            preview = letter_preview(case=case, reviewer=request.user, recommendation=rec)
            return _answer(request, case, preview=_preview_panel(preview, action="accept", fields=[]))
        determination_sign(case=case, reviewer=request.user, recommendation=rec, preview_token=token)
    except (ValidationError, PermissionDenied) as exc:
        return _answer(request, case, accept_error=_messages(exc))
    return _answer(request, case, _submitted())


OVERRIDE_FIELDS = ("decision", "override_code", "override_note")


@login_required
@require_POST
def decision_override(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Override or adjust: without a preview token the letter is previewed; with one, it is signed."""
    case = get_case_for_user(request.user, public_id, write=True)
    options = determination_options(request.user, case)
    form = _override_form(options, request.POST)
    if options.recommendation is None:
        return _answer(request, case, override_form=form, accept_error=options.why_not_decide)
    if not form.is_valid():
        return _answer(request, case, override_form=form)
    cd = form.cleaned_data
    token = request.POST.get("preview_token")
    decided = {
        "case": case,
        "reviewer": request.user,
        "recommendation": options.recommendation,
        "accept": False,
        "decision": cd["decision"],
        "lines": cd["lines"],
        "override_code": cd["override_code"],
        "override_note": cd["override_note"],
    }
    try:
        if token is None:
            preview = letter_preview(**decided)
            names = [*OVERRIDE_FIELDS, *(n for n in form.fields if n.startswith("line_"))]
            fields = [(n, str(request.POST.get(n, ""))) for n in names if n in request.POST]
            panel = _preview_panel(preview, action="override", fields=fields)
            return _answer(request, case, override_form=form, preview=panel)
        determination_sign(**decided, preview_token=token)
    except (ValidationError, PermissionDenied) as exc:
        apply_errors(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
        return _answer(request, case, override_form=form)
    return _answer(request, case, _submitted())


@login_required
@require_POST
def decision_pend(request: HttpRequest, public_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, public_id, write=True)
    form = PendForm(request.POST)
    if not form.is_valid():
        return _answer(request, case, pend_form=form)
    try:
        case_pend(case=case, actor=request.user, items=form.cleaned_data["items"])
    except ValidationError as exc:
        apply_errors(form, exc)
        return _answer(request, case, pend_form=form)
    return _answer(request, case, PENDED)


@login_required
@require_GET
def decision_preview(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The letter accepting the recommendation would sign: rendered, unsigned, watermarked PREVIEW."""
    from ..services.letter_preview import letter_preview_pdf

    case = get_case_for_user(request.user, public_id, write=True)
    rec = latest_recommendation(case)[1]
    if rec is None:
        raise Http404("There is no recommendation to preview.")
    try:
        pdf = letter_preview_pdf(case=case, reviewer=request.user, recommendation=rec)
    except (ValidationError, PermissionDenied) as exc:
        return HttpResponse(_messages(exc), status=409, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{case.reference}-letter-PREVIEW.pdf"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns = [
    path("cases/<uuid:public_id>/decision/", case_decision, name="case_decision"),
    path("cases/<uuid:public_id>/decision/preview.pdf", decision_preview, name="decision_preview"),
    path("cases/<uuid:public_id>/decision/accept/", decision_accept, name="decision_accept"),
    path("cases/<uuid:public_id>/decision/override/", decision_override, name="decision_override"),
    path("cases/<uuid:public_id>/decision/pend/", decision_pend, name="decision_pend"),
]
