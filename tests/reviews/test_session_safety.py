"""Nothing typed is lost: an expired session answers htmx with 401 (never the login page inside a
tab), the sign-in dialog's endpoint, a readable CSRF failure, and the autosaved review draft."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from reviews.models import ClinicalReview, ReviewDraft
from tests.reviews.factories import make_deny_seed_case, valid_post
from tests.support import make_user

PASSWORD = "a-long-test-password-1"


@pytest.fixture
def case(reviewer):
    return make_deny_seed_case(assigned_reviewer=reviewer)


def _expire(client: Client) -> None:
    session = client.session
    session.set_expiry(-1)  # as if the idle window had passed
    session.save()


def test_expired_session_htmx_save_is_401_without_login_page_or_phi(client, reviewer, case):
    client.force_login(reviewer)
    _expire(client)
    response = client.post(reverse("reviews:case_review", args=[case.public_id]), valid_post(), HTTP_HX_REQUEST="true")
    assert response.status_code == 401
    assert response["HX-Reswap"] == "none" and response["X-UR-Auth"] == "required"
    body = response.content.decode()
    assert "Sign in again" in body
    assert "<form" not in body and case.member.family_name not in body
    assert not ClinicalReview.objects.filter(case=case).exists()


def test_plain_request_still_goes_to_the_login_page(client, reviewer, case):
    response = client.get(reverse("reviews:case_review", args=[case.public_id]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_session_login_signs_in_and_hands_back_a_fresh_csrf_token(roles, case):
    user = make_user("relogin", "reviewer")
    user.set_password(PASSWORD)
    user.save()
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("reviews:session_csrf"))
    token = client.cookies["csrftoken"].value
    bad = client.post(
        reverse("reviews:session_login"), {"username": "relogin", "password": "wrong"}, HTTP_X_CSRFTOKEN=token
    )
    assert bad.status_code == 400 and json.loads(bad.content) == {
        "ok": False,
        "error": "That username and password do not match.",
    }
    good = client.post(
        reverse("reviews:session_login"), {"username": "relogin", "password": PASSWORD}, HTTP_X_CSRFTOKEN=token
    )
    data = json.loads(good.content)
    assert good.status_code == 200 and data["ok"] is True and data["user"] == "relogin" and data["csrf"]
    # The new token works for the next write.
    case.assigned_reviewer = user
    case.save()
    saved = client.post(
        reverse("reviews:case_review", args=[case.public_id]),
        valid_post(evidence=""),
        HTTP_X_CSRFTOKEN=data["csrf"],
        HTTP_HX_REQUEST="true",
    )
    assert saved.status_code == 200 and "Draft saved." in saved.content.decode()


def test_missing_csrf_cookie_gets_a_clear_message(reviewer, case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    url = reverse("reviews:case_review", args=[case.public_id])
    htmx = client.post(url, valid_post(), HTTP_HX_REQUEST="true")
    assert htmx.status_code == 403 and htmx["X-UR-Error"] == "csrf" and htmx["HX-Reswap"] == "none"
    assert "security token is missing" in htmx.content.decode()
    plain = client.post(url, valid_post())
    assert plain.status_code == 403
    assert "The form was not sent" in plain.content.decode()


def test_autosave_keeps_invalid_typing_and_the_form_restores_it(client, reviewer, case):
    client.force_login(reviewer)
    url = reverse("reviews:case_review_autosave", args=[case.public_id])
    typed = valid_post(functional_deficits="cannot kneel", goals_short_term_met="5", goals_short_term_total="2")
    typed["not_a_field"] = "dropped"
    response = client.post(url, typed, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Draft kept" in response.content.decode()
    draft = ReviewDraft.objects.get(case=case, user=reviewer)
    assert draft.data["functional_deficits"] == "cannot kneel" and "not_a_field" not in draft.data
    assert AuditEvent.objects.filter(action="review.draft_autosaved").count() == 1
    # The review itself is untouched until the reviewer saves.
    assert not ClinicalReview.objects.filter(case=case, functional_deficits=["cannot kneel"]).exists()

    html = client.get(reverse("reviews:case_review", args=[case.public_id]), HTTP_HX_REQUEST="true").content.decode()
    assert "Restored what you typed" in html and "cannot kneel" in html
    assert "cannot exceed the total" in html  # the restored draft shows what it still lacks

    # Saving the review removes the draft.
    client.post(
        reverse("reviews:case_review", args=[case.public_id]),
        valid_post(functional_deficits="cannot kneel", evidence=""),
        HTTP_HX_REQUEST="true",
    )
    assert not ReviewDraft.objects.filter(case=case).exists()


def test_autosave_draft_can_be_discarded_and_needs_write_access(client, reviewer, reviewer2, case):
    client.force_login(reviewer2)
    url = reverse("reviews:case_review_autosave", args=[case.public_id])
    assert client.post(url, valid_post(), HTTP_HX_REQUEST="true").status_code == 404
    assert not ReviewDraft.objects.exists()
    client.force_login(reviewer)
    client.post(url, valid_post(functional_deficits="typed"), HTTP_HX_REQUEST="true")
    review_url = reverse("reviews:case_review", args=[case.public_id])
    html = client.get(f"{review_url}?draft=discard", HTTP_HX_REQUEST="true").content.decode()
    assert "Restored what you typed" not in html
    assert not ReviewDraft.objects.exists()
