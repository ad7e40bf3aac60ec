"""A lost database connection in the middle of a request: a clear 503, never a bare 500.

Every write runs in a transaction (services use transaction.atomic), so a connection that dies
mid-request rolls the unfinished write back in PostgreSQL. This middleware turns the resulting
OperationalError/InterfaceError into a 503 page with Retry-After that says so, and closes the broken
connection at once (CONN_HEALTH_CHECKS makes the next request open a fresh one). Forms that can be
submitted twice return the first result on a retry (docs/reliability.md), so "try again" is safe.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

MESSAGE = (
    "The connection to the database was interrupted. Anything this page was saving when it happened "
    "was not kept. Reload the page to see what is saved, then try again."
)


class DatabaseInterruptedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.warning("database connection lost during %s %s", request.method, request.path)
        for conn in connections.all(initialized_only=True):
            if conn.in_atomic_block:
                conn.needs_rollback = True
            else:
                conn.close_if_unusable_or_obsolete()
        body = (
            "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Try again</title></head>"
            f"<body><main><h1>Try again in a moment</h1><p role='alert'>{MESSAGE}</p></main></body></html>"
        )
        response = HttpResponse(body, status=503)
        response["Retry-After"] = "5"
        return response
