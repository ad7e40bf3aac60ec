"""Case tab: letters (history + download), and the letter verification page for supervisors and auditors."""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import is_auditor, is_supervisor
from audit.services import record_event

from ..letters.verify import verify_pdf
from ..models import Determination, Letter
from ..models.cases import CaseStatus
from ..permissions import get_case_for_user, get_case_for_view
from ..services.determinations import determination_reopen
from ..services.information_requests import information_requests_of
from .record import is_htmx

# A letter is a few hundred kB; anything far larger is not one of ours.
MAX_VERIFY_BYTES = min(getattr(settings, "UR_MAX_UPLOAD_BYTES", 10 * 1024 * 1024), 10 * 1024 * 1024)


class VerifyLetterForm(forms.Form):
    pdf = forms.FileField(label="Letter PDF", help_text=f"A PDF up to {MAX_VERIFY_BYTES // (1024 * 1024)} MB.")

    def clean_pdf(self) -> bytes:
        upload = self.cleaned_data["pdf"]
        if upload.size > MAX_VERIFY_BYTES:
            raise forms.ValidationError(f"The file is larger than {MAX_VERIFY_BYTES // (1024 * 1024)} MB.")
        data: bytes = upload.read()
        if not data.startswith(b"%PDF"):
            raise forms.ValidationError("This is not a PDF file.")
        return data


@login_required
@require_GET
def case_letters(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The case's letter history: htmx partial for the tab, full page otherwise."""
    case = get_case_for_view(request.user, public_id, view="letters")
    letters = list(
        Letter.objects.filter(case=case)
        .select_related("signer", "signer__reviewer_profile", "determination", "supersedes")
        .defer("pdf")
        .order_by("-version")
    )
    superseded = {letter.supersedes_id for letter in letters if letter.supersedes_id}
    # A submitted determination whose letter is still being rendered and signed by the worker.
    signing = Determination.objects.filter(case=case, letter__isnull=True).exists()
    information_requests = information_requests_of(case)
    signing = signing or any(p.letter_pending for p in information_requests)
    ctx = {
        "case": case,
        "letters": letters,
        "information_requests": information_requests,
        "superseded_ids": superseded,
        "signing": signing,
        "can_reopen": is_supervisor(request.user) and case.status in (CaseStatus.DETERMINED, CaseStatus.AMENDED),
    }
    template = "reviews/letters/tab.html" if is_htmx(request) else "reviews/letters/page.html"
    return render(request, template, ctx)


@login_required
@require_GET
def letter_download(request: HttpRequest, public_id: UUID, version: int) -> HttpResponse:
    """The stored, signed PDF exactly as signed (access-checked, audited)."""
    case = get_case_for_user(request.user, public_id)
    letter = Letter.objects.filter(case=case, version=version).first()
    if letter is None:
        raise Http404("No such letter")
    record_event(
        "letter.downloaded",
        actor=request.user,
        obj=letter,
        summary={"case": case.reference, "letter_id": letter.pk, "version": letter.version},
    )
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{case.reference}-letter-v{letter.version}.pdf"'
    response["Content-Length"] = str(letter.size)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def case_reopen(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """A supervisor reopens a determined case for amendment (the signed letter stays as it is)."""
    case = get_case_for_user(request.user, public_id, write=True)
    try:
        determination_reopen(case=case, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        # Plain words only: the messages name what to do, never an internal field name.
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Case reopened for amendment. The next signed letter will supersede the current one.")
    return redirect(reverse("reviews:case_detail", args=[case.public_id]) + "?tab=letters")


@login_required
@require_http_methods(["GET", "POST"])
def letter_verify(request: HttpRequest) -> HttpResponse:
    """Upload any PDF: is the signature intact and valid, who signed and when, is it a stored letter?"""
    if not (is_supervisor(request.user) or is_auditor(request.user)):
        raise PermissionDenied("Only supervisors and auditors verify letters.")
    result = None
    letter = None
    superseded_by = None
    if request.method == "POST":
        form = VerifyLetterForm(request.POST, request.FILES)
        if form.is_valid():
            result = verify_pdf(form.cleaned_data["pdf"])
            if result.matches_letter_id:
                letter = Letter.objects.select_related("case").defer("pdf").get(pk=result.matches_letter_id)
                superseded_by = Letter.objects.defer("pdf").filter(supersedes=letter).first()
            record_event(
                "letter.verified",
                actor=request.user,
                object_type="reviews.letter",
                object_id=str(result.matches_letter_id or ""),
                summary={"ok": result.ok, "sha256": result.sha256, "letter_id": result.matches_letter_id},
            )
    else:
        form = VerifyLetterForm()
    status = 200 if form.is_bound is False or form.is_valid() else 400
    return render(
        request,
        "reviews/letters/verify.html",
        {"form": form, "result": result, "letter": letter, "superseded_by": superseded_by},
        status=status,
    )


urlpatterns: list[URLPattern] = [
    path("cases/<uuid:public_id>/letters/", case_letters, name="case_letters"),
    path("cases/<uuid:public_id>/letters/<int:version>/download/", letter_download, name="letter_download"),
    path("cases/<uuid:public_id>/reopen/", case_reopen, name="case_reopen"),
    path("letters/verify/", letter_verify, name="letter_verify"),
]
