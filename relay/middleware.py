"""Per request, collect the task messages the broker refused (relay.outbox.unsent_in_request)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .outbox import tracking_unsent


class UnsentTasksMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with tracking_unsent() as unsent:
            response = self.get_response(request)
        if unsent:
            response["X-UR-Queued-Offline"] = str(len(unsent))
        return response
