"""Services: findings suggested from the record (extraction/), and a person's accept / edit / reject.

A suggestion reaches the case only when a reviewer accepts (or edits) it:

- documentation findings and red flags are saved through clinical_review_save (so they count as
  confirmed by that person) and their page becomes the finding's evidence;
- visits, prior episodes, the plan of care (frequency x duration) and the affected side are written
  to the case's record (Visit, PriorEpisode, ServiceRequest, Case) with their record page, under
  the same rules as any record change: refused on a decided case, audited, and a ready
  recommendation becomes stale (the case goes back to in review until the engine runs again).

The engine reads the review and the record, never the suggestions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.services import record_event
from criteria.engine.analysis import code_laterality
from criteria.engine.types import Diagnosis as EngineDiagnosis
from vocabulary import FINDING_LABELS

from ..models import Case, CaseStatus, ClinicalDocument, ClinicalReview, PriorEpisode, ServiceRequest, Visit
from ..models.documents import SuggestionDecision
from .documents import record_page_offsets
from .record_edits import record_locked_reason
from .reviews import clinical_review_attach_evidence, clinical_review_save

# source path prefix -> the review finding it suggests
_FINDINGS = {
    "documentation.functional_deficits": "functional_deficits",
    "documentation.objective_impairments": "objective_impairments",
    "documentation.reported_improvement_pct": "reported_improvement_pct",
    "documentation.goals": "goals",
    "documentation.outcome_measures": "outcome_measures",
    "documentation.strength_measured_objectively": "strength_measured_objectively",
    "documentation.exercise_parameters_documented": "exercise_parameters_documented",
    "documentation.gap_explanation": "gap_explanation",
    "clinical.red_flags": "red_flags",
}
_EDITABLE = {
    "functional_deficits",
    "objective_impairments",
    "reported_improvement_pct",
    "gap_explanation",
    "outcome_measures",
    # record kinds: edited field by field
    "visit",
    "prior_episode",
    "plan_of_care",
    "affected_side",
}
# Suggestions that write the case's record (not the review).
RECORD_KINDS = ("visit", "prior_episode", "plan_of_care", "affected_side")
KIND_LABELS = {
    "visit": "Visit",
    "prior_episode": "Prior episode",
    "plan_of_care": "Plan of care",
    "affected_side": "Affected side",
}
# Groups as the panel shows them, in this order.
GROUPS = (
    ("visits", "Visits"),
    ("prior_episodes", "Prior episodes"),
    ("plan", "Plan of care and side"),
    ("documentation", "Documentation"),
    ("red_flags", "Red flags"),
)
SIDES = ("left", "right", "bilateral")


@dataclass(frozen=True)
class Suggestion:
    key: str
    finding: str
    label: str
    value: Any
    display: str
    page: int  # record page (1-based, across the case's documents)
    document: ClinicalDocument
    document_page: int
    quote: str
    status: str  # pending | accepted | edited | rejected
    editable: bool
    group: str = "documentation"
    quotes: tuple[str, ...] = field(default=())  # every sentence the value was read from

    @property
    def is_record(self) -> bool:
        return self.finding in RECORD_KINDS


def _resolve(payload: dict[str, Any], path: str) -> Any:
    node: Any = payload
    for part in re.split(r"[.\[\]]+", path):
        if part == "":
            continue
        node = node[int(part)] if part.isdigit() else node[part]
    return node


def _visit_display(v: dict[str, Any]) -> str:
    bits = [str(v.get("date")), str(v.get("kind") or "").replace("_", " ")]
    if v.get("pain_nprs") is not None:
        bits.append(f"pain {v['pain_nprs']}/10")
    if v.get("function_pct") is not None:
        bits.append(f"function {v['function_pct']}%")
    if v.get("side_documented"):
        bits.append(f"{v['side_documented']} side")
    if v.get("services"):
        bits.append(", ".join(v["services"]))
    return " · ".join(bits)


def _episode_display(e: dict[str, Any]) -> str:
    out = f"{e.get('start_date')} to {e.get('end_date')}, {e.get('visits')} visits"
    if e.get("discharge_function_pct") is not None:
        out += f", discharged at {e['discharge_function_pct']}% function"
    if e.get("discharge_note"):
        out += f" ({e['discharge_note']})"
    return out


def _display(finding: str, value: Any) -> str:
    if finding == "visit":
        return _visit_display(value)
    if finding == "prior_episode":
        return _episode_display(value)
    if finding == "plan_of_care":
        return f"{value['frequency_per_week'] or '?'}x/week for {value['duration_weeks'] or '?'} weeks"
    if finding == "affected_side":
        return str(value)
    if finding == "goals" and isinstance(value, dict):
        return (
            f"STG {value['short_term_met']}/{value['short_term_total']} met, "
            f"LTG {value['long_term_met']}/{value['long_term_total']} met"
        )
    if finding == "outcome_measures" and isinstance(value, dict):
        return f"{value['name']} {value['score']} on {value['date']}"
    if finding == "reported_improvement_pct":
        return f"{value}% improvement"
    if value is True:
        return "documented"
    return str(value).replace("_", " ") if finding == "red_flags" else str(value)


def _quotes_by_prefix(sources: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for src in sources:
        path = str(src.get("path", ""))
        m = re.match(r"((?:visits|prior_episodes)\[\d+\])\.", path)
        if m:
            out.setdefault(m.group(1), []).append(src)
        elif path.startswith("request."):
            out.setdefault("request", []).append(src)
    return out


def _record_items(payload: dict[str, Any]) -> Iterable[tuple[str, str, Any, int, tuple[str, ...]]]:
    """(finding, path, value, document page, quotes) of the record kinds in one document's payload."""
    by_prefix = _quotes_by_prefix(list(payload.get("sources", [])))
    for i, v in enumerate(payload.get("visits") or []):
        srcs = by_prefix.get(f"visits[{i}]", [])
        quotes = tuple(dict.fromkeys(str(s.get("quote", "")) for s in srcs if s.get("quote")))
        page = int(v.get("page") or (srcs[0]["page"] if srcs else 1))
        yield "visit", f"visits[{i}]", v, page, quotes
    for i, e in enumerate(payload.get("prior_episodes") or []):
        srcs = by_prefix.get(f"prior_episodes[{i}]", [])
        quotes = tuple(dict.fromkeys(str(s.get("quote", "")) for s in srcs if s.get("quote")))
        page = int(srcs[0]["page"]) if srcs else 1
        yield "prior_episode", f"prior_episodes[{i}]", e, page, quotes
    req = payload.get("request") or {}
    if req.get("frequency_per_week") or req.get("duration_weeks"):
        srcs = by_prefix.get("request", [])
        quotes = tuple(dict.fromkeys(str(s.get("quote", "")) for s in srcs if s.get("quote")))
        page = int(srcs[0]["page"]) if srcs else 1
        value = {"frequency_per_week": req.get("frequency_per_week"), "duration_weeks": req.get("duration_weeks")}
        yield "plan_of_care", "request.plan_of_care", value, page, quotes
    side = (payload.get("clinical") or {}).get("affected_side")
    if side:
        src = next((s for s in payload.get("sources", []) if s.get("path") == "clinical.affected_side"), None)
        page = int(src["page"]) if src else 1
        yield "affected_side", "clinical.affected_side", side, page, (str(src["quote"]),) if src else ()


