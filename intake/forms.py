"""Intake forms: a case from its parts (member, provider, diagnoses, services, dates, record), or a ur-case/1 file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.roles import REVIEWER
from vocabulary import ReviewType, Urgency

from .validators import icd10_check, npi_is_valid

SEX = [("female", "Female"), ("male", "Male"), ("other", "Other"), ("unknown", "Unknown")]
ASSIGN_AUTO = "auto"


def catalogue_choices() -> list[tuple[str, str]]:
    from criteria.models import ServiceItem

    rows = ServiceItem.objects.filter(version__status="published").order_by("code").values_list("code", "descriptor")
    seen: dict[str, str] = {}
    for code, descriptor in rows:
        seen.setdefault(code, f"{code} {descriptor}")
    return list(seen.items())


def reviewer_choices() -> list[tuple[str, str]]:
    users = get_user_model().objects.filter(is_active=True, groups__name=REVIEWER).order_by("username").distinct()
    return [("", "Leave unassigned"), (ASSIGN_AUTO, "Auto-assign (least open work)")] + [
        (str(u.pk), u.get_full_name() or u.username) for u in users
    ]


class IntakeCaseForm(forms.Form):
    reference = forms.CharField(max_length=50, required=False, help_text="Leave blank for a new reference.")
    review_type = forms.ChoiceField(choices=[(t.value, t.label) for t in ReviewType])
    urgency = forms.ChoiceField(choices=[(t.value, t.label) for t in Urgency])
    received_at = forms.DateTimeField(
        help_text="When the request arrived: the decision clock starts here.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    member_id = forms.CharField(max_length=50, label="Member id")
    given_name = forms.CharField(max_length=100)
    family_name = forms.CharField(max_length=100)
    birth_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    sex = forms.ChoiceField(choices=SEX)
    plan = forms.CharField(max_length=100, label="Line of business / plan")
    provider_name = forms.CharField(max_length=200, label="Requesting provider")
    provider_npi = forms.CharField(max_length=10, label="Provider NPI")
    provider_specialty = forms.CharField(max_length=100, required=False, initial="physical therapy")
    diagnosis_1 = forms.CharField(max_length=10, label="Primary diagnosis (ICD-10-CM)")
    diagnosis_2 = forms.CharField(max_length=10, required=False, label="Other diagnosis")
    diagnosis_3 = forms.CharField(max_length=10, required=False, label="Other diagnosis")
    services = forms.MultipleChoiceField(choices=(), widget=forms.CheckboxSelectMultiple)
    visits = forms.IntegerField(min_value=1, max_value=365)
    frequency_per_week = forms.IntegerField(min_value=1, max_value=7, required=False)
    duration_weeks = forms.IntegerField(min_value=1, max_value=52, required=False)
    start_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    record = forms.FileField(required=False, label="Record (PDF or TIFF fax)")
    assign_to = forms.ChoiceField(choices=(), required=False, label="Assign to")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["services"].choices = catalogue_choices()  # type: ignore[attr-defined]
        self.fields["assign_to"].choices = reviewer_choices()  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("received_at", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))

    def clean_provider_npi(self) -> str:
        npi = self.cleaned_data["provider_npi"].strip()
        if not npi_is_valid(npi):
            raise forms.ValidationError("Not a valid NPI: it must be 10 digits with a correct check digit.")
        return npi

    def _dx(self, name: str) -> str:
        code = (self.cleaned_data.get(name) or "").strip()
        if code:
            problem = icd10_check(code)
            if problem:
                raise forms.ValidationError(problem)
        return code

    def clean_diagnosis_1(self) -> str:
        return self._dx("diagnosis_1")

    def clean_diagnosis_2(self) -> str:
        return self._dx("diagnosis_2")

    def clean_diagnosis_3(self) -> str:
        return self._dx("diagnosis_3")

    def to_case_dict(self, reference: str) -> dict[str, Any]:
        """The form as a ur-case/1 dict: the same door and checks as a case file."""
        from reviews.case_format import normalize_icd10

        d = self.cleaned_data
        codes = [normalize_icd10(d[n]) for n in ("diagnosis_1", "diagnosis_2", "diagnosis_3") if d.get(n)]
        request: dict[str, Any] = {
            "services": [{"code": c} for c in d["services"]],
            "visits": d["visits"],
            "start_date": d["start_date"].isoformat(),
            "end_date": d["end_date"].isoformat(),
        }
        for key in ("frequency_per_week", "duration_weeks"):
            if d.get(key):
                request[key] = d[key]
        return {
            "format": "ur-case/1",
            "reference": reference,
            "review_type": d["review_type"],
            "urgency": d["urgency"],
            "received_at": d["received_at"].isoformat(),
            "member": {
                "member_id": d["member_id"],
                "given_name": d["given_name"],
                "family_name": d["family_name"],
                "birth_date": d["birth_date"].isoformat(),
                "sex": d["sex"],
                "plan": d["plan"],
            },
            "requesting_provider": {
                "name": d["provider_name"],
                "npi": d["provider_npi"],
                "specialty": d.get("provider_specialty") or "physical therapy",
            },
            "diagnoses": [{"code": c, "primary": i == 0} for i, c in enumerate(codes)],
            "request": request,
        }


# ur-case/1 paths -> the form field that shows the message
PATH_TO_FIELD = {
    "reference": "reference",
    "review_type": "review_type",
    "urgency": "urgency",
    "received_at": "received_at",
    "member.member_id": "member_id",
    "member.given_name": "given_name",
    "member.family_name": "family_name",
    "member.birth_date": "birth_date",
    "member.sex": "sex",
    "member.plan": "plan",
    "requesting_provider.name": "provider_name",
    "requesting_provider.npi": "provider_npi",
    "diagnoses[0].code": "diagnosis_1",
    "diagnoses[1].code": "diagnosis_2",
    "diagnoses[2].code": "diagnosis_3",
    "request.visits": "visits",
    "request.start_date": "start_date",
    "request.end_date": "end_date",
    "request.frequency_per_week": "frequency_per_week",
    "request.duration_weeks": "duration_weeks",
}


class CaseFileUploadForm(forms.Form):
    case_file = forms.FileField(label="ur-case/1 file (JSON)")
    assign_to = forms.ChoiceField(choices=(), required=False, label="Assign to")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assign_to"].choices = reviewer_choices()  # type: ignore[attr-defined]
