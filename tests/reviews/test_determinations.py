# ruff: noqa: F811  (pytest fixtures imported from test_letters_support are used as parameters)
"""Determinations: the person decides; overrides need a reason; denials need the credential; reopen/amend."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from criteria.engine import figures
from criteria.engine.serialize import to_plain
from reviews.facts import facts_from_case
from reviews.models import CaseStatus, Determination, Letter
from reviews.services.determinations import determination_reopen, determination_submit, result_lines
from tests.support import make_user

from .letters_support import make_recommendation


def test_determination_submit_accept_moves_case_and_queues_letter(
    approve_case: Any, reviewer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case, rec = approve_case
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        det = determination_submit(case=case, reviewer=reviewer, recommendation=rec)
    assert len(callbacks) == 1  # the letter task, enqueued on commit
    case.refresh_from_db()
    assert case.status == CaseStatus.DETERMINED
    assert (det.decision, det.approved_visits, det.version, det.overridden) == ("approve", 8, 1, False)
    assert [line["code"] for line in det.lines] == ["97110", "97140", "97164"]
    event = AuditEvent.objects.get(action="determination.submitted")
    assert event.summary["determination_id"] == det.pk and event.summary["decision"] == "approve"
    assert not AuditEvent.objects.filter(action="determination.overridden").exists()
    assert Letter.objects.count() == 0  # not until the task runs
    callbacks[0]()
    assert Letter.objects.get().determination == det


def test_determination_override_requires_reason(approve_case: Any, reviewer: Any) -> None:
    case, rec = approve_case
    with pytest.raises(ValidationError) as exc:
        determination_submit(
            case=case, reviewer=reviewer, recommendation=rec, accept=False, decision="deny", override_code="   "
        )
    assert "override_code" in exc.value.message_dict
    assert Determination.objects.count() == 0
    case.refresh_from_db()
    assert case.status == CaseStatus.RECOMMENDATION_READY  # nothing half-saved


def test_determination_override_is_audited(approve_case: Any, reviewer: Any) -> None:
    case, rec = approve_case
    det = determination_submit(
        case=case,
        reviewer=reviewer,
        recommendation=rec,
        accept=False,
        decision="deny",
        override_code="records-do-not-support",
        override_note="Records show the surgery was never performed.",
    )
    assert det.overridden and det.decision == "deny" and det.approved_visits == 0
    assert all(line["decision"] == "deny" for line in det.lines)
    event = AuditEvent.objects.get(action="determination.overridden")
    assert event.summary["recommended"] == "approve" and event.summary["decided"] == "deny"
    assert event.summary["override_code"] == "records-do-not-support"
    assert "surgery" not in str(event.summary)  # free text stays out of the audit summary
    assert det.override_note == "Records show the surgery was never performed."


def test_determination_deny_needs_the_criteria_credential(deny_case: Any, roles: None) -> None:
    case, rec = deny_case
    nurse = make_user("nurse", "reviewer", credential_kind="nurse")
    case.assigned_reviewer = nurse
    case.save(update_fields=["assigned_reviewer"])
    with pytest.raises(ValidationError) as exc:
        determination_submit(case=case, reviewer=nurse, recommendation=rec)
    assert "licensed physical therapist" in str(exc.value)
    # Approving needs no special credential.
    det = determination_submit(
        case=case,
        reviewer=nurse,
        recommendation=rec,
        accept=False,
        decision="approve",
        override_code="new-injury-documented",
    )
    assert det.decision == "approve" and det.approved_visits == 3


def test_determination_physician_credential_required_when_criteria_say_so(deny_case: Any, reviewer: Any) -> None:
    case, rec = deny_case
    # The engine reports the credential of the criteria it evaluated in the result's figures.
    fig = dataclasses.replace(figures(facts_from_case(case), None), required_denial_credential="physician")
    rec.result = {**rec.result, "figures": to_plain(fig)}
    rec.save(update_fields=["result"])
    assert rec.engine_result.figures == fig
    with pytest.raises(ValidationError, match="physician"):
        determination_submit(case=case, reviewer=reviewer, recommendation=rec)


def test_determination_pend_is_not_a_determination(approve_case: Any, reviewer: Any) -> None:
    case, rec = approve_case
    pend = make_recommendation(case, {**rec.result, "decision": "pend", "input_hash": "c" * 64})
    with pytest.raises(ValidationError) as exc:
        determination_submit(case=case, reviewer=reviewer, recommendation=pend)
    assert "decision" in exc.value.message_dict


def test_determination_needs_recommendation_ready(approve_case: Any, reviewer: Any) -> None:
    case, rec = approve_case
    type(case).objects.filter(pk=case.pk).update(status=CaseStatus.IN_REVIEW)
    with pytest.raises(ValidationError) as exc:
        determination_submit(case=case, reviewer=reviewer, recommendation=rec)
    assert "case" in exc.value.message_dict


def test_determination_only_assigned_reviewer_or_supervisor(approve_case: Any, reviewer2: Any) -> None:
    case, rec = approve_case
    with pytest.raises(PermissionDenied):
        determination_submit(case=case, reviewer=reviewer2, recommendation=rec)


def test_determination_partial_override_validates_lines(approve_case: Any, reviewer: Any) -> None:
    case, rec = approve_case
    with pytest.raises(ValidationError) as exc:
        determination_submit(
            case=case,
            reviewer=reviewer,
            recommendation=rec,
            accept=False,
            decision="partial",
            override_code="fewer-visits-enough",
        )
    assert "lines" in exc.value.message_dict
    lines = [dict(line, decision="partial", approved_visits=4) for line in result_lines(rec.engine_result)]
    det = determination_submit(
        case=case,
        reviewer=reviewer,
        recommendation=rec,
        accept=False,
        decision="partial",
        lines=lines,
        override_code="fewer-visits-enough",
    )
    assert det.approved_visits == 4


def test_determination_reopen_supervisor_only(approve_case: Any, reviewer: Any, supervisor: Any) -> None:
    case, rec = approve_case
    determination_submit(case=case, reviewer=reviewer, recommendation=rec)
    with pytest.raises(PermissionDenied):
        determination_reopen(case=case, actor=reviewer, reason="typo")
    with pytest.raises(ValidationError) as exc:
        determination_reopen(case=case, actor=supervisor, reason="")
    assert "reason" in exc.value.message_dict
    case = determination_reopen(case=case, actor=supervisor, reason="Appeal received")
    assert case.status == CaseStatus.REOPENED
    assert AuditEvent.objects.get(action="case.reopened").summary["from_status"] == "determined"
    with pytest.raises(ValidationError):
        determination_reopen(case=case, actor=supervisor, reason="again")