def case_suggestions(case: Case) -> list[Suggestion]:
    """Every suggestion of the case's read documents (record kinds, documentation, red flags), with its decision."""
    offsets = record_page_offsets(case)
    decided = dict(SuggestionDecision.objects.filter(case=case).values_list("key", "status"))
    out: list[Suggestion] = []
    seen: set[str] = set()
    docs = case.documents.filter(extraction_status=ClinicalDocument.ExtractionStatus.DONE).order_by("uploaded_at", "id")
    for doc in docs:
        payload = doc.suggestions or {}
        offset = offsets.get(doc.pk, 0)
        for finding, path, value, doc_page, quotes in _record_items(payload):
            key = f"{doc.public_id}:{path}:{doc_page}"
            if key in seen:
                continue
            seen.add(key)
            page = offset + doc_page
            if finding == "visit":
                value = {**value, "page": page}
            group = {"visit": "visits", "prior_episode": "prior_episodes"}.get(finding, "plan")
            out.append(
                Suggestion(
                    key=key,
                    finding=finding,
                    label=KIND_LABELS[finding],
                    value=value,
                    display=_display(finding, value),
                    page=page,
                    document=doc,
                    document_page=doc_page,
                    quote=quotes[0] if quotes else "",
                    status=decided.get(key, "pending"),
                    editable=True,
                    group=group,
                    quotes=quotes,
                )
            )
        for src in payload.get("sources", []):
            path = str(src.get("path", ""))
            prefix = re.sub(r"\[\d+\]$", "", path)
            doc_finding = _FINDINGS.get(prefix)
            if doc_finding is None:
                continue
            finding = doc_finding
            try:
                value = (
                    True
                    if finding in ("strength_measured_objectively", "exercise_parameters_documented")
                    else _resolve(payload, path)
                )
            except (KeyError, IndexError, TypeError, ValueError):
                continue
            page = offset + int(src["page"])
            key = f"{doc.public_id}:{path}:{src['page']}"
            if key in seen:
                continue
            seen.add(key)
            quote = str(src.get("quote", ""))
            out.append(
                Suggestion(
                    key=key,
                    finding=finding,
                    label=FINDING_LABELS.get(finding, finding),
                    value=value,
                    display=_display(finding, value),
                    page=page,
                    document=doc,
                    document_page=int(src["page"]),
                    quote=quote,
                    status=decided.get(key, "pending"),
                    editable=finding in _EDITABLE,
                    group="red_flags" if finding == "red_flags" else "documentation",
                    quotes=(quote,),
                )
            )
    return out


