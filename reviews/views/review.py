"""Case tab: the structured review form (drafts, pre-filled marks, confirmation)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_http_methods

from ..forms import OUTCOME_ROWS_MIN, ClinicalReviewForm
from ..models import ClinicalReview
from ..permissions import get_case_for_user
from ..services.reviews import clinical_review_save
from .record import apply_errors, is_htmx, render_tab


@login_required
@require_http_methods(["GET", "POST"])
def case_review(request: HttpRequest, public_id: UUID) -> HttpResponse:
    write = request.method == "POST"
    case = get_case_for_user(request.user, public_id, write=write, audit_view=not write)
    review = ClinicalReview.objects.filter(case=case).first() or ClinicalReview(case=case)
    prefilled = list(review.prefilled_fields or [])
    rows = max(OUTCOME_ROWS_MIN, len(review.outcome_measures or []) + 2)
    notice = ""
    status = 200
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
                case.refresh_from_db()
                form = ClinicalReviewForm(
                    initial=ClinicalReviewForm.initial_from(review, case),
                    outcome_rows=max(OUTCOME_ROWS_MIN, len(review.outcome_measures or []) + 2),
                    prefilled=review.prefilled_fields,
                )
        if form.errors and not is_htmx(request):
            status = 400
    else:
        form = ClinicalReviewForm(
            initial=ClinicalReviewForm.initial_from(review, case), outcome_rows=rows, prefilled=prefilled
        )
    ctx = {"form": form, "review": review, "notice": notice, "prefilled": form.prefilled}
    return render_tab(request, case, "reviews/tabs/review.html", ctx, title="Structured review", status=status)


urlpatterns = [
    path("cases/<uuid:public_id>/review/", case_review, name="case_review"),
]
