"""The letter's content: section builders that return plain frozen dataclasses.

`build_letter_context(determination)` reads the case, its typed engine result and the guideline
library once, and hands each section builder plain values; `render.render_letter_html` turns the
resulting `LetterContext` into HTML. Appeal-decision letters (and previews) reuse the builders and
the renderer with their own inputs.

Rules the builders keep (issue #13, docs/letters.md):
- Nothing internal reaches a letter: no engine finding text, provenance or verification notes,
  and no licensed or unverified value as the basis (a visit guideline is context only).
- Each clinical statement comes from a fact the case holds, with the page(s) that support it.
- A statement cites at most three sources, only recommendations that apply to the patient
  (body region, age, population, line of business), taken from the rules that decided; a denial
  never cites evidence *for* the denied service as its support.
- Medicare Advantage letters rest on the Medicare Benefit Policy Manual, ch. 15 §220.2-220.3;
  commercial and Medicaid letters on the plan's criteria version.
Reads only; writes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from criteria.engine.analysis import age_on
from criteria.engine.types import CaseFacts, EngineResult, Finding, Visit
from guidelines.applicability import PatientProfile, applies, patient_populations, region_of_icd
from reviews.letters import notices
from vocabulary import Decision, ReviewType

FORMAT = "ur-determination/1"
MAX_MARKERS = 3  # per sentence
MAX_MEMBER_BULLETS = 5

DECISION_WORDS: dict[str, tuple[str, str]] = {
    Decision.APPROVE: ("APPROVED", "approved"),
    Decision.PARTIAL: ("PARTIALLY APPROVED", "partially approved"),
    Decision.DENY: ("DENIED", "denied"),
}

# Outcome measures that rate pain only: never suggested as a functional outcome measure.
PAIN_ONLY_MEASURES = frozenset({"NPRS"})
PLAN_POLICY_KEY = "plan-criteria"
BPM_SKILLED = "cms-bpm-ch15/skilled-need"
BPM_DOCUMENTATION = ("cms-bpm-ch15/progress-report", "cms-bpm-ch15/re-evaluation")

# Words in a visit note that report the symptoms easing, or flaring, between visits.
EASED_WORDS = re.compile(r"\b(?:better|isn't hurting|not hurting|no pain|pain[- ]free|resolved)\b", re.I)
FLARED_WORDS = re.compile(r"\b(?:sore|worse|flare|aggravat\w*|increased pain)\b", re.I)


# ---------------------------------------------------------------- small helpers


def _fmt(d: date | datetime | str | None) -> str:
    if d is None or d == "":
        return ""
    if isinstance(d, str):
        d = date.fromisoformat(d[:10])
    if isinstance(d, datetime):
        d = timezone.localtime(d).date() if timezone.is_aware(d) else d.date()
    return d.strftime("%m/%d/%Y")


def _long(d: date | None) -> str:
    return f"{d:%B} {d.day}, {d.year}" if d else ""


def join_words(items: list[str] | tuple[str, ...]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def pages_text(pages: tuple[int, ...] | list[int]) -> str:
    ps = sorted(set(pages))
    if not ps:
        return ""
    return ("pg " if len(ps) == 1 else "pgs ") + ", ".join(str(p) for p in ps)


def short_descriptor(text: str) -> str:
    """'Manual therapy (joint mobilization ...), per 15 minutes' -> 'Manual therapy' (for running text)."""
    text = re.split(r"\s\(|, per \d+ minutes| for strength|:", text, maxsplit=1)[0]
    return text.strip().rstrip(",")


def _quote(note: str, limit: int = 120) -> str:
    """The note itself when short, else as many whole sentences as fit (else a cut at a word)."""
    note = " ".join(note.split())
    if len(note) <= limit:
        return note
    out = ""
    for sentence in re.split(r"(?<=[.!?])\s", note):
        if len(out) + len(sentence) + 1 > limit:
            break
        out = f"{out} {sentence}".strip()
    return out or note[: limit - 3].rsplit(" ", 1)[0] + "..."


def severity(nprs: int) -> str:
    return "no" if nprs == 0 else "mild" if nprs <= 3 else "moderate" if nprs <= 6 else "severe"


# ---------------------------------------------------------------- typed inputs


def engine_result_of(recommendation: Any) -> EngineResult:
    """The recommendation's typed engine result (Recommendation.engine_result, the only reader of the JSON)."""
    result: EngineResult = recommendation.engine_result
    return result


@dataclass(frozen=True)
class VisitCounts:
    """The counts the engine computed (EngineResult.figures); letters print them and never re-derive one."""

    requested: int
    prior: int
    done: int
    cumulative: int
    benchmark: int | None
    plan_desc: str
    planned_total: int | None
    gap_days: int | None
    gap_months: int | None
    gap_unexplained: bool
    counted_episodes: tuple[tuple[date, date, int], ...]


def visit_counts(er: EngineResult) -> VisitCounts | None:
    """None for a result stored by an engine older than 1.1.0 (no figures block): the letter then prints no counts."""
    fig = er.figures
    if fig is None:
        return None
    return VisitCounts(
        requested=fig.requested,
        prior=fig.prior_visits,
        done=fig.done,
        cumulative=fig.cumulative,
        benchmark=fig.benchmark_visits,
        plan_desc=fig.plan_desc,
        planned_total=fig.planned_total,
        gap_days=fig.gap_days,
        gap_months=fig.gap_months,
        gap_unexplained=fig.gap_unexplained,
        counted_episodes=tuple((e.start_date, e.end_date, e.visits) for e in fig.counted_prior_episodes),
    )


# ---------------------------------------------------------------- citations


@dataclass(frozen=True)
class Reference:
    """One source, numbered once, with every pinpoint the letter relies on."""

    number: int
    source_key: str
    citation: str
    pinpoints: tuple[str, ...]

    @property
    def pinpoint_text(self) -> str:
        return "; ".join(self.pinpoints)


