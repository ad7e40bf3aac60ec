"""The arithmetic every rule needs, computed once per evaluation (pure; dates come from the facts)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from .types import (
    CaseFacts,
    CriteriaSnapshot,
    Diagnosis,
    OutcomeMeasure,
    PolicyParams,
    PriorEpisode,
    ServiceEntry,
    Visit,
    VisitBenchmark,
)

EVALUATION_CODES = frozenset({"97161", "97162", "97163", "97164"})
MANUAL_THERAPY_CODE = "97140"
OA_CODE_PREFIXES = ("M15", "M16", "M17", "M19")
EXPERIMENTAL = "experimental_investigational"
NOT_COVERED = "not_covered"
_SIDE_DIGITS = {"1": "right", "2": "left", "3": "bilateral"}


# ---------------------------------------------------------------- small date helpers


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def full_months_between(start: date, end: date) -> int:
    """Whole calendar months from `start` to `end` (0 when end <= start)."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if add_months(start, months) > end:
        months -= 1
    return max(months, 0)


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def visit_ref(visit: Visit) -> str:
    return f"visit {visit.date.isoformat()} (pg {visit.page})" if visit.page is not None else f"visit {visit.date}"


# ---------------------------------------------------------------- diagnosis helpers


def _norm_code(code: str) -> str:
    return code.replace(".", "").strip().upper()


def code_laterality(dx: Diagnosis) -> str | None:
    """left | right | bilateral | None, from the description words, else the ICD-10-CM code.

    M-chapter joint codes carry the side in the 6th character (M25.552: 2 = left);
    hip/knee OA (M16/M17) in the 5th (M16.12 = left), with bilateral categories M16.0/.2/.4/.6.
    Dorsopathies (M40-M54, the spine) carry no side: their 6th character is a level or region.
    """
    words = f" {dx.description.lower().replace(',', ' ')} "
    if " bilateral " in words:
        return "bilateral"
    if " left " in words:
        return "left"
    if " right " in words:
        return "right"
    code = _norm_code(dx.code)
    if not code.startswith("M") or "M40" <= code[:3] <= "M54":
        return None
    if code[:3] in ("M16", "M17"):
        if len(code) >= 5:
            return _SIDE_DIGITS.get(code[4]) if code[4] in "12" else None
        if len(code) == 4 and code[3] in "0246":
            return "bilateral"
        return None
    if len(code) >= 6:
        return _SIDE_DIGITS.get(code[5])
    return None


def match_benchmark(code: str, benchmarks: tuple[VisitBenchmark, ...]) -> VisitBenchmark | None:
    """The most specific benchmark covering `code`: an exact code beats the longest prefix."""
    target = _norm_code(code)
    best: VisitBenchmark | None = None
    best_score = -1
    for bench in benchmarks:
        for scope in bench.icd_scope:
            s = _norm_code(scope)
            if s.endswith("*"):
                prefix = s[:-1]
                score = len(prefix) if target.startswith(prefix) else -1
            else:
                score = 1000 if target == s else -1
            if score > best_score:
                best, best_score = bench, score
    return best


def match_measure(name: str, measures: tuple[OutcomeMeasure, ...]) -> OutcomeMeasure | None:
    key = name.strip().casefold()
    for m in measures:
        if key == m.name.casefold() or key == m.full_name.casefold() or key in (a.casefold() for a in m.aliases):
            return m
    return None


# ---------------------------------------------------------------- the analysis


@dataclass(frozen=True)
class MeasureChange:
    measure: OutcomeMeasure
    first_date: date
    last_date: date
    first: float
    last: float
    scores: int

    @property
    def improvement(self) -> float:
        delta = self.last - self.first
        return delta if self.measure.higher_is_better else -delta

    @property
    def meets_mcid(self) -> bool:
        return self.scores >= 2 and self.improvement >= self.measure.mcid


@dataclass(frozen=True)
class Analysis:
    facts: CaseFacts
    criteria: CriteriaSnapshot | None
    policy: PolicyParams
    primary: Diagnosis
    code_side: str | None
    benchmark: VisitBenchmark | None
    age: int
    # services
    services: tuple[str, ...]
    unknown_services: tuple[str, ...]
    denied_services: tuple[ServiceEntry, ...]  # experimental or not covered
    # episodes and visits
    priors_in_lookback: tuple[PriorEpisode, ...]
    counted_priors: tuple[PriorEpisode, ...]
    restart_reason: str | None  # new_onset | decline | None
    latest_prior: PriorEpisode | None
    done_visits: tuple[Visit, ...]
    episode_start: date  # first visit of this episode, else the request start
    baseline_function: int | None
    prior_visits: int
    done: int
    requested: int
    cumulative: int
    remaining: int  # visits left under the benchmark before this request (>= 0)
    plan_visits: int | None
    plan_desc: str
    plan_total: int | None
    gap_days: int | None
    gap_unexplained: bool
    has_baseline_comparison: bool
    # documentation
    validated_changes: tuple[MeasureChange, ...]
    unvalidated_measures: tuple[str, ...]
    initial_met: bool
    progress: bool
    goals_unmet: bool
    continuation_met: bool
    continuation_applies: bool
    objective_measures: bool
    mcid_met: bool
    resolved: bool
    care_start: date

    @property
    def beyond(self) -> bool:
        return self.benchmark is not None and self.cumulative > self.benchmark.visits

    @property
    def extension_met(self) -> bool:
        return self.mcid_met and self.objective_measures and self.goals_unmet and not self.gap_unexplained

    @property
    def older_adult(self) -> bool:
        return self.age >= self.policy.older_adult_age

    @property
    def oa_diagnosis(self) -> bool:
        return any(_norm_code(dx.code).startswith(OA_CODE_PREFIXES) for dx in self.facts.diagnoses)


