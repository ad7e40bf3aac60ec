"""Every rule of the decision policy: a small named function registered with the rule ids it emits.

A rule reads the Analysis (and, for documentation rules, whether the decision makes the gap matter)
and yields Findings. Rules never decide: `policy.decide` does, from the Analysis alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from .analysis import EXPERIMENTAL, MANUAL_THERAPY_CODE, Analysis, add_months, full_months_between, visit_ref
from .policy import Outcome
from .types import DataValue, Finding
from .types import Outcome as FindingOutcome

RuleFn = Callable[[Analysis, Outcome], Iterator[Finding]]
RULES: list[tuple[tuple[str, ...], RuleFn]] = []

# Section of the letter each rule's findings are grouped under (see types.SECTIONS).
SECTION_OF: dict[str, str] = {
    "criteria.not_covered": "coverage",
    "service.unknown": "services",
    "service.established": "services",
    "service.not_covered": "services",
    "service.experimental": "experimental",
    "clinical.red_flag": "clinical",
    "initial.deficits": "patient",
    "continuation.progress": "patient",
    "visits.within_benchmark": "visits",
    "visits.benchmark_exceeded": "visits",
    "visits.plan_exceeds_benchmark": "visits",
    "extension.outcome_measure_mcid": "visits",
    "extension.criteria": "visits",
    "episode.gap_unexplained": "documentation",
    "episode.no_baseline_comparison": "documentation",
    "episode.count_restarted": "visits",
    "documentation.laterality_mismatch": "pitfalls",
    "documentation.outcome_measures_missing": "documentation",
    "documentation.objective_strength_missing": "documentation",
    "documentation.exercise_parameters_missing": "documentation",
    "advisory.alternative_diagnosis": "alternatives",
    "advisory.oa_workup": "pitfalls",
    "advisory.manual_therapy_population": "services",
}


def rule(*ids: str) -> Callable[[RuleFn], RuleFn]:
    def register(fn: RuleFn) -> RuleFn:
        RULES.append((ids, fn))
        return fn

    return register


def all_rule_ids() -> tuple[str, ...]:
    return tuple(rid for ids, _ in RULES for rid in ids)


def finding(
    a: Analysis,
    rule_id: str,
    outcome: FindingOutcome,
    text: str,
    *,
    evidence: tuple[str, ...] | list[str] = (),
    extra_citations: tuple[str, ...] | list[str] = (),
    data: dict[str, Any] | None = None,
) -> Finding:
    base = a.criteria.citations_for_rule(rule_id) if a.criteria is not None else ()
    return Finding(
        rule=rule_id,
        outcome=outcome,
        text=text,
        section=SECTION_OF.get(rule_id, "clinical"),
        citations=tuple(dict.fromkeys((*base, *extra_citations))),
        evidence=tuple(dict.fromkeys(evidence)),
        data=tuple((k, data_value(v)) for k, v in (data or {}).items()),
    )


def data_value(v: Any) -> DataValue:
    """Numbers and flags stay typed (floats to 2 decimals), dates become ISO strings."""
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return round(v, 2)
    if isinstance(v, date):
        return v.isoformat()
    return str(v)


def pages_for(a: Analysis, *keys: str) -> list[str]:
    return [f"pg {e.page}" for e in a.facts.documentation.evidence if e.finding in keys]


def _bench_label(a: Analysis) -> str:
    assert a.benchmark is not None
    label = f" ({a.benchmark.label})" if a.benchmark.label else ""
    return f"the {a.benchmark.visits}-visit benchmark for {a.primary.code}{label}"


def _and_list(items: list[str]) -> str:
    """Join words as a sentence does: a; a and b; a, b and c."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _prior_phrase(a: Analysis) -> str:
    if not a.counted_priors:
        return "0 prior visits"
    first, last = a.counted_priors[0], a.counted_priors[-1]
    return f"{a.prior_visits} prior visits ({first.start_date} to {last.end_date})"


# ---------------------------------------------------------------- coverage and services


@rule("criteria.not_covered")
def criteria_not_covered(a: Analysis, o: Outcome) -> Iterator[Finding]:
    if a.criteria is None:
        yield finding(
            a,
            "criteria.not_covered",
            "not_met",
            f"No published criteria version is in effect on {a.facts.request.start_date}; "
            "the case is pended for clinical review.",
            data={"diagnosis": a.primary.code},
        )
    elif a.benchmark is None:
        yield finding(
            a,
            "criteria.not_covered",
            "not_met",
            f"The criteria version in effect ({a.criteria.version_label}) has no visit benchmark covering "
            f"{a.primary.code}; the case is pended for clinical review.",
            data={"diagnosis": a.primary.code, "criteria_version": a.criteria.version_id},
        )