@dataclass
class Citations:
    """Picks the recommendations a statement may cite and numbers their sources once.

    `library` maps citation id -> guidelines.selectors.CitedRecommendation.
    """

    library: dict[str, Any]
    patient: PatientProfile
    denied_codes: frozenset[str]
    plan_policy: tuple[str, str] | None  # (citation text, pinpoint) of the plan's criteria version
    order: list[str] = field(default_factory=list)  # source keys in order of first use
    pins: dict[str, list[str]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    cited: list[str] = field(default_factory=list)  # citation ids behind the markers, in order of use

    def eligible(self, citation_id: str) -> bool:
        rec = self.library.get(citation_id)
        if rec is None or not rec.citable or not applies(rec.applicability, self.patient):
            return False
        # A denial never rests on evidence that supports the denied service.
        return not (rec.applicability.stance == "supports" and rec.services & self.denied_codes)

    def pick(self, ids: Any, *, limit: int = MAX_MARKERS) -> tuple[str, ...]:
        out: list[str] = []
        for cid in ids or ():
            if cid not in out and self.eligible(cid):
                out.append(cid)
        return tuple(out[:limit])

    def markers(self, ids: Any, *, plan_pin: str = "") -> tuple[int, ...]:
        """Marker numbers (one per source, at most MAX_MARKERS) for eligible `ids`, plus the plan policy."""
        nums: list[int] = []
        if plan_pin and self.plan_policy is not None:
            nums.append(self._use(PLAN_POLICY_KEY, self.plan_policy[0], plan_pin))
        for cid in self.pick(ids, limit=10):
            rec = self.library[cid]
            n = self._use(rec.source_key, rec.source_citation, rec.pinpoint)
            if cid not in self.cited:
                self.cited.append(cid)
            if n not in nums:
                nums.append(n)
            if len(nums) >= MAX_MARKERS:
                break
        return tuple(nums[:MAX_MARKERS])

    def _use(self, key: str, text: str, pin: str) -> int:
        if key not in self.order:
            self.order.append(key)
            self.texts[key] = text
            self.pins[key] = []
        if pin and pin not in self.pins[key]:
            self.pins[key].append(pin)
        return self.order.index(key) + 1

    def references(self) -> tuple[Reference, ...]:
        return tuple(
            Reference(number=i, source_key=k, citation=self.texts[k], pinpoints=tuple(self.pins[k]))
            for i, k in enumerate(self.order, start=1)
        )


# ---------------------------------------------------------------- sections


@dataclass(frozen=True)
class Statement:
    text: str
    pages: tuple[int, ...] = ()
    markers: tuple[int, ...] = ()

    @property
    def pages_label(self) -> str:
        return pages_text(self.pages)


@dataclass(frozen=True)
class RationaleSection:
    key: str
    title: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class ServiceRow:
    code: str
    descriptor: str
    decision: str
    approved_visits: int


@dataclass(frozen=True)
class ProviderSection:
    summary: Statement
    lines: tuple[ServiceRow, ...]
    sections: tuple[RationaleSection, ...]
    send: tuple[str, ...]  # what the provider can send (denial/partial)
    send_markers: tuple[int, ...]
    override: str  # the coded override reason's letter wording when overridden ('' otherwise); never a typed note


@dataclass(frozen=True)
class MemberSection:
    name: str
    decision: str
    reasons: tuple[str, ...]  # at most MAX_MEMBER_BULLETS, the last one says what the provider can send
    services: str
    condition: str
    basis: str  # the coverage rule in plain words ('' for approvals)


@dataclass(frozen=True)
class Header:
    org: dict[str, str]
    title: str
    case_reference: str
    review_type: str
    review_type_key: str
    urgency: str
    received: str
    decided: str
    issued: str
    member_name: str
    member_id: str
    plan: str
    birth_date: str
    provider_name: str
    provider_npi: str
    diagnosis_code: str
    diagnosis_words: str
    span: str
    letter_version: int
    supersedes_version: int | None
    supersedes_sha256: str


@dataclass(frozen=True)
class ReviewerBlock:
    name: str
    credentials: str
    specialty: str
    license_number: str
    phone: str
    email: str
    p2p_phone: str
    p2p_windows: str


@dataclass(frozen=True)
class CriteriaBlock:
    label: str
    version_id: int | None
    engine_version: str
    input_hash: str


@dataclass(frozen=True)
class SignatureBlock:
    name: str
    credentials: str
    meaning: str
    signed_at_utc: str


@dataclass(frozen=True)
class LetterContext:
    """Everything templates/letters/determination.html prints."""

    format: str
    decision: str
    decision_word: str
    lob_key: str
    header: Header
    member: MemberSection
    provider: ProviderSection
    notice: notices.Notice
    insert: notices.LanguageInsert
    criteria: CriteriaBlock
    reviewer: ReviewerBlock
    references: tuple[Reference, ...]
    signature: SignatureBlock
    requested_visits: int
    approved_visits: int
    codes: tuple[str, ...]
    engine_decision: str
    overridden: bool
    patient: PatientProfile
    cited_ids: tuple[str, ...]  # the library recommendations behind the reference markers


# ---------------------------------------------------------------- facts -> statements


def _visit_pages(facts: CaseFacts) -> tuple[int, ...]:
    return tuple(sorted({v.page for v in facts.visits if v.page is not None}))


def _pages_mentioning(facts: CaseFacts, *words: str) -> tuple[int, ...]:
    pats = [w.lower() for w in words if w]
    return tuple(
        sorted({v.page for v in facts.visits if v.page is not None and any(p in (v.note or "").lower() for p in pats)})
    )


def _evidence_pages(facts: CaseFacts, *fields: str) -> tuple[int, ...]:
    return tuple(sorted({e.page for e in facts.documentation.evidence if e.finding in fields}))


def _first_visit(facts: CaseFacts, kind: str | None = None) -> Visit | None:
    visits = sorted(facts.visits, key=lambda v: (v.date, v.page or 0))
    if kind:
        visits = [v for v in visits if v.kind == kind] or visits
    return visits[0] if visits else None


def _side_words(side: str | None) -> str:
    return f"{side} " if side in ("left", "right") else ""


def history_statement(facts: CaseFacts, age: int, region: str) -> Statement:
    c = facts.clinical
    part = (region or "").replace("_", " and ") or "the affected area"
    who = f"{age}-year-old" + (f" {c.activity_level}" if c.activity_level not in (None, "", "unknown") else "")
    if c.onset == "traumatic" and c.mechanism:
        when = f" on {_fmt(c.onset_date)}" if c.onset_date else ""
        surgery = f"; {c.surgery}" if c.surgery else ""
        text = f"{who} adult; {_side_words(c.affected_side)}{part} injury in a {c.mechanism}{when}{surgery}."
        pages = _pages_mentioning(facts, *c.mechanism.split()[:2])
    elif c.onset == "post_operative" or c.surgery:
        text = (
            f"{who} adult after {c.surgery or 'surgery'}" + (f" ({_fmt(c.onset_date)})" if c.onset_date else "") + "."
        )
        pages = _pages_mentioning(facts, "surg")
    else:
        months = c.symptom_duration_months
        dur = (
            f"a {months // 12}-year history"
            if months and months >= 24 and months % 12 == 0
            else f"a {months}-month history"
            if months
            else "a history"
        )
        onset = f"{c.onset} onset" if c.onset not in ("", "unknown") else "unstated onset"
        text = f"{who} adult with {dur} of {_side_words(c.affected_side)}{part} pain ({onset})."
        pages = _pages_mentioning(facts, "history", "onset") or tuple(
            p for p in [getattr(_first_visit(facts), "page", None)] if p is not None
        )
    return Statement(text, pages)


def deficits_statements(facts: CaseFacts) -> list[Statement]:
    doc = facts.documentation
    out: list[Statement] = []
    if doc.functional_deficits:
        pages = _evidence_pages(facts, "functional_deficits") or _pages_mentioning(
            facts, *[d.split()[0] for d in doc.functional_deficits]
        )
        out.append(Statement(f"Functional limits documented: {join_words(list(doc.functional_deficits))}.", pages))
    if doc.objective_impairments:
        pages = _evidence_pages(facts, "objective_impairments")
        out.append(Statement(f"Objective impairments: {'; '.join(doc.objective_impairments)}.", pages))
    return out


def pain_statement(facts: CaseFacts) -> Statement | None:
    scored = [v for v in sorted(facts.visits, key=lambda v: v.date) if v.pain_nprs is not None]
    if not scored:
        return None
    first, last = scored[0], scored[-1]
    if first is last or len(scored) == 1:
        return Statement(
            f"Pain {first.pain_nprs}/10 on {_fmt(first.date)} ({severity(first.pain_nprs or 0)}).",
            tuple(p for p in (first.page,) if p is not None),
        )
    return Statement(
        f"Pain {first.pain_nprs}/10 on {_fmt(first.date)} and {last.pain_nprs}/10 on {_fmt(last.date)}.",
        tuple(p for p in (first.page, last.page) if p is not None),
    )


def course_statements(facts: CaseFacts, start: date) -> tuple[list[Statement], bool]:
    """Quotes of the treatment notes of this episode, and whether symptoms eased and then flared."""
    notes = [
        v for v in sorted(facts.visits, key=lambda v: v.date) if v.note and v.kind == "treatment" and v.date >= start
    ]
    out = [Statement(f'Visit on {_fmt(v.date)}: "{_quote(v.note or "")}"', (v.page,) if v.page else ()) for v in notes]
    eased = [v for v in notes if EASED_WORDS.search(v.note or "")]
    flared = [v for v in notes if FLARED_WORDS.search(v.note or "")]
    fluctuates = bool(eased and flared and eased[0].date <= flared[-1].date)
    return out, fluctuates


def function_pct_statement(facts: CaseFacts) -> Statement | None:
    v = next((v for v in sorted(facts.visits, key=lambda v: v.date) if v.function_pct is not None), None)
    if v is None:
        return None
    return Statement(
        f"Function is recorded as {v.function_pct}% on {_fmt(v.date)} without saying {v.function_pct}% of what "
        "baseline; this is not a validated measure.",
        (v.page,) if v.page else (),
    )


def red_flag_statement(facts: CaseFacts) -> Statement:
    read = _visit_pages(facts)
    if facts.clinical.red_flags:
        flags = join_words([f.replace("_", " ") for f in facts.clinical.red_flags])
        return Statement(f"Red flag documented ({flags}): physician review comes before therapy.", read)
    return Statement(
        "Red-flag screen: none documented (no signs of deep vein thrombosis, fracture, infection or new "
        "neurological deficit) in the notes read.",
        read,
    )


def laterality_statement(facts: CaseFacts, code: str, code_side: str) -> Statement | None:
    other = [v for v in facts.visits if v.side_documented in ("left", "right") and v.side_documented != code_side]
    if not other:
        return None
    sides = join_words(sorted({v.side_documented or "" for v in other}))
    return Statement(
        f"{code} codes the {code_side} side, but the notes describe the {sides} side.",
        tuple(sorted(v.page for v in other if v.page is not None)),
    )


# ---------------------------------------------------------------- builders


def _finding(er: EngineResult, rule: str) -> Finding | None:
    return next((f for f in er.findings if f.rule == rule), None)


def _fired(er: EngineResult, *rules: str) -> bool:
    return any(f.rule in rules and f.outcome in ("not_met", "concern") for f in er.findings)


def _met(er: EngineResult, rule: str) -> bool:
    f = _finding(er, rule)
    return f is not None and f.outcome == "met"


def _ids(er: EngineResult, *rules: str) -> list[str]:
    out: list[str] = []
    for f in er.findings:
        if f.rule in rules:
            out.extend(c for c in f.citations if c not in out)
    return out


def suggested_measures(
    measures: list[tuple[str, str, tuple[str, ...]]], library: dict[str, Any], patient: PatientProfile
) -> list[str]:
    """Outcome measures for this patient's body region, age and population (by their cited evidence)."""
    out = []
    for name, _full, cids in measures:
        if name in PAIN_ONLY_MEASURES:
            continue
        if any(c in library and applies(library[c].applicability, patient) for c in cids):
            out.append(name)
    return out


def build_provider_section(
    *,
    decision: str,
    er: EngineResult,
    facts: CaseFacts,
    counts: VisitCounts | None,
    cites: Citations,
    lines: list[dict[str, Any]],
    dx_code: str,
    dx_words: str,
    age: int,
    region: str,
    lob_key: str,
    measures: list[str],
    approved: int,
    override_wording: str,
    overridden: bool,
) -> ProviderSection:
    req = facts.request
    ma = lob_key == "medicare_advantage"
    codes = [str(line.get("code")) for line in lines] or list(req.services)
    services = ", ".join(codes)
    span = f"{_fmt(req.start_date)} to {_fmt(req.end_date)}"
    over = (
        f" ({req.frequency_per_week}x/week for {req.duration_weeks} weeks)"
        if req.frequency_per_week and req.duration_weeks
        else ""
    )
    condition = f"{dx_words.lower()} ({dx_code})"
    traumatic = facts.clinical.onset == "traumatic"
    if traumatic:
        condition += " after a traumatic injury"
    skilled_ids = _ids(er, "initial.deficits", "continuation.progress")
    doc_rules = (
        "episode.no_baseline_comparison",
        "episode.gap_unexplained",
        "documentation.outcome_measures_missing",
        "documentation.objective_strength_missing",
        "documentation.exercise_parameters_missing",
        "extension.outcome_measure_mcid",
    )
    doc_ids = _ids(er, *doc_rules)
    if ma and decision != Decision.APPROVE:
        skilled_ids = [BPM_SKILLED, *[c for c in skilled_ids if c != BPM_SKILLED]]
        doc_ids = [*BPM_DOCUMENTATION, *[c for c in doc_ids if c not in BPM_DOCUMENTATION]]

    # --- summary
    plan_pin = "" if ma else "initial and continuation criteria"
    if decision == Decision.APPROVE:
        text = (
            f"Physical therapy (CPT {services}), {req.visits} visits{over}, {span}, is medically necessary for "
            f"{condition}: functional limits and objective impairments are documented and the patient is progressing."
        )
        summary = Statement(text, (), cites.markers(skilled_ids, plan_pin=plan_pin))
    else:
        pay = "payment for " if facts.review_type == ReviewType.RETROSPECTIVE else ""
        part = f"{req.visits - approved} of {req.visits}" if decision == Decision.PARTIAL else f"the {req.visits}"
        why = (
            "the records do not show a need for a therapist's skilled care, and do not document measurable progress "
            "or the patient's status since the earlier care"
            if (_fired(er, "initial.deficits", "continuation.progress") or _fired(er, *doc_rules))
            else "the reviewer's clinical judgment below"
        )
        if overridden and decision == Decision.PARTIAL:
            why = "the reviewer's clinical judgment below"
        text = f"We deny {pay}{part} visits of physical therapy (CPT {services}), {span}, for {condition}: {why}."
        ids = [*skilled_ids, *doc_ids] if not overridden else []
        summary = Statement(text, (), cites.markers(ids, plan_pin=plan_pin if not overridden else "criteria used"))

    sections: list[RationaleSection] = []

    # --- clinical picture (facts with pages)
    picture = [history_statement(facts, age, region)]
    picture += deficits_statements(facts)
    pain = pain_statement(facts)
    if pain:
        picture.append(pain)
    doc = facts.documentation
    if doc.reported_improvement_pct or doc.goals is not None:
        bits = []
        if doc.reported_improvement_pct:
            bits.append(f"{doc.reported_improvement_pct}% improvement reported")
        if doc.goals is not None:
            g = doc.goals
            bits.append(
                f"short-term goals {g.short_term_met} of {g.short_term_total} met, long-term goals "
                f"{g.long_term_met} of {g.long_term_total}"
            )
        if doc.participation:
            bits.append("actively participating")
        picture.append(
            Statement(
                "Progress: " + "; ".join(bits) + ".",
                _evidence_pages(facts, "reported_improvement_pct", "goals", "participation"),
            )
        )
    picture.append(red_flag_statement(facts))
    sections.append(RationaleSection("patient", "Patient and clinical picture", tuple(picture)))

    # --- reasoning
    reasons: list[Statement] = []
    if decision == Decision.APPROVE:
        if overridden and override_wording:
            reasons.append(Statement(_sentence(override_wording)))
        reasons.append(
            Statement(
                "Exercise-based, physical-therapist-led care is recommended for this presentation, and the plan's "
                "initial and continuation criteria are met.",
                (),
                cites.markers(skilled_ids, plan_pin=plan_pin),
            )
        )
        if "97140" in codes:
            mt_ids = [
                c
                for f in er.findings
                if f.rule == "service.established" and ("code", "97140") in {(k, str(v)) for k, v in f.data}
                for c in f.citations
            ]
            oa = "oa" in cites.patient.populations
            kind = "osteoarthritis" if oa else "non-arthritic" + (", post-traumatic" if traumatic else "")
            note = (
                ""
                if oa
                else " The guidance against adding manual therapy to exercise concerns osteoarthritis, which this "
                "patient does not have."
            )
            reasons.append(
                Statement(
                    f"Manual therapy (97140) is supported as part of care for {kind} {region or ''} pain.{note}".replace(
                        "  ", " "
                    ),
                    (),
                    cites.markers(mt_ids),
                )
            )
    else:
        if overridden and override_wording:
            reasons.append(Statement(_sentence(override_wording)))
        first_visit = _first_visit(facts)
        start = first_visit.date if first_visit is not None else req.start_date
        quotes, fluctuates = course_statements(facts, start)
        if not overridden:
            reasons.extend(quotes)
            if fluctuates:
                reasons.append(
                    Statement(
                        "Symptoms that ease after one visit and flare with new stretches the next day point to a "
                        "self-limiting course or to over-treatment, not to a need for a therapist's skills at this "
                        "frequency.",
                        (),
                        cites.markers(skilled_ids),
                    )
                )
            first_pain = next((v for v in sorted(facts.visits, key=lambda v: v.date) if v.pain_nprs is not None), None)
            if (
                first_pain is not None
                and (first_pain.pain_nprs or 0) <= 6
                and _fired(er, "continuation.progress", "initial.deficits")
            ):
                n = first_pain.pain_nprs or 0
                reasons.append(
                    Statement(
                        f"Pain at the evaluation is {severity(n)} ({n}/10), not severe, and no objective impairment "
                        "is measured.",
                        (first_pain.page,) if first_pain.page else (),
                    )
                )
            fn = function_pct_statement(facts) if _fired(er, "documentation.outcome_measures_missing") else None
            if fn:
                reasons.append(fn)
            if (
                counts is not None
                and counts.counted_episodes
                and _fired(er, "episode.gap_unexplained", "episode.no_baseline_comparison")
            ):
                s, e, n = counts.counted_episodes[-1][0], counts.counted_episodes[-1][1], counts.prior
                gap = (
                    f", {counts.gap_months} months ({counts.gap_days} days) later"
                    if counts.gap_months is not None and counts.gap_days is not None
                    else ""
                )
                first = _first_visit(facts)
                reasons.append(
                    Statement(
                        f"{n} visits from {_fmt(s)} to {_fmt(e)}; this episode began {_fmt(start)}{gap}. No note "
                        "explains the gap or compares the patient with the status at the end of that care.",
                        (first.page,) if first and first.page else (),
                        cites.markers(_ids(er, "episode.no_baseline_comparison", "episode.gap_unexplained")),
                    )
                )
            missing_bits = []
            if _fired(er, "documentation.outcome_measures_missing"):
                suggest = f" (e.g. {', '.join(measures[:3])})" if measures else ""
                missing_bits.append(f"no validated outcome measure{suggest}")
            if _fired(er, "documentation.objective_strength_missing"):
                missing_bits.append("no objective strength measurement")
            if _fired(er, "documentation.exercise_parameters_missing"):
                missing_bits.append("no exercise parameters (load, sets, repetitions, rest)")
            if missing_bits:
                reasons.append(
                    Statement(
                        "Documentation: " + "; ".join(missing_bits) + ".",
                        _visit_pages(facts),
                        cites.markers(doc_ids),
                    )
                )
            code_side = _finding(er, "documentation.laterality_mismatch")
            if code_side is not None:
                side = next((str(v) for k, v in code_side.data if k == "code_side"), "")
                lat = laterality_statement(facts, dx_code, side)
                if lat:
                    reasons.append(lat)
        sections_title = (
            "Why the request is denied" if decision == Decision.DENY else "Why part of the request is denied"
        )
        # visits: context, never the basis
        if counts is not None:
            reasons.append(visits_statement(counts, dx_words))
        if _fired(er, "advisory.alternative_diagnosis") or (
            _finding(er, "advisory.alternative_diagnosis") is not None and not overridden
        ):
            oa = _finding(er, "advisory.oa_workup") is not None
            months = _months_of_care(er)
            lead = f"After about {months} months of care" if months else "After months of care"
            alt = f"{lead} without resolution, consider other " + (
                f"causes, including hip osteoarthritis (gradual onset at {age}), with radiographs first and MRI "
                "if a soft-tissue cause is suspected."
                if oa and region == "hip"
                else "diagnoses, imaging or specialist review."
            )
            reasons.append(
                Statement(alt, (), cites.markers(_ids(er, "advisory.alternative_diagnosis", "advisory.oa_workup")))
            )
        sections.append(RationaleSection("reasons", sections_title, tuple(reasons)))

    if decision == Decision.APPROVE:
        plan = []
        if req.frequency_per_week and req.duration_weeks:
            plan.append(
                Statement(
                    f"Requested: {req.frequency_per_week} visits a week for {req.duration_weeks} weeks "
                    f"({req.visits} visits), with a re-evaluation at the end.",
                    _pages_mentioning(facts, "re-evaluation", "2x/week", "x/week"),
                )
            )
        if counts is not None:
            plan.append(visits_statement(counts, dx_words))
        plan.append(Statement(f"All requested services ({services}) are established treatments, not experimental."))
        sections.append(RationaleSection("reasons", "Why the request is approved", tuple(reasons + plan)))

    send: list[str] = []
    send_markers: tuple[int, ...] = ()
    if decision != Decision.APPROVE:
        send = send_list(er, facts, counts, measures, dx_code)
        send_markers = cites.markers(doc_ids) if send else ()

    rows = tuple(
        ServiceRow(
            code=str(line.get("code", "")),
            descriptor=short_descriptor(str(line.get("descriptor", ""))),
            decision=_line_word(str(line.get("decision", ""))),
            approved_visits=int(line.get("approved_visits", 0)),
        )
        for line in lines
    )
    return ProviderSection(
        summary=summary,
        lines=rows,
        sections=tuple(sections),
        send=tuple(send),
        send_markers=send_markers,
        override=_sentence(override_wording) if overridden and override_wording else "",
    )


def _sentence(text: str) -> str:
    """A coded wording as one sentence: trimmed, ending with a full stop."""
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _line_word(decision: str) -> str:
    words = {str(k): v[0] for k, v in DECISION_WORDS.items()}
    return words.get(decision, decision.upper())


def _months_of_care(er: EngineResult) -> int | None:
    """The months of care the engine counted for its alternative-diagnosis advisory."""
    f = _finding(er, "advisory.alternative_diagnosis")
    months = dict(f.data).get("months") if f is not None else None
    return months if isinstance(months, int) else None


def visits_statement(counts: VisitCounts, dx_words: str) -> Statement:
    """The visit count against the plan's visit guideline: always context, never the basis."""
    parts = []
    if counts.prior:
        parts.append(f"{counts.prior} prior")
    if counts.done:
        parts.append(f"{counts.done} done")
    parts.append(f"{counts.requested} requested")
    total = " + ".join(parts) + (f" = {counts.cumulative} visits" if len(parts) > 1 else " visits")
    if counts.benchmark:
        rel = "above" if counts.cumulative > counts.benchmark else "within"
        text = f"{total}, {rel} the plan's {counts.benchmark}-visit guideline for {dx_words.lower()}"
    else:
        text = total
    if counts.planned_total and counts.plan_desc and counts.planned_total > counts.cumulative:
        text += f"; the plan of care ({counts.plan_desc}) would total {counts.planned_total}"
    return Statement(text + ". The visit count is context for this decision, not its basis.")


def send_list(
    er: EngineResult, facts: CaseFacts, counts: VisitCounts | None, measures: list[str], dx_code: str
) -> list[str]:
    """What the provider can send to change the decision, from the rules that fired."""
    items: list[str] = []
    names = f" ({', '.join(measures[:3])})" if measures else ""
    if _fired(er, "documentation.outcome_measures_missing", "extension.outcome_measure_mcid"):
        if counts is not None and counts.counted_episodes and _fired(er, "episode.no_baseline_comparison"):
            items.append(
                f"a validated outcome measure{names} compared with the status at the end of the earlier care "
                f"({counts.prior} visits, ended {_fmt(counts.counted_episodes[-1][1])})"
            )
        else:
            items.append(f"a validated outcome measure{names}, repeated to show change")
    if _fired(er, "episode.gap_unexplained"):
        items.append("why therapy stopped and restarted, and what changed in between")
    if _fired(er, "documentation.objective_strength_missing"):
        items.append("objective strength measurements (for example, hand-held dynamometry)")
    if _fired(er, "documentation.exercise_parameters_missing"):
        items.append("the exercise prescription: load, sets, repetitions and rest")
    if _finding(er, "advisory.alternative_diagnosis") is not None:
        items.append("that other diagnoses were considered, with imaging or specialist review where indicated")
    if _fired(er, "documentation.laterality_mismatch"):
        items.append(f"the side treated, consistent with the diagnosis code {dx_code}")
    if not items and _fired(er, "initial.deficits"):
        items.append("measured impairments (range of motion, strength) that need a therapist's skills")
    if not items and _fired(er, "continuation.progress"):
        items.append("progress toward measurable goals since the evaluation")
    return list(dict.fromkeys(items))


# Member bullets by rule (grade 8 or lower; no codes or acronyms). The first that fire are used.
MEMBER_DENY_REASONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("initial.deficits", "continuation.progress"),
        "Your records do not show that you need a therapist's skilled care now.",
    ),
    (("episode.gap_unexplained",), "Your therapy stopped for months. The notes do not say why, or what changed."),
    (
        ("episode.no_baseline_comparison",),
        "The notes do not compare how you are now with how you were after your last therapy.",
    ),
    (
        ("documentation.outcome_measures_missing", "extension.outcome_measure_mcid"),
        "The notes do not use a standard test to show how well you are doing.",
    ),
    (("documentation.laterality_mismatch",), "The notes describe one hip or side, but the request is for the other."),
    (("service.experimental", "service.not_covered"), "One of the treatments is not covered by your plan."),
)


