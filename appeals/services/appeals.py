"""Appeals (reconsiderations): receive, assign (independence + specialty rules), decide, amend."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.roles import APPEALS_REVIEWER, is_supervisor
from audit.services import record_event
from reviews.models import Case, ClinicalDocument, Determination, DocumentPage
from reviews.models.cases import CaseStatus
from reviews.models.decisions import DeterminationStatus
from reviews.services.cases import case_import, export_case_dict
from reviews.services.determinations import CREDENTIAL_LABELS, required_denial_credential
from reviews.signals import determination_recorded
from reviews.tasks.letters import issue_letter_task
from vocabulary import ADVERSE_DECISIONS, Decision, ReviewType, Urgency

from .. import config
from ..access import can_record_requests
from ..clocks import due_at
from ..models import Appeal, AppealKind, AppealOutcome, AppealStatus, NoticeKind, RequesterKind
from ..rules import appeal_assignment_refusals
from ..signals import appeal_decided
from ..tasks import issue_notice_task
from ._common import candidate_for, specialty_of
from .p2p import current_determination

ADVERSE = ADVERSE_DECISIONS


def appeal_kind_for(case: Case) -> str:
    return AppealKind.PAYMENT if case.review_type == ReviewType.RETROSPECTIVE else AppealKind.PRE_SERVICE


def _appeal_reference(original: Case) -> str:
    n = Appeal.objects.filter(original_case=original).count() + 1
    return f"{original.reference}-A{n}"


def _copy_records(source: Case, target: Case) -> int:
    """The contested case's records come along: the provider does not send the same documents again."""
    n = 0
    for doc in ClinicalDocument.objects.filter(case=source).prefetch_related("pages"):
        copy = ClinicalDocument.objects.create(
            case=target,
            file=doc.file.name,
            original_name=doc.original_name,
            size=doc.size,
            sha256=doc.sha256,
            page_count=doc.page_count,
            extraction_status=doc.extraction_status,
            extraction_error=doc.extraction_error,
            uploaded_by=doc.uploaded_by,
        )
        DocumentPage.objects.bulk_create(
            DocumentPage(document=copy, number=p.number, text=p.text) for p in doc.pages.all()
        )
        n += 1
    return n


@transaction.atomic
def appeal_file(
    *,
    determination: Determination,
    actor: Any,
    requester_kind: str,
    requester_name: str,
    reason: str,
    urgency: str = Urgency.STANDARD,
    received_at: datetime | None = None,
) -> Appeal:
    """Receive an appeal of `determination`: a new case (the record copied) linked to it, its clock started."""
    if not can_record_requests(actor):
        raise PermissionDenied("Supervisors and intake staff record appeals.")
    now = timezone.now()
    received_at = received_at or now
    original = (
        Case.objects.select_for_update(of=("self",)).select_related("member", "provider").get(pk=determination.case_id)
    )
    errors: dict[str, str] = {}
    if requester_kind not in RequesterKind.values:
        errors["requester_kind"] = "Choose member, representative or provider."
    if not (requester_name or "").strip():
        errors["requester_name"] = "Name who is appealing."
    if not (reason or "").strip():
        errors["reason"] = "Record why the requester disagrees."
    if urgency not in Urgency.values():
        errors["urgency"] = "Choose standard or expedited."
    if received_at > now:
        errors["received_at"] = "The date received cannot be in the future."
    current = current_determination(original)
    if current is None or current.pk != determination.pk:
        errors["determination"] = "Only the determination in force on a decided case can be appealed."
    elif determination.decision not in ADVERSE:
        errors["determination"] = "Only a denial or a partial approval can be appealed."
    elif received_at < determination.decided_at:
        errors["received_at"] = "An appeal cannot be received before the decision it contests."
    elif Appeal.objects.filter(
        contested=determination, status__in=[AppealStatus.RECEIVED, AppealStatus.ASSIGNED]
    ).exists():
        errors["determination"] = "This determination already has an open appeal."
    lob = original.line_of_business
    kind = appeal_kind_for(original)
    rule = config.appeal_rule(lob, kind, urgency)
    if rule is None:
        errors["urgency"] = f"A {AppealKind(kind).label.lower()} appeal cannot be expedited."
    filing_days = config.appeal_filing_days(lob)
    if "determination" not in errors and received_at > determination.decided_at + timedelta(days=filing_days):
        errors["received_at"] = (
            f"The {config.lob_label(lob)} filing window is {filing_days} days from the decision; a late appeal "
            "needs a good-cause extension, which is not recorded here."
        )
    if errors:
        raise ValidationError(errors)
    assert rule is not None

    data = export_case_dict(original)
    data["reference"] = _appeal_reference(original)
    data["urgency"] = urgency
    data["received_at"] = received_at.isoformat()
    appeal_case = case_import(data=data, actor=actor)
    appeal_case.due_at = due_at(received_at, rule, config.plan_tz())
    appeal_case.save(update_fields=["due_at", "updated_at"])
    copied = _copy_records(original, appeal_case)
    appeal = Appeal.objects.create(
        case=appeal_case,
        contested=determination,
        original_case=original,
        requester_kind=requester_kind,
        requester_name=requester_name.strip(),
        reason=reason.strip(),
        kind=kind,
        urgency=urgency,
        line_of_business=lob,
        received_at=received_at,
        due_at=appeal_case.due_at,
        created_by=actor,
    )
    record_event(
        "appeal.filed",
        actor=actor,
        obj=appeal_case,
        summary={
            "appeal_id": appeal.pk,
            "original_case": original.reference,
            "determination_id": determination.pk,
            "requester_kind": requester_kind,
            "kind": kind,
            "urgency": urgency,
            "line_of_business": lob,
            "clock": rule.label,
            "due_at": appeal.due_at,
            "records_copied": copied,
        },
    )
    return appeal


