"""The pure recommendation engine: no Django, no database, no clock.

    result = evaluate(facts, criteria)   # same inputs -> same result, byte for byte

`criteria` is the published CriteriaVersion in effect on the service dates, as a snapshot
(or None when there is none: the engine then pends). The engine recommends; a person decides.
"""

from __future__ import annotations

from vocabulary import ADVERSE_DECISIONS

from .analysis import Analysis, analyse, full_months_between
from .figures import figures_of
from .policy import Outcome, decide
from .rules import RULES, all_rule_ids
from .serialize import canonical_json, compute_input_hash, result_from_dict, result_to_dict
from .types import CaseFacts, CriteriaSnapshot, EngineResult, Figures, Finding

# 1.0.1: spine (M40-M54) codes carry no laterality.
# 1.1.0: the result carries a typed `figures` block and finding `data` values are typed (numbers,
#        flags) instead of strings. Decisions are unchanged, but the stored result for the same
#        inputs is not byte-identical, so the version (and with it the input hash) moves on.
# 1.1.1: two finding texts read as sentences (what continuation lacks; a measure scored once).
ENGINE_VERSION = "1.1.1"

__all__ = [
    "ENGINE_VERSION",
    "all_rule_ids",
    "canonical_json",
    "evaluate",
    "figures",
    "input_hash",
    "result_from_dict",
    "result_to_dict",
]


def input_hash(facts: CaseFacts, criteria: CriteriaSnapshot | None) -> str:
    """sha256 hex of the canonical JSON of (engine version, facts, criteria)."""
    return compute_input_hash(facts, criteria, ENGINE_VERSION)


def figures(facts: CaseFacts, criteria: CriteriaSnapshot | None) -> Figures:
    """Only the counts `evaluate` would report (for a chart of facts not yet recommended on)."""
    return figures_of(analyse(facts, criteria))


def evaluate(facts: CaseFacts, criteria: CriteriaSnapshot | None) -> EngineResult:
    """Evaluate every rule and apply the decision policy."""
    a = analyse(facts, criteria)
    outcome = decide(a)
    if criteria is None:
        # Without criteria only coverage and safety are assessable.
        findings = [
            f for ids, fn in RULES if ids[0] in ("criteria.not_covered", "clinical.red_flag") for f in fn(a, outcome)
        ]
    else:
        findings = [f for _, fn in RULES for f in fn(a, outcome)]
    return EngineResult(
        decision=outcome.decision,
        requested_visits=facts.request.visits,
        approved_visits=outcome.approved_visits,
        lines=outcome.lines,
        findings=tuple(findings),
        criteria_version_id=criteria.version_id if criteria is not None else None,
        criteria_version_label=criteria.version_label if criteria is not None else "",
        engine_version=ENGINE_VERSION,
        input_hash=input_hash(facts, criteria),
        key_reason=key_reason(a, outcome),
        missing_documentation=missing_documentation(a, outcome, tuple(findings)),
        figures=figures_of(a),
    )


def key_reason(a: Analysis, o: Outcome) -> str:
    """One sentence for the letter's summary."""
    code = a.primary.code
    if o.basis == "no_criteria":
        return f"No published criteria cover {code} on the service dates, so the request is pended for clinical review."
    if o.basis == "unknown_service":
        return (
            f"Service code(s) {', '.join(a.unknown_services)} are not in the service catalogue, "
            "so the request is pended for clinical review."
        )
    if o.basis == "red_flag":
        return "A red flag is documented, so the request is referred for physician review."
    assert a.benchmark is not None
    bench = a.benchmark.visits
    prior = f"{a.prior_visits} prior visits, " if a.prior_visits else ""
    count = f"{prior}{a.done} visits done in this episode and {a.requested} requested total {a.cumulative}"
    count = count[:1].upper() + count[1:]
    denied = [e.code for e in a.denied_services]
    tail = f"; {', '.join(denied)} are experimental, investigational or not covered" if denied else ""
    if o.basis == "services_denied":
        return f"Every requested service is experimental, investigational or not covered ({', '.join(denied)})."
    if o.basis == "within":
        met = (
            "documented functional deficits, objective impairments and progress"
            if a.initial_met and a.continuation_met
            else "documented functional deficits and objective impairments"
            if a.initial_met
            else "documented progress toward unmet goals with participation and adherence"
        )
        return f"{count}, within the {bench}-visit benchmark for {code}, with {met}{tail}."
    if o.basis == "within_deny":
        return (
            f"{count}, within the {bench}-visit benchmark for {code}, but neither the initial "
            f"criteria (functional deficits and objective impairments) nor the continuation criteria are documented{tail}."
        )
    if o.basis == "beyond_extension":
        return (
            f"{count}, beyond the {bench}-visit benchmark for {code}, and the extension criteria are met "
            f"(a validated outcome measure improved by at least its MCID){tail}."
        )
    if o.basis == "beyond_partial":
        return (
            f"{count}, beyond the {bench}-visit benchmark for {code} without the extension criteria, "
            f"so only the {o.approved_visits} visits left under the benchmark are recommended{tail}."
        )
    gap = " after an unexplained gap in care" if a.gap_unexplained else ""
    return (
        f"{count}, exceeding the {bench}-visit benchmark for {code}{gap}, and the documentation "
        f"does not meet the extension criteria{tail}."
    )


def missing_documentation(a: Analysis, o: Outcome, findings: tuple[Finding, ...]) -> tuple[str, ...]:
    """What a denial letter lists under "If therapy is to continue, the following must be documented"."""
    if o.decision not in ADVERSE_DECISIONS:
        return ()
    fired = {f.rule for f in findings}
    items: list[str] = []
    prior = a.latest_prior
    if "episode.no_baseline_comparison" in fired or "documentation.outcome_measures_missing" in fired:
        if prior is not None and "episode.no_baseline_comparison" in fired:
            items.append(
                "validated outcome measures showing functional deficits compared to the discharge status "
                f"of the prior episode ({prior.visits} visits, ended {prior.end_date})"
            )
        else:
            items.append("validated outcome measures, repeated to show improvement by at least the MCID")
    if "episode.gap_unexplained" in fired and a.gap_days is not None:
        months = full_months_between(prior.end_date, a.episode_start) if prior is not None else 0
        span = f"{months}-month ({a.gap_days}-day)" if months else f"{a.gap_days}-day"
        items.append(f"a clear explanation for the {span} gap in treatment")
    if "advisory.alternative_diagnosis" in fired:
        items.append("that alternative diagnoses were ruled out with appropriate imaging or specialist evaluation")
    if "documentation.exercise_parameters_missing" in fired:
        items.append("exercise prescription parameters (load, sets, repetitions, rest)")
    if "documentation.objective_strength_missing" in fired:
        items.append("objective strength measurements (e.g. hand-held dynamometry)")
    if "documentation.laterality_mismatch" in fired:
        items.append(f"the side treated, consistent with the diagnosis code ({a.primary.code}, {a.code_side} side)")
    if o.basis == "within_deny":
        if not a.initial_met:
            items.append("functional deficits and objective impairments")
        if a.continuation_applies and not a.continuation_met:
            items.append("progress toward goals not yet met, with participation and adherence")
    return tuple(dict.fromkeys(items))
