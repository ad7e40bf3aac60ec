from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from accounts.roles import is_auditor, is_reviewer, is_supervisor


def require_supervisor(user: Any) -> None:
    if not is_supervisor(user):
        raise PermissionDenied("Supervisors only.")


def require_dashboard_reader(user: Any) -> None:
    if not (is_supervisor(user) or is_auditor(user)):
        raise PermissionDenied("The dashboard is open to supervisors and auditors.")


def require_reviewer(user: Any) -> None:
    if not (is_reviewer(user) or is_supervisor(user)):
        raise PermissionDenied("Reviewers only.")
