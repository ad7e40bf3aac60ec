"""The decision tab: accept, override with a reason, per-line partial, request more information, credentials."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from reviews.models import CaseStatus, Determination, PendRequest
from reviews.services.cases import case_import
from reviews.services.recommendations import RecommendationError, recommendation_request
from tests.reviews.factories import ready_seed_case
from tests.seeds import seed_data as seed
from tests.support import login, make_user, preview_token_in


def ready(case, actor, capture):
    with capture(execute=True):
        recommendation_request(case=case, actor=actor)
    case.refresh_from_db()
    assert case.status == CaseStatus.RECOMMENDATION_READY
    return case


@pytest.fixture
def deny_case(criteria, reviewer, django_capture_on_commit_callbacks):
    return ready_seed_case("seed-deny-hip-restart", reviewer, django_capture_on_commit_callbacks)


@pytest.fixture
def approve_case(criteria, reviewer, django_capture_on_commit_callbacks):
    return ready_seed_case("seed-approve-hip-traumatic", reviewer, django_capture_on_commit_callbacks)


def preview_then_sign(client, action_url, post=None, **extra):
    """What the reviewer does: submit (the letter preview answers), then sign with the preview's token."""
    post = dict(post or {})
    preview = client.post(action_url, post, **extra)
    assert preview.status_code == 200 and 'id="letter-preview"' in preview.content.decode()
    return client.post(action_url, {**post, "preview_token": preview_token_in(preview)}, **extra)


def url(case, action: str = "") -> str:
    """The decision tab (GET), or the URL of one action on it (POST): accept, override, pend."""
    return reverse(f"reviews:decision_{action}" if action else "reviews:case_decision", args=[case.public_id])


@pytest.mark.parametrize("who", ["reviewer", "reviewer2", "supervisor", "auditor", "anonymous"])
def test_decision_get_access(who, deny_case, reviewer, reviewer2, supervisor, auditor):
    users = {"reviewer": reviewer, "reviewer2": reviewer2, "supervisor": supervisor, "auditor": auditor}
    client = login(users[who]) if who != "anonymous" else Client()
    response = client.get(url(deny_case), HTTP_HX_REQUEST="1")
    expected = {"reviewer": 200, "reviewer2": 404, "supervisor": 200, "auditor": 200, "anonymous": 401}[who]
    assert response.status_code == expected
    if expected == 200:
        html = response.content.decode()
        assert "Deny" in html
        assert ("Accept: preview the letter" in html) == (who != "auditor")


@pytest.mark.parametrize("who", ["reviewer", "reviewer2", "supervisor", "auditor", "anonymous"])
def test_decision_accept_access(who, deny_case, reviewer, reviewer2, supervisor, auditor):
    users = {"reviewer": reviewer, "reviewer2": reviewer2, "supervisor": supervisor, "auditor": auditor}
    client = login(users[who]) if who != "anonymous" else Client()
    if who in ("reviewer", "supervisor"):
        response = preview_then_sign(client, url(deny_case, "accept"))
    else:
        response = client.post(url(deny_case, "accept"), {})
    expected = {"reviewer": 302, "reviewer2": 404, "supervisor": 302, "auditor": 404, "anonymous": 302}[who]
    assert response.status_code == expected
    assert Determination.objects.count() == (1 if who in ("reviewer", "supervisor") else 0)


def test_accept_submits_the_recommendation(approve_case, reviewer):
    response = preview_then_sign(login(reviewer), url(approve_case, "accept"), HTTP_HX_REQUEST="1")
    assert "submitted for signature" in response.content.decode()
    det = Determination.objects.get()
    assert (det.decision, det.overridden, det.approved_visits) == ("approve", False, 8)
    approve_case.refresh_from_db()
    assert approve_case.status == CaseStatus.DETERMINED


def test_override_needs_a_coded_reason_and_keeps_both(approve_case, reviewer):
    client = login(reviewer)
    response = client.post(
        url(approve_case, "override"), {"decision": "deny", "override_code": ""}, HTTP_HX_REQUEST="1"
    )
    form = response.context["override_form"]
    assert "override_code" in form.errors
    assert "Choose the reason for overriding" in response.content.decode()
    assert Determination.objects.count() == 0
    preview_then_sign(
        client,
        url(approve_case, "override"),
        {
            "decision": "deny",
            "override_code": "records-do-not-support",
            "override_note": "Notes contradict the reported trauma.",
        },
        HTTP_HX_REQUEST="1",
    )
    det = Determination.objects.get()
    assert det.overridden and det.decision == "deny" and det.recommendation.decision == "approve"
    assert det.override_code == "records-do-not-support"
    assert det.override_note == "Notes contradict the reported trauma."
    assert det.override_wording.startswith("Your reviewer found that your records do not show")
    assert AuditEvent.objects.filter(action="determination.overridden").exists()