def appeal_assignment_check(appeal: Appeal, reviewer: Any) -> list[str]:
    """Why `reviewer` may not decide `appeal` (empty: they may). Views show these before assigning."""
    if reviewer is None:
        return ["Choose an appeals reviewer."]
    reasons = []
    if not reviewer.groups.filter(name=APPEALS_REVIEWER).exists():
        reasons.append(f"{reviewer.get_username()} is not an appeals reviewer.")
    contested = appeal.contested
    reasons += appeal_assignment_refusals(
        candidate_for(reviewer),
        original_decider_id=contested.reviewer_id,
        physician_required=appeal.line_of_business == "medicare_advantage" and contested.decision in ADVERSE,
        required_specialty=appeal.original_case.provider.specialty or specialty_of(contested.reviewer),
        groups=config.specialty_groups(),
    )
    # Anyone who decided an earlier version of the same case is not independent either.
    earlier = set(appeal.original_case.determinations.values_list("reviewer_id", flat=True))
    if reviewer.pk in earlier and reviewer.pk != contested.reviewer_id:
        reasons.append(f"{reviewer.get_username()} decided an earlier version of this case.")
    return reasons


def appeal_assign(*, appeal: Appeal, reviewer: Any, actor: Any) -> Appeal:
    """Assign `appeal` to `reviewer`, or refuse saying why (the refusal is audited)."""
    if not is_supervisor(actor):
        raise PermissionDenied("Only supervisors assign appeals.")
    reasons = appeal_assignment_check(appeal, reviewer)
    if reasons:
        record_event(
            "appeal.assignment_refused",
            actor=actor,
            obj=appeal.case,
            summary={"appeal_id": appeal.pk, "to_user_id": getattr(reviewer, "pk", None), "reasons": len(reasons)},
        )
        raise ValidationError({"reviewer": reasons})
    with transaction.atomic():
        locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
        if not locked.is_open:
            raise ValidationError({"reviewer": "This appeal is already decided."})
        old = locked.reviewer_id
        locked.reviewer = reviewer
        locked.status = AppealStatus.ASSIGNED
        locked.save(update_fields=["reviewer", "status"])
        case = Case.objects.select_for_update().get(pk=locked.case_id)
        case.assigned_reviewer = reviewer
        if case.can_transition_to(CaseStatus.IN_REVIEW) and case.status == CaseStatus.RECEIVED:
            case.transition_to(CaseStatus.IN_REVIEW)
        case.save(update_fields=["assigned_reviewer", "status", "updated_at"])
        record_event(
            "appeal.assigned",
            actor=actor,
            obj=case,
            summary={"appeal_id": locked.pk, "from_user_id": old, "to_user_id": reviewer.pk},
        )
    return locked


