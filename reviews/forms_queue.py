"""The queue's filter form (GET): validates filters; the selector applies them."""

from __future__ import annotations

from typing import Any

from django import forms

from vocabulary import ReviewType, Urgency

from .models.cases import CaseStatus

STATUS_CHOICES = [("open", "Open cases"), ("all", "All statuses"), *CaseStatus.choices]
DUE_CHOICES = [("", "Any due time"), ("overdue", "Overdue"), ("24h", "Due within 24 h")]


class QueueFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "Reference, member, ICD-10 code", "type": "search"}),
    )
    status = forms.ChoiceField(label="Status", required=False, choices=STATUS_CHOICES)
    urgency = forms.ChoiceField(label="Urgency", required=False, choices=[("", "Any urgency"), *Urgency.choices()])
    review_type = forms.ChoiceField(
        label="Review type", required=False, choices=[("", "Any review type"), *ReviewType.choices()]
    )
    due = forms.ChoiceField(label="Due", required=False, choices=DUE_CHOICES)
    reviewer = forms.ChoiceField(label="Reviewer", required=False)

    def __init__(self, *args: Any, reviewers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if reviewers is None:
            # Reviewers see only their own cases: the reviewer filter does not apply.
            del self.fields["reviewer"]
        else:
            self.fields["reviewer"].choices = [  # type: ignore[attr-defined]  # a ChoiceField
                ("", "Any reviewer"),
                ("unassigned", "Unassigned"),
                *((str(u.pk), u.get_full_name() or u.username) for u in reviewers),
            ]
        for name, field in self.fields.items():
            css = (
                "form-select form-select-sm" if isinstance(field, forms.ChoiceField) else "form-control form-control-sm"
            )
            field.widget.attrs.setdefault("class", css)
            field.widget.attrs.setdefault("id", f"f-{name}")

    @property
    def active_filters(self) -> dict[str, Any]:
        """The cleaned filters (an invalid form filters nothing but the default: open cases)."""
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class AssignForm(forms.Form):
    """Supervisor's assign / reassign control (queue rows and the case header)."""

    reviewer: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Assign to", queryset=None, empty_label="Choose a reviewer…"
    )

    def __init__(self, *args: Any, reviewers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reviewer"]
        field.queryset = reviewers  # type: ignore[attr-defined]
        field.label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]
        field.widget.attrs["class"] = "form-select form-select-sm"