def build_member_section(
    *,
    decision: str,
    er: EngineResult,
    facts: CaseFacts,
    name: str,
    dx_words: str,
    plain_services: str,
    approved: int,
    lob_key: str,
    send: tuple[str, ...],
    overridden: bool,
    override_wording: str = "",
) -> MemberSection:
    req = facts.request
    period = f"{_long(req.start_date)} to {_long(req.end_date)}"
    retro = facts.review_type == ReviewType.RETROSPECTIVE
    cond = dx_words.lower()
    basis = ""
    if decision == Decision.APPROVE:
        text = f"We approved {approved} physical therapy visits from {period} for your {cond}."
        reasons = [_sentence(override_wording)] if overridden and override_wording else []
        if _met(er, "initial.deficits"):
            reasons.append(
                "Your records show daily tasks you have trouble with, and measured limits in movement or strength."
            )
        if _met(er, "continuation.progress"):
            reasons.append("You are getting better, and you are still working toward your goals.")
        reasons.append("The treatments asked for are standard care for your condition.")
        reasons.append("If you need more visits after these, your provider can send us an update on your progress.")
    else:
        if decision == Decision.PARTIAL:
            text = (
                f"We approved {approved} of the {req.visits} physical therapy visits asked for, from {period}, for "
                f"your {cond}. We did not approve the other {req.visits - approved} visits."
            )
        else:
            what = "pay for" if retro else "approve"
            text = f"We did not {what} {req.visits} physical therapy visits from {period} for your {cond}."
        reasons = []
        if overridden:
            reasons.append(
                _sentence(override_wording)
                if override_wording
                else "Your reviewer found that the visits we approved are enough for now."
            )
        else:
            for rules, sentence in MEMBER_DENY_REASONS:
                if _fired(er, *rules) and sentence not in reasons:
                    reasons.append(sentence)
        reasons = reasons[: MAX_MEMBER_BULLETS - 1]
        if send:
            reasons.append(
                "Your provider can send us new notes that fill these gaps, such as a standard test of how you are doing."
                if not overridden
                else "Your provider can ask for more visits by sending notes on your progress."
            )
        else:
            reasons.append("Your provider can send us more notes about your care.")
        if lob_key == "medicare_advantage":
            basis = "Medicare covers therapy only when you need a therapist's skills to get better or to keep from getting worse."
    return MemberSection(
        name=name,
        decision=text,
        reasons=tuple(reasons[:MAX_MEMBER_BULLETS]),
        services=plain_services,
        condition=cond,
        basis=basis,
    )


