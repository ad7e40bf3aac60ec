"""The structured review tab: sections, drafts, pre-filled marks, confirmation, access."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from reviews.form_html import render_layout
from reviews.forms import ClinicalReviewForm
from reviews.models import ClinicalReview
from reviews.services.reviews import clinical_review_save
from tests.reviews.factories import make_deny_seed_case, valid_post
from tests.support import login

SECTIONS = [
    "Function &amp; impairments",
    "Progress &amp; goals",
    "Participation",
    "Outcome measures",
    "Objective measures &amp; exercise prescription",
    "Episode &amp; gap",
    "Red flags &amp; irritability",
    "Evidence pages",
]


@pytest.fixture
def case(reviewer):
    case = make_deny_seed_case(assigned_reviewer=reviewer)
    ClinicalReview.objects.create(
        case=case,
        functional_deficits=["functional activities limited to 30% (no baseline stated)"],
        participation=True,
        strength_measured_objectively=False,
        exercise_parameters_documented=False,
        evidence=[{"finding": "functional_deficits", "page": 2}],
        prefilled_fields=[
            "functional_deficits",
            "participation",
            "strength_measured_objectively",
            "exercise_parameters_documented",
            "evidence",
        ],
    )
    return case


@pytest.mark.parametrize("who", ["reviewer", "reviewer2", "supervisor", "auditor", "anonymous"])
def test_case_review_get_access(who, case, reviewer, reviewer2, supervisor, auditor):
    users = {"reviewer": reviewer, "reviewer2": reviewer2, "supervisor": supervisor, "auditor": auditor}
    client = login(users[who]) if who != "anonymous" else Client()
    response = client.get(reverse("reviews:case_review", args=[case.public_id]), HTTP_HX_REQUEST="true")
    # An htmx request without a session gets 401 (the page opens the sign-in dialog), not the login page.
    expected = {"reviewer": 200, "reviewer2": 404, "supervisor": 200, "auditor": 200, "anonymous": 401}[who]
    assert response.status_code == expected
    if expected == 200:
        html = response.content.decode()
        for section in SECTIONS:
            assert section in html
        assert "functional activities limited to 30%" in html
        assert AuditEvent.objects.filter(action="case.viewed").exists()
        # Auditors read but cannot edit.
        assert ("disabled" in html.split("<fieldset", 1)[1][:40]) == (who == "auditor")


@pytest.mark.parametrize("who", ["reviewer", "reviewer2", "supervisor", "auditor", "anonymous"])
def test_case_review_post_access(who, case, reviewer, reviewer2, supervisor, auditor):
    users = {"reviewer": reviewer, "reviewer2": reviewer2, "supervisor": supervisor, "auditor": auditor}
    client = login(users[who]) if who != "anonymous" else Client()
    response = client.post(reverse("reviews:case_review", args=[case.public_id]), valid_post())
    expected = {"reviewer": 302, "reviewer2": 404, "supervisor": 302, "auditor": 404, "anonymous": 302}[who]
    assert response.status_code == expected
    review = ClinicalReview.objects.get(case=case)
    assert (review.objective_impairments == ["hip abduction 3+/5"]) == (who in ("reviewer", "supervisor"))


def test_full_page_links_back_to_case(case, reviewer):
    html = login(reviewer).get(reverse("reviews:case_review", args=[case.public_id])).content.decode()
    assert "<html" in html and reverse("reviews:case_detail", args=[case.public_id]) in html


def test_prefilled_fields_are_marked(case, reviewer):
    html = (
        login(reviewer).get(reverse("reviews:case_review", args=[case.public_id]), HTTP_HX_REQUEST="1").content.decode()
    )
    assert "pre-filled from the case file" in html.lower()
    # one note per pre-filled field (participation, strength, exercise, deficits, evidence)
    assert html.count("Pre-filled from the case file: check it against the record") == 5


def test_save_draft_stores_everything_and_unmarks_edited_fields(case, reviewer):
    client = login(reviewer)
    response = client.post(reverse("reviews:case_review", args=[case.public_id]), valid_post(), HTTP_HX_REQUEST="1")
    assert response.status_code == 200
    assert "Draft saved" in response.content.decode()
    review = ClinicalReview.objects.get(case=case)
    assert review.functional_deficits == ["stairs need a rail", "walking limited to 10 min"]
    assert review.reported_improvement_pct == 20
    assert (review.goals_short_term_met, review.goals_short_term_total) == (1, 3)
    assert review.participation is True and review.adherence is False
    assert review.exercise_parameters_documented is None
    assert review.outcome_measures == [
        {"name": "HOOS", "date": "2025-08-04", "score": 42.0},
        {"name": "HOOS", "date": "2025-08-25", "score": 55.5},
    ]
    assert review.evidence == [
        {"finding": "objective_impairments", "page": 15},
        {"finding": "functional_deficits", "page": 2},
    ]
    # participation and strength kept their value (True / now True): only changed fields lose the mark.
    assert "participation" in review.prefilled_fields
    assert "functional_deficits" not in review.prefilled_fields
    assert "exercise_parameters_documented" not in review.prefilled_fields
    case.refresh_from_db()
    assert case.irritability == "moderate" and case.status == "in_review"
    event = AuditEvent.objects.filter(action="review.saved").latest("sequence")
    assert "functional_deficits" in event.summary["fields"]
    assert "rail" not in str(event.summary)  # names only, no values
    assert event.summary["status"] == {"from": "received", "to": "in_review"}


def test_confirm_clears_prefilled_marks(case, reviewer):
    client = login(reviewer)
    client.post(reverse("reviews:case_review", args=[case.public_id]), valid_post(action="confirm"))
    review = ClinicalReview.objects.get(case=case)
    assert review.prefilled_fields == []
    assert review.confirmed_by == reviewer and review.confirmed_at is not None
    html = client.get(reverse("reviews:case_review", args=[case.public_id]), HTTP_HX_REQUEST="1").content.decode()
    assert "Pre-filled from the case file" not in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"goals_short_term_met": "4"}, "goals_short_term_met", "cannot exceed"),
        ({"goals_long_term_total": ""}, "goals_long_term_total", "total number of long-term"),
        ({"reported_improvement_pct": "150"}, "reported_improvement_pct", "less than or equal to 100"),
        ({"om_1_date": ""}, "om_1_date", "Row 1: enter the date"),
        ({"om_2_score": "abc"}, "om_2_score", "Enter a number"),
        ({"om_1_date": "2999-01-01"}, "om_1_date", "between 1900-01-01 and today"),
        ({"evidence": "nonsense: 3"}, "evidence", "is not one of the review's findings"),
        ({"evidence": "objective_impairments"}, "evidence", "should name a finding and a record page"),
        ({"irritability": "extreme"}, "irritability", "Select a valid choice"),
        ({"participation": "maybe"}, "participation", "Select a valid choice"),
        ({"functional_deficits": "x" * 600}, "functional_deficits", "longer than 500"),
    ],
)
def test_invalid_input_shows_message_next_to_field_and_saves_nothing(case, reviewer, overrides, field, message):
    before = ClinicalReview.objects.filter(case=case).values().get()
    response = login(reviewer).post(
        reverse("reviews:case_review", args=[case.public_id]), valid_post(**overrides), HTTP_HX_REQUEST="1"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The review was not saved" in html
    assert f'id="error_1_id_{field}"' in html or f"id_{field}" in html
    form = response.context["form"]
    assert field in form.errors and message in " ".join(form.errors[field])
    assert ClinicalReview.objects.filter(case=case).values().get() == before
    assert not AuditEvent.objects.filter(action="review.saved").exists()


def test_review_form_initial_round_trip(case):
    review = ClinicalReview.objects.get(case=case)
    initial = ClinicalReviewForm.initial_from(review, case)
    data = {k: ("" if v is None else str(v)) for k, v in initial.items()}
    form = ClinicalReviewForm(data, prefilled=review.prefilled_fields)
    assert form.is_valid(), form.errors
    out = form.to_service_data()
    assert out["functional_deficits"] == review.functional_deficits
    assert out["strength_measured_objectively"] is False
    assert out["evidence"] == review.evidence


def test_service_rejects_unknown_fields_and_closed_cases(case, reviewer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        clinical_review_save(case=case, actor=reviewer, data={"bogus": 1})
    assert "bogus" in exc.value.message_dict
    case.status = "determined"
    case.save()
    with pytest.raises(ValidationError):
        clinical_review_save(case=case, actor=reviewer, data={"functional_deficits": ["x"]})


def test_prefilled_outcome_table_has_one_note_not_one_per_cell() -> None:
    form = ClinicalReviewForm(outcome_rows=4, prefilled=["outcome_measures"])
    html = render_layout(form, form.helper.layout)
    # was: the note under each of the 12 cells of the table, on top of the table's own
    assert html.count("Pre-filled from the case file") == 1
    assert "Pre-filled from the case file: confirm or edit." in html
