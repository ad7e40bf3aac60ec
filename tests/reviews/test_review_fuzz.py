"""Property-based fuzzing of the review form: rejections name a field, nothing half-saved, no 500s."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.models import AuditEvent
from reviews.forms import ClinicalReviewForm
from reviews.models import Case, ClinicalReview
from tests.reviews.factories import make_deny_seed_case, valid_post
from tests.support import login

FIELDS = list(ClinicalReviewForm().fields)
NASTY = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "1e309",
        "nan",
        "inf",
        "99999999999999999999",
        "yes",
        "no",
        "true",
        "None",
        "2025-02-30",
        "2025-08-25",
        "\x00",
        "<script>alert(1)</script>",
        "objective_impairments: 15",
        "a" * 5000,
        "1.5",
        "low",
        "HOOS",
        "\n\n\n",
        "participation: 0",
        "9" * 7,
    ]
)
VALUE = st.one_of(NASTY, st.text(max_size=300), st.integers(-(10**6), 10**6).map(str))
POST = st.dictionaries(
    keys=st.one_of(st.sampled_from(FIELDS), st.text(max_size=20)), values=VALUE, max_size=len(FIELDS)
)


def snapshot(case: Case) -> tuple:
    review = ClinicalReview.objects.filter(case=case).values().first()
    fresh = Case.objects.values("status", "red_flags", "irritability").get(pk=case.pk)
    return review, fresh, AuditEvent.objects.filter(action="review.saved").count()


@pytest.fixture
def case(reviewer):
    return make_deny_seed_case(assigned_reviewer=reviewer)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=POST, base=st.booleans())
def test_review_form_rejections_always_name_a_field(data, base):
    post = {**valid_post(), **data} if base else data
    form = ClinicalReviewForm(post)
    if form.is_valid():
        out = form.to_service_data()
        assert isinstance(out["functional_deficits"], list)
        assert all(isinstance(m["score"], float) for m in out["outcome_measures"])
    else:
        assert form.errors
        for name, errors in form.errors.items():
            assert name in form.fields, f"error not tied to a field: {name}: {errors}"
            assert all(str(e).strip() for e in errors)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=POST, base=st.booleans())
def test_review_view_fuzz_no_500_nothing_half_saved(case, reviewer, data, base):
    client = login(reviewer)
    post = {**valid_post(), **data} if base else data
    before = snapshot(case)
    response = client.post(reverse("reviews:case_review", args=[case.public_id]), post, HTTP_HX_REQUEST="1")
    assert response.status_code == 200
    form = response.context["form"]
    after = snapshot(case)
    if "The review was not saved" in response.content.decode():
        assert after == before, "a rejected post changed the database"
        assert all(name in form.fields for name in form.errors)
    else:
        assert after[2] == before[2] + 1  # exactly one review.saved event
