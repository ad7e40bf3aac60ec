"""PAS services: $submit (create / update / cancel), $inquire, ClaimResponse history on decisions,
subscriptions and notification deliveries. Every write is here, in transactions, with audit events."""

from __future__ import annotations

import base64
import copy
import dataclasses
import hashlib
import json
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

from audit.services import chain_at_end, record_event
from reviews.models import Case, Determination, Letter, PendRequest
from reviews.services.cases import CaseImportError, case_import, case_withdraw
from reviews.services.documents import document_upload
from vocabulary import Decision

from .fhir import response as fhir_response
from .fhir.outcome import FhirError, Issue
from .fhir.request import PasRequest, fp, parse_request, structure_issues
from .models import ClaimResponseRecord, NotificationDelivery, PasClient, PasSubmission, PasSubscription
from .tasks import deliver_notification_task

PAS_TOPIC = "http://hl7.org/fhir/us/davinci-pas/SubscriptionTopic/PASSubscriptionTopic"
BACKPORT = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/"


def audit_exchange(
    client: PasClient | None, *, operation: str, outcome: str, status: int, claim: str = "", obj: Any = None
) -> None:
    """Every exchange is an audit event: client, operation, claim identifier, outcome. No PHI."""
    record_event(
        "pas.exchange",
        actor=client.service_user if client else None,
        obj=obj,
        object_type="" if obj is not None else "pas.client",
        object_id="" if obj is not None else (str(client.public_id) if client else ""),
        summary={
            "client": str(client.public_id) if client else None,
            "operation": operation,
            "claim_identifier": claim[:200],
            "outcome": outcome,
            "http_status": status,
        },
    )


# ------------------------------------------------------------------ helpers


