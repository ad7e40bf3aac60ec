"""Forms of the case workspace: record upload and search, the structured review, the decision.

Forms only validate and carry their crispy layout; views hand `cleaned_data` to a service.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Field, Fieldset, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import SafeString

from vocabulary import DETERMINATION_DECISIONS, FINDING_LABELS, GOAL_FIELDS, Decision

# The `documentation` fields of ur-case/1 (plus the two clinical fields the review edits), in form order.
FINDING_CHOICES = list(FINDING_LABELS.items())

MAX_LIST_ITEMS = 50
MAX_ITEM_CHARS = 500
MAX_PAGE = 100_000
OUTCOME_ROWS_MIN = 4
OUTCOME_ROWS_MAX = 30

YES_NO = [("", "Not documented"), ("yes", "Yes"), ("no", "No")]
IRRITABILITY = [("", "Not documented"), ("low", "Low"), ("moderate", "Moderate"), ("high", "High")]
BOOL_FIELDS = ("participation", "adherence", "strength_measured_objectively", "exercise_parameters_documented")


def form_field_finding(name: str) -> str:
    """The documentation key a form field belongs to (what `prefilled_fields` and evidence name)."""
    if name.startswith("goals_"):
        return "goals"
    if name.startswith("om_"):
        return "outcome_measures"
    return name


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _lines_field(label: str, help_text: str, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_LIST_ITEMS * (MAX_ITEM_CHARS + 2),
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def split_lines(value: str, *, what: str = "line") -> list[str]:
    """One item per line: strip, drop blanks; ValidationError (the caller names the field) if too many/long."""
    items = [" ".join(line.split()) for line in (value or "").splitlines()]
    items = [item for item in items if item]
    if len(items) > MAX_LIST_ITEMS:
        raise forms.ValidationError(f"Enter at most {MAX_LIST_ITEMS} {what}s (one per line).")
    for i, item in enumerate(items, 1):
        if len(item) > MAX_ITEM_CHARS:
            raise forms.ValidationError(f"Line {i} is longer than {MAX_ITEM_CHARS} characters.")
    return items


_EVIDENCE_RE = re.compile(r"^([a-z_ ]+?)\s*[:,\-]?\s*(?:pg\.?|page|p\.)?\s*(\d{1,6})$", re.IGNORECASE)
_FINDING_BY_WORDS = {label.casefold(): key for key, label in FINDING_LABELS.items()}


def parse_evidence(value: str) -> list[dict[str, Any]]:
    """'Objective impairments: pg 15' (or 'objective_impairments: 15') per line -> [{finding, page}]."""
    out: list[dict[str, Any]] = []
    for i, line in enumerate(split_lines(value), 1):
        m = _EVIDENCE_RE.match(line)
        if not m:
            raise forms.ValidationError(
                f"Line {i} ('{line[:40]}') should name a finding and a record page, e.g. 'Objective impairments: pg 15'. "
                "Easier: open the page beside the form and click the finding it documents."
            )
        words, page = " ".join(m.group(1).split()), int(m.group(2))
        finding = _FINDING_BY_WORDS.get(words.casefold()) or words.lower().replace(" ", "_")
        if finding not in FINDING_LABELS:
            raise forms.ValidationError(
                f"Line {i}: '{words[:40]}' is not one of the review's findings, such as "
                "Functional deficits, Objective impairments or Outcome measures."
            )
        if not 1 <= page <= MAX_PAGE:
            raise forms.ValidationError(f"Line {i}: page {page} is not a record page number.")
        item = {"finding": finding, "page": page}
        if item not in out:
            out.append(item)
    return out


def format_evidence(evidence: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{FINDING_LABELS.get(str(e.get('finding')), e.get('finding'))}: pg {e.get('page')}"
        for e in evidence or []
        if isinstance(e, dict)
    )


class ClinicalReviewForm(forms.Form):
    """The reviewer's structured findings, in the sections the letter and engine read them."""

    functional_deficits = _lines_field(
        "Functional deficits", "One per line, as documented (e.g. 'unable to climb stairs without rail')."
    )
    objective_impairments = _lines_field(
        "Objective impairments", "One per line, measured (e.g. 'hip abduction 3+/5', 'flexion 95°')."
    )
    reported_improvement_pct = forms.IntegerField(
        label="Reported improvement (%)",
        required=False,
        min_value=-100,
        max_value=100,
        help_text="Improvement since the start of care, -100 to 100; negative means worse.",
    )
    goals_short_term_met = forms.IntegerField(label="Short-term goals met", required=False, min_value=0, max_value=99)
    goals_short_term_total = forms.IntegerField(label="of (total)", required=False, min_value=0, max_value=99)
    goals_long_term_met = forms.IntegerField(label="Long-term goals met", required=False, min_value=0, max_value=99)
    goals_long_term_total = forms.IntegerField(label="of (total)", required=False, min_value=0, max_value=99)
    participation = forms.TypedChoiceField(
        label="Active participation documented",
        choices=YES_NO,
        required=False,
        coerce=_yes_no,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    adherence = forms.TypedChoiceField(
        label="Home-programme adherence documented",
        choices=YES_NO,
        required=False,
        coerce=_yes_no,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    strength_measured_objectively = forms.TypedChoiceField(
        label="Strength measured objectively (dynamometer, MMT grades)",
        choices=YES_NO,
        required=False,
        coerce=_yes_no,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    exercise_parameters_documented = forms.TypedChoiceField(
        label="Exercise parameters documented (load, sets, reps, rest)",
        choices=YES_NO,
        required=False,
        coerce=_yes_no,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    gap_explanation = forms.CharField(
        label="Explanation of a gap between episodes",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What the record says about a break in care (new injury, surgery, decline...). Leave blank if none.",
    )
    red_flags = _lines_field("Red flags", "One per line (e.g. 'suspected fracture'). Any red flag pends the case.", 2)
    irritability = forms.ChoiceField(
        label="Irritability", choices=IRRITABILITY, required=False, widget=forms.RadioSelect
    )
    evidence = _lines_field(
        "Evidence pages",
        "One per line as 'finding: record page', e.g. 'Objective impairments: pg 15'. "
        "Clicking a finding under the page beside the form adds it for you.",
        3,
    )

    def __init__(
        self,
        *args: Any,
        outcome_rows: int = OUTCOME_ROWS_MIN,
        prefilled: list[str] | tuple[str, ...] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.outcome_rows = max(OUTCOME_ROWS_MIN, min(outcome_rows, OUTCOME_ROWS_MAX))
        self.prefilled = set(prefilled)
        today = timezone.localdate()
        for i in range(1, self.outcome_rows + 1):
            self.fields[f"om_{i}_name"] = forms.CharField(label=f"Measure {i}", required=False, max_length=80)
            self.fields[f"om_{i}_date"] = forms.DateField(
                label=f"Date {i}",
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                input_formats=["%Y-%m-%d"],
            )
            self.fields[f"om_{i}_score"] = forms.FloatField(
                label=f"Score {i}",
                required=False,
                min_value=-10_000,
                max_value=10_000,
                widget=forms.NumberInput(attrs={"step": "any"}),
            )
        self.max_date = today + timedelta(days=1)

        for name, field in self.fields.items():
            # the outcome rows get one note for the whole table (the layout's om_note), not one per cell
            if self.is_prefilled(name) and not name.startswith("om_"):
                note = "Pre-filled from the case file: check it against the record, then confirm."
                field.help_text = f"{field.help_text} {note}".strip() if field.help_text else note

    @cached_property
    def helper(self) -> FormHelper:
        """The crispy layout (built when first asked for: the review tab renders it with
        `render_layout`, which reads this layout without crispy's templates)."""
        om_rows = [
            Row(
                Column(f"om_{i}_name", css_class="col-md-5"),
                Column(f"om_{i}_date", css_class="col-md-4"),
                Column(f"om_{i}_score", css_class="col-md-3"),
                css_class="g-2 ur-om-row",
            )
            for i in range(1, self.outcome_rows + 1)
        ]

        def f(name: str, **kw: Any) -> Field:
            css = "ur-prefilled" if self.is_prefilled(name) else ""
            return Field(name, wrapper_class=css, **kw)

        def radios(name: str) -> InlineRadios:
            css = "ur-prefilled" if self.is_prefilled(name) else ""
            return InlineRadios(name, wrapper_class=css)

        om_note = (
            HTML('<p class="small ur-prefilled-note mb-2">Pre-filled from the case file: confirm or edit.</p>')
            if "outcome_measures" in self.prefilled
            else HTML("")
        )
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(
            Fieldset(
                "Function &amp; impairments",
                f("functional_deficits"),
                f("objective_impairments"),
                css_class="ur-section",
            ),
            Fieldset(
                "Progress &amp; goals",
                f("reported_improvement_pct"),
                Row(
                    Column(f("goals_short_term_met"), css_class="col-6 col-md-3"),
                    Column(f("goals_short_term_total"), css_class="col-6 col-md-3"),
                    Column(f("goals_long_term_met"), css_class="col-6 col-md-3"),
                    Column(f("goals_long_term_total"), css_class="col-6 col-md-3"),
                    css_class="g-2",
                ),
                css_class="ur-section",
            ),
            Fieldset("Participation", radios("participation"), radios("adherence"), css_class="ur-section"),
            Fieldset(
                "Outcome measures",
                HTML(
                    '<p class="form-text mt-0">Validated measures with the date and score of each administration '
                    "(e.g. HOOS, LEFS, ODI). Leave unused rows blank.</p>"
                ),
                om_note,
                Div(*om_rows, css_class="ur-om-rows"),
                css_class="ur-section",
            ),
            Fieldset(
                "Objective measures &amp; exercise prescription",
                radios("strength_measured_objectively"),
                radios("exercise_parameters_documented"),
                css_class="ur-section",
            ),
            Fieldset("Episode &amp; gap", f("gap_explanation"), css_class="ur-section"),
            Fieldset("Red flags &amp; irritability", f("red_flags"), radios("irritability"), css_class="ur-section"),
            Fieldset("Evidence pages", f("evidence"), css_class="ur-section"),
        )
        return helper

    def render_layout(self) -> SafeString:
        """The form's fields as `{% crispy form %}` writes them (reviews/form_html.py), without its templates."""
        from .form_html import render_layout

        return render_layout(self, self.helper.layout)

    def is_prefilled(self, name: str) -> bool:
        return name in self.prefilled or form_field_finding(name) in self.prefilled

    # ---------------------------------------------------------------- cleaning

    def clean_functional_deficits(self) -> list[str]:
        return split_lines(self.cleaned_data.get("functional_deficits", ""), what="deficit")

    def clean_objective_impairments(self) -> list[str]:
        return split_lines(self.cleaned_data.get("objective_impairments", ""), what="impairment")

    def clean_red_flags(self) -> list[str]:
        return split_lines(self.cleaned_data.get("red_flags", ""), what="red flag")

    def clean_gap_explanation(self) -> str | None:
        value = (self.cleaned_data.get("gap_explanation") or "").strip()
        return value or None

    def clean_irritability(self) -> str | None:
        return self.cleaned_data.get("irritability") or None

    def clean_evidence(self) -> list[dict[str, Any]]:
        return parse_evidence(self.cleaned_data.get("evidence", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for term in ("short_term", "long_term"):
            met_name, total_name = f"goals_{term}_met", f"goals_{term}_total"
            if met_name in self.errors or total_name in self.errors:
                continue
            met, total = data.get(met_name), data.get(total_name)
            words = term.replace("_", "-")
            if met is not None and total is None:
                self.add_error(total_name, f"Enter the total number of {words} goals.")
            elif total is not None and met is None:
                self.add_error(met_name, f"Enter how many {words} goals are met (0 if none).")
            elif met is not None and total is not None and met > total:
                self.add_error(met_name, f"Goals met ({met}) cannot exceed the total ({total}).")
        measures = []
        for i in range(1, self.outcome_rows + 1):
            names = (f"om_{i}_name", f"om_{i}_date", f"om_{i}_score")
            if any(n in self.errors for n in names):
                continue
            name = " ".join((data.get(names[0]) or "").split())
            when, score = data.get(names[1]), data.get(names[2])
            if not name and when is None and score is None:
                continue
            if not name:
                self.add_error(names[0], f"Row {i}: enter the measure's name (e.g. HOOS).")
            if when is None:
                self.add_error(names[1], f"Row {i}: enter the date the measure was taken.")
            elif when < date(1900, 1, 1) or when > self.max_date:
                self.add_error(names[1], f"Row {i}: the date must be between 1900-01-01 and today.")
            if score is None:
                self.add_error(names[2], f"Row {i}: enter the score.")
            if name and when is not None and score is not None and not any(n in self.errors for n in names):
                measures.append({"name": name, "date": when.isoformat(), "score": score})
        data["outcome_measures"] = measures
        return data

    def to_service_data(self) -> dict[str, Any]:
        """cleaned_data in the shape `clinical_review_save(data=...)` takes."""
        cd = self.cleaned_data
        out: dict[str, Any] = {
            name: cd.get(name)
            for name in (
                "functional_deficits",
                "objective_impairments",
                "reported_improvement_pct",
                *GOAL_FIELDS,
                *BOOL_FIELDS,
                "gap_explanation",
                "red_flags",
                "irritability",
                "evidence",
                "outcome_measures",
            )
        }
        return out

    @classmethod
    def initial_from(cls, review: Any, case: Any) -> dict[str, Any]:
        """Form initial values from a ClinicalReview (may be unsaved) and its Case."""
        initial: dict[str, Any] = {
            "functional_deficits": "\n".join(review.functional_deficits or []),
            "objective_impairments": "\n".join(review.objective_impairments or []),
            "reported_improvement_pct": review.reported_improvement_pct,
            "gap_explanation": review.gap_explanation or "",
            "red_flags": "\n".join(str(x) for x in case.red_flags or []),
            "irritability": case.irritability or "",
            "evidence": format_evidence(review.evidence),
        }
        for name in GOAL_FIELDS:
            initial[name] = getattr(review, name)
        for name in BOOL_FIELDS:
            value = getattr(review, name)
            initial[name] = "" if value is None else ("yes" if value else "no")
        for i, m in enumerate(review.outcome_measures or [], 1):
            if not isinstance(m, dict):
                continue
            initial[f"om_{i}_name"] = m.get("name", "")
            initial[f"om_{i}_date"] = m.get("date", "")
            initial[f"om_{i}_score"] = m.get("score")
        return initial


class DocumentUploadForm(forms.Form):
    file = forms.FileField(
        label="Record (PDF or TIFF fax)",
        help_text="The submitted medical record: a PDF (scanned pages are OCR'd) or a multi-page TIFF fax.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.tif,.tiff,application/pdf,image/tiff"}),
    )


class RecordSearchForm(forms.Form):
    q = forms.CharField(label="Search the record", min_length=2, max_length=100, strip=True)


class EvidenceAttachForm(forms.Form):
    finding = forms.ChoiceField(label="Attach to finding", choices=FINDING_CHOICES)
    page = forms.IntegerField(label="Record page", min_value=1, max_value=MAX_PAGE, widget=forms.HiddenInput)


class PendForm(forms.Form):
    items = forms.CharField(
        label="Information to request",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One item per line. The engine's documentation findings are listed to start with.",
    )

    def clean_items(self) -> list[str]:
        items = split_lines(self.cleaned_data.get("items", ""), what="item")
        if not items:
            raise forms.ValidationError("List at least one item of information to request.")
        return items


DECISIONS = Decision.choices(DETERMINATION_DECISIONS)


class DecisionForm(forms.Form):
    """Override the recommendation: a decision, a reason and (for a partial) visits per service line."""

    decision = forms.ChoiceField(label="Decision", choices=[("", "Choose…"), *DECISIONS])
    override_code = forms.ChoiceField(
        label="Reason for the override",
        choices=[],
        help_text="From the criteria version's list; the letter prints the reason's wording for the member.",
        error_messages={"required": "Choose the reason for overriding the recommendation."},
    )
    override_note = forms.CharField(
        label="Internal note (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept with the determination for audit. Never printed in the letter.",
    )

    def __init__(
        self,
        *args: Any,
        lines: list[dict[str, Any]] | None = None,
        requested_visits: int = 0,
        reasons: list[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.reasons = list(reasons or [])
        # Any code is accepted here; the service checks it against the case's criteria version and the decision
        # (one field-named message for a code from another version).
        code_field = self.fields["override_code"]
        code_field.choices = [("", "Choose…"), *((r.code, r.label) for r in self.reasons)]  # type: ignore[attr-defined]
        code_field.valid_value = lambda value: True  # type: ignore[attr-defined]
        self.fields["decision"].error_messages["required"] = "Choose the decision that replaces the recommendation."
        self.rec_lines = [line for line in lines or [] if isinstance(line, dict)]
        self.requested_visits = max(int(requested_visits or 0), 0)
        for i, line in enumerate(self.rec_lines):
            self.fields[f"line_{i}_visits"] = forms.IntegerField(
                label=f"{line.get('code', '')} approved visits",
                required=False,
                min_value=0,
                max_value=self.requested_visits,
                initial=line.get("approved_visits", 0),
                help_text=f"0 to {self.requested_visits}; used for a partial approval.",
            )

    def line_fields(self) -> list[tuple[dict[str, Any], forms.BoundField]]:
        return [(line, self[f"line_{i}_visits"]) for i, line in enumerate(self.rec_lines)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["lines"] = None
        if data.get("decision") != Decision.PARTIAL:
            return data
        lines = []
        for i, line in enumerate(self.rec_lines):
            name = f"line_{i}_visits"
            if name in self.errors:
                continue
            visits = data.get(name)
            if visits is None:
                self.add_error(name, "Enter the visits approved for this service (0 to deny it).")
                continue
            decision = (
                Decision.DENY
                if visits == 0
                else (Decision.APPROVE if visits >= self.requested_visits else Decision.PARTIAL)
            )
            lines.append(
                {
                    "code": line.get("code"),
                    "descriptor": line.get("descriptor", ""),
                    "decision": decision,
                    "approved_visits": visits,
                    "reason": "Reviewer adjustment",
                }
            )
        if not any(n.startswith("line_") for n in self.errors):
            approved = max((ln["approved_visits"] for ln in lines), default=0)
            if not 0 < approved < self.requested_visits:
                first = "line_0_visits" if self.rec_lines else "decision"
                self.add_error(
                    first,
                    f"A partial approval approves between 1 and {self.requested_visits - 1} "
                    "visits on at least one service line.",
                )
        data["lines"] = lines
        return data