def plain_services_text(codes: list[str], plain_words: dict[str, str]) -> str:
    words: list[str] = []
    for code in codes:
        w = plain_words.get(code) or "a therapy service"
        if w not in words:
            words.append(w)
    return join_words(words)


# ---------------------------------------------------------------- the whole letter


def build_letter_context(
    determination: Any,
    *,
    version: int = 1,
    signed_at: datetime | None = None,
    supersedes: Any = None,
    issued_on: date | None = None,
) -> LetterContext:
    """Read the case, the typed engine result and the library once; build every section."""
    from criteria.selectors import outcome_measure_citations, service_plain_words
    from guidelines.selectors import recommendations_by_citation_id
    from reviews.facts import facts_from_case

    det = determination
    case = det.case
    rec = det.recommendation
    er = engine_result_of(rec)
    facts = facts_from_case(case)
    lines: list[dict[str, Any]] = list(det.lines or [])
    decision = det.decision
    words = DECISION_WORDS.get(decision, (decision.upper(), decision))
    primary = facts.primary_diagnosis
    dx_code = primary.code
    stored = next((d for d in case.diagnoses.all() if d.code == dx_code), None)
    dx_words = primary.description or (stored.description if stored else "") or "the documented condition"
    lob_key = case.line_of_business
    org = settings.UR_ORGANIZATION
    signed_at = signed_at or timezone.now()
    issued_on = issued_on or timezone.localtime(signed_at).date()
    version_id = er.criteria_version_id if er.criteria_version_id is not None else rec.criteria_version_id

    age = age_on(facts.member_birth_date, facts.request.start_date)
    region = region_of_icd(dx_code)
    patient = PatientProfile(
        region=region,
        age=age,
        populations=patient_populations(
            codes=tuple(d.code for d in facts.diagnoses),
            onset=facts.clinical.onset,
            surgery=facts.clinical.surgery,
            age=age,
            older_adult_age=50,
        ),
        line_of_business=lob_key,
    )
    measures_raw = outcome_measure_citations(version_id=version_id)
    ids = {c for f in er.findings for c in f.citations} | {c for _n, _f, cs in measures_raw for c in cs}
    ids |= {BPM_SKILLED, *BPM_DOCUMENTATION}
    library = recommendations_by_citation_id(ids)
    codes = [str(line.get("code")) for line in lines] or list(facts.request.services)
    denied_codes = (
        frozenset(
            str(line.get("code"))
            for line in lines
            if line.get("decision") == Decision.DENY or int(line.get("approved_visits", 0)) == 0
        )
        if decision != Decision.APPROVE
        else frozenset()
    )
    criteria_label = er.criteria_version_label or (str(rec.criteria_version) if rec.criteria_version_id else "")
    plan_policy = (f"{org['name']}. {criteria_label or 'Outpatient physical therapy criteria'}", "")
    cites = Citations(library=library, patient=patient, denied_codes=denied_codes, plan_policy=plan_policy)
    counts = visit_counts(er)
    measures = suggested_measures(measures_raw, library, patient)
    approved = int(det.approved_visits)

    provider = build_provider_section(
        decision=decision,
        er=er,
        facts=facts,
        counts=counts,
        cites=cites,
        lines=lines,
        dx_code=dx_code,
        dx_words=dx_words,
        age=age,
        region=region,
        lob_key=lob_key,
        measures=measures,
        approved=approved,
        override_wording=det.override_wording or "",
        overridden=bool(det.overridden),
    )
    plain = plain_services_text(codes, service_plain_words(version_id=version_id))
    member = build_member_section(
        decision=decision,
        er=er,
        facts=facts,
        name=case.member.full_name,
        dx_words=dx_words,
        plain_services=plain,
        approved=approved,
        lob_key=lob_key,
        send=provider.send,
        overridden=bool(det.overridden),
        override_wording=det.override_wording or "",
    )
    span = f"{_fmt(facts.request.start_date)} to {_fmt(facts.request.end_date)}"
    header = Header(
        org=dict(org),
        title=(
            f"Medical Necessity Determination: Physical Therapy for {dx_words} ({dx_code}), dates of service {span}"
        ),
        case_reference=case.reference,
        review_type=case.get_review_type_display(),
        review_type_key=case.review_type,
        urgency=case.get_urgency_display(),
        received=_fmt(case.received_at),
        decided=_fmt(det.decided_at),
        issued=_fmt(issued_on),
        member_name=case.member.full_name,
        member_id=case.member.member_id,
        plan=case.member.plan,
        birth_date=_fmt(case.member.birth_date),
        provider_name=case.provider.name,
        provider_npi=case.provider.npi,
        diagnosis_code=dx_code,
        diagnosis_words=dx_words,
        span=span,
        letter_version=version,
        supersedes_version=getattr(supersedes, "version", None),
        supersedes_sha256=getattr(supersedes, "sha256", "") or "",
    )
    profile = getattr(det.reviewer, "reviewer_profile", None)
    reviewer_name = profile.display_name if profile else (det.reviewer.get_full_name() or det.reviewer.username)
    p2p = settings.UR_PEER_TO_PEER
    direct = (profile.phone if profile else "") or ""
    reviewer = ReviewerBlock(
        name=reviewer_name,
        credentials=profile.credentials if profile else "",
        specialty=profile.specialty if profile else "",
        license_number=profile.license_number if profile else "",
        phone=direct if len(re.sub(r"\D", "", direct)) >= 10 else p2p["phone"],
        email=(profile.email if profile else "") or det.reviewer.email,
        p2p_phone=p2p["phone"],
        p2p_windows=p2p["windows"],
    )
    notice = notices.build_notice(
        lob_key=lob_key,
        decision=decision,
        review_type=case.review_type,
        org=org,
        lob=settings.UR_LINES_OF_BUSINESS.get(lob_key) or settings.UR_LINES_OF_BUSINESS["commercial"],
    )
    return LetterContext(
        format=FORMAT,
        decision=decision,
        decision_word=words[0],
        lob_key=lob_key,
        header=header,
        member=member,
        provider=provider,
        notice=notice,
        insert=notices.language_insert(org),
        criteria=CriteriaBlock(
            label=criteria_label or "Outpatient physical therapy criteria",
            version_id=version_id,
            engine_version=er.engine_version or str(rec.engine_version),
            input_hash=er.input_hash or str(rec.input_hash),
        ),
        reviewer=reviewer,
        references=cites.references(),
        signature=SignatureBlock(
            name=reviewer_name,
            credentials=reviewer.credentials,
            meaning=f"Utilization review determination: {decision}",
            signed_at_utc=signed_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        ),
        requested_visits=facts.request.visits,
        approved_visits=approved,
        codes=tuple(codes),
        engine_decision=er.decision,
        overridden=bool(det.overridden),
        patient=patient,
        cited_ids=tuple(cites.cited),
    )