def _instant(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _strip_attachment_data(bundle: dict[str, Any]) -> dict[str, Any]:
    """The stored copy of a request: inline attachment data replaced by its size and hash (the PDF
    itself is the case's medical record)."""
    out = copy.deepcopy(bundle)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "contentType" in node and isinstance(node.get("data"), str):
                raw = node.pop("data")
                node["size"] = len(raw) * 3 // 4
                node["_stored"] = "attachment data stored as the case's medical record"
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(out)
    return out


def _new_reference() -> str:
    return f"PAS-{timezone.now():%y%m%d}-{secrets.token_hex(4).upper()}"


def _items_json(req: PasRequest) -> list[dict[str, Any]]:
    return [
        {
            "sequence": i.sequence,
            "code": i.code,
            "system": i.system,
            "quantity": i.quantity,
            "start": i.start,
            "end": i.end,
            "cancelled": i.cancelled or i.certification_type == "3",
        }
        for i in req.items
    ]


def _refs(req: PasRequest, data: dict[str, Any]) -> dict[str, str]:
    claim_url = str((data.get("entry") or [{}])[0].get("fullUrl") or "Claim/unknown")
    return {
        "claim": claim_url,
        "patient": req.patient_url or "Patient/unknown",
        "insurer": req.insurer_url or "Organization/unknown",
        "provider": req.provider_url or "Organization/unknown",
        "claim_type": req.claim_type,
    }


def _echo(submission: PasSubmission) -> tuple[dict[str, Any], ...]:
    """Request entries echoed in the response with the same fullUrl: patient, insurer, requestor."""
    wanted = {submission.refs.get(k) for k in ("patient", "insurer", "provider")}
    out = []
    for entry in submission.request_bundle.get("entry") or []:
        if isinstance(entry, dict) and entry.get("fullUrl") in wanted:
            out.append({"fullUrl": entry["fullUrl"], "resource": entry.get("resource")})
    return tuple(out)


def root_submission(case: Case) -> PasSubmission | None:
    return PasSubmission.objects.filter(case=case, amends__isnull=True).select_related("client").first()


def latest_submission(case: Case) -> PasSubmission | None:
    return (
        PasSubmission.objects.filter(case=case).exclude(kind="cancel").select_related("client").order_by("-id").first()
    )


def _store_response(
    *,
    case: Case,
    kind: str,
    decisions: list[fhir_response.ItemDecision],
    notes: tuple[str, ...] = (),
    reviewer: fhir_response.Reviewer | None = None,
    letter: Letter | None = None,
    determination: Determination | None = None,
    disposition: str = "",
    notify: bool = True,
) -> ClaimResponseRecord:
    """Append the next ClaimResponse version of `case` and (unless the first answer) notify subscribers."""
    root = root_submission(case)
    current = latest_submission(case) or root
    assert root is not None and current is not None
    version = (ClaimResponseRecord.objects.filter(case=case).aggregate(v=Max("version"))["v"] or 0) + 1
    now = timezone.now()
    letter_pdf = None
    if letter is not None:
        pdf = bytes(letter.pdf)
        letter_pdf = fhir_response.LetterPdf(
            title=f"Determination letter {case.reference} v{letter.version}",
            data_b64=base64.b64encode(pdf).decode(),
            sha1_b64=base64.b64encode(hashlib.sha1(pdf).digest()).decode(),  # noqa: S324 - FHIR Attachment.hash is SHA-1
            created=_instant(letter.signed_at),
        )
    refs = current.refs
    inp = fhir_response.ResponseInput(
        response_id=str(root.public_id),
        base_url=settings.PAS_FHIR_BASE_URL.rstrip("/"),
        claim_system=current.claim_system,
        claim_value=current.claim_value,
        claim_type=refs.get("claim_type") or "professional",
        created=_instant(now),
        authorization_number=case.reference,
        issue_date=timezone.localdate(now).isoformat(),
        patient_url=refs["patient"],
        insurer_url=refs["insurer"],
        provider_url=refs["provider"],
        claim_url=refs["claim"],
        items=tuple(decisions),
        notes=notes,
        reviewer=reviewer,
        letter=letter_pdf,
        disposition=disposition,
        echo=_echo(current),
    )
    bundle = fhir_response.response_bundle(inp, bundle_id=f"{root.public_id}-{version}", timestamp=_instant(now))
    bundle["entry"][0]["resource"]["meta"]["versionId"] = str(version)
    bundle["entry"][0]["resource"]["meta"]["lastUpdated"] = _instant(now)
    record = ClaimResponseRecord.objects.create(
        submission=current,
        case=case,
        version=version,
        kind=kind,
        outcome_codes=",".join(d.action for d in decisions)[:100],
        determination=determination,
        letter=letter,
        bundle=bundle,
    )
    record_event(
        "pas.claim_response",
        obj=case,
        summary={"version": version, "kind": kind, "actions": record.outcome_codes, "letter": bool(letter)},
    )
    if notify:
        queue_notifications(record)
    return record


def _pended(items: list[dict[str, Any]], reason_code: str = "") -> list[fhir_response.ItemDecision]:
    return [
        fhir_response.ItemDecision(
            sequence=i["sequence"],
            action="C" if i.get("cancelled") else "A4",
            code=i["code"],
            system=i["system"],
            requested=i["quantity"],
            start=i["start"],
            end=i["end"],
            reason_code=reason_code if not i.get("cancelled") else "",
        )
        for i in items
    ]


# ------------------------------------------------------------------ $submit


def submit(*, client: PasClient, data: Any) -> tuple[int, dict[str, Any], str]:
    """Handle one $submit body. Returns (HTTP status, response Bundle, audit outcome); raises FhirError."""
    received_at = timezone.now().replace(microsecond=0)
    req = parse_request(data, received_at=received_at)
    assert isinstance(data, dict)
    existing = PasSubmission.objects.filter(
        client=client, claim_system=req.claim_system, claim_value=req.claim_value
    ).first()
    if existing is not None and existing.content_digest and existing.content_digest != _digest(req):
        raise FhirError(
            Issue(
                fp("entry", 0, "resource", "identifier", 0),
                "this Claim identifier was already used for a different request; send a new request with a new "
                "identifier, or an update that names the prior Claim in related.claim",
                "conflict",
            ),
            409,
        )
    if existing is not None:
        latest = ClaimResponseRecord.objects.filter(case=existing.case).order_by("-version").first()
        if latest is not None and not (req.is_cancel and latest.kind != ClaimResponseRecord.Kind.CANCELLED):
            return 200, latest.bundle, "duplicate"
    if req.is_cancel:
        return _cancel(client=client, req=req, data=data, received_at=received_at, same=existing)
    if req.related_claim is not None or req.related_reference:
        return _update(client=client, req=req, data=data, received_at=received_at)
    try:
        return _create(client=client, req=req, data=data, received_at=received_at)
    except IntegrityError:
        # The same Claim identifier arrived twice at once: the other request created the case.
        existing = PasSubmission.objects.filter(
            client=client, claim_system=req.claim_system, claim_value=req.claim_value
        ).first()
        latest = (
            ClaimResponseRecord.objects.filter(case=existing.case).order_by("-version").first() if existing else None
        )
        if latest is None:
            raise
        return 200, latest.bundle, "duplicate"


def _digest(req: PasRequest) -> str:
    """What UR Desk took from a request (not when it was received): the same Claim sent twice has one digest."""
    content = {
        "case": {k: v for k, v in req.case_data.items() if k != "received_at"},
        "items": _items_json(req),
        "cancel": req.is_cancel,
        "related": req.related_claim,
        "attachments": [hashlib.sha256(a.data).hexdigest() for a in req.attachments],
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def _gap_notes(req: PasRequest) -> tuple[str, ...]:
    """The request's gaps as processNote text: the submitter sees what the reviewer will need."""
    return tuple(f"Incomplete: {g.expression}: {g.message}"[:4000] for g in req.gaps)


def _attach_documents(case: Case, client: PasClient, req: PasRequest) -> None:
    for att in req.attachments:
        try:
            document_upload(case=case, actor=client.service_user, uploaded_file=ContentFile(att.data, name=att.title))
        except ValidationError as exc:
            messages = [str(m) for m in exc.messages] or ["is not a usable PDF"]
            raise FhirError(Issue(att.path, " ".join(messages), "invalid")) from None


def _import(req: PasRequest, *, reference: str, client: PasClient, replace: bool) -> Case:
    assignee = None
    if settings.PAS_ASSIGN_TO:
        assignee = get_user_model().objects.filter(username=settings.PAS_ASSIGN_TO).first()
    try:
        return case_import(
            data={**req.case_data, "reference": reference},
            replace=replace,
            actor=client.service_user,
            assign_to=assignee if not replace else None,
            source="pas",
            intake_gaps=True,
        )
    except CaseImportError as exc:
        # The pure mapping already ran these checks; what is left is e.g. a case that cannot be replaced.
        raise FhirError([Issue(fp("entry", 0, "resource"), e.message, "business-rule") for e in exc.errors]) from None


def _record_submission(
    client: PasClient,
    req: PasRequest,
    data: dict[str, Any],
    *,
    case: Case,
    kind: str,
    received_at: datetime,
    amends: PasSubmission | None = None,
) -> PasSubmission:
    """Store one exchange (submit, update or cancel) of a client's Claim, attachments stripped."""
    return PasSubmission.objects.create(
        client=client,
        claim_system=req.claim_system,
        claim_value=req.claim_value,
        bundle_identifier=req.bundle_identifier[:200],
        case=case,
        amends=amends,
        kind=kind,
        request_bundle=_strip_attachment_data(data),
        items=_items_json(req),
        refs=_refs(req, data),
        received_at=received_at,
        intake_gaps=[{"expression": g.expression, "message": g.message} for g in req.gaps],
        content_digest=_digest(req),
    )


def _create(
    *, client: PasClient, req: PasRequest, data: dict[str, Any], received_at: datetime
) -> tuple[int, dict[str, Any], str]:
    with transaction.atomic(), chain_at_end():  # the audit chain is locked only at the end
        case = _import(req, reference=_new_reference(), client=client, replace=False)
        _attach_documents(case, client, req)
        _record_submission(client, req, data, case=case, kind="submit", received_at=received_at)
        record = _store_response(
            case=case,
            kind=ClaimResponseRecord.Kind.PENDED,
            decisions=_pended(_items_json(req)),
            notes=("Received; pended for review by a licensed clinician.", *_gap_notes(req)),
            disposition="Pended for clinical review",
            notify=False,
        )
    return 201, record.bundle, "pended"


def _target(client: PasClient, req: PasRequest) -> PasSubmission:
    where = fp("entry", 0, "resource", "related", 0, "claim")
    if req.related_claim is None:
        raise FhirError(
            Issue(
                where, "the prior Claim must be identified by identifier (system and value) or be included", "required"
            )
        )
    system, value = req.related_claim
    target = (
        PasSubmission.objects.select_related("case")
        .filter(client=client, claim_value=value, **({"claim_system": system} if system else {}))
        .first()
    )
    if target is None:
        raise FhirError(Issue(where, "no request of yours has this identifier", "not-found"))
    return target


def _update(
    *, client: PasClient, req: PasRequest, data: dict[str, Any], received_at: datetime
) -> tuple[int, dict[str, Any], str]:
    target = _target(client, req)
    with transaction.atomic(), chain_at_end():
        case = Case.objects.select_for_update().get(pk=target.case_id)
        if not case.is_open:
            raise FhirError(
                Issue(
                    fp("entry", 0, "resource", "related", 0),
                    f"the request this updates is {case.get_status_display().lower()}; a decided or withdrawn "
                    "request cannot be updated - send a new request",
                    "business-rule",
                )
            )
        # An update amends the request; the decision clock keeps running from the original receipt.
        kept = {**req.case_data, "received_at": case.received_at.isoformat().replace("+00:00", "Z")}
        _import(dataclasses.replace(req, case_data=kept), reference=case.reference, client=client, replace=True)
        _attach_documents(case, client, req)
        _record_submission(client, req, data, case=case, kind="update", received_at=received_at, amends=target)
        record = _store_response(
            case=case,
            kind=ClaimResponseRecord.Kind.PENDED,
            decisions=_pended(_items_json(req)),
            notes=("Update received; the request is pended for review by a licensed clinician.", *_gap_notes(req)),
            disposition="Pended for clinical review",
        )
        record_event("pas.updated", actor=client.service_user, obj=case, summary={"version": record.version})
    return 200, record.bundle, "updated"


def _cancel(
    *,
    client: PasClient,
    req: PasRequest,
    data: dict[str, Any],
    received_at: datetime,
    same: PasSubmission | None,
) -> tuple[int, dict[str, Any], str]:
    target = same if req.related_claim is None and same is not None else _target(client, req)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=target.case_id)
        if not case.is_open:
            raise FhirError(
                Issue(
                    fp("entry", 0, "resource", "item"),
                    f"the request is {case.get_status_display().lower()} and can no longer be cancelled",
                    "business-rule",
                )
            )
        case_withdraw(case=case, actor=client.service_user, source="pas")
        if same is None:
            _record_submission(client, req, data, case=case, kind="cancel", received_at=received_at, amends=target)
        current = latest_submission(case) or target
        items = [{**i, "cancelled": True} for i in current.items]
        record = _store_response(
            case=case,
            kind=ClaimResponseRecord.Kind.CANCELLED,
            decisions=_pended(items),
            notes=("The request was cancelled by the submitter.",),
            disposition="Cancelled",
        )
    return 200, record.bundle, "cancelled"


# ------------------------------------------------------------------ $inquire and reads


def inquire(*, client: PasClient, data: Any) -> dict[str, Any]:
    """The current ClaimResponse Bundle for the Claim identified in an inquiry Bundle (this client's only)."""
    issues = structure_issues(data)
    if issues:
        raise FhirError(issues)
    assert isinstance(data, dict)
    entries = data.get("entry") or []
    claim = (entries[0].get("resource") if entries and isinstance(entries[0], dict) else None) or {}
    if claim.get("resourceType") != "Claim":
        raise FhirError(Issue(fp("entry", 0, "resource"), "the first entry of an inquiry Bundle must be a Claim"))
    identifiers = [i for i in claim.get("identifier") or [] if isinstance(i, dict) and i.get("value")]
    if not identifiers:
        raise FhirError(
            Issue(fp("entry", 0, "resource", "identifier"), "identify the request by its Claim identifier", "required")
        )
    system, value = str(identifiers[0].get("system") or ""), str(identifiers[0]["value"])
    filters: dict[str, Any] = {"client": client, "claim_value": value}
    if system:
        filters["claim_system"] = system
    submission = PasSubmission.objects.filter(**filters).first()
    if submission is None:
        raise FhirError(
            Issue(fp("entry", 0, "resource", "identifier"), "no request of yours matches", "not-found"), 404
        )
    latest = ClaimResponseRecord.objects.filter(case_id=submission.case_id).order_by("-version").first()
    if latest is None:
        raise FhirError(Issue(fp("entry", 0, "resource"), "no response yet", "not-found"), 404)
    return latest.bundle


def claim_response_for_client(*, client: PasClient, response_id: str) -> ClaimResponseRecord:
    """The current version of a ClaimResponse (its id is the request's id); another client's: not found."""
    try:
        root = PasSubmission.objects.get(public_id=response_id, client=client, amends__isnull=True)
    except (PasSubmission.DoesNotExist, ValidationError, ValueError):
        raise FhirError(Issue("ClaimResponse.id", "no such ClaimResponse", "not-found"), 404) from None
    record = ClaimResponseRecord.objects.filter(case_id=root.case_id).order_by("-version").first()
    if record is None:
        raise FhirError(Issue("ClaimResponse.id", "no such ClaimResponse", "not-found"), 404)
    return record


# ------------------------------------------------------------------ decisions (signal receivers)

ACTIONS: dict[str, str] = {Decision.APPROVE: "A1", Decision.DENY: "A3", Decision.PARTIAL: "A6"}
DISPOSITIONS: dict[str, str] = {
    Decision.APPROVE: "Certified",
    Decision.PARTIAL: "Modified",
    Decision.DENY: "Not certified",
}


def _reason_notes(determination: Determination) -> list[str]:
    """The specific reason, from the same findings and wording the provider section of the letter uses."""
    from reviews.letters.content import build_letter_context

    ctx = build_letter_context(determination)
    provider = ctx.provider
    refs = {r.number: r for r in ctx.references}
    notes = [f"Determination: {provider.summary.text}"]
    for section in provider.sections:
        for statement in section.statements:
            cites = "; ".join(refs[m].citation for m in statement.markers if m in refs)
            notes.append(f"{section.title}: {statement.text}" + (f" (Guideline: {cites})" if cites else ""))
    if provider.send:
        notes.append("For a new request or an appeal, send: " + "; ".join(provider.send))
    if provider.override:
        notes.append(f"Reviewer's reason: {provider.override}")
    return [n[:4000] for n in notes]


def _final_decisions(
    determination: Determination, items: list[dict[str, Any]]
) -> tuple[list[fhir_response.ItemDecision], bool]:
    lines = {str(line.get("code")): line for line in determination.lines or [] if isinstance(line, dict)}
    out, negative = [], False
    for item in items:
        if item.get("cancelled"):
            continue
        line = lines.get(item["code"]) or {}
        decision = str(line.get("decision") or determination.decision)
        approved = int(line.get("approved_visits") or 0) if line else determination.approved_visits
        if decision == Decision.APPROVE:
            approved = approved or item["quantity"]
            action = "A1" if approved >= item["quantity"] else "A6"
        else:
            action = ACTIONS.get(decision, "A4")
        if action == "A6" and not approved:
            action = "A3"
        reason = ""
        if action in ("A3", "A6"):
            negative = True
            reason = settings.PAS_REASON_CODES[Decision.DENY if action == "A3" else Decision.PARTIAL]
        out.append(
            fhir_response.ItemDecision(
                sequence=item["sequence"],
                action=action,
                code=item["code"],
                system=item["system"],
                requested=item["quantity"],
                approved=min(approved, item["quantity"]) if action in ("A1", "A6") else None,
                start=item["start"],
                end=item["end"],
                reason_code=reason,
                note_number=1 if action in ("A3", "A6") else None,
            )
        )
    return out, negative


def _reviewer(determination: Determination) -> fhir_response.Reviewer:
    profile = getattr(determination.reviewer, "reviewer_profile", None)
    return fhir_response.Reviewer(
        npi=getattr(profile, "npi", "") or "", specialty=getattr(profile, "specialty", "") or ""
    )


def record_final_response(*, determination: Determination, letter: Letter | None = None) -> ClaimResponseRecord | None:
    """The final ClaimResponse of a PAS case (per item A1 / A3 / A6); a no-op for other cases."""
    case = determination.case
    current = latest_submission(case)
    if current is None:
        return None
    decisions, negative = _final_decisions(determination, current.items)
    notes = tuple(_reason_notes(determination))
    return _store_response(
        case=case,
        kind=ClaimResponseRecord.Kind.FINAL,
        decisions=decisions,
        notes=notes,
        reviewer=_reviewer(determination),
        letter=letter,
        determination=determination,
        disposition=DISPOSITIONS.get(determination.decision, "")
        + (" - see processNote for the specific reason" if negative else ""),
    )


def on_determination_recorded(sender: Any, determination: Determination, **kwargs: Any) -> None:
    record_final_response(determination=determination)


def on_letter_stored(sender: Any, letter: Letter, **kwargs: Any) -> None:
    if not PasSubmission.objects.filter(case_id=letter.case_id).exists():
        return
    record_final_response(determination=letter.determination, letter=letter)


def on_case_pended(sender: Any, case: Case, pend_request: PendRequest, **kwargs: Any) -> None:
    current = latest_submission(case)
    if current is None:
        return
    _store_response(
        case=case,
        kind=ClaimResponseRecord.Kind.INFO_REQUESTED,
        decisions=_pended(current.items, reason_code=settings.PAS_REASON_CODES["pend"]),
        notes=tuple(f"Information requested: {item}"[:4000] for item in pend_request.items),
        disposition="Pended: additional information requested",
    )


# ------------------------------------------------------------------ subscriptions


def subscription_create(*, client: PasClient, data: Any) -> PasSubscription:
    """Create an R4 backport Subscription to the PAS topic: rest-hook, full-resource, fhir+json."""
    if not isinstance(data, dict) or data.get("resourceType") != "Subscription":
        raise FhirError(Issue("Subscription", "the body must be a Subscription resource", "structure"))
    from fhir.resources.R4B.subscription import Subscription
    from pydantic import ValidationError as PydanticError

    try:
        Subscription.model_validate(data)
    except PydanticError as exc:
        raise FhirError(
            [
                Issue(
                    "Subscription." + ".".join(str(p) for p in e["loc"] if p != "root"),
                    str(e["msg"])[:300],
                    "structure",
                )
                for e in exc.errors()[:20]
            ]
        ) from None
    issues = []
    if data.get("criteria") != PAS_TOPIC:
        issues.append(Issue("Subscription.criteria", f"must be the PAS topic {PAS_TOPIC}", "value"))
    channel = data.get("channel") or {}
    if channel.get("type") != "rest-hook":
        issues.append(Issue("Subscription.channel.type", "only rest-hook is supported (PAS)", "not-supported"))
    endpoint = str(channel.get("endpoint") or "")
    if not endpoint.startswith(("https://", "http://")) or len(endpoint) > 500:
        issues.append(Issue("Subscription.channel.endpoint", "must be an http(s) URL", "value"))
    elif endpoint.startswith("http://") and not settings.PAS_ALLOW_HTTP_HOOKS:
        issues.append(Issue("Subscription.channel.endpoint", "must be https", "security"))
    payload = channel.get("payload")
    if payload not in (None, "application/fhir+json", "application/json"):
        issues.append(Issue("Subscription.channel.payload", "only application/fhir+json is supported", "not-supported"))
    content = ""
    for ext in (channel.get("_payload") or {}).get("extension") or []:
        if isinstance(ext, dict) and ext.get("url") == BACKPORT + "backport-payload-content":
            content = str(ext.get("valueCode") or "")
    if content and content != "full-resource":
        issues.append(
            Issue("Subscription.channel.payload.extension", "PAS notifications are full-resource", "not-supported")
        )
    org = ""
    for ext in (data.get("_criteria") or {}).get("extension") or []:
        if isinstance(ext, dict) and ext.get("url") == BACKPORT + "backport-filter-criteria":
            org = str(ext.get("valueString") or "")[:200]
    headers = [str(h)[:500] for h in channel.get("header") or [] if isinstance(h, str)][:5]
    if issues:
        raise FhirError(issues)
    with transaction.atomic():
        sub = PasSubscription.objects.create(
            client=client, endpoint=endpoint, headers=headers, filter_org=org, resource=data
        )
        record_event(
            "pas.subscription_created", actor=client.service_user, obj=sub, summary={"subscription": str(sub.public_id)}
        )
    return sub


def subscription_resource(sub: PasSubscription) -> dict[str, Any]:
    resource = {k: v for k, v in sub.resource.items() if k != "id"}
    resource["id"] = str(sub.public_id)
    resource["status"] = sub.status
    channel = dict(resource.get("channel") or {})
    channel.pop("header", None)  # never echo the client's secrets
    resource["channel"] = channel
    return {"resourceType": "Subscription", **{k: v for k, v in resource.items() if k != "resourceType"}}


def subscription_for_client(*, client: PasClient, public_id: str) -> PasSubscription:
    try:
        return PasSubscription.objects.get(public_id=public_id, client=client)
    except (PasSubscription.DoesNotExist, ValidationError, ValueError):
        raise FhirError(Issue("Subscription.id", "no such Subscription", "not-found"), 404) from None


def _status_parameters(sub: PasSubscription, kind: str) -> dict[str, Any]:
    """A backport SubscriptionStatus (R4: Parameters) of `sub`, of notification type `kind`."""
    base = settings.PAS_FHIR_BASE_URL.rstrip("/")
    return {
        "resourceType": "Parameters",
        "meta": {"profile": [BACKPORT + "backport-subscription-status-r4"]},
        "parameter": [
            {"name": "subscription", "valueReference": {"reference": f"{base}/Subscription/{sub.public_id}"}},
            {"name": "topic", "valueCanonical": PAS_TOPIC},
            {"name": "status", "valueCode": sub.status},
            {"name": "type", "valueCode": kind},
            {"name": "events-since-subscription-start", "valueString": str(sub.events_since_start)},
        ],
    }


def subscription_status(*, client: PasClient, public_id: str) -> dict[str, Any]:
    """$status: a Bundle (searchset) holding the Subscription's current SubscriptionStatus."""
    sub = subscription_for_client(client=client, public_id=public_id)
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "timestamp": _instant(timezone.now()),
        "total": 1,
        "entry": [
            {
                "fullUrl": f"urn:uuid:{secrets.token_hex(16)}",
                "resource": _status_parameters(sub, "query-status"),
                "search": {"mode": "match"},
            }
        ],
    }


