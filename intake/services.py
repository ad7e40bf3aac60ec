"""Intake services: create a case (form or ur-case/1 file) + its record + its assignment, all or nothing.

Case content goes through reviews.services.cases.case_import (the CLI's and PAS's door), the record
through reviews.services.documents.document_upload, the assignment through reviews.services.assignments.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from audit.services import record_event
from reviews.models import Case
from reviews.services.assignments import case_assign, least_loaded_reviewer
from reviews.services.cases import case_import
from reviews.services.documents import document_upload

AUTO = "auto"


def new_reference() -> str:
    return f"IN-{uuid.uuid4().hex[:10].upper()}"


@transaction.atomic
def intake_create_case(*, actor: Any, data: dict[str, Any], record: Any = None, assign_to: str = "") -> Case:
    """Create the case, attach the record (its reading is queued on commit), assign it. Nothing is saved
    if any step fails: CaseImportError (named paths) or ValidationError (named fields) propagate."""
    case = case_import(data=data, actor=actor, source="intake")
    if record is not None:
        document_upload(case=case, actor=actor, uploaded_file=record)
    if assign_to:
        if assign_to == AUTO:
            reviewer = least_loaded_reviewer()
            if reviewer is None:
                raise ValidationError({"assign_to": "No active reviewer can take this case; leave it unassigned."})
        else:
            reviewer = get_user_model().objects.filter(pk=int(assign_to) if assign_to.isdigit() else -1).first()
        case_assign(case=case, reviewer=reviewer, actor=actor, auto=assign_to == AUTO)
    record_event(
        "intake.case_created",
        actor=actor,
        obj=case,
        summary={"reference": case.reference, "record": record is not None},
    )
    return case
