"""Reads of the audit trail, filtered for the event list and the exports."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.roles import is_auditor, is_supervisor

from .models import AuditEvent


def can_read_audit(user: Any) -> bool:
    """Auditors and supervisors read the audit trail."""
    return is_auditor(user) or is_supervisor(user)


# Report and filter dates: a day past the last one must still be a date (9999-12-31 + 1 overflows).
REPORT_DATE_VALIDATORS = [
    MinValueValidator(date(1900, 1, 1), "Choose a date in 1900 or later."),
    MaxValueValidator(date(2999, 12, 31), "Choose a date before the year 3000."),
]


class EventFilterForm(forms.Form):
    action = forms.CharField(
        required=False, max_length=80, help_text="An action or a namespace, e.g. 'case' or 'auth.login'"
    )
    actor = forms.CharField(required=False, max_length=150, label="Actor username")
    object_id = forms.CharField(required=False, max_length=80, label="Object id")
    date_from = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}), validators=REPORT_DATE_VALIDATORS
    )
    date_to = forms.DateField(
        required=False,
        label="To (inclusive)",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=REPORT_DATE_VALIDATORS,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "'To' must be on or after 'From'.")
        return data


def _day_start(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, time.min))


def filtered_events(filters: dict[str, Any]) -> QuerySet[AuditEvent]:
    """Events matching the cleaned filter values, in chain order."""
    qs = AuditEvent.objects.all().order_by("sequence")
    action = (filters.get("action") or "").strip()
    if action:
        prefix = action.rstrip(".")
        qs = qs.filter(Q(action=prefix) | Q(action__startswith=prefix + "."))
    actor = (filters.get("actor") or "").strip()
    if actor:
        qs = qs.filter(actor_username=actor)
    object_id = (filters.get("object_id") or "").strip()
    if object_id:
        qs = qs.filter(object_id=object_id)
    if filters.get("date_from"):
        qs = qs.filter(occurred_at__gte=_day_start(filters["date_from"]))
    if filters.get("date_to"):
        qs = qs.filter(occurred_at__lt=_day_start(filters["date_to"] + timedelta(days=1)))
    return qs