def subscription_delete(*, client: PasClient, public_id: str) -> None:
    sub = subscription_for_client(client=client, public_id=public_id)
    with transaction.atomic():
        PasSubscription.objects.filter(pk=sub.pk).update(status=PasSubscription.Status.OFF)
        record_event(
            "pas.subscription_deleted", actor=client.service_user, obj=sub, summary={"subscription": str(sub.public_id)}
        )


def queue_notifications(record: ClaimResponseRecord) -> list[int]:
    """A delivery row per active subscription of the submitting client; the task sends them after commit."""
    client_id = record.submission.client_id
    ids = []
    for sub in PasSubscription.objects.select_for_update().filter(
        client_id=client_id, status=PasSubscription.Status.ACTIVE
    ):
        number = sub.events_since_start + 1
        PasSubscription.objects.filter(pk=sub.pk).update(events_since_start=number)
        delivery = NotificationDelivery.objects.create(subscription=sub, response=record, event_number=number)
        ids.append(delivery.pk)
    for delivery_id in ids:
        deliver_notification_task.delay_on_commit(delivery_id)
    return ids


def notification_bundle(delivery: NotificationDelivery) -> dict[str, Any]:
    """An R4 backport event-notification: a history Bundle, SubscriptionStatus (Parameters) first, then
    the full PAS response Bundle."""
    sub, record = delivery.subscription, delivery.response
    base = settings.PAS_FHIR_BASE_URL.rstrip("/")
    response_url = f"{base}/ClaimResponse/{record.bundle['entry'][0]['resource']['id']}"
    now = _instant(timezone.now())
    status = {
        "resourceType": "Parameters",
        "meta": {"profile": [BACKPORT + "backport-subscription-status-r4"]},
        "parameter": [
            {"name": "subscription", "valueReference": {"reference": f"{base}/Subscription/{sub.public_id}"}},
            {"name": "topic", "valueCanonical": PAS_TOPIC},
            {"name": "status", "valueCode": "active"},
            {"name": "type", "valueCode": "event-notification"},
            {"name": "events-since-subscription-start", "valueString": str(delivery.event_number)},
            {
                "name": "notification-event",
                "part": [
                    {"name": "event-number", "valueString": str(delivery.event_number)},
                    {"name": "timestamp", "valueInstant": now},
                    {"name": "focus", "valueReference": {"reference": response_url}},
                ],
            },
        ],
    }
    return {
        "resourceType": "Bundle",
        "meta": {"profile": [BACKPORT + "backport-subscription-notification-r4"]},
        "type": "history",
        "timestamp": now,
        "entry": [
            {
                "fullUrl": f"urn:uuid:{secrets.token_hex(16)}",
                "resource": status,
                "request": {"method": "GET", "url": f"{base}/Subscription/{sub.public_id}/$status"},
                "response": {"status": "200"},
            },
            {
                "fullUrl": f"{base}/Bundle/{record.bundle['id']}",
                "resource": record.bundle,
                "request": {"method": "PUT", "url": f"Bundle/{record.bundle['id']}"},
                "response": {"status": "200"},
            },
        ],
    }


