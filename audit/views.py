"""Audit trail pages for auditors and supervisors: event list, exports, chain status."""

from __future__ import annotations

import uuid
from datetime import UTC

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from .exports import csv_rows, fhir_bundle_chunks
from .models import AuditChainHead
from .selectors import EventFilterForm, can_read_audit, filtered_events
from .services import record_event
from .verify import verify_chain

PAGE_SIZE = 50


def _require_reader(request: HttpRequest) -> None:
    if not can_read_audit(request.user):
        raise PermissionDenied("The audit trail is open to auditors and supervisors.")


def _filters(request: HttpRequest) -> tuple[EventFilterForm, dict[str, object]]:
    form = EventFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, {k: v for k, v in form.cleaned_data.items() if v}
    return form, {}


@login_required
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    form, filters = _filters(request)
    page = Paginator(filtered_events(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/event_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "filters": filters},
    )


def _export_name(ext: str) -> str:
    return f"ur-desk-audit-{timezone.now().astimezone(UTC):%Y%m%dT%H%M%SZ}.{ext}"


def _record_export(request: HttpRequest, fmt: str, filters: dict[str, object]) -> None:
    # A bulk read of the trail is itself an access worth recording (HIPAA activity review).
    record_event("audit.exported", actor=request.user, summary={"format": fmt, "filters": filters})


@login_required
@require_GET
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    _require_reader(request)
    form, filters = _filters(request)
    _record_export(request, "csv", filters)
    response = StreamingHttpResponse(csv_rows(filtered_events(filters)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_name("csv")}"'
    return response


@login_required
@require_GET
def export_fhir(request: HttpRequest) -> StreamingHttpResponse:
    _require_reader(request)
    form, filters = _filters(request)
    _record_export(request, "fhir", filters)
    chunks = fhir_bundle_chunks(
        filtered_events(filters), bundle_id=uuid.uuid4().hex, timestamp=timezone.now().astimezone(UTC).isoformat()
    )
    response = StreamingHttpResponse(chunks, content_type="application/fhir+json")
    response["Content-Disposition"] = f'attachment; filename="{_export_name("json")}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def chain_status(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    head = AuditChainHead.objects.filter(pk=1).first()
    report = None
    if request.method == "POST":
        report = verify_chain()
        record_event(
            "audit.chain_verified",
            actor=request.user,
            summary={"ok": report.ok, "checked": report.checked, "broken_sequence": report.broken_sequence},
        )
    return render(request, "audit/chain_status.html", {"head": head, "report": report})
