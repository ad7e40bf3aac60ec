"""Bearer-token authentication (django-oauth-toolkit access tokens) and the per-client rate limit."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from oauth2_provider.oauth2_backends import get_oauthlib_core

from .fhir.outcome import FhirError, Issue
from .models import PasClient


class Unauthorized(FhirError):
    def __init__(self, message: str) -> None:
        super().__init__(Issue("", message, "login"), 401)


def authenticate(request: HttpRequest) -> PasClient:
    """The active client system whose valid, unexpired bearer token came with the request."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header.startswith("Bearer "):
        raise Unauthorized("a bearer token is required (OAuth 2.0 client credentials; see the CapabilityStatement)")
    valid, oauth_request = get_oauthlib_core().verify_request(request, scopes=[])
    if not valid or oauth_request.access_token is None:
        raise Unauthorized("the bearer token is invalid or has expired")
    application = oauth_request.access_token.application
    client = PasClient.objects.select_related("service_user").filter(application=application).first()
    if client is None or not client.active:
        raise Unauthorized("this client system is not registered or not active")
    return client


def rate_limit(client: PasClient) -> None:
    """At most PAS_RATE_LIMIT_PER_MINUTE requests per client per minute (fixed window, shared cache)."""
    limit = settings.PAS_RATE_LIMIT_PER_MINUTE
    if limit <= 0:
        return
    cache = caches["pas"]
    window = int(time.time() // 60)
    key = f"rl:{client.pk}:{window}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=120)
        count = 1
    if count > limit:
        raise FhirError(
            Issue("", f"rate limit exceeded ({limit} requests a minute); retry after a minute", "throttled"), 429
        )
