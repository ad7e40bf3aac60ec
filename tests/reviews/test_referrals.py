"""Referral and second-level review: refer with a coded reason, the pool queue, taking it up, access."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from reviews.models import Case, CaseStatus, Determination, Referral
from reviews.permissions import can_read_case, can_write_case
from reviews.services.cases import case_import
from reviews.services.recommendations import recommendation_request
from reviews.services.referrals import case_refer, referral_options, referral_take
from tests.reviews.factories import ready_seed_case
from tests.seeds import seed_data
from tests.support import login, make_user, preview_token_in


@pytest.fixture
def nurse(roles):
    return make_user("nurse", "reviewer", credential_kind="nurse")


@pytest.fixture
def physician(roles):
    return make_user("drphys", "reviewer", credential_kind="physician")


@pytest.fixture
def pt(roles):
    return make_user("ptreviewer", "reviewer", credential_kind="physical_therapist")


@pytest.fixture
def nurse_deny_case(criteria, nurse, django_capture_on_commit_callbacks):
    return ready_seed_case("seed-deny-hip-restart", nurse, django_capture_on_commit_callbacks)


@pytest.fixture
def red_flag_case(criteria, reviewer, django_capture_on_commit_callbacks):
    data = seed_data("seed-approve-hip-traumatic")
    data["clinical"]["red_flags"] = ["night_pain"]
    case = case_import(data=data, assign_to=reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        recommendation_request(case=case, actor=reviewer)
    case.refresh_from_db()
    return case


def decision_url(case, name="case_decision"):
    return reverse(f"reviews:{name}", args=[case.public_id])


def test_nurse_who_cannot_sign_the_denial_gets_refer_prefilled(nurse_deny_case, nurse):
    response = login(nurse).get(decision_url(nurse_deny_case), HTTP_HX_REQUEST="1")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Refer for second-level review" in html
    assert "You cannot sign the adverse decision" in html
    form = response.context["referral_form"]
    assert form.initial["reason"] == "denial_credential"
    assert form.initial["to_credential"] == "physical_therapist"
    assert "The engine recommends deny" in form.initial["note"]


def test_engine_red_flag_becomes_a_physician_referral(red_flag_case, reviewer):
    rec = red_flag_case.recommendations.first()
    assert rec.decision == "pend"
    options = referral_options(reviewer, red_flag_case, recommendation=rec)
    assert (options.reason, options.credential) == ("red_flag", "physician")
    assert "refer for physician review" in options.note


def test_refer_to_a_named_reviewer_moves_the_queue_not_the_clock(nurse_deny_case, nurse, pt):
    due = nurse_deny_case.due_at
    response = login(nurse).post(
        decision_url(nurse_deny_case, "decision_refer"),
        {"reason": "denial_credential", "to_credential": "physical_therapist", "to_reviewer": pt.pk, "note": "Gap?"},
    )
    assert response.status_code == 302
    case = Case.objects.get(pk=nurse_deny_case.pk)
    assert (case.status, case.assigned_reviewer_id, case.due_at) == (CaseStatus.REFERRED, pt.pk, due)
    referral = Referral.objects.get()
    assert (referral.reason, referral.to_reviewer_id, referral.from_status) == (
        "denial_credential",
        pt.pk,
        "recommendation_ready",
    )
    event = AuditEvent.objects.get(action="case.referred")
    assert event.summary["to_user_id"] == pt.pk and event.summary["reason"] == "denial_credential"
    assert "Gap?" not in str(event.summary), "the note is internal and stays out of the audit summary"
    # The referrer keeps read access and loses write access; the case is in the PT's queue.
    assert can_read_case(nurse, case) and not can_write_case(nurse, case)
    assert login(nurse).get(decision_url(case), HTTP_HX_REQUEST="1").status_code == 200
    assert login(nurse).post(decision_url(case, "decision_accept")).status_code == 404
    queue = login(pt).get(reverse("reviews:queue")).content.decode()
    assert case.reference in queue and "Referred for second-level review" in queue
    assert case.reference not in login(nurse).get(reverse("reviews:queue")).content.decode()


def test_second_level_reviewer_takes_up_and_signs(nurse_deny_case, nurse, pt):
    case_refer(
        case=nurse_deny_case,
        actor=nurse,
        reason="denial_credential",
        to_credential="physical_therapist",
        to_reviewer=pt,
    )
    client = login(pt)
    html = client.get(decision_url(nurse_deny_case), HTTP_HX_REQUEST="1").content.decode()
    assert "Take up this referral" in html
    assert client.post(decision_url(nurse_deny_case, "referral_take")).status_code == 302
    case = Case.objects.get(pk=nurse_deny_case.pk)
    assert case.status == CaseStatus.RECOMMENDATION_READY and case.assigned_reviewer_id == pt.pk
    assert AuditEvent.objects.filter(action="case.referral_taken").count() == 1
    preview = client.post(decision_url(case, "decision_accept"), {}, HTTP_HX_REQUEST="1")  # the letter first
    token = preview_token_in(preview)
    response = client.post(decision_url(case, "decision_accept"), {"preview_token": token}, HTTP_HX_REQUEST="1")
    assert "submitted for signature" in response.content.decode()
    det = Determination.objects.get()
    assert (det.decision, det.reviewer_id) == ("deny", pt.pk)


def test_pool_referral_is_seen_and_taken_by_credential_holders_only(red_flag_case, reviewer, physician, pt):
    referral = case_refer(case=red_flag_case, actor=reviewer, reason="red_flag", to_credential="physician")
    case = Case.objects.get(pk=red_flag_case.pk)
    assert case.assigned_reviewer_id is None and referral.to_pool
    assert case.reference in login(physician).get(reverse("reviews:queue")).content.decode()
    assert case.reference not in login(pt).get(reverse("reviews:queue")).content.decode()
    assert not can_read_case(pt, case)
    with pytest.raises(PermissionDenied):
        referral_take(case=case, actor=pt)
    with pytest.raises(PermissionDenied):
        referral_take(case=case, actor=reviewer)  # the referrer cannot take back their own referral
    referral_take(case=case, actor=physician)
    case.refresh_from_db()
    # Back to where it was referred from (recommendation ready), now the physician's to decide.
    assert case.assigned_reviewer_id == physician.pk and case.status == CaseStatus.RECOMMENDATION_READY
    assert can_write_case(physician, case) and can_read_case(reviewer, case) and not can_write_case(reviewer, case)


def test_refer_refuses_bad_input_naming_the_field(nurse_deny_case, nurse, pt):
    with pytest.raises(ValidationError) as exc:
        case_refer(case=nurse_deny_case, actor=nurse, reason="bored", to_credential="nurse")
    assert set(exc.value.message_dict) == {"reason", "to_credential"}
    with pytest.raises(ValidationError) as exc:
        case_refer(case=nurse_deny_case, actor=nurse, reason="complexity", to_credential="physician", to_reviewer=pt)
    assert "to_reviewer" in exc.value.message_dict
    response = login(nurse).post(
        decision_url(nurse_deny_case, "decision_refer"), {"reason": "", "to_credential": "physician"}
    )
    assert response.status_code == 400 and "reason" in response.context["referral_form"].errors
    assert not Referral.objects.exists()
    assert Case.objects.get(pk=nurse_deny_case.pk).status == CaseStatus.RECOMMENDATION_READY


def test_only_the_writer_may_refer(nurse_deny_case, reviewer2, auditor):
    for user in (reviewer2, auditor):
        response = login(user).post(
            decision_url(nurse_deny_case, "decision_refer"), {"reason": "complexity", "to_credential": "physician"}
        )
        assert response.status_code == 404
    assert not Referral.objects.exists()
