"""User-scoped reads."""

from __future__ import annotations

from typing import Any

from .models import Case
from .models.cases import CaseQuerySet
from .roles import is_auditor, is_supervisor


def case_list_for_user(user: Any) -> CaseQuerySet:
    """The cases `user` may list: supervisors and auditors see all, reviewers their own."""
    qs = Case.objects.with_queue_data()
    if is_supervisor(user) or is_auditor(user):
        return qs
    return qs.for_reviewer(user)