@rule("service.unknown", "service.experimental", "service.not_covered", "service.established")
def service_status(a: Analysis, o: Outcome) -> Iterator[Finding]:
    if a.criteria is None:
        return
    for code in a.services:
        entry = a.criteria.service(code)
        if entry is None:
            yield finding(
                a,
                "service.unknown",
                "concern",
                f"CPT/HCPCS {code} is not in the service catalogue; the request is pended for clinical review.",
                data={"code": code},
            )
        elif entry.status == EXPERIMENTAL:
            yield finding(
                a,
                "service.experimental",
                "not_met",
                f"{code} ({entry.descriptor}) is experimental or investigational in the service catalogue; "
                "that service line is not recommended.",
                extra_citations=entry.citations,
                data={"code": code, "status": entry.status},
            )
        elif entry.status == "not_covered":
            yield finding(
                a,
                "service.not_covered",
                "not_met",
                f"{code} ({entry.descriptor}) is not a covered service in the catalogue; that line is not recommended.",
                extra_citations=entry.citations,
                data={"code": code, "status": entry.status},
            )
        else:
            yield finding(
                a,
                "service.established",
                "met",
                f"{code} ({entry.descriptor}) is an established, non-experimental service.",
                extra_citations=entry.citations,
                data={"code": code, "status": entry.status},
            )


@rule("clinical.red_flag")
def red_flag(a: Analysis, o: Outcome) -> Iterator[Finding]:
    flags = a.facts.clinical.red_flags
    if not flags:
        return
    known = {f.key: f for f in a.criteria.red_flags} if a.criteria is not None else {}
    labels = [known[k].label if k in known else k.replace("_", " ") for k in flags]
    cites = [c for k in flags if k in known for c in known[k].citations]
    yield finding(
        a,
        "clinical.red_flag",
        "concern",
        f"Red flag documented ({'; '.join(labels)}): refer for physician review before therapy is approved.",
        extra_citations=cites,
        data={"red_flags": ",".join(flags)},
    )


# ---------------------------------------------------------------- initial / continuation


@rule("initial.deficits")
def initial_deficits(a: Analysis, o: Outcome) -> Iterator[Finding]:
    doc = a.facts.documentation
    if a.initial_met:
        text = (
            f"Functional deficits ({', '.join(doc.functional_deficits)}) and objective impairments "
            f"({'; '.join(doc.objective_impairments)}) are documented."
        )
    else:
        missing = [
            name
            for name, present in (
                ("functional deficits", bool(doc.functional_deficits)),
                ("objective impairments", bool(doc.objective_impairments)),
            )
            if not present
        ]
        text = f"The initial criteria are not met: no {' and no '.join(missing)} documented."
    yield finding(
        a,
        "initial.deficits",
        "met" if a.initial_met else "not_met",
        text,
        evidence=pages_for(a, "functional_deficits", "objective_impairments"),
        data={
            "functional_deficits": len(doc.functional_deficits),
            "objective_impairments": len(doc.objective_impairments),
        },
    )


@rule("continuation.progress")
def continuation_progress(a: Analysis, o: Outcome) -> Iterator[Finding]:
    if not a.continuation_applies:
        return
    doc = a.facts.documentation
    parts = {
        "documented progress": a.progress,
        "goals not yet met": a.goals_unmet,
        "participation": doc.participation is True,
        "adherence": doc.adherence is True,
    }
    # What the record would have to show, as the sentence "the record does not show ..." reads.
    shown = {
        "documented progress": "measurable progress",
        "goals not yet met": "goals that remain to be met",
        "participation": "participation in the sessions",
        "adherence": "adherence to the home program",
    }
    if a.continuation_met:
        bits = []
        if doc.reported_improvement_pct:
            bits.append(f"{doc.reported_improvement_pct}% improvement reported")
        if doc.goals is not None:
            g = doc.goals
            bits.append(
                f"short-term goals {g.short_term_met}/{g.short_term_total} and "
                f"long-term goals {g.long_term_met}/{g.long_term_total} met"
            )
        bits.append("participating and adherent")
        text = f"Continuation criteria met: {'; '.join(bits)}."
    else:
        missing = [shown[name] for name, ok in parts.items() if not ok]
        text = f"Continuation criteria not met: the record does not show {_and_list(missing)}."
    yield finding(
        a,
        "continuation.progress",
        "met" if a.continuation_met else "not_met",
        text,
        evidence=pages_for(a, "reported_improvement_pct", "goals", "participation", "adherence"),
        data={k.replace(" ", "_"): v for k, v in parts.items()},
    )


