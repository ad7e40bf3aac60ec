"""Determinations: the reviewer turns a recommendation into a decision; supervisors reopen for amendment."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from accounts.roles import is_supervisor
from audit.services import record_event
from criteria.engine.types import EngineResult
from criteria.selectors import override_reasons
from reviews.decision_blocks import decision_block
from reviews.models import Case, CaseStatus, Determination, Recommendation
from reviews.models.decisions import DeterminationStatus
from reviews.permissions import can_write_case
from reviews.selectors import latest_recommendation
from reviews.signals import determination_recorded
from reviews.tasks.letters import issue_letter_task
from vocabulary import ADVERSE_DECISIONS, DEFAULT_DENIAL_CREDENTIAL, DETERMINATION_DECISIONS, CredentialKind, Decision

DECISIONS = DETERMINATION_DECISIONS
CREDENTIAL_LABELS = {kind.value: kind.in_sentence for kind in CredentialKind}


def required_denial_credential(recommendation: Recommendation) -> str:
    """The credential a deny/partial needs, as the engine read it from the criteria it evaluated.

    A result stored by an older engine has no figures: then the criteria version's, else the default.
    """
    figures = recommendation.engine_result.figures
    if figures is not None:
        return figures.required_denial_credential
    version = recommendation.criteria_version
    return str(getattr(version, "denial_credential", "") or DEFAULT_DENIAL_CREDENTIAL)


def result_lines(result: EngineResult | None) -> list[dict[str, Any]]:
    """The engine's service lines as the plain dicts a Determination stores and the override form edits."""
    return [dataclasses.asdict(line) for line in result.lines] if result is not None else []


DECIDABLE = (CaseStatus.RECOMMENDATION_READY, CaseStatus.REOPENED)


@dataclass(frozen=True)
class DeterminationOptions:
    """What a user may do with a case's decision, and why not: the one place that decides it.

    The decision tab, its template and `determination_submit` all read these.
    """

    recommendation: Recommendation | None
    may_write: bool  # the assigned reviewer or a supervisor, on an open case
    decidable: bool  # may_write, a recommendation, and the case in recommendation ready / reopened
    may_accept: bool
    may_override: bool
    allowed_decisions: tuple[str, ...]  # what an override may choose
    may_pend: bool
    required_credential: str  # what a deny/partial needs under the criteria the engine used
    required_label: str  # "licensed physical therapist"
    has_credential: bool
    credential_held: str  # the user's credential in words, or "no reviewer profile"
    why_not_write: str = ""
    why_not_decide: str = ""  # why neither accept nor override (status, no recommendation)
    why_not_accept: str = ""
    why_not_pend: str = ""

    @property
    def credential_note(self) -> str:
        return (
            f"Denials and partial denials under these criteria must be signed by a {self.required_label}; "
            f"your profile: {self.credential_held}."
        )

    def why_not(self, decision: str) -> str:
        """Why an override to `decision` is refused ('' when allowed)."""
        if not self.may_write:
            return self.why_not_write
        if self.why_not_decide:
            return self.why_not_decide
        if decision not in DECISIONS:
            return "Choose approve, partial or deny."
        if decision in ADVERSE_DECISIONS and not self.has_credential:
            return (
                f"A {decision} under these criteria must be signed by a {self.required_label}; "
                "your profile does not carry that credential."
            )
        return ""


def _profile(user: Any) -> Any:
    try:
        return user.reviewer_profile
    except (ObjectDoesNotExist, AttributeError):
        return None


