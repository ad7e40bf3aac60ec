"""Role names (Django groups; the names are stored data, never rename them) and checks."""

from __future__ import annotations

from typing import Any

REVIEWER = "reviewer"
SUPERVISOR = "supervisor"
CRITERIA_ADMIN = "criteria_admin"
AUDITOR = "auditor"
APPEALS_REVIEWER = "appeals_reviewer"
INTAKE = "intake_coordinator"
ALL_ROLES = (REVIEWER, SUPERVISOR, CRITERIA_ADMIN, AUDITOR, APPEALS_REVIEWER, INTAKE)


def has_role(user: Any, role: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    cache = getattr(user, "_ur_roles", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._ur_roles = cache
    return role in cache


def is_supervisor(user: Any) -> bool:
    return has_role(user, SUPERVISOR)


def is_auditor(user: Any) -> bool:
    return has_role(user, AUDITOR)


def is_reviewer(user: Any) -> bool:
    return has_role(user, REVIEWER)


def is_criteria_admin(user: Any) -> bool:
    return has_role(user, CRITERIA_ADMIN)


def is_appeals_reviewer(user: Any) -> bool:
    return has_role(user, APPEALS_REVIEWER)


def is_intake(user: Any) -> bool:
    return has_role(user, INTAKE)
