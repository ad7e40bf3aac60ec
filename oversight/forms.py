from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.roles import REVIEWER
from audit.selectors import REPORT_DATE_VALIDATORS
from vocabulary import DETERMINATION_DECISIONS, Decision

from .models import Verdict


def default_period() -> tuple[date, date]:
    today = timezone.localdate()
    return today - timedelta(days=29), today


class PeriodForm(forms.Form):
    start = forms.DateField(
        label="From", widget=forms.DateInput(attrs={"type": "date"}), validators=REPORT_DATE_VALIDATORS
    )
    end = forms.DateField(
        label="To (inclusive)", widget=forms.DateInput(attrs={"type": "date"}), validators=REPORT_DATE_VALIDATORS
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "'To' must be on or after 'From'.")
            elif (end - start).days > 3660:
                self.add_error("start", "Choose a period of at most ten years.")
        return data


class SampleDrawForm(forms.Form):
    month = forms.DateField(
        label="Month",
        widget=forms.DateInput(attrs={"type": "month"}),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        validators=REPORT_DATE_VALIDATORS,
    )
    per_reviewer = forms.IntegerField(label="Determinations per reviewer", min_value=1, max_value=50, initial=5)


class QualityReviewForm(forms.Form):
    verdict = forms.ChoiceField(choices=Verdict.choices, widget=forms.RadioSelect, label="Your verdict")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Notes")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("verdict") == Verdict.DISAGREE and not (data.get("notes") or "").strip():
            self.add_error("notes", "Explain the disagreement in the notes.")
        return data


class AssessmentCreateForm(forms.Form):
    reviewer = forms.ModelChoiceField(queryset=get_user_model().objects.none(), label="Reviewer")
    pass_threshold_pct = forms.IntegerField(
        label="Pass threshold (% agreement)", min_value=1, max_value=100, initial=90
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = (  # type: ignore[attr-defined]
            get_user_model().objects.filter(groups__name=REVIEWER, is_active=True).order_by("username")
        )


class IRRAnswerForm(forms.Form):
    decision = forms.ChoiceField(
        choices=Decision.choices(DETERMINATION_DECISIONS),
        widget=forms.RadioSelect,
        label="Your decision",
    )
    approved_visits = forms.IntegerField(label="Visits approved", min_value=0, max_value=500, initial=0)