# ---------------------------------------------------------------- visits


@rule("visits.within_benchmark", "visits.benchmark_exceeded")
def visits_benchmark(a: Analysis, o: Outcome) -> Iterator[Finding]:
    if a.benchmark is None:
        return
    sums = f"{_prior_phrase(a)} + {a.done} done in this episode + {a.requested} requested = {a.cumulative} visits"
    data = {
        "cumulative": a.cumulative,
        "benchmark": a.benchmark.visits,
        "prior": a.prior_visits,
        "done": a.done,
        "requested": a.requested,
        "remaining": a.remaining,
    }
    if a.beyond:
        yield finding(
            a,
            "visits.benchmark_exceeded",
            "not_met",
            f"{sums}, over {_bench_label(a)} ({a.remaining} visits were left under it).",
            extra_citations=a.benchmark.citations,
            data=data,
        )
    else:
        yield finding(
            a,
            "visits.within_benchmark",
            "met",
            f"{sums}, within {_bench_label(a)}.",
            extra_citations=a.benchmark.citations,
            data=data,
        )


@rule("visits.plan_exceeds_benchmark")
def plan_exceeds(a: Analysis, o: Outcome) -> Iterator[Finding]:
    if a.benchmark is None or a.plan_total is None or a.benchmark.visits <= 0:
        return
    if a.plan_total <= a.benchmark.visits * a.policy.plan_advisory_ratio:
        return
    ratio = a.plan_total / a.benchmark.visits
    halves = int(ratio * 2) / 2
    times = f"more than {halves:g} times" if halves >= 1 and ratio > halves else f"{ratio:.1f} times"
    yield finding(
        a,
        "visits.plan_exceeds_benchmark",
        "concern",
        f"The plan of care ({a.plan_desc} = {a.plan_visits} visits) would bring the total to {a.plan_total} visits, "
        f"{times} {_bench_label(a)}.",
        extra_citations=a.benchmark.citations,
        data={
            "plan_visits": a.plan_visits,
            "plan_total": a.plan_total,
            "benchmark": a.benchmark.visits,
            "ratio": round(ratio, 2),
        },
    )


@rule("extension.outcome_measure_mcid", "extension.criteria")
def extension(a: Analysis, o: Outcome) -> Iterator[Finding]:
    if not a.beyond:
        return
    best = max(a.validated_changes, key=lambda c: (c.meets_mcid, c.improvement), default=None)
    if best is None:
        yield finding(
            a,
            "extension.outcome_measure_mcid",
            "not_met",
            "No validated outcome measure is documented, so improvement by at least the MCID cannot be shown.",
        )
    else:
        m = best.measure
        verdict = "at least" if best.meets_mcid else "less than"
        if best.scores < 2:
            text = (
                f"{m.name} was scored once ({best.first:g} on {best.first_date}); a change of at least its "
                f"MCID of {m.mcid:g} cannot be shown without a later score."
            )
        else:
            text = (
                f"{m.name} changed from {best.first:g} ({best.first_date}) to {best.last:g} ({best.last_date}): "
                f"an improvement of {best.improvement:g}, {verdict} its MCID of {m.mcid:g}."
            )
        yield finding(
            a,
            "extension.outcome_measure_mcid",
            "met" if best.meets_mcid else "not_met",
            text,
            extra_citations=m.citations,
            data={
                "measure": m.name,
                "first": best.first,
                "last": best.last,
                "improvement": best.improvement,
                "mcid": m.mcid,
                "scores": best.scores,
            },
        )
    parts = {
        "a validated outcome measure improving by at least its MCID": a.mcid_met,
        "objective measures": a.objective_measures,
        "goals not yet met": a.goals_unmet,
        "no unexplained gap in care": not a.gap_unexplained,
    }
    if a.extension_met:
        text = "Extension criteria met for visits beyond the benchmark: " + ", ".join(parts) + "."
    else:
        text = (
            "Extension criteria not met for visits beyond the benchmark; missing: "
            + ", ".join(k for k, ok in parts.items() if not ok)
            + "."
        )
    yield finding(
        a,
        "extension.criteria",
        "met" if a.extension_met else "not_met",
        text,
        data={
            "mcid": a.mcid_met,
            "objective": a.objective_measures,
            "goals_unmet": a.goals_unmet,
            "gap_explained": not a.gap_unexplained,
        },
    )


