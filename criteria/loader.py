"""The starter content loader behind `manage.py load_criteria` (import + publish, idempotent)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from guidelines.services import library_load

from .models import CriteriaVersion
from .services import criteria_import, version_publish

LIBRARY_FILE = Path(__file__).resolve().parent.parent / "guidelines" / "data" / "library.json"
STARTER_FILE = Path(__file__).resolve().parent / "data" / "starter_criteria.json"
STARTER_SET = "pt-outpatient"
STARTER_EFFECTIVE = dt.date(2024, 1, 1)
ADMIN_APPS = ("criteria", "guidelines")


def criteria_admin_group_setup() -> Group:
    """Give the criteria_admin group the model permissions of criteria and guidelines; make members staff."""
    group, _ = Group.objects.get_or_create(name="criteria_admin")
    perms = Permission.objects.filter(content_type__app_label__in=ADMIN_APPS)
    group.permissions.add(*perms)
    group.user_set.filter(is_staff=False).update(is_staff=True)
    return group


@transaction.atomic
def starter_load(*, actor: Any = None) -> dict[str, Any]:
    """Load the guideline library and create + publish starter version 1 if the set has no version."""
    sources, recs = library_load(data=json.loads(LIBRARY_FILE.read_text()), actor=actor)
    published = None
    if not CriteriaVersion.objects.filter(criteria_set__key=STARTER_SET).exists():
        draft = criteria_import(data=json.loads(STARTER_FILE.read_text()), actor=actor)
        published = version_publish(
            version=draft,
            actor=actor,
            change_summary="Starter criteria (written from public sources; licensed benchmarks are example values).",
            effective_from=STARTER_EFFECTIVE,
        )
    criteria_admin_group_setup()
    return {"sources_created": sources, "recommendations_created": recs, "published": published}