def _amend_original(*, appeal: Appeal, actor: Any, decision: str, approved: int) -> Determination:
    """An overturn amends the contested case: reopen, a new determination superseding the old, a new letter."""
    original = Case.objects.select_for_update().get(pk=appeal.original_case_id)
    contested = Determination.objects.select_for_update().get(pk=appeal.contested_id)
    if current_determination(original) != contested:
        raise ValidationError(
            {
                "outcome": "The contested case changed since the appeal was filed (reopened or amended); decide it there first."
            }
        )
    old_status = original.transition_to(CaseStatus.REOPENED)
    record_event(
        "case.reopened",
        actor=actor,
        obj=original,
        summary={"from_status": old_status, "reason": "appeal_overturned", "appeal_id": appeal.pk},
    )
    lines = [
        {
            **line,
            "decision": decision,
            "approved_visits": approved,
            "reason": f"Overturned on appeal {appeal.case.reference}",
        }
        for line in contested.lines or []
    ]
    version = (original.determinations.aggregate(v=Max("version"))["v"] or 0) + 1
    new = Determination.objects.create(
        case=original,
        recommendation=contested.recommendation,
        version=version,
        supersedes=contested,
        decision=decision,
        approved_visits=approved,
        lines=lines,
        overridden=decision != contested.recommendation.decision,
        override_code="",
        override_wording=(
            f"This decision was changed on appeal (case {appeal.case.reference}); "
            "the appeal decision letter explains why."
        ),
        override_note=f"Appeal {appeal.case.reference} {appeal.outcome.replace('_', ' ')}: {appeal.rationale}",
        reviewer=actor,
        decided_at=timezone.now(),
    )
    Determination.objects.filter(pk=contested.pk).update(status=DeterminationStatus.SUPERSEDED)
    original.transition_to(CaseStatus.AMENDED)
    original.save(update_fields=["status", "updated_at"])
    record_event(
        "determination.submitted",
        actor=actor,
        obj=original,
        summary={
            "determination_id": new.pk,
            "version": version,
            "decision": decision,
            "approved_visits": approved,
            "recommendation_id": contested.recommendation_id,
            "overridden": new.overridden,
            "appeal_id": appeal.pk,
            "from_status": CaseStatus.REOPENED,
            "to_status": original.status,
        },
    )
    # The same hook a reviewer's determination sends: the PAS app (if the case came through PAS) records the
    # updated ClaimResponse now, and again with the new letter when it is stored (reviews.signals.letter_stored).
    determination_recorded.send(sender=Determination, determination=new)
    issue_letter_task.delay_on_commit(new.pk)
    return new


@transaction.atomic
def appeal_decide(
    *, appeal: Appeal, actor: Any, outcome: str, rationale: str, approved_visits: int | None = None
) -> Appeal:
    """The assigned appeals reviewer decides: upheld, overturned or partly overturned; a signed letter follows."""
    appeal = (
        # of=("self",): PostgreSQL refuses FOR UPDATE on the nullable side of the request join.
        Appeal.objects.select_for_update(of=("self",))
        .select_related("contested", "original_case__request", "case")
        .get(pk=appeal.pk)
    )
    if appeal.reviewer_id != actor.pk:
        raise PermissionDenied("Only the appeals reviewer assigned to this appeal decides it.")
    if not appeal.is_open:
        raise ValidationError({"outcome": "This appeal is already decided."})
    refusals = appeal_assignment_check(appeal, actor)
    if refusals:
        raise ValidationError({"outcome": refusals})
    rationale = (rationale or "").strip()
    errors: dict[str, str] = {}
    if outcome not in AppealOutcome.values:
        errors["outcome"] = "Choose upheld, overturned or partly overturned."
    if not rationale:
        errors["rationale"] = "Explain the decision; the letter quotes it."
    requested = appeal.original_case.request.visits
    contested = appeal.contested
    approved = contested.approved_visits
    if outcome == AppealOutcome.OVERTURNED:
        approved = requested
    elif outcome == AppealOutcome.PARTLY_OVERTURNED:
        if approved_visits is None or not contested.approved_visits < approved_visits < requested:
            errors["approved_visits"] = (
                f"A partial overturn approves more than the {contested.approved_visits} visits first approved "
                f"and fewer than the {requested} requested."
            )
        else:
            approved = approved_visits
            required = required_denial_credential(contested.recommendation)
            profile = getattr(actor, "reviewer_profile", None)
            if profile is None or not profile.can_sign_denial(required):
                errors["outcome"] = (
                    f"A partial approval under these criteria must be signed by a {CREDENTIAL_LABELS.get(required, required)}."
                )
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    appeal.outcome, appeal.rationale, appeal.approved_visits = outcome, rationale, approved
    appeal.decided_by, appeal.decided_at, appeal.status = actor, now, AppealStatus.DECIDED
    if appeal.favourable:
        decision = Decision.APPROVE if outcome == AppealOutcome.OVERTURNED else Decision.PARTIAL
        appeal.amended_determination = _amend_original(appeal=appeal, actor=actor, decision=decision, approved=approved)
    appeal.save(
        update_fields=[
            "outcome",
            "rationale",
            "approved_visits",
            "decided_by",
            "decided_at",
            "status",
            "amended_determination",
        ]
    )
    # The appeal case is closed by its decision; it has no recommendation step of its own.
    Case.objects.filter(pk=appeal.case_id).update(status=CaseStatus.DETERMINED, updated_at=now)
    record_event(
        "appeal.decided",
        actor=actor,
        obj=appeal.case,
        summary={
            "appeal_id": appeal.pk,
            "outcome": outcome,
            "approved_visits": approved,
            "contested_determination_id": contested.pk,
            "amended_determination_id": appeal.amended_determination_id,
            "on_time": now <= appeal.due_at,
        },
    )
    appeal_decided.send(sender=Appeal, appeal=appeal, actor=actor)
    issue_notice_task.delay_on_commit(NoticeKind.APPEAL_DECISION.value, appeal.pk)
    return appeal