def machine_readable(ctx: LetterContext, determination: Any) -> dict[str, Any]:
    """The determination as JSON, embedded in the PDF as determination.json."""
    er = engine_result_of(determination.recommendation)
    return {
        "format": FORMAT,
        "case_reference": ctx.header.case_reference,
        "member_id": ctx.header.member_id,
        "letter_version": ctx.header.letter_version,
        "supersedes_sha256": ctx.header.supersedes_sha256 or None,
        "determination_version": determination.version,
        "decision": determination.decision,
        "requested_visits": ctx.requested_visits,
        "approved_visits": determination.approved_visits,
        "lines": determination.lines,
        "overridden": determination.overridden,
        "override_code": determination.override_code or None,
        "engine_decision": er.decision,
        "findings": [
            {
                "rule": f.rule,
                "outcome": f.outcome,
                "section": f.section,
                "citations": list(f.citations),
                "data": [list(p) for p in f.data],
            }
            for f in er.findings
        ],
        "references": [
            {"number": r.number, "source": r.source_key, "pinpoints": list(r.pinpoints)} for r in ctx.references
        ],
        "provider_can_send": list(ctx.provider.send),
        "criteria_version_id": ctx.criteria.version_id,
        "criteria_version_label": ctx.criteria.label,
        "engine_version": ctx.criteria.engine_version,
        "input_hash": ctx.criteria.input_hash,
        "received": ctx.header.received,
        "decided_at": determination.decided_at.isoformat(),
        "reviewer": {"name": ctx.reviewer.name, "credentials": ctx.reviewer.credentials},
        "signature_meaning": ctx.signature.meaning,
        "signed_at": ctx.signature.signed_at_utc,
    }