def determination_options(
    user: Any, case: Case, *, recommendation: Recommendation | None = None
) -> DeterminationOptions:
    """What `user` may do with `case`'s decision (on `recommendation`, else the one the tab shows)."""
    rec = recommendation if recommendation is not None else latest_recommendation(case)[1]
    may_write = can_write_case(user, case)
    why_not_write = "" if may_write else "Only the assigned reviewer or a supervisor can decide this case."
    required = required_denial_credential(rec) if rec is not None else DEFAULT_DENIAL_CREDENTIAL
    profile = _profile(user)
    has_credential = bool(profile is not None and profile.can_sign_denial(required))
    blocked = decision_block(case)
    if blocked:
        why_not_decide = blocked
    elif case.status not in DECIDABLE:
        why_not_decide = (
            f"The case is {case.get_status_display().lower()}: a determination needs a recommendation ready."
        )
    elif rec is None:
        why_not_decide = "Run the recommendation first."
    elif rec.case_id != case.pk:
        why_not_decide = "The recommendation belongs to another case."
    else:
        why_not_decide = ""
    decidable = may_write and not why_not_decide
    opts = DeterminationOptions(
        recommendation=rec,
        may_write=may_write,
        decidable=decidable,
        may_accept=False,
        may_override=decidable,
        allowed_decisions=(),
        may_pend=may_write and case.is_open and case.can_transition_to(CaseStatus.PENDED),
        required_credential=required,
        required_label=CREDENTIAL_LABELS.get(required, required),
        has_credential=has_credential,
        credential_held=profile.get_credential_kind_display() if profile is not None else "no reviewer profile",
        why_not_write=why_not_write,
        why_not_decide=why_not_decide,
    )
    allowed = tuple(d for d in DECISIONS if not opts.why_not(d)) if decidable else ()
    why_not_accept = why_not_write or why_not_decide
    if not why_not_accept and rec is not None:
        if rec.decision not in DECISIONS:
            why_not_accept = (
                "A pended recommendation is not a determination: request more information, "
                "or decide with an override and a reason."
            )
        else:
            why_not_accept = opts.why_not(rec.decision)
    why_not_pend = ""
    if not opts.may_pend:
        why_not_pend = why_not_write or f"A {case.get_status_display().lower()} case cannot be pended."
    return dataclasses.replace(
        opts,
        allowed_decisions=allowed,
        may_accept=not why_not_accept,
        why_not_accept=why_not_accept,
        why_not_pend=why_not_pend,
    )


def _override_lines(recommendation: Recommendation, decision: str, lines: list[dict[str, Any]] | None) -> list[Any]:
    if lines is not None:
        cleaned = []
        for i, line in enumerate(lines):
            if not isinstance(line, dict) or not line.get("code") or line.get("decision") not in DECISIONS:
                raise ValidationError(
                    {"lines": f"Line {i + 1} needs a code and a decision (approve, partial or deny)."}
                )
            cleaned.append(
                {
                    "code": str(line["code"]),
                    "descriptor": str(line.get("descriptor", "")),
                    "decision": line["decision"],
                    "approved_visits": int(line.get("approved_visits") or 0),
                    "reason": str(line.get("reason", "")),
                }
            )
        return cleaned
    if decision == Decision.PARTIAL:
        raise ValidationError({"lines": "A partial decision needs the approved visits per service line."})
    requested = recommendation.requested_visits
    return [
        {
            **line,
            "decision": decision,
            "approved_visits": requested if decision == Decision.APPROVE else 0,
            "reason": "Reviewer override",
        }
        for line in result_lines(recommendation.engine_result)
    ]


REPLAY_WINDOW = timedelta(minutes=10)


def _replayed_submission(
    case: Case, reviewer: Any, recommendation: Recommendation, *, accept: bool, decision: str | None
) -> Determination | None:
    """The determination a retried submission already stored, or None (see determination_submit)."""
    if case.status not in (CaseStatus.DETERMINED, CaseStatus.AMENDED):
        return None
    latest = case.determinations.order_by("-version").first()
    if (
        latest is None
        or latest.reviewer_id != getattr(reviewer, "pk", None)
        or latest.recommendation_id != recommendation.pk
        or latest.overridden == accept
        or (not accept and latest.decision != decision)
        or timezone.now() - latest.decided_at > REPLAY_WINDOW
    ):
        return None
    latest.replayed = True  # type: ignore[attr-defined]
    return latest


MAX_NOTE_CHARS = 4000


@dataclass(frozen=True)
class DecisionContent:
    """What a determination would store, validated: the same for the preview, the token and the submit."""

    decision: str
    approved_visits: int
    lines: list[dict[str, Any]]
    overridden: bool
    override_code: str = ""
    override_wording: str = ""
    override_note: str = ""


def _override_reason(recommendation: Recommendation, decision: str, code: str) -> Any:
    """The criteria version's coded reason `code` for overriding to `decision`; field-named errors otherwise."""
    version = recommendation.criteria_version
    reasons = override_reasons(version_id=recommendation.criteria_version_id)
    label = version.label if version is not None else "these criteria"
    if not code:
        if not reasons:
            raise ValidationError(
                {
                    "override_code": f"{label} lists no override reasons; a criteria admin adds them to a new "
                    "version before an override can be recorded."
                }
            )
        raise ValidationError({"override_code": "Choose the reason for the override from the list."})
    reason = next((r for r in reasons if r.code == code), None)
    if reason is None:
        raise ValidationError(
            {"override_code": f"{code!r} is not an override reason of {label}; choose one from the list."}
        )
    if decision not in reason.decision_list:
        raise ValidationError(
            {
                "override_code": f"{reason.label!r} explains a {' or '.join(reason.decision_list)} decision, "
                f"not a {decision}; choose a reason for a {decision}."
            }
        )
    return reason


