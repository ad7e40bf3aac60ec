"""The letter's content, built from the Determination and its recommendation's findings.

No free-typed boilerplate about the case: every clinical sentence comes from a finding, a service
line or a figure the engine computed. The fixed wording here is the notice's frame (headings, the
member's rights, plain-language renderings of rule ids). Reads only; writes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from criteria.engine import result_to_dict
from criteria.engine.types import SECTIONS

FORMAT = "ur-determination/1"

DECISION_WORDS = {
    "approve": ("APPROVED", "approved", "APPROVE"),
    "partial": ("PARTIALLY APPROVED", "partially approved", "APPROVE IN PART"),
    "deny": ("DENIED", "denied", "DENY"),
}

# Plain words for common codes (the member section never shows a code).
PLAIN_SERVICE_WORDS = {
    "97110": "exercise therapy",
    "97112": "balance and movement retraining",
    "97116": "walking training",
    "97140": "hands-on (manual) therapy",
    "97161": "a physical therapy evaluation",
    "97162": "a physical therapy evaluation",
    "97163": "a physical therapy evaluation",
    "97164": "a physical therapy re-evaluation",
    "97530": "therapeutic activities",
    "97535": "self-care training",
    "97035": "ultrasound treatment",
    "97014": "electrical stimulation",
    "G0283": "electrical stimulation",
}

# Plain-language reasons keyed by stable rule id (DESIGN.md rule table): (when met, when not met or a concern).
PLAIN_REASONS: dict[str, tuple[str, str]] = {
    "criteria.not_covered": ("", "Our review guidelines do not cover this condition, so a clinician must review it."),
    "service.experimental": (
        "",
        "One of the requested treatments is considered experimental, which your plan does not cover.",
    ),
    "service.unknown": ("", "One of the requested treatments could not be identified."),
    "clinical.red_flag": ("", "Your records mention a warning sign that a doctor needs to check first."),
    "visits.within_benchmark": (
        "The number of visits asked for is within what our guidelines expect for this condition.",
        "",
    ),
    "visits.benchmark_exceeded": (
        "",
        "You have already had more therapy visits for this condition than our guidelines expect.",
    ),
    "visits.plan_exceeds_benchmark": (
        "",
        "The planned number of further visits is well above what our guidelines expect.",
    ),
    "continuation.progress": (
        "Your records show you are improving, still working toward your goals, and taking part in your therapy.",
        "Your records do not show enough improvement from therapy so far.",
    ),
    "initial.deficits": (
        "Your records show problems with daily activities and measured limits in movement or strength.",
        "Your records do not show measured limits in movement or strength that need more therapy.",
    ),
    "extension.outcome_measure_mcid": (
        "A standard test shows meaningful improvement.",
        "No standard test shows meaningful improvement from the visits you already had.",
    ),
    "episode.gap_unexplained": (
        "",
        "Therapy stopped for several months, and the records do not explain why or what changed.",
    ),
    "episode.no_baseline_comparison": (
        "",
        "The records do not compare how you are doing now with how you were when your earlier therapy ended.",
    ),
    "documentation.laterality_mismatch": (
        "",
        "The therapy notes describe the other side of the body than the one your provider listed.",
    ),
    "documentation.outcome_measures_missing": (
        "",
        "The records do not use a standard questionnaire or test to show how well you are doing.",
    ),
    "documentation.objective_strength_missing": ("", "The records do not include measured strength results."),
    "documentation.exercise_parameters_missing": (
        "",
        "The records do not say how much, how often or how hard the exercises are.",
    ),
    "advisory.alternative_diagnosis": (
        "",
        "After a long time in therapy without the problem going away, other causes or tests (such as a scan) "
        "should be considered.",
    ),
}


def plain_reason(finding: dict[str, Any]) -> str:
    """The member-facing sentence for a finding ('' when the rule has none for this outcome)."""
    met, not_met = PLAIN_REASONS.get(str(finding.get("rule", "")), ("", ""))
    return met if finding.get("outcome") == "met" else not_met


# Figures the engine reports in finding `data` (rules visits.*), and how the letter labels them.
VISIT_FIGURE_LABELS = (
    ("requested", "Visits requested"),
    ("prior", "Prior visits counted (earlier episodes)"),
    ("done", "Visits done in this episode"),
    ("cumulative", "Cumulative visits"),
    ("benchmark", "Visit benchmark for this diagnosis"),
    ("remaining", "Visits left under the benchmark"),
    ("plan_total", "Total if the planned course continued"),
)


@dataclass
class Reference:
    number: int
    citation_id: str
    statement: str
    citation: str


@dataclass
class Citations:
    """Numbers citation ids in order of first use; `markers(ids)` -> [1, 3]."""

    resolved: dict[str, dict[str, str]]
    order: list[str] = field(default_factory=list)

    def markers(self, ids: Any) -> list[int]:
        out: list[int] = []
        for cid in ids or ():
            if cid not in self.order:
                self.order.append(cid)
            n = self.order.index(cid) + 1
            if n not in out:
                out.append(n)
        return out

    def references(self) -> list[Reference]:
        refs = []
        for i, cid in enumerate(self.order, start=1):
            info = self.resolved.get(cid) or {}
            refs.append(
                Reference(
                    number=i,
                    citation_id=cid,
                    statement=info.get("statement", ""),
                    citation=info.get("citation") or f"Guideline recommendation {cid} (criteria library).",
                )
            )
        return refs


def resolve_citations(ids: set[str], result: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Full references for citation ids: from the stored result if it carries them, else the guideline library."""
    resolved: dict[str, dict[str, str]] = {}
    for item in result.get("citations") or ():
        if isinstance(item, dict) and item.get("id"):
            resolved[item["id"]] = {
                "statement": str(item.get("statement", "")),
                "citation": str(item.get("source_citation") or item.get("citation") or ""),
            }
    missing = ids - resolved.keys()
    if missing:
        try:
            from guidelines.models import Recommendation as GuidelineRecommendation

            for rec in GuidelineRecommendation.objects.select_related("source").filter(citation_id__in=missing):
                resolved[rec.citation_id] = {"statement": rec.statement, "citation": rec.source.citation_text}
        except (ImportError, AttributeError):  # library not installed in this deployment: ids stand alone
            pass
    return resolved


