"""htmx and fetch requests never follow a redirect to the login page.

When the session has expired, `login_required` answers with a redirect to the login page; htmx
would follow it and swap the login form into the tab, under a header that still shows PHI,
and the reviewer's typing would be replaced. For an htmx request (or a fetch that says
`X-UR-Fetch: 1`) the redirect becomes `401` with `HX-Reswap: none`: the page keeps what it
shows and what was typed, and static/js/app.js opens the sign-in dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url

SESSION_ENDED = "Your session has ended. Sign in again to continue; what you typed is kept."


def is_script_request(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request") or request.headers.get("X-UR-Fetch"))


class ScriptAuthMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 302 or not is_script_request(request):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return response
        login_url = resolve_url(settings.LOGIN_URL)
        if not response.get("Location", "").startswith(login_url):
            return response
        out = HttpResponse(SESSION_ENDED, status=401, content_type="text/plain; charset=utf-8")
        out["HX-Reswap"] = "none"
        out["X-UR-Auth"] = "required"
        return out