def decision_content(
    *,
    options: DeterminationOptions,
    recommendation: Recommendation,
    accept: bool,
    decision: str | None,
    lines: list[dict[str, Any]] | None,
    override_code: str,
    override_note: str,
) -> DecisionContent:
    """Validate a decision on `recommendation` (no writes): what it would store, or field-named errors."""
    if accept:
        if not options.may_accept:
            raise ValidationError({"decision": options.why_not_accept})
        return DecisionContent(
            decision=recommendation.decision,
            approved_visits=recommendation.approved_visits,
            lines=result_lines(recommendation.engine_result),
            overridden=False,
        )
    if decision not in DECISIONS:
        raise ValidationError({"decision": "Choose approve, partial or deny."})
    note = (override_note or "").strip()
    if len(note) > MAX_NOTE_CHARS:
        raise ValidationError({"override_note": f"Keep the internal note to {MAX_NOTE_CHARS} characters."})
    reason = _override_reason(recommendation, decision, (override_code or "").strip())
    det_lines = _override_lines(recommendation, decision, lines)
    approved = max((int(line.get("approved_visits") or 0) for line in det_lines), default=0)
    if decision == Decision.APPROVE and not approved:
        approved = recommendation.requested_visits
    if decision == Decision.PARTIAL and not 0 < approved < recommendation.requested_visits:
        raise ValidationError({"lines": "A partial decision approves some, but not all, of the requested visits."})
    if decision not in options.allowed_decisions:
        raise ValidationError({"decision": options.why_not(decision)})
    return DecisionContent(
        decision=decision,
        approved_visits=approved,
        lines=det_lines,
        overridden=True,
        override_code=reason.code,
        override_wording=reason.letter_wording.strip(),
        override_note=note,
    )


def preview_token_for(*, case: Case, reviewer: Any, recommendation: Recommendation, content: DecisionContent) -> str:
    """The proof that `reviewer` was shown the letter of exactly `content`: an HMAC (the server's key) of the
    determination content, the recommendation, the case's next determination and letter versions."""
    payload = json.dumps(
        {
            "case": case.pk,
            "reviewer": getattr(reviewer, "pk", None),
            "recommendation": recommendation.pk,
            "determination_version": (case.determinations.aggregate(v=Max("version"))["v"] or 0) + 1,
            "letter_version": case.letters.count() + 1,
            "status": case.status,
            **dataclasses.asdict(content),
        },
        sort_keys=True,
        default=str,
    )
    return salted_hmac("reviews.letter-preview", payload, algorithm="sha256").hexdigest()


def writable_options(reviewer: Any, case: Case, recommendation: Recommendation) -> DeterminationOptions:
    """`determination_options`, refused with PermissionDenied when `reviewer` may not decide `case`."""
    options = determination_options(reviewer, case, recommendation=recommendation)
    if not options.may_write:
        raise PermissionDenied(options.why_not_write)
    return options


def decidable_content(
    *,
    options: DeterminationOptions,
    case: Case,
    recommendation: Recommendation,
    accept: bool,
    decision: str | None,
    lines: list[dict[str, Any]] | None,
    override_code: str,
    override_note: str,
) -> DecisionContent:
    """`decision_content` on a case that can be decided now; why not at `case` or `recommendation` otherwise."""
    if options.why_not_decide:
        key = "case" if case.status not in DECIDABLE else "recommendation"
        raise ValidationError({key: options.why_not_decide})
    return decision_content(
        options=options,
        recommendation=recommendation,
        accept=accept,
        decision=decision,
        lines=lines,
        override_code=override_code,
        override_note=override_note,
    )


def next_determination(
    *, case: Case, reviewer: Any, recommendation: Recommendation, content: DecisionContent
) -> Determination:
    """The determination (not saved) that `content` makes the case's next version: what the submit
    stores and the letter preview renders. A reopened case's new version supersedes the latest one."""
    previous = case.determinations.order_by("-version").first()
    version = (case.determinations.aggregate(v=Max("version"))["v"] or 0) + 1
    return Determination(
        case=case,
        recommendation=recommendation,
        version=version,
        supersedes=previous if case.status == CaseStatus.REOPENED else None,
        decision=content.decision,
        approved_visits=content.approved_visits,
        lines=content.lines,
        overridden=content.overridden,
        override_code=content.override_code,
        override_wording=content.override_wording,
        override_note=content.override_note,
        reviewer=reviewer,
        decided_at=timezone.now(),
    )


