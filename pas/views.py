"""The FHIR endpoint (/fhir/): thin views. Bad input gets an OperationOutcome naming the element;
nothing here writes except through pas.services."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from reviews.case_format import CaseFileError, parse_case_json

from . import services
from .auth import Unauthorized, authenticate, rate_limit
from .fhir.capability import capability_statement
from .fhir.outcome import FhirError, Issue, operation_outcome
from .models import PasClient

FHIR_JSON = "application/fhir+json"
ACCEPTED_TYPES = ("application/fhir+json", "application/json")


def fhir_response(body: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None) -> HttpResponse:
    response = HttpResponse(
        json.dumps(body, separators=(",", ":")), status=status, content_type=f"{FHIR_JSON}; charset=utf-8"
    )
    for name, value in (headers or {}).items():
        response[name] = value
    response["Cache-Control"] = "no-store"
    return response


def outcome_response(exc: FhirError) -> HttpResponse:
    headers = {}
    if isinstance(exc, Unauthorized):
        headers["WWW-Authenticate"] = 'Bearer realm="ur-desk-pas"'
    if exc.status == 429:
        headers["Retry-After"] = "60"
    return fhir_response(operation_outcome(exc.issues), exc.status, headers)


def fhir_endpoint(operation: str, *, methods: tuple[str, ...], body: bool = False) -> Callable[..., Any]:
    """Method check, content type, token, rate limit, body size and JSON parsing for one endpoint;
    FhirError becomes an OperationOutcome; each exchange is audited."""

    def decorate(view: Callable[..., tuple[int, dict[str, Any] | None, str, str]]) -> Callable[..., HttpResponse]:
        @csrf_exempt
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            client: PasClient | None = None
            try:
                if request.method not in methods:
                    raise FhirError(Issue("", f"{request.method} is not supported here", "not-supported"), 405)
                client = authenticate(request)
                rate_limit(client)
                if body:
                    ctype = (request.content_type or "").lower()
                    if ctype not in ACCEPTED_TYPES:
                        raise FhirError(
                            Issue(
                                "",
                                f"send the body as {FHIR_JSON} (got {ctype[:60] or 'no content type'})",
                                "not-supported",
                            ),
                            415,
                        )
                data: Any = None
                if body:
                    limit = settings.PAS_MAX_BODY_BYTES
                    try:
                        declared = int(request.META.get("CONTENT_LENGTH") or 0)
                    except ValueError:
                        declared = 0
                    if declared > limit:
                        raise FhirError(
                            Issue("", f"the body is larger than {limit // (1024 * 1024)} MB", "too-long"), 413
                        )
                    raw = request.read(limit + 1)
                    if len(raw) > limit:
                        raise FhirError(
                            Issue("", f"the body is larger than {limit // (1024 * 1024)} MB", "too-long"), 413
                        )
                    if not raw.strip():
                        raise FhirError(Issue("Bundle", "the body is empty", "required"))
                    try:
                        data = parse_case_json(raw)
                    except CaseFileError as exc:
                        message = exc.errors[0].message if exc.errors else "is not valid JSON"
                        raise FhirError(Issue("Bundle", message, "structure")) from None
                status, payload, outcome, claim = view(request, client, data, *args, **kwargs)
            except RequestDataTooBig:
                services.audit_exchange(client, operation=operation, outcome="refused", status=413)
                return outcome_response(FhirError(Issue("", "the body is too large", "too-long"), 413))
            except FhirError as exc:
                services.audit_exchange(
                    client,
                    operation=operation,
                    outcome="unauthenticated" if exc.status == 401 else "refused",
                    status=exc.status,
                    claim=_claim_id(request),
                )
                return outcome_response(exc)
            services.audit_exchange(client, operation=operation, outcome=outcome, status=status, claim=claim)
            if payload is None:
                return HttpResponse(status=status)
            return fhir_response(payload, status)

        return wrapper

    return decorate


def _claim_id(request: HttpRequest) -> str:
    return getattr(request, "_pas_claim", "")


def _remember_claim(request: HttpRequest, data: Any) -> None:
    """Keep the Claim identifier (not PHI: a trace number) for the audit event, even when refused."""
    try:
        ident = data["entry"][0]["resource"]["identifier"][0]["value"]
        request._pas_claim = str(ident)[:200]  # type: ignore[attr-defined]
    except (KeyError, IndexError, TypeError):
        pass


@fhir_endpoint("$submit", methods=("POST",), body=True)
def claim_submit(request: HttpRequest, client: PasClient, data: Any) -> tuple[int, dict[str, Any], str, str]:
    _remember_claim(request, data)
    status, bundle, outcome = services.submit(client=client, data=data)
    return status, bundle, outcome, _claim_id(request)


@fhir_endpoint("$inquire", methods=("POST",), body=True)
def claim_inquire(request: HttpRequest, client: PasClient, data: Any) -> tuple[int, dict[str, Any], str, str]:
    _remember_claim(request, data)
    return 200, services.inquire(client=client, data=data), "found", _claim_id(request)


@fhir_endpoint("read ClaimResponse", methods=("GET",))
def claim_response_read(
    request: HttpRequest, client: PasClient, data: Any, response_id: str
) -> tuple[int, dict[str, Any], str, str]:
    record = services.claim_response_for_client(client=client, response_id=response_id)
    return 200, record.bundle["entry"][0]["resource"], "found", record.submission.claim_value


@fhir_endpoint("create Subscription", methods=("POST",), body=True)
def subscription_create(request: HttpRequest, client: PasClient, data: Any) -> tuple[int, dict[str, Any], str, str]:
    sub = services.subscription_create(client=client, data=data)
    return 201, services.subscription_resource(sub), "created", ""


@fhir_endpoint("Subscription", methods=("GET", "DELETE"))
def subscription_detail(
    request: HttpRequest, client: PasClient, data: Any, subscription_id: str
) -> tuple[int, dict[str, Any] | None, str, str]:
    if request.method == "DELETE":
        services.subscription_delete(client=client, public_id=subscription_id)
        return 204, None, "deleted", ""
    sub = services.subscription_for_client(client=client, public_id=subscription_id)
    return 200, services.subscription_resource(sub), "found", ""


@fhir_endpoint("Subscription $status", methods=("GET",))
def subscription_status(
    request: HttpRequest, client: PasClient, data: Any, subscription_id: str
) -> tuple[int, dict[str, Any] | None, str, str]:
    return 200, services.subscription_status(client=client, public_id=subscription_id), "found", ""


@csrf_exempt
def metadata(request: HttpRequest) -> HttpResponse:
    """The CapabilityStatement (public, as FHIR servers publish it)."""
    if request.method != "GET":
        return outcome_response(FhirError(Issue("", "use GET", "not-supported"), 405))
    return fhir_response(
        capability_statement(
            base_url=settings.PAS_FHIR_BASE_URL.rstrip("/"),
            token_url=token_url(request),
            software_version="1",
            date=timezone.now().date().isoformat(),
        )
    )


def token_url(request: HttpRequest | None = None) -> str:
    return settings.PAS_FHIR_BASE_URL.rstrip("/") + "/auth/token"


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return outcome_response(FhirError(Issue("", "no such FHIR endpoint on this server", "not-found"), 404))
