"""Forms only validate; the views pass cleaned data to the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from accounts.roles import APPEALS_REVIEWER, REVIEWER, SUPERVISOR
from vocabulary import Urgency

from .models import AppealOutcome, ExtensionReason, P2POutcome, RequesterKind

DT = {"type": "datetime-local"}


def _dt(label: str, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(label=label, required=required, widget=forms.DateTimeInput(attrs=DT))


class P2PRequestForm(forms.Form):
    provider_contact = forms.CharField(label="Provider contact (who takes the call)", max_length=200)
    provider_phone = forms.CharField(label="Provider phone", max_length=40)
    peer = forms.ModelChoiceField(label="Reviewer taking the call", queryset=get_user_model().objects.none())
    requested_at = _dt("Request received (UTC)")
    window1_start = _dt("Window 1 from (UTC)")
    window1_end = _dt("Window 1 to (UTC)")
    window2_start = _dt("Window 2 from (UTC)")
    window2_end = _dt("Window 2 to (UTC)")
    window3_start = _dt("Window 3 from (UTC, optional)", required=False)
    window3_end = _dt("Window 3 to (UTC, optional)", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["peer"].queryset = (  # type: ignore[attr-defined]  # a ModelChoiceField
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=[REVIEWER, SUPERVISOR, APPEALS_REVIEWER])
            .distinct()
            .order_by("username")
        )

    def windows(self) -> list[tuple[Any, Any]]:
        out = []
        for i in (1, 2, 3):
            s, e = self.cleaned_data.get(f"window{i}_start"), self.cleaned_data.get(f"window{i}_end")
            if s and e:
                out.append((s, e))
        return out


class P2PCompleteForm(forms.Form):
    window = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label="Outcome", choices=P2POutcome.choices, widget=forms.RadioSelect)
    notes = forms.CharField(label="Summary of the discussion", widget=forms.Textarea(attrs={"rows": 3}))


class AppealFileForm(forms.Form):
    requester_kind = forms.ChoiceField(label="Appeal from", choices=RequesterKind.choices)
    requester_name = forms.CharField(label="Name of the person appealing", max_length=200)
    reason = forms.CharField(label="Why they disagree", widget=forms.Textarea(attrs={"rows": 3}))
    urgency = forms.ChoiceField(label="Urgency", choices=Urgency.choices(), initial=Urgency.STANDARD)
    received_at = _dt("Received (UTC; blank = now)", required=False)


class AppealAssignForm(forms.Form):
    reviewer = forms.ModelChoiceField(label="Appeals reviewer", queryset=get_user_model().objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = (  # type: ignore[attr-defined]  # a ModelChoiceField
            get_user_model().objects.filter(is_active=True, groups__name=APPEALS_REVIEWER).order_by("username")
        )


class AppealDecideForm(forms.Form):
    outcome = forms.ChoiceField(label="Outcome", choices=AppealOutcome.choices, widget=forms.RadioSelect)
    approved_visits = forms.IntegerField(label="Visits approved (partly overturned only)", required=False, min_value=0)
    rationale = forms.CharField(label="Rationale (quoted in the letter)", widget=forms.Textarea(attrs={"rows": 4}))


class ExtensionForm(forms.Form):
    reason_kind = forms.ChoiceField(label="Grounds", choices=ExtensionReason.choices)
    days = forms.IntegerField(label="Days", min_value=1, max_value=30)
    reason = forms.CharField(label="Reason (quoted in the notice)", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, reasons: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if reasons is not None:
            self.fields["reason_kind"].choices = reasons  # type: ignore[attr-defined]  # a ChoiceField