PREVIEW_REQUIRED = "Preview the letter before you sign it."
PREVIEW_STALE = "The decision changed after the letter preview you saw; preview the letter again before signing."


@transaction.atomic
def determination_submit(
    *,
    case: Case,
    reviewer: Any,
    recommendation: Recommendation,
    accept: bool = True,
    decision: str | None = None,
    lines: list[dict[str, Any]] | None = None,
    override_code: str = "",
    override_note: str = "",
    preview_token: str | None = None,
) -> Determination:
    """Record the reviewer's decision on a recommendation and queue the signed letter.

    Idempotent for a client retry (a double-clicked button, a resent form): the same reviewer
    submitting the same decision on the same recommendation within REPLAY_WINDOW gets the
    determination stored the first time, with `replayed = True`, and nothing is written again.

    `preview_token` (what `determination_sign`, the path every view takes, always passes): the token
    the letter preview of exactly this content returned; a missing or different one is refused.
    None is for the callers that are not a person at a screen (the demo loader, the CLI).
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    options = writable_options(reviewer, case, recommendation)
    replay = _replayed_submission(case, reviewer, recommendation, accept=accept, decision=decision)
    if replay is not None:
        return replay
    content = decidable_content(
        options=options,
        case=case,
        recommendation=recommendation,
        accept=accept,
        decision=decision,
        lines=lines,
        override_code=override_code,
        override_note=override_note,
    )
    if preview_token is not None:
        expected = preview_token_for(case=case, reviewer=reviewer, recommendation=recommendation, content=content)
        if not preview_token:
            raise ValidationError({"preview_token": PREVIEW_REQUIRED})
        if not constant_time_compare(preview_token, expected):
            raise ValidationError({"preview_token": PREVIEW_STALE})
    decision = content.decision
    approved = content.approved_visits

    was_reopened = case.status == CaseStatus.REOPENED
    determination = next_determination(case=case, reviewer=reviewer, recommendation=recommendation, content=content)
    version = determination.version
    determination.save()
    if determination.supersedes_id is not None:
        Determination.objects.filter(pk=determination.supersedes_id).update(status=DeterminationStatus.SUPERSEDED)
    old_status = case.transition_to(CaseStatus.AMENDED if was_reopened else CaseStatus.DETERMINED)
    case.save(update_fields=["status", "updated_at"])

    record_event(
        "determination.submitted",
        actor=reviewer,
        obj=case,
        summary={
            "determination_id": determination.pk,
            "version": version,
            "decision": decision,
            "approved_visits": approved,
            "recommendation_id": recommendation.pk,
            "overridden": not accept,
            "previewed": preview_token is not None,
            "from_status": old_status,
            "to_status": case.status,
        },
    )
    if not accept:
        record_event(
            "determination.overridden",
            actor=reviewer,
            obj=case,
            summary={
                "determination_id": determination.pk,
                "recommended": recommendation.decision,
                "decided": decision,
                "override_code": content.override_code,
                "note_chars": len(content.override_note),
            },
        )

    determination_recorded.send(sender=Determination, determination=determination)
    issue_letter_task.delay_on_commit(determination.pk)
    return determination


def determination_sign(
    *,
    case: Case,
    reviewer: Any,
    recommendation: Recommendation,
    preview_token: str,
    accept: bool = True,
    decision: str | None = None,
    lines: list[dict[str, Any]] | None = None,
    override_code: str = "",
    override_note: str = "",
) -> Determination:
    """A person signs: the decision is recorded only with the token of the preview of exactly this content."""
    return determination_submit(
        case=case,
        reviewer=reviewer,
        recommendation=recommendation,
        accept=accept,
        decision=decision,
        lines=lines,
        override_code=override_code,
        override_note=override_note,
        preview_token=preview_token or "",
    )


@transaction.atomic
def determination_reopen(*, case: Case, actor: Any, reason: str) -> Case:
    """A supervisor reopens a determined case for amendment; the signed letter stays as it is."""
    if not is_supervisor(actor):
        raise PermissionDenied("Only a supervisor can reopen a case.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Reopening a case needs a reason."})
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case.can_transition_to(CaseStatus.REOPENED):
        raise ValidationError({"case": f"A {case.get_status_display().lower()} case cannot be reopened."})
    old_status = case.transition_to(CaseStatus.REOPENED)
    case.save(update_fields=["status", "updated_at"])
    record_event(
        "case.reopened",
        actor=actor,
        obj=case,
        summary={"from_status": old_status, "reason_chars": len(reason)},
    )
    return case
