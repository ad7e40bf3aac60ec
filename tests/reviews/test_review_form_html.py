"""The review form's fast renderer (reviews/form_html.py) writes the HTML `{% crispy form %}` writes.

Crispy-forms with the bootstrap5 pack is the reference: each form state is rendered both ways and
compared as parsed HTML (attribute order and whitespace between tags aside, every element,
attribute, class and text must match): unbound with initial values, bound with field errors,
non-field errors, pre-filled fields, more outcome rows, and values that need escaping.
"""

from __future__ import annotations

from typing import Any

import pytest
from crispy_forms.layout import Layout, MultiField
from django.template import Context, Template
from django.test.html import parse_html

from reviews.form_html import render_layout
from reviews.forms import ClinicalReviewForm

CRISPY = Template("{% load crispy_forms_tags %}{% crispy form %}")
ALL_PREFILLED = [
    "functional_deficits",
    "objective_impairments",
    "reported_improvement_pct",
    "goals",
    "participation",
    "adherence",
    "outcome_measures",
    "strength_measured_objectively",
    "exercise_parameters_documented",
    "gap_explanation",
    "red_flags",
    "irritability",
    "evidence",
]
BAD_POST = {
    "functional_deficits": 'stairs <b>x</b>\n"quoted" & more',
    "reported_improvement_pct": "500",
    "goals_short_term_met": "3",
    "goals_long_term_met": "5",
    "goals_long_term_total": "2",
    "participation": "maybe",
    "adherence": "no",
    "om_1_name": "HOOS",
    "om_2_date": "2020-01-01",
    "om_2_score": "not a number",
    "om_3_name": "LEFS",
    "om_3_date": "2024-02-03",
    "om_3_score": "41.5",
    "irritability": "low",
    "gap_explanation": "<script>alert(1)</script>",
    "evidence": "no such finding: pg 4",
}
GOOD_POST = {
    "functional_deficits": "stairs",
    "objective_impairments": "hip abduction 3+/5",
    "reported_improvement_pct": "-20",
    "participation": "yes",
    "om_1_name": "HOOS",
    "om_1_date": "2024-02-03",
    "om_1_score": "41.5",
    "red_flags": "",
    "evidence": "Objective impairments: pg 15",
}
STATES: dict[str, dict[str, Any]] = {
    "blank": {},
    "initial": {
        "initial": {
            "functional_deficits": "a\nb & c",
            "reported_improvement_pct": 30,
            "goals_short_term_met": 1,
            "goals_short_term_total": 2,
            "participation": "yes",
            "adherence": "no",
            "irritability": "moderate",
            "om_1_name": "ODI",
            "om_1_date": "2024-05-06",
            "om_1_score": 22.0,
        },
        "outcome_rows": 6,
    },
    "prefilled": {"initial": {"functional_deficits": "x"}, "prefilled": ALL_PREFILLED},
    "some_prefilled": {"prefilled": ["goals", "outcome_measures", "irritability"]},
    "bound_errors": {"data": BAD_POST, "prefilled": ["functional_deficits", "participation"]},
    "bound_valid": {"data": GOOD_POST},
    "non_field_errors": {"data": GOOD_POST, "non_field": ["The case is closed.", "A <second> reason."]},
}


def _form(state: dict[str, Any]) -> ClinicalReviewForm:
    kwargs = {k: v for k, v in state.items() if k in ("initial", "outcome_rows", "prefilled")}
    form = ClinicalReviewForm(state["data"], **kwargs) if "data" in state else ClinicalReviewForm(**kwargs)
    if form.is_bound:
        form.is_valid()
    for message in state.get("non_field", []):
        form.add_error(None, message)
    return form


@pytest.mark.parametrize("name", list(STATES))
def test_same_html_as_crispy(name: str) -> None:
    reference = CRISPY.render(Context({"form": _form(STATES[name])}))
    fast = _form(STATES[name]).render_layout()
    assert parse_html(fast) == parse_html(reference)


def test_the_comparison_sees_a_difference() -> None:
    """The parsed-HTML comparison above is not blind: one id, one class or one error changed is a difference."""
    reference = parse_html(CRISPY.render(Context({"form": _form(STATES["bound_errors"])})))
    fast = str(_form(STATES["bound_errors"]).render_layout())
    for old, new in (
        ('id="id_om_3_name"', 'id="id_om_3_nam"'),
        ("ur-prefilled", "ur-prefiled"),
        ("Ensure this value is less than or equal to 100.", "Ensure this value is at most 100."),
        ('aria-invalid="true"', ""),
    ):
        assert old in fast
        assert parse_html(fast.replace(old, new, 1)) != reference


def test_escapes_what_the_user_typed() -> None:
    html = str(_form(STATES["bound_errors"]).render_layout())
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "stairs &lt;b&gt;x&lt;/b&gt;" in html


def test_unsupported_layout_objects_refuse() -> None:
    """A layout object the renderer does not know raises instead of rendering something else."""
    form = ClinicalReviewForm()
    with pytest.raises(NotImplementedError):
        render_layout(form, Layout(MultiField("Label", "functional_deficits")))