# ---------------------------------------------------------------- episodes


@rule("episode.gap_unexplained")
def gap_unexplained(a: Analysis, o: Outcome) -> Iterator[Finding]:
    if not a.gap_unexplained or a.latest_prior is None or a.gap_days is None:
        return
    months = full_months_between(a.latest_prior.end_date, a.episode_start)
    first = min(a.facts.visits, key=lambda v: v.date) if a.facts.visits else None
    yield finding(
        a,
        "episode.gap_unexplained",
        "concern",
        f"A {months}-month gap ({a.gap_days} days, {a.latest_prior.end_date} to {a.episode_start}) separates the "
        f"prior episode from this one, over the {a.policy.episode_gap_days}-day limit, and no explanation is documented.",
        evidence=[visit_ref(first)] if first else [],
        data={
            "gap_days": a.gap_days,
            "gap_months": months,
            "limit_days": a.policy.episode_gap_days,
            "prior_end": a.latest_prior.end_date,
            "episode_start": a.episode_start,
        },
    )


@rule("episode.no_baseline_comparison")
def no_baseline_comparison(a: Analysis, o: Outcome) -> Iterator[Finding]:
    prior = a.latest_prior
    if prior is None or a.has_baseline_comparison or a.restart_reason == "new_onset":
        return
    status = (
        "has no documented discharge status"
        if prior.discharge_function_pct is None
        else f"ended at {prior.discharge_function_pct}% function"
    )
    now = f" ({a.baseline_function}% function at the evaluation)" if a.baseline_function is not None else ""
    first = min(a.facts.visits, key=lambda v: v.date) if a.facts.visits else None
    yield finding(
        a,
        "episode.no_baseline_comparison",
        "concern",
        f"The prior episode ({prior.start_date} to {prior.end_date}, {prior.visits} visits) {status}, and this "
        f"episode{now} is not compared with it, so neither a decline nor a new condition is shown.",
        evidence=[visit_ref(first)] if first else [],
        data={
            "prior_visits": prior.visits,
            "prior_end": prior.end_date,
            "discharge_function_pct": prior.discharge_function_pct,
            "baseline_function_pct": a.baseline_function,
        },
    )


@rule("episode.count_restarted")
def count_restarted(a: Analysis, o: Outcome) -> Iterator[Finding]:
    if a.restart_reason is None or a.latest_prior is None:
        return
    dropped = sum(p.visits for p in a.priors_in_lookback) - a.prior_visits
    why = (
        f"a new onset ({a.facts.clinical.onset_date}) after the prior episode ended ({a.latest_prior.end_date})"
        if a.restart_reason == "new_onset"
        else f"a decline from the prior discharge status ({a.latest_prior.discharge_function_pct}% to "
        f"{a.baseline_function}% function)"
    )
    yield finding(
        a,
        "episode.count_restarted",
        "info",
        f"The visit count starts afresh because of {why}; {dropped} prior visits no longer count.",
        data={"reason": a.restart_reason, "dropped_visits": dropped},
    )


# ---------------------------------------------------------------- documentation


def _doc_outcome(o: Outcome) -> FindingOutcome:
    return "concern" if o.documentation_matters else "info"


@rule("documentation.laterality_mismatch")
def laterality_mismatch(a: Analysis, o: Outcome) -> Iterator[Finding]:
    if a.code_side not in ("left", "right"):
        return
    other = [v for v in a.facts.visits if v.side_documented in ("left", "right") and v.side_documented != a.code_side]
    if not other:
        return
    sides = sorted({v.side_documented or "" for v in other})
    yield finding(
        a,
        "documentation.laterality_mismatch",
        "concern",
        f"{a.primary.code} codes the {a.code_side} side, but {len(other)} visit note(s) document the "
        f"{' and '.join(sides)} side: a documentation error or an unaddressed other side.",
        evidence=[visit_ref(v) for v in sorted(other, key=lambda v: v.date)],
        data={"code_side": a.code_side, "documented_side": ",".join(sides), "visits": len(other)},
    )


