"""Every URL pattern refuses the anonymous user (redirect to a login page); per-role checks for oversight and audit."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter, UUIDConverter
from django.urls.exceptions import Resolver404

# Views that must be reachable without signing in.
PUBLIC = {
    "login",
    "logout",
    "admin:login",
    "admin:logout",
    "pas:metadata",
    "pas:token",
    "pas:not_found",
    "reviews:session_login",
    "reviews:session_csrf",
}
DUMMY_UUID = str(uuid.UUID(int=1))


def _dummy(converter: Any) -> str:
    if isinstance(converter, UUIDConverter):
        return DUMMY_UUID
    if isinstance(converter, IntConverter):
        return "1"
    if isinstance(converter, SlugConverter | StringConverter | PathConverter):
        return "x"
    return "1"


def _fill(pattern: Any) -> str:
    text = str(pattern)
    converters = getattr(pattern, "converters", {})
    if text.startswith("^") or "(?P<" in text:  # a regex pattern (the admin's app index)
        text = re.sub(r"\(\?P<\w+>([^|)]+)[^)]*\)", r"\1", text)
        return text.lstrip("^").rstrip("$").replace("\\", "")
    return re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: _dummy(converters[m.group(2)]), text)


def iter_urls(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from iter_urls(p.url_patterns, prefix + _fill(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield "/" + prefix + _fill(p.pattern), f"{namespace}{p.name or p.lookup_str}"


ALL_URLS = sorted(set(iter_urls(get_resolver().url_patterns)))


def test_the_walk_finds_the_apps() -> None:
    names = {name for _, name in ALL_URLS}
    assert {"reviews:queue", "oversight:dashboard", "audit:events", "admin:index"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "name"), ALL_URLS, ids=[n for _, n in ALL_URLS])
def test_anonymous_is_sent_to_login(client: Client, path: str, name: str) -> None:
    if name in PUBLIC:
        pytest.skip("public by design")
    try:
        resolve(path)
    except Resolver404:
        pytest.fail(f"dummy path {path} for {name} does not resolve; extend _fill()")
    response = client.get(path)
    if response.status_code == 405:  # POST-only view whose method check runs before the login check
        response = client.post(path)
    if path.startswith("/fhir/"):  # the PAS API: bearer tokens, 401 with an OperationOutcome
        assert response.status_code == 401, f"{name} ({path}) answered {response.status_code} to an anonymous client"
        assert response.json()["resourceType"] == "OperationOutcome"
        return
    assert response.status_code == 302, f"{name} ({path}) answered {response.status_code} to an anonymous user"
    login = "/admin/login/" if path.startswith("/admin/") else reverse("login")
    assert response["Location"].startswith(login), f"{name} redirected to {response['Location']}"


ROLES = ["reviewer", "supervisor", "criteria_admin", "auditor", "appeals_reviewer", "intake"]
# name -> the roles that get 200 (everyone else gets 403)
ROLE_MATRIX = {
    "oversight:dashboard": {"supervisor", "auditor"},
    "oversight:dashboard_csv": {"supervisor", "auditor"},
    "oversight:cms_public": {"supervisor", "auditor"},
    "oversight:cms_public_csv": {"supervisor", "auditor"},
    "appeals:list": {"supervisor", "auditor", "intake", "appeals_reviewer"},
    "oversight:quality": {"supervisor"},
    "oversight:irr": {"supervisor"},
    "oversight:irr_work": {"reviewer", "supervisor"},
    "audit:events": {"supervisor", "auditor"},
    "audit:export_csv": {"supervisor", "auditor"},
    "audit:export_fhir": {"supervisor", "auditor"},
    "audit:chain": {"supervisor", "auditor"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ROLE_MATRIX))
def test_role_access(client: Client, request: pytest.FixtureRequest, role: str, name: str) -> None:
    user: User = request.getfixturevalue(role)
    client.force_login(user)
    response = client.get(reverse(name))
    assert response.status_code == (200 if role in ROLE_MATRIX[name] else 403)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["reviewer", "criteria_admin", "auditor"])
def test_supervisor_only_object_urls_refuse_other_roles(
    client: Client, request: pytest.FixtureRequest, role: str
) -> None:
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("oversight:quality_review", args=[DUMMY_UUID])).status_code == 403
    for name in ("oversight:irr_gold_retire", "oversight:irr_retest"):
        assert client.post(reverse(name, args=[DUMMY_UUID])).status_code == 403
    assert client.post(reverse("oversight:irr_gold_mark"), {"determination": "1"}).status_code == 403
    assert client.post(reverse("audit:chain")).status_code == (200 if role == "auditor" else 403)
