"""The engine's inputs and outputs: plain, frozen dataclasses (no Django, no database, no clock).

This module is the contract between three parties:
- `reviews` builds `CaseFacts` from a case (or a `ur-case/1` file),
- `criteria` builds `CriteriaSnapshot` from the published CriteriaVersion in effect,
- `criteria.engine.evaluate(facts, criteria)` returns an `EngineResult`,
  which `reviews` stores as a Recommendation and letters render.
Add fields with defaults; never rename one (stored results and tests key on them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from vocabulary import DEFAULT_DENIAL_CREDENTIAL, DecisionValue, Verification

Decision = DecisionValue  # the vocabulary's decisions, as the engine's Literal
Outcome = Literal["met", "not_met", "concern", "info"]
# A value in a finding's machine-readable `data`: numbers and flags stay typed; dates are ISO strings.
DataValue = int | float | bool | str | None


# ---------------------------------------------------------------- case facts


@dataclass(frozen=True)
class Diagnosis:
    code: str  # ICD-10-CM with the dot, e.g. "M25.552"
    primary: bool
    description: str = ""  # official title, e.g. "Pain in left hip"


@dataclass(frozen=True)
class RequestFacts:
    services: tuple[str, ...]  # CPT/HCPCS codes, in request order
    visits: int
    start_date: date
    end_date: date
    frequency_per_week: int | None = None
    duration_weeks: int | None = None
    planned_frequency_per_week: int | None = None
    planned_duration_weeks: int | None = None


@dataclass(frozen=True)
class ClinicalFacts:
    onset: str = "unknown"  # traumatic | gradual | post_operative | unknown
    onset_date: date | None = None
    mechanism: str | None = None
    surgery: str | None = None
    symptom_duration_months: int | None = None
    activity_level: str | None = None
    affected_side: str | None = None  # left | right | bilateral
    irritability: str | None = None  # low | moderate | high
    red_flags: tuple[str, ...] = ()
    imaging: tuple[str, ...] = ()


@dataclass(frozen=True)
class PriorEpisode:
    start_date: date
    end_date: date
    visits: int
    discharge_function_pct: int | None = None
    discharge_note: str | None = None


@dataclass(frozen=True)
class Visit:
    date: date
    kind: str  # evaluation | treatment | progress_note | re_evaluation | discharge
    services: tuple[str, ...] = ()
    pain_nprs: int | None = None
    function_pct: int | None = None
    side_documented: str | None = None
    note: str | None = None
    page: int | None = None


@dataclass(frozen=True)
class Goals:
    short_term_met: int
    short_term_total: int
    long_term_met: int
    long_term_total: int


@dataclass(frozen=True)
class OutcomeMeasureScore:
    name: str
    date: date
    score: float


@dataclass(frozen=True)
class Evidence:
    finding: str  # a documentation field name, e.g. "objective_impairments"
    page: int


@dataclass(frozen=True)
class Documentation:
    """The reviewer's structured findings (the `documentation` block of ur-case/1)."""

    functional_deficits: tuple[str, ...] = ()
    objective_impairments: tuple[str, ...] = ()
    reported_improvement_pct: int | None = None
    goals: Goals | None = None
    participation: bool | None = None
    adherence: bool | None = None
    outcome_measures: tuple[OutcomeMeasureScore, ...] = ()
    strength_measured_objectively: bool | None = None
    exercise_parameters_documented: bool | None = None
    gap_explanation: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class CaseFacts:
    reference: str
    review_type: str  # prospective | concurrent | retrospective
    urgency: str  # standard | expedited
    received_on: date
    member_birth_date: date
    member_sex: str
    plan: str
    diagnoses: tuple[Diagnosis, ...]
    request: RequestFacts
    clinical: ClinicalFacts
    prior_episodes: tuple[PriorEpisode, ...] = ()
    visits: tuple[Visit, ...] = ()
    documentation: Documentation = field(default_factory=Documentation)

    @property
    def primary_diagnosis(self) -> Diagnosis:
        for dx in self.diagnoses:
            if dx.primary:
                return dx
        return self.diagnoses[0]


# ---------------------------------------------------------------- criteria snapshot


@dataclass(frozen=True)
class ServiceEntry:
    code: str
    descriptor: str  # our own words
    timed: bool
    status: str  # established | experimental_investigational | not_covered
    citations: tuple[str, ...] = ()  # recommendation citation ids, e.g. "acr-oa-2019/exercise"


@dataclass(frozen=True)
class VisitBenchmark:
    icd_scope: tuple[str, ...]  # codes ("M25.552") or prefixes ending in "*" ("M25.55*", "M16*")
    visits: int
    label: str = ""  # e.g. "Hip pain"
    percentile: int | None = None
    period_days: int | None = None
    source: str = ""
    licence: str = "public"  # public | licensed
    verification: str = Verification.UNVERIFIED.value  # vocabulary.Verification
    citations: tuple[str, ...] = ()


@dataclass(frozen=True)
class RedFlag:
    key: str  # e.g. "suspected_fracture"
    label: str
    citations: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutcomeMeasure:
    name: str  # canonical short name, e.g. "HOOS"
    full_name: str
    aliases: tuple[str, ...] = ()  # matched case-insensitively against documented measure names
    scale: str = ""  # e.g. "0-100, higher is better"
    mcid: float = 0.0
    higher_is_better: bool = True
    citations: tuple[str, ...] = ()


