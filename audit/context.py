"""Per-request context (request id, client IP) for audit events written deeper in the stack."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip_address: str | None = None


current: ContextVar[RequestContext] = ContextVar("audit_request_context", default=RequestContext())  # noqa: B039 - frozen
