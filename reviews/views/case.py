from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from ..permissions import get_case_for_user
from ..selectors import case_list_for_user


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    cases = case_list_for_user(request.user)
    return render(request, "reviews/queue.html", {"cases": cases})


@login_required
def case_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, public_id, audit_view=True)
    return render(request, "reviews/case_detail.html", {"case": case})


urlpatterns = [
    path("", queue, name="queue"),
    path("cases/<uuid:public_id>/", case_detail, name="case_detail"),
]