@dataclass(frozen=True)
class PolicyParams:
    episode_gap_days: int = 60  # a longer gap between episodes needs an explanation
    lookback_months: int = 12  # prior episodes that ended within this window count
    alternative_dx_months: int = 3  # care longer than this without resolution: advisory
    older_adult_age: int = 50  # gradual onset at or above this age: OA work-up advisory
    plan_advisory_ratio: float = 1.0  # planned total / benchmark above this: plan finding
    denial_credential: str = DEFAULT_DENIAL_CREDENTIAL.value  # one of vocabulary.DENIAL_CREDENTIALS


@dataclass(frozen=True)
class CitationRef:
    """A guideline recommendation as cited by findings and letters."""

    id: str  # "acr-oa-2019/manual-therapy"
    statement: str
    strength: str
    source_title: str
    source_citation: str  # full reference text: authors, title, journal, year, doi
    verification: str = Verification.UNVERIFIED.value


@dataclass(frozen=True)
class CriteriaSnapshot:
    set_key: str
    version_id: int
    version_label: str  # e.g. "Outpatient PT criteria v3 (effective 2025-01-01)"
    effective_from: date
    effective_to: date | None
    services: tuple[ServiceEntry, ...]
    benchmarks: tuple[VisitBenchmark, ...]
    red_flags: tuple[RedFlag, ...]
    outcome_measures: tuple[OutcomeMeasure, ...]
    documentation_requirements: tuple[str, ...] = ()
    policy: PolicyParams = field(default_factory=PolicyParams)
    # rule id -> the citation ids a finding of that rule carries by default
    rule_citations: tuple[tuple[str, tuple[str, ...]], ...] = ()
    citations: tuple[CitationRef, ...] = ()  # every citation id used above, resolved

    def service(self, code: str) -> ServiceEntry | None:
        for entry in self.services:
            if entry.code == code:
                return entry
        return None

    def citations_for_rule(self, rule_id: str) -> tuple[str, ...]:
        for rid, ids in self.rule_citations:
            if rid == rule_id:
                return ids
        return ()


# ---------------------------------------------------------------- result


@dataclass(frozen=True)
class Finding:
    rule: str  # stable rule id, e.g. "visits.benchmark_exceeded"
    outcome: Outcome
    text: str  # one sentence, patient-specific
    section: str  # letter section key, see SECTIONS
    citations: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()  # e.g. "visit 2025-08-25 (pg 2)", "pg 15"
    data: tuple[tuple[str, DataValue], ...] = ()  # machine-readable figures, e.g. (("cumulative", 21),)


# Letter sections findings are grouped under, in letter order.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("coverage", "Criteria and coverage"),
    ("services", "Requested services"),
    ("patient", "Patient-specific justification"),
    ("visits", "Visit frequency and duration"),
    ("experimental", "Experimental or investigational status"),
    ("clinical", "Clinical considerations"),
    ("documentation", "Clinical documentation deficiencies"),
    ("alternatives", "Alternative appropriate management"),
    ("pitfalls", "Common pitfalls in this case"),
)


@dataclass(frozen=True)
class ServiceLine:
    code: str
    descriptor: str
    decision: Decision
    approved_visits: int
    reason: str = ""


@dataclass(frozen=True)
class EpisodeSpan:
    """A prior episode as the count saw it (its dates identify it on the timeline)."""

    start_date: date
    end_date: date
    visits: int


@dataclass(frozen=True)
class Figures:
    """The counts and dates behind a recommendation, as the engine computed them.

    Screens, letters and the timeline print these; none of them re-derives a count.
    cumulative = prior_visits + done + requested, where prior_visits sums `counted_prior_episodes`
    (the prior episodes ending inside the look-back window, unless the count restarted) and
    `done` counts the documented visits before the request starts (`done_visit_dates`).
    """

    primary_code: str
    request_start: date
    request_end: date
    requested: int
    prior_visits: int
    done: int
    cumulative: int
    remaining: int  # visits left under the benchmark before this request (0 without a benchmark)
    beyond_benchmark: bool
    episode_start: date  # first documented visit of this episode, else the request start
    lookback_months: int
    lookback_start: date  # prior episodes ending on or after this day (and by the request start) count
    gap_days_limit: int
    required_denial_credential: str  # physician | physical_therapist
    benchmark_visits: int | None = None
    benchmark_label: str = ""
    benchmark_source: str = ""
    benchmark_licence: str = ""
    benchmark_verification: str = ""
    plan_visits: int | None = None
    plan_desc: str = ""  # "3x/week for 6 weeks"
    planned_total: int | None = None  # prior + done + plan visits
    gap_days: int | None = None  # latest counted-window prior episode end -> episode start
    gap_months: int | None = None
    gap_explained: bool = False
    gap_unexplained: bool = False  # over the limit, no explanation, and not a new onset
    latest_prior_end: date | None = None
    restart_reason: str | None = None  # new_onset | decline | None
    dropped_visits: int = 0  # prior visits in the look-back window that no longer count after a restart
    baseline_function_pct: int | None = None
    prior_episodes_in_lookback: tuple[EpisodeSpan, ...] = ()
    counted_prior_episodes: tuple[EpisodeSpan, ...] = ()
    done_visit_dates: tuple[date, ...] = ()


@dataclass(frozen=True)
class EngineResult:
    decision: Decision
    requested_visits: int
    approved_visits: int
    lines: tuple[ServiceLine, ...]
    findings: tuple[Finding, ...]
    criteria_version_id: int | None
    criteria_version_label: str
    engine_version: str
    input_hash: str  # sha256 hex of the canonical JSON of (facts, criteria)
    key_reason: str = ""  # one sentence for the letter's summary
    missing_documentation: tuple[str, ...] = ()  # "if therapy is to continue, document ..."
    # Engine 1.1.0 and later; None in results stored by an older engine (re-run the recommendation).
    figures: Figures | None = None
