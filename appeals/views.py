"""Appeals, peer-to-peer and extension pages: getter -> form -> service -> redirect (thin views)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import is_supervisor
from audit.services import record_event
from reviews.permissions import get_case_for_user, get_case_for_view

from . import selectors
from .access import can_list_appeals, can_record_requests, get_appeal_for_user, get_p2p_for_user
from .forms import AppealAssignForm, AppealDecideForm, AppealFileForm, ExtensionForm, P2PCompleteForm, P2PRequestForm
from .models import NoticeLetter, P2PStatus, P2PWindow
from .services.appeals import appeal_assign, appeal_assignment_check, appeal_decide, appeal_file
from .services.extensions import extension_grant, extension_options
from .services.p2p import current_determination, p2p_complete, p2p_needs_amendment, p2p_request, p2p_window_missed


def _errors(request: HttpRequest, exc: ValidationError, form: Any = None) -> None:
    for field, errors in exc.message_dict.items():
        if form is not None and field in form.fields:
            for e in errors:
                form.add_error(field, e)
        else:
            messages.error(request, f"{field.replace('_', ' ')}: {' '.join(str(e) for e in errors)}")


def _require_recorder(user: Any) -> None:
    if not can_record_requests(user):
        raise PermissionDenied("Supervisors and intake staff record peer-to-peer requests and appeals.")


@login_required
@require_GET
def appeal_list(request: HttpRequest) -> HttpResponse:
    """Appeals and peer-to-peers the user may see, by due time."""
    if not can_list_appeals(request.user):
        raise PermissionDenied("Appeals are open to supervisors, intake staff, appeals reviewers and auditors.")
    appeals = list(selectors.appeal_list_for_user(request.user).order_by("status", "due_at"))
    p2ps = list(selectors.p2p_list_for_user(request.user).order_by("-requested_at")[:100])
    record_event("appeal.list_viewed", actor=request.user, summary={"appeals": len(appeals), "p2ps": len(p2ps)})
    return render(request, "appeals/list.html", {"appeals": appeals, "p2ps": p2ps, "now": timezone.now()})


@login_required
@require_GET
def case_panel(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """A case's peer-to-peers, appeals and extensions, with the actions the user's role owns."""
    case = get_case_for_view(request.user, public_id, view="appeals")
    activity = selectors.case_activity(case)
    return render(
        request,
        "appeals/case_panel.html",
        {
            "case": case,
            **activity,
            "determination": current_determination(case),
            "can_record": can_record_requests(request.user),
            "extension": extension_options(case),
            "amendment_due": [p for p in activity["p2ps"] if p2p_needs_amendment(p)],
            "is_supervisor": is_supervisor(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def p2p_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    _require_recorder(request.user)
    case = get_case_for_user(request.user, public_id, audit_view=True)
    form = P2PRequestForm(request.POST or None, initial={"requested_at": timezone.now().strftime("%Y-%m-%dT%H:%M")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            p2p = p2p_request(
                case=case,
                actor=request.user,
                peer=d["peer"],
                provider_contact=d["provider_contact"],
                provider_phone=d["provider_phone"],
                windows=form.windows(),
                requested_at=d["requested_at"],
            )
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            messages.success(request, f"Peer-to-peer recorded with {p2p.windows.count()} call windows offered.")
            return redirect("appeals:p2p_detail", public_id=p2p.public_id)
    return render(request, "appeals/p2p_new.html", {"case": case, "form": form})


@login_required
@require_GET
def p2p_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    p2p = get_p2p_for_user(request.user, public_id, view="p2p")
    return render(
        request,
        "appeals/p2p_detail.html",
        {
            "p2p": p2p,
            "windows": list(p2p.windows.all()),
            "can_act": p2p.status == P2PStatus.OFFERED
            and (p2p.peer_id == request.user.pk or is_supervisor(request.user)),
            "is_peer": p2p.peer_id == request.user.pk,
            "complete_form": P2PCompleteForm(),
            "now": timezone.now(),
            "needs_amendment": p2p_needs_amendment(p2p),
        },
    )


@login_required
@require_POST
def p2p_window_missed_view(request: HttpRequest, public_id: UUID, window_id: int) -> HttpResponse:
    p2p = get_p2p_for_user(request.user, public_id, view="p2p")
    window = P2PWindow.objects.filter(pk=window_id, p2p=p2p).first()
    if window is None:
        raise Http404("No such window")
    try:
        p2p = p2p_window_missed(p2p=p2p, window=window, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request,
            "Window recorded as missed."
            + (" No window is left: the peer-to-peer is missed, not done." if p2p.status == P2PStatus.MISSED else ""),
        )
    return redirect("appeals:p2p_detail", public_id=p2p.public_id)


@login_required
@require_POST
def p2p_complete_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    p2p = get_p2p_for_user(request.user, public_id, view="p2p")
    form = P2PCompleteForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(str(e) for e in errors)}")
        return redirect("appeals:p2p_detail", public_id=p2p.public_id)
    window = P2PWindow.objects.filter(pk=form.cleaned_data["window"], p2p=p2p).first()
    if window is None:
        raise Http404("No such window")
    try:
        p2p_complete(
            p2p=p2p,
            window=window,
            actor=request.user,
            outcome=form.cleaned_data["outcome"],
            notes=form.cleaned_data["notes"],
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, "Discussion recorded.")
    return redirect("appeals:p2p_detail", public_id=p2p.public_id)


@login_required
@require_http_methods(["GET", "POST"])
def appeal_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    _require_recorder(request.user)
    case = get_case_for_user(request.user, public_id, audit_view=True)
    determination = current_determination(case)
    form = AppealFileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if determination is None:
            messages.error(request, "determination: the case has no determination in force to appeal.")
        else:
            try:
                appeal = appeal_file(determination=determination, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _errors(request, exc, form)
            else:
                messages.success(
                    request, f"Appeal {appeal.case.reference} received; decision due {appeal.due_at:%Y-%m-%d %H:%M %Z}."
                )
                return redirect("appeals:appeal_detail", public_id=appeal.public_id)
    return render(request, "appeals/appeal_new.html", {"case": case, "determination": determination, "form": form})


@login_required
@require_GET
def appeal_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    appeal = get_appeal_for_user(request.user, public_id, view="appeal")
    assign_form = AppealAssignForm() if is_supervisor(request.user) and appeal.is_open else None
    eligibility = []
    if assign_form is not None:
        eligibility = [(u, appeal_assignment_check(appeal, u)) for u in assign_form.fields["reviewer"].queryset]  # type: ignore[attr-defined]
    return render(
        request,
        "appeals/appeal_detail.html",
        {
            "appeal": appeal,
            "assign_form": assign_form,
            "eligibility": eligibility,
            "decide_form": AppealDecideForm() if appeal.is_open and appeal.reviewer_id == request.user.pk else None,
            "notice": NoticeLetter.objects.filter(appeal=appeal).defer("pdf").first(),
            "ire": getattr(appeal, "ire_forwarding", None) if hasattr(appeal, "ire_forwarding") else None,
            "extension": extension_options(appeal.case) if appeal.is_open else None,
            "can_extend": appeal.is_open and (appeal.reviewer_id == request.user.pk or is_supervisor(request.user)),
            "letters": list(appeal.original_case.letters.defer("pdf").order_by("version")),
            "requested_visits": appeal.original_case.request.visits,
        },
    )


@login_required
@require_POST
def appeal_assign_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    appeal = get_appeal_for_user(request.user, public_id, view="appeal")
    if not is_supervisor(request.user):
        raise PermissionDenied("Only supervisors assign appeals.")
    form = AppealAssignForm(request.POST)
    if form.is_valid():
        try:
            appeal_assign(appeal=appeal, reviewer=form.cleaned_data["reviewer"], actor=request.user)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, "Appeal assigned.")
    else:
        messages.error(request, "reviewer: choose an appeals reviewer.")
    return redirect("appeals:appeal_detail", public_id=appeal.public_id)


@login_required
@require_POST
def appeal_decide_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    appeal = get_appeal_for_user(request.user, public_id, view="appeal")
    form = AppealDecideForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{field.replace('_', ' ')}: {' '.join(str(e) for e in errors)}")
        return redirect("appeals:appeal_detail", public_id=appeal.public_id)
    try:
        appeal_decide(appeal=appeal, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, "Appeal decided. The signed appeal-decision letter is being prepared.")
    return redirect("appeals:appeal_detail", public_id=appeal.public_id)


@login_required
@require_http_methods(["GET", "POST"])
def case_extend(request: HttpRequest, public_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, public_id, write=True, audit_view=True)
    options = extension_options(case)
    form = ExtensionForm(request.POST or None, reasons=options.get("reasons"))
    if request.method == "POST" and form.is_valid():
        try:
            ext = extension_grant(case=case, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            messages.success(
                request,
                f"Time frame extended by {ext.days} days; new due time {ext.new_due_at:%Y-%m-%d %H:%M %Z}. The notice is being signed.",
            )
            return redirect("appeals:case_panel", public_id=case.public_id)
    return render(request, "appeals/extend.html", {"case": case, "form": form, "options": options})


@login_required
@require_GET
def notice_download(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """A signed notice, exactly as signed: readable by whoever may read its case or appeal."""
    notice = NoticeLetter.objects.select_related("case", "appeal").filter(public_id=public_id).first()
    if notice is None:
        raise Http404("No such notice")
    if notice.appeal is not None:
        get_appeal_for_user(request.user, notice.appeal.public_id, view="notice")
    else:
        get_case_for_user(request.user, notice.case.public_id)
    record_event(
        "notice.downloaded", actor=request.user, obj=notice.case, summary={"notice_id": notice.pk, "kind": notice.kind}
    )
    response = HttpResponse(bytes(notice.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{notice.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def ire_packet(request: HttpRequest, public_id: UUID) -> HttpResponse:
    appeal = get_appeal_for_user(request.user, public_id, view="ire_packet")
    fwd = getattr(appeal, "ire_forwarding", None) if hasattr(appeal, "ire_forwarding") else None
    if fwd is None:
        raise Http404("This appeal was not forwarded to the IRE")
    record_event(
        "appeal.ire_packet_downloaded",
        actor=request.user,
        obj=appeal.case,
        summary={"appeal_id": appeal.pk, "sha256": fwd.sha256},
    )
    response = HttpResponse(bytes(fwd.packet), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{fwd.filename}"'
    response["Cache-Control"] = "no-store"
    return response