def _fmt(d: date | datetime | None) -> str:
    if d is None:
        return ""
    if isinstance(d, datetime):
        d = timezone.localtime(d).date() if timezone.is_aware(d) else d.date()
    return d.strftime("%m/%d/%Y")


def _long(d: date | None) -> str:
    return f"{d:%B} {d.day}, {d.year}" if d else ""


def _data(finding: dict[str, Any]) -> dict[str, str]:
    raw = finding.get("data") or ()
    if isinstance(raw, dict):
        return {str(k): str(v) for k, v in raw.items()}
    return {str(pair[0]): str(pair[1]) for pair in raw if len(pair) == 2}


def _join_words(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plain_services(codes: list[str], descriptors: dict[str, str]) -> str:
    words: list[str] = []
    for code in codes:
        w = PLAIN_SERVICE_WORDS.get(code) or descriptors.get(code, "").lower() or "a therapy service"
        if w not in words:
            words.append(w)
    return _join_words(words)


def short_descriptor(text: str) -> str:
    """'Manual therapy (joint mobilisation ...), per 15 minutes' -> 'Manual therapy' (for running text)."""
    text = re.split(r"\s\(|, per \d+ minutes| for strength", text, maxsplit=1)[0]
    return text.strip().rstrip(",")


def _decisive(findings: list[dict[str, Any]], decision: str) -> list[dict[str, Any]]:
    want = {"met"} if decision == "approve" else {"not_met", "concern"}
    return [f for f in findings if f.get("outcome") in want]


def build_letter_context(
    determination: Any,
    *,
    version: int = 1,
    signed_at: datetime | None = None,
    supersedes: Any = None,
    issued_on: date | None = None,
) -> dict[str, Any]:
    """Everything `templates/letters/determination.html` prints, as plain values."""
    det = determination
    case = det.case
    member = case.member
    provider = case.provider
    req = case.request
    rec = det.recommendation
    result: dict[str, Any] = result_to_dict(rec.engine_result)
    findings: list[dict[str, Any]] = list(result.get("findings") or [])
    lines: list[dict[str, Any]] = list(det.lines or result.get("lines") or [])
    decision = det.decision
    words = DECISION_WORDS.get(decision, (decision.upper(), decision, decision.upper()))
    diagnoses = list(case.diagnoses.all())
    primary = next((d for d in diagnoses if d.primary), diagnoses[0] if diagnoses else None)
    dx_words = (primary.description if primary else "") or "the documented condition"
    dx_code = primary.code if primary else ""
    lob_key = case.line_of_business
    lob = settings.UR_LINES_OF_BUSINESS.get(lob_key) or settings.UR_LINES_OF_BUSINESS["commercial"]
    org = settings.UR_ORGANIZATION
    profile = getattr(det.reviewer, "reviewer_profile", None)
    signed_at = signed_at or timezone.now()
    issued_on = issued_on or timezone.localtime(signed_at).date()

    all_ids: set[str] = set()
    for f in findings:
        all_ids.update(f.get("citations") or ())
    cites = Citations(resolved=resolve_citations(all_ids, result))

    codes = [str(line.get("code")) for line in lines] or list(req.services or [])
    descriptors = {str(line.get("code")): short_descriptor(str(line.get("descriptor", ""))) for line in lines}
    services_text = ", ".join(f"{c} {descriptors.get(c, '')}".strip() for c in codes)
    requested = int(result.get("requested_visits") or req.visits)
    approved = int(det.approved_visits)
    span = f"{_fmt(req.start_date)} to {_fmt(req.end_date)}"
    over = f" over {req.duration_weeks} weeks" if req.duration_weeks else ""
    key_reason = str(result.get("key_reason") or "").strip()

    # --- summary sentence (and its citations: the decisive findings')
    decisive = _decisive(findings, decision) or findings
    summary_ids: list[str] = []
    for f in decisive:
        for cid in f.get("citations") or ():
            if cid not in summary_ids:
                summary_ids.append(cid)
    summary_markers = cites.markers(summary_ids[:3])
    subject = f"The requested physical therapy services (CPT {services_text}) for {requested} visits{over} ({span})"
    if decision == "approve":
        summary = f"{subject} are medically necessary and are APPROVED for this patient with {dx_words} ({dx_code})."
    elif decision == "partial":
        summary = (
            f"{subject} are PARTIALLY APPROVED for this patient with {dx_words} ({dx_code}): {approved} of "
            f"{requested} visits are approved as medically necessary and {requested - approved} are denied."
        )
    else:
        summary = f"{subject} are NOT medically necessary and are DENIED for this patient with {dx_words} ({dx_code})."

    # --- visit figures from the visits.* findings' data
    figures: dict[str, str] = {"requested": str(requested)}
    for f in findings:
        if str(f.get("rule", "")).startswith("visits."):
            for k, v in _data(f).items():
                figures.setdefault(k, v)
    visit_rows = [(label, figures[k]) for k, label in VISIT_FIGURE_LABELS if figures.get(k)]
    visit_rows.append(("Visits approved", str(approved)))
    benchmark_line = ""
    if figures.get("cumulative") and figures.get("benchmark"):
        cum, bench = figures["cumulative"], figures["benchmark"]
        try:
            within = int(cum) <= int(bench)
        except ValueError:
            within = True
        benchmark_line = f"Requested visits against the benchmark: {requested} of {bench}. " + (
            f"Cumulative visits: {cum} of {bench} (within the benchmark)"
            if within
            else f"Cumulative visits: {cum} vs {bench} (exceeds the benchmark)"
        )
        if figures.get("plan_total"):
            benchmark_line += f"; the planned course would total {figures['plan_total']} visits"
        benchmark_line += "."

    # --- rationale sections, in SECTIONS order, only those with findings
    sections = []
    for key, title in SECTIONS:
        items = [
            {
                "text": f.get("text", ""),
                "outcome": f.get("outcome", ""),
                "rule": f.get("rule", ""),
                "evidence": list(f.get("evidence") or ()),
                "markers": cites.markers(f.get("citations")),
            }
            for f in findings
            if f.get("section") == key
        ]
        if items:
            sections.append({"key": key, "title": title, "items": items})

    # --- recommendation and (denial/partial) what must be documented
    rec_ids: list[str] = []
    for f in decisive:
        for cid in f.get("citations") or ():
            if cid not in rec_ids:
                rec_ids.append(cid)
    if decision == "approve":
        recommendation = f"APPROVE the requested physical therapy services ({', '.join(codes)}) as medically necessary: {approved} visits, {span}."
    elif decision == "partial":
        recommendation = (
            f"APPROVE IN PART: {approved} of {requested} visits ({', '.join(codes)}) are approved as medically "
            f"necessary; {requested - approved} visits are denied as not medically necessary."
        )
    else:
        recommendation = f"DENY: these {requested} visits ({span}) are not medically necessary."
    if key_reason:
        recommendation += f" {key_reason}"
    recommendation_markers = cites.markers(rec_ids[:4])
    missing = [str(m) for m in result.get("missing_documentation") or ()] if decision != "approve" else []
    doc_ids: list[str] = []
    for f in findings:
        if f.get("section") == "documentation" or str(f.get("rule", "")).startswith(("documentation.", "episode.")):
            for cid in f.get("citations") or ():
                if cid not in doc_ids:
                    doc_ids.append(cid)
    missing_markers = cites.markers(doc_ids[:4]) if missing else []

    lines_rows = [
        {
            "code": str(line.get("code", "")),
            "descriptor": str(line.get("descriptor", "")),
            "decision": DECISION_WORDS.get(str(line.get("decision")), (str(line.get("decision", "")).upper(),))[0],
            "approved_visits": line.get("approved_visits", 0),
            "reason": str(line.get("reason", "")),
        }
        for line in lines
    ]

    # --- member (plain language): no codes, no acronyms
    plain_services = _plain_services(codes, descriptors)
    period = f"{_long(req.start_date)} and {_long(req.end_date)}"
    retro = case.review_type == "retrospective"
    if decision == "approve":
        member_decision = (
            f"We approved {approved} physical therapy visits between {period} for your {dx_words.lower()}. "
            f"The visits include {plain_services}."
        )
    elif decision == "partial":
        member_decision = (
            f"We approved {approved} of the {requested} physical therapy visits asked for between {period} "
            f"for your {dx_words.lower()}. We did not approve the other {requested - approved} visits."
        )
    else:
        pay = "your plan will not pay for these visits" if retro else "these visits are not approved"
        member_decision = (
            f"We did not approve {requested} physical therapy visits between {period} for your "
            f"{dx_words.lower()} ({plain_services}). This means {pay}."
        )
    member_reasons = []
    for f in decisive:
        text = plain_reason(f)
        if text and text not in member_reasons:
            member_reasons.append(text)

    reviewer_name = profile.display_name if profile else (det.reviewer.get_full_name() or det.reviewer.username)
    reviewer = {
        "name": reviewer_name,
        "credentials": profile.credentials if profile else "",
        "specialty": profile.specialty if profile else "",
        "license_number": profile.license_number if profile else "",
        "phone": (profile.phone if profile else "") or org["phone"],
        "email": (profile.email if profile else "") or det.reviewer.email,
    }
    criteria_label = str(
        result.get("criteria_version_label") or (str(rec.criteria_version) if rec.criteria_version_id else "")
    )
    ctx: dict[str, Any] = {
        "format": FORMAT,
        "org": org,
        "lob": lob,
        "lob_key": lob_key,
        "title": (
            f"Medical Necessity Determination: Physical Therapy for {dx_words} ({dx_code}), dates of service {span}"
        ),
        "decision": decision,
        "decision_word": words[0],
        "summary": summary,
        "summary_markers": summary_markers,
        "key_reason": key_reason,
        "case": {
            "reference": case.reference,
            "review_type": case.get_review_type_display(),
            "urgency": case.get_urgency_display(),
            "received": _fmt(case.received_at),
            "decided": _fmt(det.decided_at),
            "issued": _fmt(issued_on),
        },
        "member": {
            "name": member.full_name,
            "member_id": member.member_id,
            "plan": member.plan,
            "birth_date": _fmt(member.birth_date),
        },
        "provider": {"name": provider.name, "npi": provider.npi},
        "diagnosis": {"code": dx_code, "words": dx_words},
        "services_text": services_text,
        "codes": codes,
        "span": span,
        "requested_visits": requested,
        "approved_visits": approved,
        "lines": lines_rows,
        "visit_rows": visit_rows,
        "benchmark_line": benchmark_line,
        "sections": sections,
        "recommendation": recommendation,
        "recommendation_markers": recommendation_markers,
        "missing_documentation": missing,
        "missing_markers": missing_markers,
        "overridden": bool(det.overridden),
        "override_reason": det.override_reason if det.overridden else "",
        "engine_decision": rec.decision,
        "member_section": {
            "decision": member_decision,
            "reasons": member_reasons,
            "services": plain_services,
            "condition": dx_words.lower(),
        },
        "criteria": {
            "label": criteria_label or "Outpatient physical therapy criteria",
            "version_id": result.get("criteria_version_id") or rec.criteria_version_id,
            "engine_version": str(result.get("engine_version") or rec.engine_version),
            "input_hash": str(result.get("input_hash") or rec.input_hash),
        },
        "reviewer": reviewer,
        "references": cites.references(),
        "letter": {
            "version": version,
            "supersedes_version": getattr(supersedes, "version", None),
            "supersedes_sha256": getattr(supersedes, "sha256", ""),
            "determination_version": det.version,
        },
        "signature": {
            "name": reviewer_name,
            "credentials": reviewer["credentials"],
            "meaning": f"Utilization review determination: {decision}",
            "signed_at_utc": signed_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        },
    }
    return ctx


def machine_readable(ctx: dict[str, Any], determination: Any) -> dict[str, Any]:
    """The determination as JSON, embedded in the PDF as determination.json."""
    result = result_to_dict(determination.recommendation.engine_result)
    return {
        "format": FORMAT,
        "case_reference": ctx["case"]["reference"],
        "member_id": ctx["member"]["member_id"],
        "letter_version": ctx["letter"]["version"],
        "supersedes_sha256": ctx["letter"]["supersedes_sha256"] or None,
        "determination_version": determination.version,
        "decision": determination.decision,
        "requested_visits": ctx["requested_visits"],
        "approved_visits": determination.approved_visits,
        "lines": determination.lines,
        "overridden": determination.overridden,
        "engine_decision": determination.recommendation.decision,
        "findings": [
            {k: f.get(k) for k in ("rule", "outcome", "section", "citations", "data")}
            for f in result.get("findings") or ()
        ],
        "missing_documentation": ctx["missing_documentation"],
        "criteria_version_id": ctx["criteria"]["version_id"],
        "criteria_version_label": ctx["criteria"]["label"],
        "engine_version": ctx["criteria"]["engine_version"],
        "input_hash": ctx["criteria"]["input_hash"],
        "received": ctx["case"]["received"],
        "decided_at": determination.decided_at.isoformat(),
        "reviewer": {"name": ctx["reviewer"]["name"], "credentials": ctx["reviewer"]["credentials"]},
        "signature_meaning": ctx["signature"]["meaning"],
        "signed_at": ctx["signature"]["signed_at_utc"],
    }


# Acronyms and code shapes that must not appear in the member's plain-language section.
MEMBER_FORBIDDEN = re.compile(
    r"\b(?:CPT|ICD|MCG|ACR|CDC|MCID|ADLs?|ROM|DOS|NPI|PT|HMO|PPO|IHiPRN)\b|\b\d{5}\b|\b[A-Z]\d{2}\.\d"
)


def required_notice_markers(ctx: dict[str, Any]) -> dict[str, list[str]]:
    """For each required notice element, strings the rendered letter must contain (tests and QA use this)."""
    markers = {
        "date_issued": ["Date of this notice", ctx["case"]["issued"]],
        "enrollee_name": [ctx["member"]["name"]],
        "member_number": ["Member ID", ctx["member"]["member_id"]],
        "case_identifier": ["Case reference", ctx["case"]["reference"]],
        "dates_received_decided": ["Date received", ctx["case"]["received"], "Date decided", ctx["case"]["decided"]],
        "action_term": [ctx["decision_word"]],
        "services_listed": list(ctx["codes"]),
        "specific_rationale": ["Why we made this decision", "Recommendation", ctx["recommendation"][:40]],
        "plain_language_member_section": ["For the member: this decision in plain language"],
        "clinical_provider_section": ["For the treating provider: clinical rationale"],
        "criteria_named_with_version": ["Criteria used", ctx["criteria"]["label"]],
        "criteria_copy_free": ["free of charge"],
        "right_to_appeal_and_deadline": ["right to appeal", f"{ctx['lob']['appeal_days']} calendar days"],
        "how_to_file": ["How to appeal", ctx["org"]["phone"], ctx["org"]["fax"]],
        "expedited_appeal": ["fast (expedited) appeal", f"{ctx['lob']['expedited_appeal_hours']} hours"],
        "who_may_appeal": ["your representative", "your doctor"],
        "share_with_doctor": ["copy of this notice"],
        "help_contacts": ["TTY", ctx["org"]["tty"]],
        "peer_to_peer": ["Peer-to-peer", ctx["reviewer"]["phone"]],
        "reviewer_identity": [ctx["reviewer"]["name"], ctx["reviewer"]["credentials"], ctx["reviewer"]["specialty"]],
        "references": ["References"],
        "signature_block": ["Electronically signed by", ctx["signature"]["meaning"]],
    }
    if ctx["decision"] != "approve":
        markers["additional_info_needed"] = ["If therapy is to continue, the following must be documented"]
    return {k: [m for m in v if m] for k, v in markers.items()}