def coded_side(case: Case) -> tuple[str, str] | None:
    """(side, code) of the primary diagnosis when its ICD-10-CM code (or title) names a side."""
    dx = case.diagnoses.filter(primary=True).first() or case.diagnoses.first()
    if dx is None:
        return None
    side = code_laterality(EngineDiagnosis(code=dx.code, primary=True, description=dx.description or ""))
    return (side, dx.code) if side else None


def side_mismatch(case: Case) -> str:
    """A warning when the record gives the treated region another side than the coded one ('' if not)."""
    coded = coded_side(case)
    if coded is None or coded[0] not in ("left", "right"):
        return ""
    side, code = coded
    offsets = record_page_offsets(case)
    other: dict[str, list[int]] = {}
    docs = case.documents.filter(extraction_status=ClinicalDocument.ExtractionStatus.DONE).order_by("uploaded_at", "id")
    for doc in docs:
        for m in (doc.suggestions or {}).get("side_mentions", []):
            if m.get("side") in ("left", "right") and m["side"] != side:
                page = offsets.get(doc.pk, 0) + int(m.get("page") or 0)
                pages = other.setdefault(m["side"], [])
                if page not in pages:
                    pages.append(page)
    if not other:
        return ""
    said = "; ".join(
        f"the {s} side on pg {', '.join(str(p) for p in sorted(pages))}" for s, pages in sorted(other.items())
    )
    return (
        f"Side mismatch: {code} codes the {side} side, but the record documents {said}. "
        "Check the code or the notes before deciding."
    )


# ------------------------------------------------------------------------------------------- edits


def _parse_date(text: str, name: str) -> str:
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError as exc:
        raise ValidationError({name: "Enter the date as YYYY-MM-DD."}) from exc


def _parse_int(text: str, name: str, lo: int, hi: int, *, required: bool = False, what: str = "") -> int | None:
    text = (text or "").strip()
    if not text:
        if required:
            raise ValidationError({name: f"Enter {what or 'a number'}."})
        return None
    if not text.isdigit() or not lo <= int(text) <= hi:
        raise ValidationError({name: f"Enter {what or 'a whole number'} from {lo} to {hi}."})
    return int(text)


def _parse_side(text: str, name: str, *, required: bool) -> str | None:
    text = (text or "").strip().lower()
    if not text and not required:
        return None
    if text not in SIDES:
        raise ValidationError({name: "Choose left, right or bilateral."})
    return text


