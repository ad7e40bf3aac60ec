"""Production refuses weak secrets; logins are throttled per IP across usernames as well."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from config.secret_checks import weakness
from tests.support import PASSWORD

ROOT = Path(__file__).resolve().parent.parent
STRONG = {name: secrets.token_urlsafe(48) for name in ("SECRET_KEY", "AUDIT_HMAC_KEY", "UR_KEY_ENCRYPTION_KEY")}


def _settings_in_production(**overrides: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "UR_", "DATABASE_URL", "REDIS_URL"))}
    env.update(
        UR_PRODUCTION="1",
        ALLOWED_HOSTS="ur.example.org",
        UR_VAR_DIR=str(ROOT / "var" / "security-test"),
        DJANGO_SETTINGS_MODULE="config.settings",
        **STRONG,
    )
    env.update(overrides)
    for name, value in overrides.items():
        if value == "<unset>":
            env.pop(name)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('LOADED')"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_strong_secrets_load() -> None:
    result = _settings_in_production()
    assert result.returncode == 0, result.stderr
    assert "LOADED" in result.stdout


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("SECRET_KEY", "<unset>", "it is not set"),
        (
            "SECRET_KEY",
            "dev-only-insecure-key-do-not-use-in-production-ur-desk-0123456789",
            "it is a development default",
        ),
        ("AUDIT_HMAC_KEY", "x", "it has 1 characters; at least 32 are required"),
        ("AUDIT_HMAC_KEY", "dev-only-audit-key", "it is a development default"),
        ("UR_KEY_ENCRYPTION_KEY", "y", "it has 1 characters; at least 32 are required"),
        ("UR_KEY_ENCRYPTION_KEY", "ab" * 40, "it is too repetitive"),
    ],
)
def test_production_refuses_weak_secret(name: str, value: str, reason: str) -> None:
    result = _settings_in_production(**{name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{name} is refused when UR_PRODUCTION=1: {reason}" in result.stderr


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "it is not set"),
        ("dev-only-key-encryption-key", "it is a development default"),
        ("django-insecure-" + "k" * 40, "it is a development default"),
        ("0123456789abcdef0123456789abcde", "it has 31 characters; at least 32 are required"),
        ("a" * 64, "it is too repetitive (low entropy); generate a random one"),
    ],
)
def test_weakness_reasons(value: str, reason: str) -> None:
    assert weakness(value, dev_defaults=("dev-only-key-encryption-key",)) == reason


def test_weakness_accepts_generated_keys() -> None:
    for _ in range(50):
        assert weakness(secrets.token_urlsafe(32)) is None
        assert weakness(secrets.token_hex(32)) is None


@pytest.mark.django_db
def test_many_usernames_from_one_ip_are_throttled(client: Client, reviewer: User, settings) -> None:
    settings.UR_LOGIN_IP_FAILURE_LIMIT = 8
    for i in range(8):  # 8 different usernames, one failure each: axes' per-user lockout never fires
        client.post(reverse("login"), {"username": f"guess{i}", "password": "nope-nope-nope"})
    response = client.post(reverse("login"), {"username": "reviewer", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="auth.locked_out").exists()
    # another address is not affected
    other = Client(REMOTE_ADDR="10.9.8.7")
    response = other.post(reverse("login"), {"username": "reviewer", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in other.session


@pytest.mark.django_db
def test_a_few_failures_from_an_office_ip_do_not_lock_it(client: Client, reviewer: User) -> None:
    for i in range(4):
        client.post(reverse("login"), {"username": f"typo{i}", "password": "nope-nope-nope"})
    response = client.post(reverse("login"), {"username": "reviewer", "password": PASSWORD})
    assert response.status_code == 302


def test_production_refuses_the_benchmark_endpoints() -> None:
    result = _settings_in_production(UR_BENCH_ENDPOINTS="1")
    assert result.returncode != 0
    assert "UR_BENCH_ENDPOINTS=1 is for benchmarks only and refused with UR_PRODUCTION=1" in result.stderr


def test_the_empty_benchmark_view_is_not_routed_by_default() -> None:
    from django.urls import Resolver404, resolve

    with pytest.raises(Resolver404):
        resolve("/bench/empty/")