def test_partial_approval_per_service_line(approve_case, reviewer):
    client = login(reviewer)
    post = {
        "decision": "partial",
        "override_code": "fewer-visits-enough",
        "line_0_visits": "4",
        "line_1_visits": "4",
        "line_2_visits": "0",
    }
    preview_then_sign(client, url(approve_case, "override"), post, HTTP_HX_REQUEST="1")
    det = Determination.objects.get()
    assert det.decision == "partial" and det.approved_visits == 4
    assert [(ln["decision"], ln["approved_visits"]) for ln in det.lines] == [
        ("partial", 4),
        ("partial", 4),
        ("deny", 0),
    ]


def test_partial_with_all_visits_is_rejected_next_to_the_line(approve_case, reviewer):
    post = {
        "decision": "partial",
        "override_code": "fewer-visits-enough",
        "line_0_visits": "8",
        "line_1_visits": "8",
        "line_2_visits": "99",
    }
    response = login(reviewer).post(url(approve_case, "override"), post, HTTP_HX_REQUEST="1")
    form = response.context["override_form"]
    assert "line_2_visits" in form.errors
    assert Determination.objects.count() == 0


def test_denial_needs_the_credential_button_disabled_with_reason(deny_case, roles):
    nurse = make_user("nurse", "reviewer", credential_kind="nurse")
    deny_case.assigned_reviewer = nurse
    deny_case.save()
    client = login(nurse)
    html = client.get(url(deny_case), HTTP_HX_REQUEST="1").content.decode()
    accept_form = html.split('id="decision-accept"', 1)[1].split("</form>", 1)[0]
    assert "disabled" in accept_form and 'id="accept-why"' in accept_form
    assert "must be signed by a" in accept_form
    assert "Cannot sign denials" in html
    # And the server refuses anyway.
    response = client.post(url(deny_case, "accept"), {}, HTTP_HX_REQUEST="1")
    assert "must be signed by a" in response.content.decode()
    response = client.post(
        url(deny_case, "override"),
        {
            "decision": "partial",
            "override_code": "fewer-visits-enough",
            "line_0_visits": "1",
            "line_1_visits": "1",
            "line_2_visits": "0",
        },
        HTTP_HX_REQUEST="1",
    )
    assert "decision" in response.context["override_form"].errors
    assert Determination.objects.count() == 0


def test_request_more_information_prefills_and_pends(deny_case, reviewer):
    client = login(reviewer)
    response = client.get(url(deny_case), HTTP_HX_REQUEST="1")
    initial = response.context["pend_form"].initial["items"]
    assert initial.strip(), "the engine's documentation findings pre-fill the list"
    response = client.post(
        url(deny_case, "pend"), {"items": "Objective strength measures\n\nHOOS score"}, HTTP_HX_REQUEST="1"
    )
    assert "The case is pended" in response.content.decode()
    pend = PendRequest.objects.get()
    assert pend.items == ["Objective strength measures", "HOOS score"]
    deny_case.refresh_from_db()
    assert deny_case.status == CaseStatus.PENDED
    event = AuditEvent.objects.get(action="case.pended")
    assert event.summary["items"] == 2 and "HOOS" not in str(event.summary)


def test_rerunning_a_pended_case_is_refused_and_keeps_the_pend(deny_case, reviewer):
    client = login(reviewer)
    client.post(url(deny_case, "pend"), {"items": "HOOS score"}, HTTP_HX_REQUEST="1")
    pend = PendRequest.objects.get()
    deny_case.refresh_from_db()
    with pytest.raises(RecommendationError, match="record the information received first"):
        recommendation_request(case=deny_case, actor=reviewer)
    pend.refresh_from_db()
    deny_case.refresh_from_db()
    assert pend.resolved_at is None and deny_case.status == CaseStatus.PENDED
    response = client.get(url(deny_case), HTTP_HX_REQUEST="1")
    assert response.context["open_pend"] == pend and "waiting for information" in response.content.decode()


def test_pend_needs_items(deny_case, reviewer):
    response = login(reviewer).post(url(deny_case, "pend"), {"items": "  \n "}, HTTP_HX_REQUEST="1")
    assert "items" in response.context["pend_form"].errors
    assert not PendRequest.objects.exists()


