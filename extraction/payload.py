"""The JSON object `manage.py extract_record --json` prints: a ur-case/1 fragment + sources."""

from __future__ import annotations

from typing import Any

from .types import Extraction, Found


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


def to_payload(ex: Extraction) -> dict[str, Any]:
    sources: list[dict[str, Any]] = []

    def src(path: str, f: Found[Any] | None) -> None:
        if f is not None:
            sources.append({"path": path, "page": f.page, "quote": f.quote})

    visits: list[dict[str, Any]] = []
    for i, v in enumerate(ex.visits):
        visits.append(
            {
                "date": v.date.value,
                "kind": v.kind.value,
                "services": list(v.services.value) if v.services else [],
                "pain_nprs": v.pain_nprs.value if v.pain_nprs else None,
                "function_pct": v.function_pct.value if v.function_pct else None,
                "side_documented": v.side_documented.value if v.side_documented else None,
                "page": v.page,
            }
        )
        p = f"visits[{i}]"
        src(f"{p}.date", v.date)
        src(f"{p}.kind", v.kind)
        src(f"{p}.services", v.services)
        src(f"{p}.pain_nprs", v.pain_nprs)
        src(f"{p}.function_pct", v.function_pct)
        src(f"{p}.side_documented", v.side_documented)

    episodes: list[dict[str, Any]] = []
    for i, e in enumerate(ex.prior_episodes):
        episodes.append(
            {
                "start_date": e.start_date.value,
                "end_date": e.end_date.value,
                "visits": e.visits.value,
                "discharge_function_pct": e.discharge_function_pct.value if e.discharge_function_pct else None,
                "discharge_note": e.discharge_note.value if e.discharge_note else None,
            }
        )
        p = f"prior_episodes[{i}]"
        src(f"{p}.start_date", e.start_date)
        src(f"{p}.end_date", e.end_date)
        src(f"{p}.visits", e.visits)
        src(f"{p}.discharge_function_pct", e.discharge_function_pct)
        src(f"{p}.discharge_note", e.discharge_note)

    src("request.frequency_per_week", ex.frequency_per_week)
    src("request.duration_weeks", ex.duration_weeks)
    src("clinical.affected_side", ex.affected_side)
    flags: list[str] = []
    for f in ex.red_flags:
        if f.value not in flags:
            flags.append(f.value)
        sources.append({"path": f"clinical.red_flags[{flags.index(f.value)}]", "page": f.page, "quote": f.quote})

    d = ex.documentation
    evidence: list[dict[str, Any]] = []

    def ev(finding: str, page: int) -> None:
        if {"finding": finding, "page": page} not in evidence:
            evidence.append({"finding": finding, "page": page})

    deficits: list[str] = []
    for f in d.functional_deficits:
        if f.value not in deficits:
            deficits.append(f.value)
        sources.append(
            {"path": f"documentation.functional_deficits[{deficits.index(f.value)}]", "page": f.page, "quote": f.quote}
        )
        ev("functional_deficits", f.page)
    impairments: list[str] = []
    for f in d.objective_impairments:
        if f.value not in impairments:
            impairments.append(f.value)
        sources.append(
            {
                "path": f"documentation.objective_impairments[{impairments.index(f.value)}]",
                "page": f.page,
                "quote": f.quote,
            }
        )
        ev("objective_impairments", f.page)
    if d.reported_improvement_pct:
        src("documentation.reported_improvement_pct", d.reported_improvement_pct)
        ev("reported_improvement_pct", d.reported_improvement_pct.page)
    goals = None
    if d.goals:
        g = d.goals.value
        goals = {
            "short_term_met": g.short_term_met,
            "short_term_total": g.short_term_total,
            "long_term_met": g.long_term_met,
            "long_term_total": g.long_term_total,
        }
        src("documentation.goals", d.goals)
        ev("goals", d.goals.page)
    measures: list[dict[str, Any]] = []
    for om in d.outcome_measures:
        if om.value.date is None:
            continue
        measures.append({"name": om.value.name, "date": om.value.date, "score": _num(om.value.score)})
        src(f"documentation.outcome_measures[{len(measures) - 1}]", om)
        ev("outcome_measures", om.page)
    for f in d.strength:
        src("documentation.strength_measured_objectively", f)
        ev("strength_measured_objectively", f.page)
    for f in d.exercise_parameters:
        src("documentation.exercise_parameters_documented", f)
        ev("exercise_parameters_documented", f.page)
    if d.gap_explanation:
        src("documentation.gap_explanation", d.gap_explanation)
        ev("gap_explanation", d.gap_explanation.page)

    fragment = {
        "visits": visits,
        "prior_episodes": episodes,
        "request": {
            "frequency_per_week": ex.frequency_per_week.value if ex.frequency_per_week else None,
            "duration_weeks": ex.duration_weeks.value if ex.duration_weeks else None,
        },
        "clinical": {
            "affected_side": ex.affected_side.value if ex.affected_side else None,
            "red_flags": flags,
        },
        "documentation": {
            "functional_deficits": deficits,
            "objective_impairments": impairments,
            "reported_improvement_pct": d.reported_improvement_pct.value if d.reported_improvement_pct else None,
            "goals": goals,
            "outcome_measures": measures,
            "strength_measured_objectively": bool(d.strength),
            "exercise_parameters_documented": bool(d.exercise_parameters),
            "gap_explanation": d.gap_explanation.value if d.gap_explanation else None,
            "evidence": evidence,
        },
    }
    return {
        **fragment,
        "sources": sources,
        "side_mentions": [{"side": m.side, "page": m.page, "quote": m.quote} for m in ex.side_mentions],
        "ocr_pages": list(ex.ocr_pages),
    }