@rule("documentation.outcome_measures_missing")
def outcome_measures_missing(a: Analysis, o: Outcome) -> Iterator[Finding]:
    if a.validated_changes:
        return
    names = [m.name for m in a.criteria.outcome_measures[:4]] if a.criteria is not None else []
    suggest = f" (e.g. {', '.join(names)})" if names else ""
    other = (
        f"; documented measures not recognised as validated: {', '.join(a.unvalidated_measures)}"
        if (a.unvalidated_measures)
        else ""
    )
    yield finding(
        a,
        "documentation.outcome_measures_missing",
        _doc_outcome(o),
        f"No validated outcome measure{suggest} is documented{other}.",
        data={"unvalidated": ",".join(a.unvalidated_measures)},
    )


@rule("documentation.objective_strength_missing")
def objective_strength_missing(a: Analysis, o: Outcome) -> Iterator[Finding]:
    if a.facts.documentation.strength_measured_objectively is True:
        return
    yield finding(
        a,
        "documentation.objective_strength_missing",
        _doc_outcome(o),
        "No objective strength measurement (e.g. hand-held dynamometry) is documented.",
    )


@rule("documentation.exercise_parameters_missing")
def exercise_parameters_missing(a: Analysis, o: Outcome) -> Iterator[Finding]:
    if a.facts.documentation.exercise_parameters_documented is True:
        return
    yield finding(
        a,
        "documentation.exercise_parameters_missing",
        _doc_outcome(o),
        "The exercise prescription does not document its parameters (load, sets, repetitions, rest).",
    )


# ---------------------------------------------------------------- advisories (never decide)


@rule("advisory.alternative_diagnosis")
def alternative_diagnosis(a: Analysis, o: Outcome) -> Iterator[Finding]:
    end = a.facts.request.end_date
    if a.resolved or add_months(a.care_start, a.policy.alternative_dx_months) >= end:
        return
    months = full_months_between(a.care_start, end)
    yield finding(
        a,
        "advisory.alternative_diagnosis",
        "info",
        f"Care has extended about {months} months ({a.care_start} to {end}) without documented resolution: "
        "consider alternative diagnoses, appropriate imaging or specialist referral.",
        data={"care_start": a.care_start, "care_end": end, "months": months},
    )


@rule("advisory.oa_workup")
def oa_workup(a: Analysis, o: Outcome) -> Iterator[Finding]:
    if not (a.older_adult and a.facts.clinical.onset == "gradual") or a.oa_diagnosis:
        return
    duration = a.facts.clinical.symptom_duration_months
    history = f" with a {duration}-month history" if duration else ""
    yield finding(
        a,
        "advisory.oa_workup",
        "info",
        f"A {a.age}-year-old with gradual-onset symptoms{history} should be evaluated for osteoarthritis, "
        "which may need different management.",
        data={"age": a.age, "onset": "gradual"},
    )


@rule("advisory.manual_therapy_population")
def manual_therapy_population(a: Analysis, o: Outcome) -> Iterator[Finding]:
    if MANUAL_THERAPY_CODE not in a.services:
        return
    c = a.facts.clinical
    entry = a.criteria.service(MANUAL_THERAPY_CODE) if a.criteria is not None else None
    traumatic = c.onset in ("traumatic", "post_operative") or c.irritability == "high"
    oa_population = a.oa_diagnosis or (a.older_adult and c.onset == "gradual")
    if traumatic and not oa_population:
        population = "traumatic_irritable"
        desc = ", ".join(
            x
            for x in (
                c.onset.replace("_", "-") if c.onset != "unknown" else "",
                f"{c.irritability} irritability" if c.irritability else "",
            )
            if x
        )
        text = (
            f"Manual therapy ({MANUAL_THERAPY_CODE}) is supported as an adjunct in this presentation ({desc}); "
            "the ACR 2019 conditional recommendation against it applies to osteoarthritis populations, not this one."
        )
    elif oa_population:
        population = "oa"
        text = (
            f"Manual therapy ({MANUAL_THERAPY_CODE}) in an osteoarthritis-type population (age {a.age}, "
            f"{c.onset} onset): ACR 2019 conditionally recommends against adding it to exercise."
        )
    else:
        population = "mixed"
        text = (
            f"Evidence for manual therapy ({MANUAL_THERAPY_CODE}) is mixed: supported for irritable or traumatic "
            "presentations, conditionally recommended against by ACR 2019 in osteoarthritis."
        )
    yield finding(
        a,
        "advisory.manual_therapy_population",
        "info",
        text,
        extra_citations=entry.citations if entry is not None else (),
        data={"population": population},
    )
