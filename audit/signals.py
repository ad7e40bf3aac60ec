"""Login, logout and failed-login events. Summaries never carry the password or the username attempted."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .services import record_event


@receiver(user_logged_in, dispatch_uid="audit_login")
def on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record_event("auth.login", actor=user, obj=user, summary={"user_id": user.pk})


@receiver(user_logged_out, dispatch_uid="audit_logout")
def on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is None:  # the session had already expired
        record_event("auth.logout", summary={"session_expired": True})
        return
    record_event("auth.logout", actor=user, obj=user, summary={"user_id": user.pk})


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def on_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    user_model = get_user_model()
    username = credentials.get(user_model.USERNAME_FIELD) or credentials.get("username") or ""
    exists = bool(username) and user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).exists()
    record_event("auth.login_failed", summary={"username_exists": exists})


def _connect_axes() -> None:
    try:
        from axes.signals import user_locked_out
    except ImportError:  # pragma: no cover - axes is a hard dependency; keep the audit app importable alone
        return

    @receiver(user_locked_out, dispatch_uid="audit_locked_out")
    def on_locked_out(sender: Any, request: Any = None, **kwargs: Any) -> None:
        record_event("auth.locked_out", summary={})


_connect_axes()
