"""Login throttling per client IP across usernames, on top of django-axes' per-username-and-IP lockout.

django-axes counts failures per (username, IP): someone trying many usernames from one address is
never locked out. This backend (first in AUTHENTICATION_BACKENDS, in place of axes' own) refuses
every login from an IP whose failures across all usernames within the cool-off period reach
UR_LOGIN_IP_FAILURE_LIMIT, through axes' lockout path (HTTP 429, `auth.locked_out` audited).
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_client_ip_address, get_cool_off, get_lockout_message
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone


def ip_failures(ip_address: str | None) -> int:
    """Failed logins from `ip_address` (any username) within the cool-off period."""
    if not ip_address:
        return 0
    attempts = AccessAttempt.objects.filter(ip_address=ip_address)
    cool_off = get_cool_off()  # a timedelta, or None (failures never expire)
    if cool_off:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return int(attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0)


class IPThrottledAxesBackend(AxesStandaloneBackend):
    def authenticate(
        self, request: HttpRequest, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> None:
        super().authenticate(request, username=username, password=password, **kwargs)
        if request is None or not getattr(settings, "AXES_ENABLED", True):
            return
        limit = int(getattr(settings, "UR_LOGIN_IP_FAILURE_LIMIT", 0) or 0)
        ip_address = get_client_ip_address(request)
        if limit and ip_failures(ip_address) >= limit:
            kwargs.get("response_context", {})["error"] = get_lockout_message()
            user_locked_out.send("axes", request=request, username=username, ip_address=ip_address)
            request.axes_locked_out = True  # type: ignore[attr-defined]
            raise AxesBackendPermissionDenied("too many failed logins from this address")