def _edited(finding: str, value: Any, text: str, values: dict[str, str]) -> Any:
    text = (text or "").strip()
    if finding == "visit":
        kind = (values.get("kind") or value.get("kind") or "").strip()
        if kind not in Visit.KINDS:
            raise ValidationError({"kind": "Choose the visit kind (evaluation, treatment, progress note, ...)."})
        return {
            **value,
            "date": _parse_date(values.get("date", str(value.get("date") or "")), "date"),
            "kind": kind,
            "pain_nprs": _parse_int(values.get("pain_nprs", ""), "pain_nprs", 0, 10, what="the pain score (NPRS)"),
            "function_pct": _parse_int(values.get("function_pct", ""), "function_pct", 0, 100, what="a percentage"),
            "side_documented": _parse_side(values.get("side_documented", ""), "side_documented", required=False),
        }
    if finding == "prior_episode":
        start = _parse_date(values.get("start_date", str(value.get("start_date") or "")), "start_date")
        end = _parse_date(values.get("end_date", str(value.get("end_date") or "")), "end_date")
        if end < start:
            raise ValidationError({"end_date": "The episode cannot end before it starts."})
        visits = _parse_int(values.get("visits", ""), "visits", 0, 500, required=True, what="the visit count")
        return {
            **value,
            "start_date": start,
            "end_date": end,
            "visits": visits,
            "discharge_function_pct": _parse_int(
                values.get("discharge_function_pct", ""), "discharge_function_pct", 0, 100, what="a percentage"
            ),
        }
    if finding == "plan_of_care":
        return {
            "frequency_per_week": _parse_int(
                values.get("frequency_per_week", ""), "frequency_per_week", 1, 7, required=True, what="visits a week"
            ),
            "duration_weeks": _parse_int(
                values.get("duration_weeks", ""), "duration_weeks", 1, 52, required=True, what="the weeks"
            ),
        }
    if finding == "affected_side":
        return _parse_side(values.get("affected_side", text), "affected_side", required=True)
    if finding in ("functional_deficits", "objective_impairments", "gap_explanation"):
        if not text:
            raise ValidationError({"value": "Enter the finding as the record states it."})
        return text[:300] if finding != "gap_explanation" else text[:5000]
    if finding == "reported_improvement_pct":
        if not text.isdigit() or not 0 <= int(text) <= 100:
            raise ValidationError({"value": "Enter a whole percentage from 0 to 100."})
        return int(text)
    if finding == "outcome_measures":
        try:
            score = float(text)
        except ValueError as exc:
            raise ValidationError({"value": "Enter the measure's score as a number."}) from exc
        return {**value, "score": int(score) if score.is_integer() else score}
    raise ValidationError({"value": "This suggestion cannot be edited; accept or reject it."})


# ----------------------------------------------------------------------------------------- writes


def _apply_review(case: Case, actor: Any, item: Suggestion, new_value: Any) -> dict[str, Any]:
    review = ClinicalReview.objects.filter(case=case).first() or ClinicalReview(case=case)
    data: dict[str, Any] = {}
    f = item.finding
    if f in ("functional_deficits", "objective_impairments", "outcome_measures"):
        current = list(getattr(review, f) or [])
        data[f] = current if new_value in current else [*current, new_value]
    elif f == "goals":
        data.update({f"goals_{k}": int(v) for k, v in new_value.items()})
    elif f == "red_flags":
        flags = list(case.red_flags or [])
        data["red_flags"] = flags if new_value in flags else [*flags, new_value]
    else:
        data[f] = new_value
    clinical_review_save(case=case, actor=actor, data=data)
    if f != "red_flags":
        clinical_review_attach_evidence(case=case, actor=actor, finding=f, page=item.page)
    return {}


