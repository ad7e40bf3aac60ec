"""Security settings: check --deploy with production settings, axes lockout, idle sessions, CSP, CSRF."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from tests.support import PASSWORD

ROOT = Path(__file__).resolve().parent.parent


def _production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "UR_", "DATABASE_URL", "REDIS_URL"))}
    env.update(
        UR_PRODUCTION="1",
        SECRET_KEY=secrets.token_urlsafe(50)[:50],
        AUDIT_HMAC_KEY=secrets.token_urlsafe(48),
        UR_KEY_ENCRYPTION_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="ur.example.org",
        UR_VAR_DIR=str(ROOT / "var" / "security-test"),
        DJANGO_SETTINGS_MODULE="config.settings",
        **extra,
    )
    return env


def test_check_deploy_is_clean_with_production_settings() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_responses_carry_csp_hsts_and_secure_cookies() -> None:
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.test import Client\n"
        "from django.test.utils import setup_test_environment\n"
        "setup_test_environment()\n"
        "r = Client().get('/login/', secure=True, HTTP_HOST='ur.example.org')\n"
        "print('CSP=' + r.headers.get('Content-Security-Policy', ''))\n"
        "print('HSTS=' + r.headers.get('Strict-Transport-Security', ''))\n"
        "print('SECURE=%s,%s' % (settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE))\n"
        "print('STATUS=%s' % r.status_code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=_production_env(), capture_output=True, text=True, timeout=120
    )
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert "STATUS=200" in out
    csp = next(line for line in out.splitlines() if line.startswith("CSP="))
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "max-age=31536000" in out and "SECURE=True,True" in out


def test_idle_session_expiry_and_password_validators() -> None:
    assert settings.SESSION_COOKIE_AGE == 15 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    names = [v["NAME"].rsplit(".", 1)[-1] for v in settings.AUTH_PASSWORD_VALIDATORS]  # type: ignore[index]
    assert {"MinimumLengthValidator", "CommonPasswordValidator", "UserAttributeSimilarityValidator"} <= set(names)


@pytest.mark.django_db
def test_axes_locks_out_after_five_failures(client: Client, reviewer: User) -> None:
    for _ in range(5):
        client.post(reverse("login"), {"username": "reviewer", "password": "nope-nope-nope"})
    # even the right password is refused now
    response = client.post(reverse("login"), {"username": "reviewer", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="auth.login_failed").count() >= 5
    assert AuditEvent.objects.filter(action="auth.locked_out").exists()


@pytest.mark.django_db
def test_csrf_is_enforced(reviewer: User) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "reviewer", "password": PASSWORD})
    assert response.status_code == 403


@pytest.mark.django_db
def test_session_ends_after_idle_time(client: Client, reviewer: User) -> None:
    client.force_login(reviewer)
    session = client.session
    assert session.get_expiry_age() == 15 * 60
    session.set_expiry(-1)  # as if the idle window had passed
    session.save()
    response = client.get(reverse("reviews:queue"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
