"""Signing in again in place (the session-expiry dialog) and a readable CSRF failure."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import authenticate, login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET, require_POST

from ..middleware import is_script_request

CSRF_MESSAGE = (
    "This form could not be sent because the page's security token is missing or out of date "
    "(the browser may be blocking this site's cookies). Nothing was saved."
)


@never_cache
@require_POST
def session_login(request: HttpRequest) -> JsonResponse:
    """Sign in from the dialog (fetch, JSON answer): the page stays, with everything typed in it."""
    username = (request.POST.get("username") or "").strip()
    password = request.POST.get("password") or ""
    if not username or not password:
        return JsonResponse({"ok": False, "error": "Enter your username and password."}, status=400)
    user = authenticate(request, username=username, password=password)
    if user is None:
        if getattr(request, "axes_locked_out", False):
            minutes = int(settings.AXES_COOLOFF_TIME * 60)
            error = f"Too many failed sign-ins. Try again in {minutes} minutes."
            return JsonResponse({"ok": False, "error": error}, status=403)
        return JsonResponse({"ok": False, "error": "That username and password do not match."}, status=400)
    login(request, user)  # rotates the CSRF token: the page gets the new one
    return JsonResponse({"ok": True, "user": user.get_username(), "csrf": get_token(request)})


@never_cache
@ensure_csrf_cookie
@require_GET
def session_csrf(request: HttpRequest) -> JsonResponse:
    """A fresh CSRF cookie and token, for a page whose cookie went missing."""
    return JsonResponse({"csrf": get_token(request)})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a plain message, never a bare 403 (htmx keeps the page as it is)."""
    if is_script_request(request):
        response = HttpResponse(CSRF_MESSAGE, status=403, content_type="text/plain; charset=utf-8")
        response["HX-Reswap"] = "none"
        response["X-UR-Error"] = "csrf"
        return response
    return render(request, "registration/csrf_failure.html", {"message": CSRF_MESSAGE}, status=403)


urlpatterns = [
    path("session/login/", session_login, name="session_login"),
    path("session/csrf/", session_csrf, name="session_csrf"),
]
