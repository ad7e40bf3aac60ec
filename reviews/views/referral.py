"""Decision tab: refer the case to a second-level reviewer, and take up a referral. Thin views:
getter -> form -> service (reviews.services.referrals) -> redirect with a message."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from vocabulary import CredentialKind

from ..forms_referral import ReferralForm
from ..models import Case, Recommendation
from ..permissions import get_case_for_user
from ..selectors import latest_recommendation
from ..services.referrals import case_refer, referral_options, referral_take, referral_targets
from .record import apply_errors, render_tab

TEMPLATE = "reviews/tabs/decision_referral.html"


def referral_form(user: Any, case: Case, rec: Recommendation | None, data: Any = None) -> ReferralForm:
    """The refer form, pre-filled with the engine's reason (red flag -> physician; a denial the user
    cannot sign -> the credential it needs)."""
    options = referral_options(user, case, recommendation=rec)
    return ReferralForm(
        data,
        targets=list(referral_targets(CredentialKind.PHYSICAL_THERAPIST, exclude=user)),  # PTs and physicians
        initial={"reason": options.reason, "to_credential": options.credential, "note": options.note},
    )


def referral_context(
    user: Any, case: Case, rec: Recommendation | None, form: ReferralForm | None = None
) -> dict[str, Any]:
    """What the decision tab's referral card shows (included by templates/reviews/tabs/decision.html)."""
    return {
        "referral": referral_options(user, case, recommendation=rec),
        "referral_form": form or referral_form(user, case, rec),
        "referrals": list(case.referrals.select_related("referred_by", "to_reviewer", "taken_by")),
    }


def _back(case: Case) -> HttpResponse:
    return redirect(reverse("reviews:case_detail", kwargs={"public_id": case.public_id}) + "?tab=decision")


@login_required
@require_POST
def decision_refer(request: HttpRequest, public_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, public_id, write=True)
    rec = latest_recommendation(case)[1]
    form = referral_form(request.user, case, rec, request.POST)
    if form.is_valid():
        cd = form.cleaned_data
        try:
            referral = case_refer(
                case=case,
                actor=request.user,
                reason=cd["reason"],
                to_credential=cd["to_credential"],
                to_reviewer=cd["to_reviewer"],
                note=cd["note"],
            )
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
        else:
            who = (
                referral.to_reviewer.get_full_name() or referral.to_reviewer.username
                if referral.to_reviewer
                else f"the {referral.get_to_credential_display().lower()} pool"
            )
            messages.success(request, f"{case.reference} is referred to {who}; the due time is unchanged.")
            return redirect("reviews:queue")
    ctx = referral_context(request.user, case, rec, form)
    return render_tab(request, case, TEMPLATE, ctx, title="Refer", status=400)


@login_required
@require_POST
def referral_take_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, public_id)
    try:
        referral_take(case=case, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(exc.messages if isinstance(exc, ValidationError) else [str(exc)]))
        return _back(case)
    messages.success(request, f"You took up the referral of {case.reference}: it is assigned to you.")
    return _back(case)


urlpatterns = [
    path("cases/<uuid:public_id>/decision/refer/", decision_refer, name="decision_refer"),
    path("cases/<uuid:public_id>/decision/take-referral/", referral_take_view, name="referral_take"),
]
