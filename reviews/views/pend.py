"""Pend workflow views: 'information received' (with the new documents) and the signed
request-for-information notice (download). Thin: getter -> service -> redirect."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from audit.services import record_event

from ..models import InformationRequestLetter
from ..permissions import get_case_for_user
from ..services.pend import case_information_received

RECEIVED = "Information received: the case is back in review. Run the recommendation again before you decide."


def _back(public_id: UUID, tab: str = "decision") -> HttpResponse:
    return redirect(reverse("reviews:case_detail", kwargs={"public_id": public_id}) + f"?tab={tab}")


@login_required
@require_POST
def information_received(request: HttpRequest, public_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, public_id, write=True)
    files = request.FILES.getlist("files")
    try:
        case_information_received(case=case, actor=request.user, files=files)
    except ValidationError as exc:
        messages.error(request, "Information received: " + " ".join(exc.messages))
        return _back(case.public_id)
    messages.success(request, RECEIVED)
    return _back(case.public_id)


@login_required
@require_GET
def information_request_download(request: HttpRequest, public_id: UUID, letter_id: UUID) -> HttpResponse:
    """The stored, signed request-for-information notice exactly as signed (access-checked, audited)."""
    case = get_case_for_user(request.user, public_id)
    letter = InformationRequestLetter.objects.filter(case=case, public_id=letter_id).first()
    if letter is None:
        raise Http404("No such notice")
    record_event(
        "letter.downloaded",
        actor=request.user,
        obj=case,
        summary={"case": case.reference, "notice_id": letter.pk, "kind": "information_request"},
    )
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    stamp = letter.signed_at.strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="{case.reference}-information-request-{stamp}.pdf"'
    response["Content-Length"] = str(letter.size)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns = [
    path("cases/<uuid:public_id>/decision/information-received/", information_received, name="information_received"),
    path(
        "cases/<uuid:public_id>/letters/information-request/<uuid:letter_id>.pdf",
        information_request_download,
        name="information_request_download",
    ),
]