def analyse(facts: CaseFacts, criteria: CriteriaSnapshot | None) -> Analysis:
    policy = criteria.policy if criteria is not None else PolicyParams()
    req = facts.request
    primary = facts.primary_diagnosis
    benchmark = match_benchmark(primary.code, criteria.benchmarks) if criteria is not None else None

    services = tuple(dict.fromkeys(req.services))
    unknown: list[str] = []
    denied: list[ServiceEntry] = []
    if criteria is not None:
        for code in services:
            entry = criteria.service(code)
            if entry is None:
                unknown.append(code)
            elif entry.status in (EXPERIMENTAL, NOT_COVERED):
                denied.append(entry)

    visits = tuple(sorted(facts.visits, key=lambda v: (v.date, v.page or 0)))
    episode_start = visits[0].date if visits else req.start_date
    done_visits = tuple(v for v in visits if v.date < req.start_date)
    baseline_function = next((v.function_pct for v in visits if v.function_pct is not None), None)

    window_start = add_months(req.start_date, -policy.lookback_months)
    priors = tuple(
        sorted(
            (p for p in facts.prior_episodes if window_start <= p.end_date <= req.start_date),
            key=lambda p: (p.end_date, p.start_date),
        )
    )
    latest = priors[-1] if priors else None
    onset = facts.clinical.onset_date
    restart: str | None = None
    counted = priors
    if latest is not None and onset is not None and onset > latest.end_date:
        # A new injury/onset after the latest prior episode ended (so after every counted one): none count.
        restart, counted = "new_onset", ()
    elif (
        latest is not None
        and latest.discharge_function_pct is not None
        and baseline_function is not None
        and baseline_function < latest.discharge_function_pct
    ):
        restart, counted = "decline", ()

    prior_visits = sum(p.visits for p in counted)
    done, requested = len(done_visits), req.visits
    cumulative = prior_visits + done + requested
    remaining = max(0, benchmark.visits - prior_visits - done) if benchmark is not None else 0

    freq = req.planned_frequency_per_week or req.frequency_per_week
    weeks = req.planned_duration_weeks or req.duration_weeks
    plan_visits = freq * weeks if freq and weeks else None
    plan_desc = f"{freq}x/week for {weeks} weeks" if plan_visits else ""
    plan_total = prior_visits + done + plan_visits if plan_visits is not None else None

    gap_days = (episode_start - latest.end_date).days if latest is not None else None
    doc = facts.documentation
    gap_unexplained = (
        gap_days is not None
        and gap_days > policy.episode_gap_days
        and not (doc.gap_explanation or "").strip()
        and restart != "new_onset"
    )
    has_comparison = (
        latest is not None
        and latest.discharge_function_pct is not None
        and (baseline_function is not None or bool(doc.outcome_measures))
    )

    measures = criteria.outcome_measures if criteria is not None else ()
    grouped: dict[str, list[tuple[date, float]]] = {}
    by_name: dict[str, OutcomeMeasure] = {}
    unvalidated: list[str] = []
    for score in doc.outcome_measures:
        m = match_measure(score.name, measures)
        if m is None:
            unvalidated.append(score.name)
            continue
        by_name[m.name] = m
        grouped.setdefault(m.name, []).append((score.date, float(score.score)))
    changes = []
    for name in sorted(grouped):
        pts = sorted(grouped[name])
        changes.append(MeasureChange(by_name[name], pts[0][0], pts[-1][0], pts[0][1], pts[-1][1], len(pts)))
    mcid_met = any(c.meets_mcid for c in changes)

    goals = doc.goals
    goals_unmet = goals is not None and (
        goals.short_term_met < goals.short_term_total or goals.long_term_met < goals.long_term_total
    )
    fn_values = [v.function_pct for v in visits if v.function_pct is not None]
    progress = (
        (doc.reported_improvement_pct or 0) > 0
        or (len(fn_values) >= 2 and fn_values[-1] > fn_values[0])
        or any(c.improvement > 0 and c.scores >= 2 for c in changes)
    )
    continuation_met = progress and goals_unmet and doc.participation is True and doc.adherence is True
    initial_met = bool(doc.functional_deficits) and bool(doc.objective_impairments)
    objective = doc.strength_measured_objectively is True or bool(doc.objective_impairments)
    resolved = any(v.kind == "discharge" for v in visits) or (goals is not None and not goals_unmet)
    care_start = min([p.start_date for p in counted] + [episode_start])

    return Analysis(
        facts=facts,
        criteria=criteria,
        policy=policy,
        primary=primary,
        code_side=code_laterality(primary),
        benchmark=benchmark,
        age=age_on(facts.member_birth_date, req.start_date),
        services=services,
        unknown_services=tuple(unknown),
        denied_services=tuple(denied),
        priors_in_lookback=priors,
        counted_priors=counted,
        restart_reason=restart,
        latest_prior=latest,
        done_visits=done_visits,
        episode_start=episode_start,
        baseline_function=baseline_function,
        prior_visits=prior_visits,
        done=done,
        requested=requested,
        cumulative=cumulative,
        remaining=remaining,
        plan_visits=plan_visits,
        plan_desc=plan_desc,
        plan_total=plan_total,
        gap_days=gap_days,
        gap_unexplained=gap_unexplained,
        has_baseline_comparison=has_comparison,
        validated_changes=tuple(changes),
        unvalidated_measures=tuple(unvalidated),
        initial_met=initial_met,
        progress=progress,
        goals_unmet=goals_unmet,
        continuation_met=continuation_met,
        continuation_applies=bool(counted) or bool(visits),
        objective_measures=objective,
        mcid_met=mcid_met,
        resolved=resolved,
        care_start=care_start,
    )
