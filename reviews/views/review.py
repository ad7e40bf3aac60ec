"""Case tab: the structured review form (drafts, pre-filled marks, confirmation)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ..checklist import case_checklist
from ..facts import related_or_none
from ..forms import OUTCOME_ROWS_MIN, ClinicalReviewForm
from ..models import ClinicalDocument, ClinicalReview, Visit
from ..permissions import get_case_for_user, reload_case_with_facts
from ..services.documents import case_documents
from ..services.reviews import clinical_review_save, review_draft_autosave, review_draft_discard, review_draft_for
from ..services.suggestions import (
    GROUPS,
    SIDES,
    case_suggestions,
    side_mismatch,
    suggestion_decide,
    suggestions_accept_all,
)
from .record import apply_errors, first_page_viewer, is_htmx, render_tab


def _checklist(case: Any, form: ClinicalReviewForm, *, loaded: bool = False) -> Any:
    """The applied criteria on the form's values when they validate, else on the saved review.

    `loaded`: the case was fetched with its facts (`with_facts=True`, `reload_case_with_facts`)."""
    if form.is_bound and not form.errors and hasattr(form, "cleaned_data"):
        return case_checklist(case, form.to_service_data(), loaded=loaded)
    return case_checklist(case, stale=form.is_bound and bool(form.errors), loaded=loaded)


@login_required
@require_http_methods(["GET", "POST"])
def case_review(request: HttpRequest, public_id: UUID) -> HttpResponse:
    write = request.method == "POST"
    if not write and request.GET.get("part") == "reading" and is_htmx(request):
        # progress while the record is read: page counts only, so not a view of the case's record
        case = get_case_for_user(request.user, public_id)
        ctx = {"case": case, "reading": _reading(case)}
        return render(request, "reviews/partials/review_reading.html", ctx)
    # A read loads the case's facts with it (the checklist, the suggestions' side check); a write
    # reads them again after the save.
    case = get_case_for_user(request.user, public_id, write=write, audit_view=not write, with_facts=not write)
    loaded = not write
    if loaded:
        review = related_or_none(case, "clinical_review") or ClinicalReview(case=case)
    else:
        review = ClinicalReview.objects.filter(case=case).first() or ClinicalReview(case=case)
    prefilled = list(review.prefilled_fields or [])
    rows = max(OUTCOME_ROWS_MIN, len(review.outcome_measures or []) + 2)
    notice = ""
    status = 200
    restored = None
    if write:
        form = ClinicalReviewForm(request.POST, outcome_rows=rows, prefilled=prefilled)
        confirm = request.POST.get("action") == "confirm"
        if form.is_valid():
            try:
                review = clinical_review_save(
                    case=case, actor=request.user, data=form.to_service_data(), confirm=confirm
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                notice = "Review confirmed and saved." if confirm else "Draft saved."
                if not is_htmx(request):
                    messages.success(request, notice)
                    return redirect("reviews:case_review", public_id=case.public_id)
                case = reload_case_with_facts(case)
                loaded = True
                form = ClinicalReviewForm(
                    initial=ClinicalReviewForm.initial_from(review, case),
                    outcome_rows=max(OUTCOME_ROWS_MIN, len(review.outcome_measures or []) + 2),
                    prefilled=review.prefilled_fields,
                )
        if form.errors and not is_htmx(request):
            status = 400
    else:
        draft = review_draft_for(case, request.user) if case.is_open else None
        if draft is not None and request.GET.get("draft") != "discard":
            restored = draft
            form = ClinicalReviewForm(draft.data, outcome_rows=_draft_rows(draft.data, rows), prefilled=prefilled)
            form.is_valid()  # show what the draft still lacks, as a save would
        else:
            if draft is not None:
                review_draft_discard(case=case, actor=request.user)
            form = ClinicalReviewForm(
                initial=ClinicalReviewForm.initial_from(review, case), outcome_rows=rows, prefilled=prefilled
            )
    documents = case_documents(case)  # one read for the suggestions, the viewer and the reading notice
    ctx = {
        "form": form,
        "review": review,
        "notice": notice,
        "prefilled": form.prefilled,
        "restored": restored,
        "checklist": _checklist(case, form, loaded=loaded),
        "suggestions": _suggestion_rows(case, documents),
    }
    if write and is_htmx(request):  # the form column only: the record viewer beside it stays where it is
        return render_tab(request, case, "reviews/partials/review_form.html", ctx, title="Review", status=status)
    ctx["viewer"] = first_page_viewer(case, documents)
    ctx["reading"] = _reading(case, documents)
    return render_tab(request, case, "reviews/tabs/review.html", ctx, title="Review", status=status)


def _reading(case: Any, documents: list[ClinicalDocument] | None = None) -> list[ClinicalDocument]:
    """The case's documents still being read (their suggestions are not there yet)."""
    if documents is not None:
        return [d for d in documents if d.extraction_status == ClinicalDocument.ExtractionStatus.PENDING]
    return list(case.documents.filter(extraction_status=ClinicalDocument.ExtractionStatus.PENDING))