def test_no_recommendation_yet(criteria, reviewer):  # noqa: F811
    case = case_import(data=seed("seed-deny-hip-restart"), assign_to=reviewer)
    client = login(reviewer)
    html = client.get(url(case)).content.decode()
    assert "<html" in html and "a determination needs a recommendation ready" in html
    response = client.post(url(case, "accept"), {})
    assert response.status_code == 400
    assert Determination.objects.count() == 0


def test_options_decide_what_each_user_may_do(deny_case, reviewer, auditor, roles):
    from reviews.services.determinations import determination_options

    opts = determination_options(reviewer, deny_case)
    assert (opts.may_write, opts.decidable, opts.may_accept, opts.may_override, opts.may_pend) == (
        True,
        True,
        True,
        True,
        True,
    )
    assert opts.allowed_decisions == ("approve", "partial", "deny") and opts.has_credential
    assert opts.required_credential == "physical_therapist" and opts.why_not_accept == ""

    nurse = make_user("nurse2", "reviewer", credential_kind="nurse")
    deny_case.assigned_reviewer = nurse
    deny_case.save()
    opts = determination_options(nurse, deny_case)
    assert opts.may_write and not opts.has_credential and not opts.may_accept
    assert opts.allowed_decisions == ("approve",)
    assert "must be signed by a licensed physical therapist" in opts.why_not_accept
    assert opts.why_not("deny") == opts.why_not_accept and opts.why_not("approve") == ""

    opts = determination_options(auditor, deny_case)
    assert not (opts.may_write or opts.decidable or opts.may_accept or opts.may_pend)
    assert opts.allowed_decisions == () and "assigned reviewer" in opts.why_not_write


def test_submit_refuses_what_the_options_refuse(deny_case, roles):
    from django.core.exceptions import ValidationError

    from reviews.selectors import latest_recommendation
    from reviews.services.determinations import determination_options, determination_submit

    nurse = make_user("nurse3", "reviewer", credential_kind="nurse")
    deny_case.assigned_reviewer = nurse
    deny_case.save()
    opts = determination_options(nurse, deny_case)
    rec = latest_recommendation(deny_case)[1]
    for kwargs in ({}, {"accept": False, "decision": "deny", "override_code": "records-do-not-support"}):
        with pytest.raises(ValidationError) as exc:
            determination_submit(case=deny_case, reviewer=nurse, recommendation=rec, **kwargs)
        assert exc.value.message_dict["decision"] == [opts.why_not("deny")]
    det = determination_submit(
        case=deny_case,
        reviewer=nurse,
        recommendation=rec,
        accept=False,
        decision="approve",
        override_code="new-injury-documented",
    )
    assert det.decision == "approve"


def test_the_template_reads_the_options(deny_case, roles):
    nurse = make_user("nurse4", "reviewer", credential_kind="nurse")
    deny_case.assigned_reviewer = nurse
    deny_case.save()
    response = login(nurse).get(url(deny_case), HTTP_HX_REQUEST="1")
    opts = response.context["options"]
    html = response.content.decode()
    override_form = html.split('id="decision-override"', 1)[1].split("</form>", 1)[0]
    for value in ("partial", "deny"):
        assert value not in opts.allowed_decisions
        assert f'<option value="{value}" disabled>' in override_form
    assert '<option value="approve">' in override_form
    assert f"(needs a {opts.required_label})" in override_form


def test_one_view_per_action_and_the_tab_is_get_only(deny_case, reviewer):
    client = login(reviewer)
    assert client.post(url(deny_case), {"action": "accept"}).status_code == 405
    assert client.get(url(deny_case, "accept")).status_code == 405
    assert Determination.objects.count() == 0


def test_pend_for_a_red_flag_requests_the_red_flag_items(criteria, reviewer, django_capture_on_commit_callbacks):
    """Was: a red-flag case's request was pre-filled with dynamometry and exercise parameters."""
    import json
    from pathlib import Path

    from django.conf import settings

    path = Path(settings.BASE_DIR) / "reviews" / "fixtures" / "cases" / "demo-neck-expedited.json"
    case = case_import(data=json.loads(path.read_text()), assign_to=reviewer)
    case = ready(case, reviewer, django_capture_on_commit_callbacks)
    html = login(reviewer).get(url(case), HTTP_HX_REQUEST="1").content.decode()
    assert "Physician evaluation of the red flag: bilateral hand numbness" in html
    assert "dynamometry" not in html.split('name="items"', 1)[1].split("</textarea>", 1)[0]
