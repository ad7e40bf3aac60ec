"""Per-request context (request id, client IP) for audit events written deeper in the stack."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip_address: str | None = None


current: ContextVar[RequestContext] = ContextVar("audit_request_context", default=RequestContext())  # noqa: B039 - frozen


def client_ip(request: Any) -> str | None:
    """The client's address, for audit events and the login lockout (AXES_CLIENT_IP_CALLABLE).

    REMOTE_ADDR, unless UR_TRUSTED_PROXIES=n says the app sits behind n proxies that each append the
    address they saw to X-Forwarded-For: then the n-th entry from the right (entries further left
    are whatever the client sent, and are not trusted).
    """
    hops = settings.UR_TRUSTED_PROXIES
    if hops:
        forwarded = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR")