def _suggestion_rows(case: Any, documents: list[ClinicalDocument] | None = None) -> dict[str, Any]:
    """The suggestions panel: groups (visits, prior episodes, plan and side, documentation, red
    flags), each row with its page link, and the side-mismatch warning."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for s in case_suggestions(case, documents):
        url = reverse("reviews:document_page", args=[case.public_id, s.document.public_id, s.document_page])
        rows.setdefault(s.group, []).append({"s": s, "url": f"{url}?{urlencode({'hl': s.quote[:300]})}"})
    groups: list[dict[str, Any]] = [
        {
            "name": name,
            "label": label,
            "rows": rows[name],
            "pending": sum(1 for r in rows[name] if r["s"].status == "pending"),
        }
        for name, label in GROUPS
        if rows.get(name)
    ]
    return {
        "groups": groups,
        "count": sum(len(g["rows"]) for g in groups),
        "side_warning": side_mismatch(case, documents),
        "visit_kinds": [(k, k.replace("_", " ").capitalize()) for k in Visit.KINDS],
        "sides": SIDES,
    }


@login_required
@require_POST
def case_suggestion_decide(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Accept, edit or reject one suggested finding, or accept all of a group (a person's confirmation; audited)."""
    case = get_case_for_user(request.user, public_id, write=True)
    error = ""
    action = request.POST.get("action", "")
    try:
        if action == "accept_all":
            page = request.POST.get("page", "")
            suggestions_accept_all(
                case=case,
                actor=request.user,
                group=request.POST.get("group", ""),
                page=int(page) if page.isdigit() else None,
            )
        else:
            suggestion_decide(
                case=case,
                actor=request.user,
                key=request.POST.get("key", ""),
                action=action,
                value=request.POST.get("value", ""),
                values={k[2:]: str(request.POST.get(k, "")) for k in request.POST if k.startswith("v_")},
            )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if not is_htmx(request):
        if error:
            messages.error(request, error)
        return redirect("reviews:case_review", public_id=case.public_id)
    case.refresh_from_db()
    review = ClinicalReview.objects.filter(case=case).first() or ClinicalReview(case=case)
    rows = max(OUTCOME_ROWS_MIN, len(review.outcome_measures or []) + 2)
    form = ClinicalReviewForm(
        initial=ClinicalReviewForm.initial_from(review, case), outcome_rows=rows, prefilled=review.prefilled_fields
    )
    ctx = {
        "form": form,
        "review": review,
        "notice": "" if error else "Suggestion recorded.",
        "suggestion_error": error,
        "prefilled": form.prefilled,
        "restored": None,
        "suggestions": _suggestion_rows(case),
        "checklist": case_checklist(case),
    }
    response = render_tab(request, case, "reviews/partials/review_form.html", ctx, title="Review", status=200)
    if not error:
        response["HX-Trigger"] = "ur-suggestions-decided"  # a page reader offering "Accept the N ..." redraws
    return response


def _draft_rows(data: dict[str, str], rows: int) -> int:
    used = [int(k.split("_")[1]) for k in data if k.startswith("om_") and k.split("_")[1].isdigit()]
    return max([rows, *used])


@login_required
@require_POST
def case_review_autosave(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Keep what is typed in the review form (debounced by htmx), valid or not, until it is saved."""
    case = get_case_for_user(request.user, public_id, write=True)
    rows = _draft_rows(request.POST.dict(), OUTCOME_ROWS_MIN)
    form = ClinicalReviewForm(request.POST, outcome_rows=rows)
    error = ""
    try:
        review_draft_autosave(case=case, actor=request.user, data=request.POST.dict(), allowed=set(form.fields))
    except ValidationError as exc:
        error = " ".join(exc.messages)
    checklist = case_checklist(case, form.to_service_data()) if form.is_valid() else case_checklist(case, stale=True)
    ctx = {"case": case, "error": error, "saved_at": timezone.localtime(), "checklist": checklist, "oob": True}
    return render(request, "reviews/partials/autosave_status.html", ctx)


urlpatterns = [
    path("cases/<uuid:public_id>/review/", case_review, name="case_review"),
    path("cases/<uuid:public_id>/review/autosave/", case_review_autosave, name="case_review_autosave"),
    path("cases/<uuid:public_id>/review/suggestions/", case_suggestion_decide, name="case_suggestion_decide"),
]