def _apply_record(case: Case, item: Suggestion, v: Any) -> dict[str, Any]:
    """Write an accepted record suggestion to the case's models; returns what changed (for the audit)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    reason = record_locked_reason(case)
    if reason:
        raise ValidationError(reason)
    if not case.is_open:
        raise ValidationError(f"This case is '{case.get_status_display()}': its record can no longer be changed.")
    change: dict[str, Any]
    if item.finding == "visit":
        visit = Visit.objects.filter(case=case, date=v["date"]).first()
        created = visit is None
        if visit is None:
            visit = Visit(case=case, date=v["date"], kind=v["kind"])
        fields = ["kind", "page"]
        visit.kind = v["kind"]
        visit.page = item.page
        for name in ("pain_nprs", "function_pct", "side_documented"):
            if v.get(name) is not None:
                setattr(visit, name, v[name])
                fields.append(name)
        if v.get("services") and not visit.services:
            visit.services = list(v["services"])
            fields.append("services")
        visit.full_clean(exclude=["case"])
        visit.save()
        change = {"model": "visit", "id": visit.pk, "created": created, "fields": sorted(fields)}
    elif item.finding == "prior_episode":
        episode = PriorEpisode.objects.filter(case=case, start_date=v["start_date"]).first()
        created = episode is None
        if episode is None:
            episode = PriorEpisode(case=case, start_date=v["start_date"], end_date=v["end_date"], visits=v["visits"])
        episode.end_date = v["end_date"]
        episode.visits = v["visits"]
        episode.page = item.page
        fields = ["start_date", "end_date", "visits", "page"]
        for name in ("discharge_function_pct", "discharge_note"):
            if v.get(name) is not None:
                setattr(episode, name, v[name])
                fields.append(name)
        episode.full_clean(exclude=["case"])
        episode.save()
        change = {"model": "prior_episode", "id": episode.pk, "created": created, "fields": fields}
    elif item.finding == "plan_of_care":
        req = ServiceRequest.objects.filter(case=case).first()
        if req is None:
            raise ValidationError("This case has no service request to put the plan of care on.")
        fields = []
        for name in ("frequency_per_week", "duration_weeks"):
            if v.get(name) is not None:
                setattr(req, name, int(v[name]))
                fields.append(name)
        req.full_clean(exclude=["case"])
        req.save()
        change = {"model": "request", "fields": fields}
    else:  # affected_side
        case.affected_side = v
        case.save(update_fields=["affected_side", "updated_at"])
        change = {"model": "case", "fields": ["affected_side"]}
    if case.status in (CaseStatus.RECEIVED, CaseStatus.RECOMMENDATION_READY):
        old = case.transition_to(CaseStatus.IN_REVIEW)
        case.save(update_fields=["status", "updated_at"])
        change["status"] = {"from": old, "to": case.status}
    return change


def _decide(
    case: Case, actor: Any, item: Suggestion, action: str, value: str, values: dict[str, str]
) -> SuggestionDecision:
    if item.status != "pending":
        raise ValidationError({"key": f"This suggestion was already {item.status}."})
    new_value = item.value
    if action == "edit":
        new_value = _edited(item.finding, item.value, value, values)
    change: dict[str, Any] = {}
    if action != "reject":
        change = _apply_record(case, item, new_value) if item.is_record else _apply_review(case, actor, item, new_value)
    status = {"accept": "accepted", "edit": "edited", "reject": "rejected"}[action]
    decision = SuggestionDecision.objects.create(
        case=case,
        key=item.key,
        finding=item.finding,
        page=item.page,
        status=status,
        value=None if action == "reject" else new_value,
        decided_by=actor,
    )
    summary: dict[str, Any] = {"finding": item.finding, "page": item.page, "source": item.key.split(":", 1)[1]}
    if change:
        summary["record"] = change
    record_event(f"suggestion.{status}", actor=actor, obj=case, summary=summary)
    return decision


@transaction.atomic
def suggestion_decide(
    *, case: Case, actor: Any, key: str, action: str, value: str = "", values: dict[str, str] | None = None
) -> SuggestionDecision:
    """Accept, edit or reject one suggestion. Accepted values go into the review or the record, with their page.

    `value` is the edited text of a one-value finding; `values` the edited fields of a record kind
    (visit: date, kind, pain_nprs, function_pct, side_documented; prior episode: start_date,
    end_date, visits, discharge_function_pct; plan of care: frequency_per_week, duration_weeks;
    affected side: affected_side).
    """
    if action not in ("accept", "edit", "reject"):
        raise ValidationError({"action": "Choose accept, edit or reject."})
    item = next((s for s in case_suggestions(case) if s.key == key), None)
    if item is None:
        raise ValidationError({"key": "This suggestion is no longer in the record."})
    return _decide(case, actor, item, action, value, values or {})


@transaction.atomic
def suggestions_accept_all(
    *, case: Case, actor: Any, group: str = "", page: int | None = None
) -> list[SuggestionDecision]:
    """Accept every pending suggestion of one group (visits, prior_episodes, plan, documentation,
    red_flags) and/or on one record page, as they were read. All or nothing."""
    known = {g for g, _ in GROUPS}
    if group and group not in known:
        raise ValidationError({"group": "Choose a group of suggestions."})
    if not group and page is None:
        raise ValidationError({"group": "Choose a group or a page to accept."})
    items = [
        s
        for s in case_suggestions(case)
        if s.status == "pending" and (not group or s.group == group) and (page is None or s.page == page)
    ]
    if not items:
        raise ValidationError({"group": "Nothing is left to accept there."})
    return [_decide(case, actor, s, "accept", "", {}) for s in items]
