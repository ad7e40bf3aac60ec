from __future__ import annotations

from django import forms


class PublishForm(forms.Form):
    change_summary = forms.CharField(
        label="Change summary",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What changed and why (shown to reviewers and in the audit trail).",
    )
    effective_from = forms.DateField(
        label="Effective from",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Cases with service dates from this day are evaluated against the new version.",
    )