def delivery_result(
    *, delivery_id: int, ok: bool, status_code: int | None, error: str, final: bool, retry_in: int = 0
) -> None:
    """Record one delivery attempt (no PHI: status code and an error class only), and when its retry
    is due (`retry_in` seconds from now) unless it is the last."""
    fields: dict[str, Any] = {"last_status_code": status_code, "last_error": error[:300]}
    delivery = NotificationDelivery.objects.select_related("subscription", "response").get(pk=delivery_id)
    fields["attempts"] = delivery.attempts + 1
    fields["next_attempt_at"] = None if ok or final else timezone.now() + timedelta(seconds=retry_in)
    if ok:
        fields.update(status=NotificationDelivery.Status.DELIVERED, delivered_at=timezone.now())
    elif final:
        fields["status"] = NotificationDelivery.Status.FAILED
    NotificationDelivery.objects.filter(pk=delivery_id).update(**fields)
    if ok or final:
        record_event(
            "pas.notification",
            obj=delivery.subscription,
            summary={
                "subscription": str(delivery.subscription.public_id),
                "claim_response_version": delivery.response.version,
                "outcome": "delivered" if ok else "failed",
                "attempts": fields["attempts"],
                "http_status": status_code,
            },
        )


def client_create(*, name: str, npi: str = "", tin: str = "", contact_email: str = "") -> tuple[PasClient, str]:
    """Register a client system: an OAuth2 confidential client-credentials application and a service
    user (no password, no roles). Returns the client and its secret (shown once; stored hashed)."""
    from oauth2_provider.models import Application

    user_model = get_user_model()
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        user = user_model.objects.create(username=f"pas-client-{secrets.token_hex(4)}", first_name=name[:150])
        user.set_unusable_password()
        user.save(update_fields=["password"])
        app = Application.objects.create(
            name=f"PAS {name}"[:255],
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
            client_secret=secret,
            user=user,
        )
        client = PasClient.objects.create(
            name=name, npi=npi, tin=tin, contact_email=contact_email, application=app, service_user=user
        )
        record_event("pas.client_created", obj=client, summary={"client": str(client.public_id)})
    return client, secret


def undelivered_notifications(grace_seconds: int) -> list[tuple[str, tuple[object, ...]]]:
    """Pending deliveries whose message was lost, for the sweeper (relay.sweeper): never attempted and
    older than the grace period, or attempted and their retry overdue by the grace period (the retry's
    countdown message was in Redis when it restarted empty). A retry that is not due yet is left to
    its own task's countdown."""
    cutoff = timezone.now() - timedelta(seconds=grace_seconds)
    ids = NotificationDelivery.objects.filter(
        Q(attempts=0, created_at__lt=cutoff)
        | Q(attempts__gt=0, next_attempt_at__lt=cutoff)
        # attempted before next_attempt_at was stored: overdue once the longest retry schedule is past
        | Q(attempts__gt=0, next_attempt_at__isnull=True, created_at__lt=cutoff - timedelta(hours=1)),
        status=NotificationDelivery.Status.PENDING,
    ).values_list("pk", flat=True)
    return [("pas.tasks.deliver_notification_task", (pk,)) for pk in ids.order_by("id")]
