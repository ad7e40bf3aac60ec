"""Appeals, peer-to-peer and extensions through their services (real letters: WeasyPrint + pyHanko)."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from appeals.models import Appeal, AppealStatus, IREForwarding, NoticeLetter, P2PStatus
from appeals.services.appeals import appeal_assign, appeal_decide, appeal_file
from appeals.services.extensions import extension_grant, extension_options
from appeals.services.p2p import p2p_complete, p2p_request, p2p_window_missed
from audit.models import AuditEvent
from audit.verify import verify_chain
from oversight.models import QualityAuditSample
from reviews.letters.verify import verify_pdf
from reviews.models import CaseStatus, Determination, Letter
from reviews.models.decisions import DeterminationStatus
from tests.reviews.letters_support import import_seed, pdf_text
from tests.support import make_appeals_reviewer, make_user


def _file(det: Determination, actor: Any, **kw: Any) -> Appeal:
    return appeal_file(
        determination=det,
        actor=actor,
        requester_kind=kw.pop("requester_kind", "provider"),
        requester_name="Hip Clinic",
        reason="The record shows a new injury; the count should restart.",
        **kw,
    )


def test_ma_denial_appeal_overturned_amends_case_with_new_letter(
    ma_denial: Any, supervisor: Any, appeals_reviewer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case, det = ma_denial
    appeal = _file(det, supervisor)
    assert appeal.kind == "pre_service" and appeal.line_of_business == "medicare_advantage"
    # 30 calendar days standard pre-service (received now) in the plan's time zone.
    assert 29 <= (appeal.due_at - appeal.received_at).total_seconds() / 86400 <= 31
    assert appeal.case.reference == f"{case.reference}-A1" and appeal.case.status == CaseStatus.RECEIVED
    appeal_assign(appeal=appeal, reviewer=appeals_reviewer, actor=supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        appeal = appeal_decide(
            appeal=appeal, actor=appeals_reviewer, outcome="overturned", rationale="New injury documented on page 3."
        )
    case.refresh_from_db()
    assert case.status == CaseStatus.AMENDED
    new = Determination.objects.get(case=case, version=2)
    assert (new.decision, new.supersedes_id, new.reviewer_id) == ("approve", det.pk, appeals_reviewer.pk)
    assert Determination.objects.get(pk=det.pk).status == DeterminationStatus.SUPERSEDED
    letters = list(Letter.objects.filter(case=case).order_by("version"))
    assert [lt.version for lt in letters] == [1, 2] and letters[1].supersedes_id == letters[0].pk
    notice = NoticeLetter.objects.get(appeal=appeal)
    assert bytes(notice.pdf).startswith(b"%PDF") and b"/ByteRange" in bytes(notice.pdf)
    assert QualityAuditSample.objects.get(determination=det).reason == "appeal_overturned"
    assert not IREForwarding.objects.exists()  # fully favourable: nothing for the IRE
    assert AuditEvent.objects.filter(action="appeal.decided").count() == 1
    assert verify_chain().ok


def test_ma_upheld_denial_is_forwarded_to_ire_with_packet(
    ma_denial: Any, supervisor: Any, appeals_reviewer: Any, django_capture_on_commit_callbacks: Any, tmp_path: Path
) -> None:
    case, det = ma_denial
    appeal = _file(det, supervisor, requester_kind="member")
    appeal_assign(appeal=appeal, reviewer=appeals_reviewer, actor=supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        appeal_decide(appeal=appeal, actor=appeals_reviewer, outcome="upheld", rationale="No new information.")
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.FORWARDED_TO_IRE
    fwd = IREForwarding.objects.get(appeal=appeal)
    names = zipfile.ZipFile(io.BytesIO(bytes(fwd.packet))).namelist()
    assert {
        "letters/appeal-decision.pdf",
        "letters/determination-v1.pdf",
        "record/appeal-case.json",
        "review.json",
        "manifest.json",
    } <= set(names)
    review = json.loads(zipfile.ZipFile(io.BytesIO(bytes(fwd.packet))).read("review.json"))
    assert review["appeal"]["outcome"] == "upheld" and review["contested_determination"]["decision"] == "deny"
    case.refresh_from_db()
    assert case.status == CaseStatus.DETERMINED  # an upheld appeal does not touch the original case
    # The appeal-decision letter: signed by our CA, says what was decided and that the IRE has the case.
    notice = NoticeLetter.objects.get(appeal=appeal)
    assert verify_pdf(bytes(notice.pdf), match_letters=False).ok
    text = " ".join(pdf_text(bytes(notice.pdf), tmp_path).split())
    for words in (
        "UPHELD",
        "No new information.",
        "Independent Review Entity",
        "Appeals Appeals, MD",
        appeal.case.reference,
    ):
        assert words in text, words


def test_assignment_refuses_original_decider_non_physician_and_other_specialty(
    ma_denial: Any, supervisor: Any, reviewer: Any
) -> None:
    _, det = ma_denial
    appeal = _file(det, supervisor)
    pt = make_appeals_reviewer(
        "ptappeals", credential_kind="physical_therapist", specialty="Orthopaedic physical therapy"
    )
    cardio = make_appeals_reviewer("cardio", specialty="Cardiology")
    from django.contrib.auth.models import Group

    reviewer.groups.add(Group.objects.get(name="appeals_reviewer"))
    for who, words in (
        (reviewer, "made the decision under appeal"),
        (pt, "not a physician"),
        (cardio, "not the same as or similar"),
    ):
        with pytest.raises(ValidationError) as exc:
            appeal_assign(appeal=appeal, reviewer=who, actor=supervisor)
        assert any(words in m for m in exc.value.message_dict["reviewer"]), exc.value.message_dict
    assert AuditEvent.objects.filter(action="appeal.assignment_refused").count() == 3
    assert Appeal.objects.get(pk=appeal.pk).reviewer_id is None


def test_commercial_appeal_allows_non_physician_same_specialty(commercial_denial: Any, supervisor: Any) -> None:
    _, det = commercial_denial
    appeal = _file(det, supervisor)
    pt = make_appeals_reviewer(
        "ptappeals", credential_kind="physical_therapist", specialty="Orthopaedic physical therapy"
    )
    assert appeal_assign(appeal=appeal, reviewer=pt, actor=supervisor).reviewer_id == pt.pk


def test_appeal_filing_rules(ma_denial: Any, supervisor: Any, reviewer: Any) -> None:
    _, det = ma_denial
    with pytest.raises(PermissionDenied):
        _file(det, reviewer)
    with pytest.raises(ValidationError) as exc:
        appeal_file(determination=det, actor=supervisor, requester_kind="nobody", requester_name="", reason="")
    assert {"requester_kind", "requester_name", "reason"} <= set(exc.value.message_dict)
    _file(det, supervisor)
    with pytest.raises(ValidationError) as exc:
        _file(det, supervisor)
    assert "already has an open appeal" in exc.value.message_dict["determination"][0]


def test_p2p_missed_windows_are_missed_not_done(ma_denial: Any, supervisor: Any, reviewer: Any, reviewer2: Any) -> None:
    case, det = ma_denial
    now = timezone.now()
    with pytest.raises(ValidationError) as exc:
        p2p_request(
            case=case,
            actor=supervisor,
            peer=reviewer,
            provider_contact="Dr A",
            provider_phone="555",
            windows=[(now, now + timedelta(hours=1))],
        )
    assert "at least 2" in exc.value.message_dict["windows"][0]
    p2p = p2p_request(
        case=case,
        actor=supervisor,
        peer=reviewer,
        provider_contact="Dr A",
        provider_phone="555-0000",
        requested_at=now - timedelta(hours=3),
        windows=[
            (now - timedelta(hours=2), now - timedelta(hours=1)),
            (now - timedelta(minutes=30), now + timedelta(minutes=30)),
        ],
    )
    assert p2p.determination_id == det.pk
    w1, w2 = p2p.windows.all()
    with pytest.raises(PermissionDenied):
        p2p_window_missed(p2p=p2p, window=w1, actor=reviewer2)
    p2p = p2p_window_missed(p2p=p2p, window=w1, actor=reviewer)
    assert p2p.status == P2PStatus.OFFERED
    p2p = p2p_window_missed(p2p=p2p, window=w2, actor=reviewer)
    assert p2p.status == P2PStatus.MISSED and p2p.outcome == "" and p2p.call_at is None
    assert AuditEvent.objects.filter(action="p2p.missed").count() == 1


def test_p2p_peer_must_be_decider_or_same_specialty_and_time_is_measured(
    ma_denial: Any, supervisor: Any, reviewer: Any
) -> None:
    case, _ = ma_denial
    now = timezone.now()
    windows = [
        (now - timedelta(hours=1), now + timedelta(hours=1)),
        (now + timedelta(hours=2), now + timedelta(hours=3)),
    ]
    nurse = make_user("nurse", "reviewer", credential_kind="nurse")
    nurse.reviewer_profile.specialty = "Utilization management nursing"
    nurse.reviewer_profile.save()
    with pytest.raises(ValidationError) as exc:
        p2p_request(
            case=case, actor=supervisor, peer=nurse, provider_contact="Dr A", provider_phone="5", windows=windows
        )
    assert "same specialty" in exc.value.message_dict["peer"][0]
    p2p = p2p_request(
        case=case,
        actor=supervisor,
        peer=reviewer,
        provider_contact="Dr A",
        provider_phone="5",
        windows=windows,
        requested_at=now - timedelta(hours=2),
    )
    p2p = p2p_complete(
        p2p=p2p, window=p2p.windows.first(), actor=reviewer, outcome="upheld", notes="Discussed the restart rule."
    )
    assert p2p.request_to_call_hours is not None
    assert p2p.status == P2PStatus.COMPLETED and 1.9 <= p2p.request_to_call_hours <= 2.1


def test_extension_only_where_rules_allow_and_moves_clock(
    letters_env: None, reviewer: Any, supervisor: Any, django_capture_on_commit_callbacks: Any, tmp_path: Path
) -> None:
    from reviews.models import Case, Member

    case = import_seed("seed-deny-hip-restart.json", reviewer)
    Case.objects.filter(pk=case.pk).update(review_type="prospective")
    Member.objects.filter(pk=case.member_id).update(plan="Commercial PPO")
    case.refresh_from_db()
    opts = extension_options(case)
    assert opts["allowed"] and opts["max_days"] == 15 and [r for r, _ in opts["reasons"]] == ["plan_justification"]
    with pytest.raises(ValidationError) as exc:
        extension_grant(case=case, actor=reviewer, reason_kind="member_request", reason="asked", days=5)
    assert "plan justification" in exc.value.message_dict["reason_kind"][0]
    with pytest.raises(ValidationError):
        extension_grant(case=case, actor=reviewer, reason_kind="plan_justification", reason="  ", days=5)
    with pytest.raises(ValidationError):
        extension_grant(case=case, actor=reviewer, reason_kind="plan_justification", reason="Need records", days=16)
    before = case.due_at
    with django_capture_on_commit_callbacks(execute=True):
        ext = extension_grant(
            case=case, actor=reviewer, reason_kind="plan_justification", reason="Awaiting the surgeon's note", days=10
        )
    case.refresh_from_db()
    assert case.due_at == ext.new_due_at > before
    notice = NoticeLetter.objects.get(extension=ext)
    assert notice.kind == "extension_notice" and verify_pdf(bytes(notice.pdf), match_letters=False).ok
    text = " ".join(pdf_text(bytes(notice.pdf), tmp_path).split())
    assert "Awaiting the surgeon's note" in text and "10 more days" in text
    assert not extension_options(case)["allowed"]  # one extension only
    assert "one extension" in extension_options(case)["why_not"]
    # An urgent (expedited) commercial request cannot be extended at all.
    Case.objects.filter(pk=case.pk).update(urgency="expedited")
    case.refresh_from_db()
    assert "do not allow an extension" in extension_options(case)["why_not"]


def test_the_decision_tab_does_not_decide_an_appeal_case(
    ma_denial: Any, supervisor: Any, appeals_reviewer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """An appeal case is decided on its appeal page: the decision tab shows why and its submit refuses."""
    from reviews.models import Recommendation
    from reviews.services.determinations import determination_options, determination_submit
    from reviews.services.recommendations import recommendation_request

    case, det = ma_denial
    appeal = _file(det, supervisor)
    appeal_assign(appeal=appeal, reviewer=appeals_reviewer, actor=supervisor)
    appeal_case = appeal.case
    with django_capture_on_commit_callbacks(execute=True):
        recommendation_request(case=appeal_case, actor=supervisor)
    appeal_case.refresh_from_db()
    assert appeal_case.status == CaseStatus.RECOMMENDATION_READY
    rec = Recommendation.objects.filter(case=appeal_case).first()
    options = determination_options(supervisor, appeal_case, recommendation=rec)
    assert not options.decidable and not options.may_accept
    assert "decided on its appeal page" in options.why_not_decide
    with pytest.raises(ValidationError, match="appeal page"):
        determination_submit(case=appeal_case, reviewer=supervisor, recommendation=rec)
    assert not Determination.objects.filter(case=appeal_case).exists()
    # The original case is not blocked by the appeal filed against it.
    assert "appeal page" not in determination_options(supervisor, case).why_not_decide
