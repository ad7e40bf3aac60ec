"""Benchmark-only views, routed only when settings.UR_BENCH_ENDPOINTS is on (never in production).

`empty` is the stack's own limit for bench/load.py: the whole middleware chain (session, CSRF,
auth, audit context, axes), a signed-in user, and no work at all.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET


@login_required
@require_GET
def empty(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")
