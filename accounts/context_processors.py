from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accounts.roles import APPEALS_REVIEWER, AUDITOR, CRITERIA_ADMIN, INTAKE, REVIEWER, SUPERVISOR, has_role

# Template name -> role (group name).
ROLE_FLAGS = {
    "reviewer": REVIEWER,
    "supervisor": SUPERVISOR,
    "criteria_admin": CRITERIA_ADMIN,
    "auditor": AUDITOR,
    "appeals_reviewer": APPEALS_REVIEWER,
    "intake": INTAKE,
}


class RoleFlags:
    """`ur_roles.<flag>` in a template: looked up when a template reads one (the user's groups, one
    query per request, cached on the user), so a fragment that shows no navigation costs no query."""

    def __init__(self, user: Any) -> None:
        self._user = user

    def __getitem__(self, flag: str) -> bool:
        if flag not in ROLE_FLAGS:
            raise KeyError(flag)
        return has_role(self._user, ROLE_FLAGS[flag])

    def __contains__(self, flag: object) -> bool:
        return flag in ROLE_FLAGS


def roles(request: HttpRequest) -> dict[str, Any]:
    """Role flags for templates (navigation), read lazily."""
    return {"ur_roles": RoleFlags(getattr(request, "user", None))}
