"""Intake views (intake coordinators and supervisors): new case form, ur-case/1 upload, ICD-10 and member search."""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from accounts.roles import is_intake, is_supervisor
from audit.services import record_event
from reviews.case_format import CaseFileError, parse_case_json
from reviews.models import Member
from reviews.services.cases import CaseImportError

from .forms import PATH_TO_FIELD, CaseFileUploadForm, IntakeCaseForm
from .services import intake_create_case, new_reference
from .validators import icd10_search

app_name = "intake"


def intake_required(view: Any) -> Any:
    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not (is_intake(request.user) or is_supervisor(request.user)):
            raise PermissionDenied("Intake is for intake coordinators and supervisors.")
        return view(request, *args, **kwargs)

    return wrapped


def _apply_import_errors(form: Any, exc: CaseImportError, fallback: str | None) -> None:
    for err in exc.errors:
        field = PATH_TO_FIELD.get(err.path) or ("services" if err.path.startswith("request.services") else fallback)
        form.add_error(
            field if field in form.fields else None, f"{err.path}: {err.message}" if field == fallback else err.message
        )


def _apply_validation(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = "record" if field == "file" and "record" in form.fields else field
            form.add_error(target if target in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@intake_required
@require_http_methods(["GET", "POST"])
def new_case(request: HttpRequest) -> HttpResponse:
    form = IntakeCaseForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.to_case_dict(form.cleaned_data["reference"] or new_reference())
            try:
                case = intake_create_case(
                    actor=request.user,
                    data=data,
                    record=form.cleaned_data.get("record"),
                    assign_to=form.cleaned_data.get("assign_to") or "",
                )
            except CaseImportError as exc:
                _apply_import_errors(form, exc, None)
            except ValidationError as exc:
                _apply_validation(form, exc)
            else:
                return redirect("reviews:case_detail", public_id=case.public_id)
        status = 400
    return render(request, "intake/new_case.html", {"form": form, "file_form": CaseFileUploadForm()}, status=status)


@intake_required
@require_http_methods(["POST"])
def upload_case_file(request: HttpRequest) -> HttpResponse:
    form = CaseFileUploadForm(request.POST, request.FILES)
    if form.is_valid():
        raw = form.cleaned_data["case_file"].read(2 * 1024 * 1024 + 1)
        try:
            if len(raw) > 2 * 1024 * 1024:
                raise CaseFileError([])
            data = parse_case_json(raw)
            if not isinstance(data, dict):
                raise CaseImportError([])
            case = intake_create_case(actor=request.user, data=data, assign_to=form.cleaned_data.get("assign_to") or "")
        except CaseFileError as exc:
            form.add_error("case_file", [str(e) for e in exc.errors] or ["The file is too large (2 MB at most)."])
        except CaseImportError as exc:
            form.add_error("case_file", [str(e) for e in exc.errors] or ["The file is not a ur-case/1 object."])
        except ValidationError as exc:
            _apply_validation(form, exc)
        else:
            return redirect("reviews:case_detail", public_id=case.public_id)
    return render(request, "intake/new_case.html", {"form": IntakeCaseForm(), "file_form": form}, status=400)


@intake_required
@require_GET
def icd10_lookup(request: HttpRequest) -> HttpResponse:
    q = (request.GET.get("q") or request.GET.get(request.GET.get("field", ""), "") or "").strip()[:80]
    return render(
        request, "intake/_icd_results.html", {"results": icd10_search(q), "field": request.GET.get("field", "")}
    )


@intake_required
@require_GET
def member_lookup(request: HttpRequest) -> HttpResponse:
    q = (request.GET.get("member_q") or "").strip()[:80]
    members: list[Member] = []
    if len(q) >= 2:
        members = list(
            Member.objects.filter(member_id__istartswith=q)[:10]
            or Member.objects.filter(family_name__istartswith=q).order_by("family_name", "given_name")[:10]
        )
        record_event("intake.member_search", actor=request.user, summary={"results": len(members)})
    return render(request, "intake/_member_results.html", {"members": members})


urlpatterns = [
    path("intake/new/", new_case, name="new_case"),
    path("intake/upload/", upload_case_file, name="upload_case_file"),
    path("intake/icd10/", icd10_lookup, name="icd10_lookup"),
    path("intake/members/", member_lookup, name="member_lookup"),
]
