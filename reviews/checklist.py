"""The applied criteria checklist beside the review form (as in InterQual CriteriaView).

What this case needs (initial / continuation / extension criteria, documentation items), each
marked met, not met or unknown on the *current* facts: the saved case plus, while the reviewer
types, the autosaved form values. Every mark comes from the engine's own analysis
(`criteria.engine.analyse`); nothing here re-decides a rule. "Unknown" means the fact the engine
reads is not documented yet (a yes/no left at "not documented", an empty list).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

from criteria.engine.analysis import Analysis, analyse

from .facts import FactsError, documentation_from_dict, facts_from_case
from .models import Case
from .timeline import criteria_snapshot_for_case

Mark = Literal["met", "not_met", "unknown"]
MARK_WORDS: dict[str, str] = {"met": "Met", "not_met": "Not met", "unknown": "Not documented yet"}


@dataclass(frozen=True)
class Item:
    label: str
    mark: Mark
    detail: str = ""
    finding: str = ""  # the review field that documents it (for attaching evidence)

    @property
    def words(self) -> str:
        return MARK_WORDS[self.mark]


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    mark: Mark
    items: tuple[Item, ...]
    note: str = ""


@dataclass(frozen=True)
class Checklist:
    groups: tuple[Group, ...] = ()
    banner: tuple[str, ...] = ()  # red flags and critical facts, shown from the start
    red_flag: bool = False
    available: bool = True
    reason: str = ""
    stale: bool = False  # the form has errors: the marks are those of the last valid values
    extra: dict[str, Any] = field(default_factory=dict)
    # The stored case's facts the marks were computed from (None when the marks are of form values):
    # the case page hands them to the timeline instead of reading the case again.
    facts: Any = field(default=None, compare=False, repr=False)


def _yes_no(value: bool | None) -> Mark:
    return "unknown" if value is None else ("met" if value else "not_met")


def _listed(items: tuple[str, ...]) -> Mark:
    return "met" if items else "unknown"


def _overall(ok: bool, items: tuple[Item, ...]) -> Mark:
    if ok:
        return "met"
    return "unknown" if any(i.mark == "unknown" for i in items) else "not_met"


def documentation_from_form(data: dict[str, Any]) -> dict[str, Any]:
    """ClinicalReviewForm.to_service_data() -> the ur-case/1 `documentation` block (and clinical bits)."""
    goals = [data.get(f"goals_{k}") for k in ("short_term_met", "short_term_total", "long_term_met", "long_term_total")]
    return {
        "functional_deficits": list(data.get("functional_deficits") or []),
        "objective_impairments": list(data.get("objective_impairments") or []),
        "reported_improvement_pct": data.get("reported_improvement_pct"),
        "goals": dict(
            zip(("short_term_met", "short_term_total", "long_term_met", "long_term_total"), goals, strict=True)
        )
        if None not in goals
        else None,
        "participation": data.get("participation"),
        "adherence": data.get("adherence"),
        "outcome_measures": list(data.get("outcome_measures") or []),
        "strength_measured_objectively": data.get("strength_measured_objectively"),
        "exercise_parameters_documented": data.get("exercise_parameters_documented"),
        "gap_explanation": data.get("gap_explanation"),
        "evidence": list(data.get("evidence") or []),
    }


def analysis_for(case: Case, form_data: dict[str, Any] | None = None, *, loaded: bool = False) -> Analysis | None:
    """The engine's analysis of the stored case, or of the case with the review form's values.

    `loaded`: the case was fetched with its facts (`get_case_for_user(..., with_facts=True)`), so they
    are read from the instance instead of the database.
    """
    try:
        facts = facts_from_case(case, reload=not loaded)
        if form_data is not None:
            facts = replace(
                facts,
                documentation=documentation_from_dict(documentation_from_form(form_data)),
                clinical=replace(
                    facts.clinical,
                    red_flags=tuple(str(f) for f in form_data.get("red_flags") or ()),
                    irritability=form_data.get("irritability"),
                ),
            )
    except (FactsError, ValueError, TypeError):
        return None
    return analyse(facts, criteria_snapshot_for_case(case))


def case_checklist(
    case: Case, form_data: dict[str, Any] | None = None, *, stale: bool = False, loaded: bool = False
) -> Checklist:
    a = analysis_for(case, form_data, loaded=loaded)
    if a is None:
        return Checklist(available=False, reason="The case's facts are incomplete, so no criteria can be applied.")
    stored_facts = a.facts if form_data is None else None
    if a.criteria is None:
        return Checklist(
            available=False,
            reason="No published criteria cover this request's dates: the engine will pend it for clinical review.",
            banner=_banner(a),
            red_flag=bool(a.facts.clinical.red_flags),
            facts=stored_facts,
        )
    doc = a.facts.documentation
    groups: list[Group] = []

    initial = (
        Item("Functional deficits documented", _listed(doc.functional_deficits), finding="functional_deficits"),
        Item("Objective impairments documented", _listed(doc.objective_impairments), finding="objective_impairments"),
    )
    groups.append(Group("initial", "Initial criteria", _overall(a.initial_met, initial), initial))

    if a.continuation_applies:
        progress_known = doc.reported_improvement_pct is not None or bool(a.validated_changes) or a.progress
        cont = (
            Item(
                "Progress documented",
                "met" if a.progress else ("not_met" if progress_known else "unknown"),
                finding="reported_improvement_pct",
            ),
            Item(
                "Goals not yet met",
                "unknown" if doc.goals is None else ("met" if a.goals_unmet else "not_met"),
                finding="goals",
            ),
            Item("Active participation", _yes_no(doc.participation), finding="participation"),
            Item("Home-programme adherence", _yes_no(doc.adherence), finding="adherence"),
        )
        groups.append(Group("continuation", "Continuation criteria", _overall(a.continuation_met, cont), cont))

    if a.benchmark is not None:
        visits = Item(
            f"{a.cumulative} visits in total vs the {a.benchmark.visits}-visit benchmark",
            "not_met" if a.beyond else "met",
            detail=f"{a.prior_visits} prior, {a.done} done, {a.requested} requested",
        )
        groups.append(Group("visits", "Visits", visits.mark, (visits,)))
        if a.beyond:
            ext = (
                Item(
                    "A validated outcome measure improved by its MCID",
                    "met" if a.mcid_met else ("not_met" if a.validated_changes else "unknown"),
                    finding="outcome_measures",
                ),
                Item(
                    "Objective measures documented",
                    "met" if a.objective_measures else _yes_no(doc.strength_measured_objectively),
                    finding="strength_measured_objectively",
                ),
                Item(
                    "Goals not yet met",
                    "unknown" if doc.goals is None else ("met" if a.goals_unmet else "not_met"),
                    finding="goals",
                ),
                Item(
                    "Any gap in care explained",
                    "not_met" if a.gap_unexplained else "met",
                    finding="gap_explanation",
                ),
            )
            groups.append(
                Group("extension", "Extension criteria (beyond the benchmark)", _overall(a.extension_met, ext), ext)
            )

    documentation: tuple[Item, ...] = (
        Item(
            "Validated outcome measure, repeated",
            "met" if a.validated_changes else "unknown",
            detail=(
                f"not recognised as validated: {', '.join(a.unvalidated_measures)}" if a.unvalidated_measures else ""
            ),
            finding="outcome_measures",
        ),
        Item(
            "Objective strength measurement",
            _yes_no(doc.strength_measured_objectively),
            finding="strength_measured_objectively",
        ),
        Item(
            "Exercise parameters (load, sets, reps, rest)",
            _yes_no(doc.exercise_parameters_documented),
            finding="exercise_parameters_documented",
        ),
    )
    if a.gap_days is not None and a.gap_days > a.policy.episode_gap_days:
        documentation = (
            *documentation,
            Item(
                f"Explanation of the {a.gap_days}-day gap",
                "not_met" if a.gap_unexplained else "met",
                finding="gap_explanation",
            ),
        )
    doc_mark: Mark = (
        "met"
        if all(i.mark == "met" for i in documentation)
        else ("unknown" if any(i.mark == "unknown" for i in documentation) else "not_met")
    )
    groups.append(Group("documentation", "Documentation", doc_mark, documentation))
    return Checklist(
        groups=tuple(groups),
        banner=_banner(a),
        red_flag=bool(a.facts.clinical.red_flags),
        stale=stale,
        facts=stored_facts,
    )


def _banner(a: Analysis) -> tuple[str, ...]:
    """Red flags and the facts that decide the case, in plain words."""
    lines: list[str] = []
    flags = a.facts.clinical.red_flags
    if flags:
        known = {f.key: f.label for f in a.criteria.red_flags} if a.criteria is not None else {}
        labels = [known.get(k, k.replace("_", " ")) for k in flags]
        lines.append(f"Red flag: {'; '.join(labels)}. Refer for physician review before therapy is approved.")
    if a.beyond and a.benchmark is not None:
        lines.append(
            f"{a.cumulative} visits in total, beyond the {a.benchmark.visits}-visit benchmark for {a.primary.code}."
        )
    if a.gap_unexplained and a.gap_days is not None:
        lines.append(f"A {a.gap_days}-day gap since the prior episode is not explained.")
    if a.denied_services:
        lines.append("Not covered or experimental: " + ", ".join(e.code for e in a.denied_services) + ".")
    if a.unknown_services:
        lines.append("Not in the service catalogue: " + ", ".join(a.unknown_services) + ".")
    return tuple(lines)
