from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accounts.roles import APPEALS_REVIEWER, AUDITOR, CRITERIA_ADMIN, INTAKE, REVIEWER, SUPERVISOR, has_role


def roles(request: HttpRequest) -> dict[str, Any]:
    """Role flags for templates (navigation); one group query per request, cached on the user."""
    user = getattr(request, "user", None)
    return {
        "ur_roles": {
            "reviewer": has_role(user, REVIEWER),
            "supervisor": has_role(user, SUPERVISOR),
            "criteria_admin": has_role(user, CRITERIA_ADMIN),
            "auditor": has_role(user, AUDITOR),
            "appeals_reviewer": has_role(user, APPEALS_REVIEWER),
            "intake": has_role(user, INTAKE),
        }
    }