# Acronyms and code shapes that must not appear in the member's plain-language section.
MEMBER_FORBIDDEN = re.compile(
    r"\b(?:CPT|ICD|MCG|ACR|CDC|MCID|ADLs?|ROM|DOS|NPI|PT|HMO|PPO|IHiPRN|BPM|CMS)\b|\b\d{5}\b|\b[A-Z]\d{2}\.\d"
)


def required_notice_markers(ctx: LetterContext) -> dict[str, list[str]]:
    """For each required notice element, strings the rendered letter must contain (tests and QA use this)."""
    h, n = ctx.header, ctx.notice
    markers = {
        "date_issued": [h.issued],
        "enrollee_name": [h.member_name],
        "member_number": [h.member_id],
        "case_identifier": [h.case_reference],
        "action_term": [ctx.decision_word],
        "services_listed": list(ctx.codes),
        "plain_language_member_section": [ctx.member.decision[:40]],
        "clinical_provider_section": ["For the treating provider"],
        "criteria_named_with_version": [ctx.criteria.label],
        "criteria_copy_free": ["free of charge"],
        "help_contacts": ["TTY", h.org["tty"]],
        "peer_to_peer": ["Peer-to-peer", ctx.reviewer.p2p_phone, ctx.reviewer.p2p_windows[:20]],
        "reviewer_identity": [ctx.reviewer.name, ctx.reviewer.credentials, ctx.reviewer.specialty],
        "signature_block": ["Electronically signed by", ctx.signature.meaning],
        "language_assistance": ["Español", "Tiếng Việt", "Kreyòl"],
        "nondiscrimination": ["does not discriminate"],
        "alternate_formats": ["large print, braille"],
    }
    if ctx.decision != Decision.APPROVE:
        markers["right_to_appeal_and_deadline"] = [f"{n.appeal_days} calendar days"]
        markers["how_to_file"] = [h.org["phone"], h.org["fax"]]
        markers["who_may_appeal"] = ["representative", "doctor"]
        markers["additional_info_needed"] = ["What the provider can send"]
        markers["decision_clock"] = [f"{n.decision_days} days"]
        if n.fast_hours:
            markers["expedited_appeal"] = [f"{n.fast_hours} hours"]
        if ctx.lob_key == "medicare_advantage":
            markers["ndmc_form"] = ["CMS-10003", "0938-0829", "1-800-MEDICARE", "1-800-633-4227"]
    return {k: [m for m in v if m] for k, v in markers.items()}
