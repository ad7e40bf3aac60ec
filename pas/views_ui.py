"""Supervisor page: PAS notification delivery status (no case content, no PHI)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from accounts.roles import is_supervisor

from .models import NotificationDelivery, PasClient


@login_required
@require_GET
def deliveries(request: HttpRequest) -> HttpResponse:
    if not is_supervisor(request.user):
        raise PermissionDenied("Only supervisors see PAS delivery status.")
    rows = NotificationDelivery.objects.select_related("subscription__client", "response").order_by("-id")[:200]
    counts = {
        status: NotificationDelivery.objects.filter(status=status).count()
        for status in NotificationDelivery.Status.values
    }
    return render(
        request,
        "pas/deliveries.html",
        {"rows": rows, "counts": counts, "clients": PasClient.objects.order_by("name")},
    )


app_name = "pas_ui"
urlpatterns = [path("deliveries/", deliveries, name="deliveries")]
