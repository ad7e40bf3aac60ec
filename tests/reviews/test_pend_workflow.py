"""Pend as a workflow: the clock by line of business, the signed request-for-information notice,
'information received' with an upload, and the supervisor's pend aging figures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from oversight import selectors as oversight
from reviews.letters.verify import verify_pdf
from reviews.models import Case, CaseStatus, ClinicalDocument, InformationRequestLetter, PendRequest
from reviews.services.pend import case_information_received, case_pend
from reviews.services.recommendations import recommendation_request
from tests.reviews.letters_support import pdf_text
from tests.reviews.record_support import make_pdf
from tests.support import login


def _pend(case, reviewer, capture, items):
    with capture(execute=True):
        return case_pend(case=case, actor=reviewer, items=items)


@pytest.fixture
def ma_case(deny_case):  # seed denial: Medicare Advantage HMO, recommendation ready
    return deny_case[0]


@pytest.fixture
def commercial_case(approve_case):  # seed approval: Commercial PPO
    return approve_case[0]


def test_ma_pend_extends_14_days_and_signs_the_notice(ma_case, reviewer, django_capture_on_commit_callbacks, tmp_path):
    due = Case.objects.get(pk=ma_case.pk).due_at
    pend = _pend(ma_case, reviewer, django_capture_on_commit_callbacks, ["HOOS score", "Objective strength measures"])
    case = Case.objects.get(pk=ma_case.pk)
    assert case.status == CaseStatus.PENDED and case.due_at == due + timedelta(days=14)
    assert (pend.clock_rule, pend.due_before, pend.due_after) == ("extension", due, due + timedelta(days=14))
    letter = InformationRequestLetter.objects.get(pend_request=pend)
    assert letter.signer == reviewer and bytes(letter.pdf).startswith(b"%PDF")
    check = verify_pdf(bytes(letter.pdf), match_letters=False)
    assert check.ok and check.intact and check.trusted, check.problems
    text = " ".join(pdf_text(bytes(letter.pdf), tmp_path).split())
    assert "We need more information" in text
    assert "HOOS score" in text and "Objective strength measures" in text
    assert "extended by up to 14 calendar days" in text
    assert "Please send it by" in text
    # Nothing internal: no engine wording, no rule ids, no reviewer notes.
    for internal in ("engine", "benchmark", "clinical.", "recommend"):
        assert internal not in text.lower(), internal
    event = AuditEvent.objects.get(action="notice.signed")
    assert event.summary["kind"] == "information_request" and "HOOS" not in str(event.summary)
    # A second pend on the same case does not extend it again.
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.RECOMMENDATION_READY)
    again = _pend(case, reviewer, django_capture_on_commit_callbacks, ["Discharge summary"])
    assert again.due_after == due + timedelta(days=14)


def test_red_flag_pend_prefill_is_the_red_flag(letters_env, reviewer, django_capture_on_commit_callbacks):
    from reviews.services.cases import case_import
    from reviews.views.decision import pend_items_for
    from tests.seeds import seed_data

    data = seed_data("seed-approve-hip-traumatic")
    data["clinical"]["red_flags"] = ["night_pain"]
    case = case_import(data=data, assign_to=reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        recommendation_request(case=case, actor=reviewer)
    items = pend_items_for(case.recommendations.first())
    assert items[0].startswith("Physician evaluation of the red flag: night pain")
    assert not any("dynamometry" in i.lower() for i in items)


def test_information_received_resumes_with_the_upload_and_tolls_commercial(
    commercial_case, reviewer, django_capture_on_commit_callbacks, media
):
    due = Case.objects.get(pk=commercial_case.pk).due_at
    pend = _pend(commercial_case, reviewer, django_capture_on_commit_callbacks, ["Progress note"])
    assert pend.clock_rule == "tolling" and Case.objects.get(pk=commercial_case.pk).due_at == due
    assert pend.respond_by - pend.requested_at == timedelta(days=45 if commercial_case.urgency == "standard" else 2)
    PendRequest.objects.filter(pk=pend.pk).update(requested_at=timezone.now() - timedelta(days=2))
    client = login(reviewer)
    upload = SimpleUploadedFile("progress.pdf", make_pdf(["Progress note: HOOS 62"]), content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("reviews:information_received", args=[commercial_case.public_id]), {"files": [upload]}
        )
    assert response.status_code == 302
    case = Case.objects.get(pk=commercial_case.pk)
    pend.refresh_from_db()
    assert case.status == CaseStatus.IN_REVIEW
    assert pend.resolved_at is not None and pend.resolved_by == reviewer
    doc = ClinicalDocument.objects.get(case=case)
    assert pend.received_documents == [doc.pk] and doc.original_name == "progress.pdf"
    waited = pend.resolved_at - (timezone.now() - timedelta(days=2))
    assert abs((case.due_at - due) - waited) < timedelta(seconds=5), "tolled: the due time moves by the wait"
    event = AuditEvent.objects.get(action="case.information_received")
    assert event.summary["recommendation"] == "stale" and event.summary["documents"] == [str(doc.public_id)]
    # The decision tab no longer lets anyone decide on the old recommendation.
    html = client.get(reverse("reviews:case_decision", args=[case.public_id]), HTTP_HX_REQUEST="1").content.decode()
    assert "waiting for information" not in html and "needs a recommendation ready" in html


def test_information_received_refuses_a_bad_file_and_saves_nothing(
    commercial_case, reviewer, django_capture_on_commit_callbacks, media
):
    _pend(commercial_case, reviewer, django_capture_on_commit_callbacks, ["Progress note"])
    bad = SimpleUploadedFile("notes.pdf", b"not a pdf", content_type="application/pdf")
    response = login(reviewer).post(
        reverse("reviews:information_received", args=[commercial_case.public_id]), {"files": [bad]}, follow=True
    )
    assert "Information received:" in response.content.decode()
    assert Case.objects.get(pk=commercial_case.pk).status == CaseStatus.PENDED
    assert not ClinicalDocument.objects.exists() and PendRequest.objects.get().resolved_at is None


def test_information_received_on_a_case_not_pended_names_the_field(commercial_case, reviewer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        case_information_received(case=commercial_case, actor=reviewer, files=[])
    assert "files" in exc.value.message_dict


def test_letters_tab_lists_the_notice_and_download_is_access_checked(
    ma_case, reviewer, reviewer2, django_capture_on_commit_callbacks
):
    pend = _pend(ma_case, reviewer, django_capture_on_commit_callbacks, ["HOOS score"])
    letter = pend.letter
    html = (
        login(reviewer)
        .get(reverse("reviews:case_letters", args=[ma_case.public_id]), HTTP_HX_REQUEST="1")
        .content.decode()
    )
    assert "Requests for information" in html and "Waiting" in html
    url = reverse("reviews:information_request_download", args=[ma_case.public_id, letter.public_id])
    response = login(reviewer).get(url)
    assert response.status_code == 200 and response.content == bytes(letter.pdf)
    assert login(reviewer2).get(url).status_code == 404


def test_pend_aging_uses_the_clock(ma_case, commercial_case, reviewer, django_capture_on_commit_callbacks):
    now = timezone.now()
    ma = _pend(ma_case, reviewer, django_capture_on_commit_callbacks, ["HOOS score"])
    co = _pend(commercial_case, reviewer, django_capture_on_commit_callbacks, ["Progress note"])
    # The MA request is 20 days old: past its 14-day answer-by date; the commercial one 3 days.
    PendRequest.objects.filter(pk=ma.pk).update(
        requested_at=now - timedelta(days=20), respond_by=now - timedelta(days=6)
    )
    PendRequest.objects.filter(pk=co.pk).update(requested_at=now - timedelta(days=3))
    period = oversight.Period(start=(now - timedelta(days=30)).date(), end=now.date())
    aging = oversight.pend_aging(period, now)
    assert aging["open"] == 2 and aging["oldest_days"] == 20.0
    assert (aging["answer_overdue"], aging["extension"], aging["tolling"]) == (1, 1, 1)
    assert {b["label"]: b["count"] for b in aging["buckets"]} == {
        "under 2 days": 0,
        "2–7 days": 1,
        "7–14 days": 0,
        "14 days or more": 1,
    }


def test_the_signed_notice_never_changes(ma_case, reviewer, django_capture_on_commit_callbacks):
    from reviews.models.letters import ImmutableLetterError

    letter = _pend(ma_case, reviewer, django_capture_on_commit_callbacks, ["HOOS score"]).letter
    with pytest.raises(ImmutableLetterError):
        letter.save()
    with pytest.raises(ImmutableLetterError):
        InformationRequestLetter.objects.filter(pk=letter.pk).update(size=1)
    with pytest.raises(ImmutableLetterError):
        InformationRequestLetter.objects.all().delete()
