"""Score an extract_record payload against a record's labels: precision/recall per field group.

A value counts only with its right page. Groups: visits, prior_episodes, plan, affected_side,
red_flags, documentation, side_mentions.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

GROUPS = ["visits", "prior_episodes", "plan", "affected_side", "red_flags", "documentation", "side_mentions"]


def _num(x: Any) -> Any:
    return round(float(x), 2) if isinstance(x, int | float) and not isinstance(x, bool) else x


def label_tuples(labels: dict[str, Any]) -> dict[str, set[tuple[Any, ...]]]:
    out: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    for v in labels.get("visits", []):
        out["visits"].add(("visit", v["date"], v["kind"], v["page"]))
        for key in ("pain_nprs", "function_pct", "side_documented"):
            if v.get(key) is not None:
                out["visits"].add((key, v["date"], v[key], v["page"]))
    for e in labels.get("prior_episodes", []):
        out["prior_episodes"].add(("episode", e["start_date"], e["end_date"], e["visits"], e["page"]))
        if e.get("discharge_function_pct") is not None:
            out["prior_episodes"].add(
                ("discharge_function_pct", e["start_date"], e["discharge_function_pct"], e["page"])
            )
    plan = labels.get("plan")
    if plan:
        out["plan"].add(("frequency_per_week", plan["frequency_per_week"], plan["page"]))
        out["plan"].add(("duration_weeks", plan["duration_weeks"], plan["page"]))
    side = labels.get("affected_side")
    if side:
        out["affected_side"].add((side["value"], side["page"]))
    for f in labels.get("red_flags", []):
        out["red_flags"].add((f["flag"], f["page"]))
    d = labels.get("documentation") or {}
    if d.get("reported_improvement_pct"):
        r = d["reported_improvement_pct"]
        out["documentation"].add(("reported_improvement_pct", r["value"], r["page"]))
    if d.get("goals"):
        g = d["goals"]
        out["documentation"].add(
            ("goals", g["short_term_met"], g["short_term_total"], g["long_term_met"], g["long_term_total"], g["page"])
        )
    for m in d.get("outcome_measures", []):
        out["documentation"].add(("outcome", m["name"], m["date"], _num(m["score"]), m["page"]))
    for key, name in (
        ("strength_pages", "strength"),
        ("exercise_parameter_pages", "exercise_parameters"),
        ("functional_deficit_pages", "functional_deficits"),
        ("objective_impairment_pages", "objective_impairments"),
    ):
        for page in d.get(key, []):
            out["documentation"].add((name, page))
    if d.get("gap_explanation_page"):
        out["documentation"].add(("gap_explanation", d["gap_explanation_page"]))
    for m in labels.get("side_mentions", []):
        out["side_mentions"].add((m["side"], m["page"]))
    return out


def payload_tuples(payload: dict[str, Any]) -> dict[str, set[tuple[Any, ...]]]:
    out: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    pages: dict[str, set[int]] = defaultdict(set)
    first: dict[str, int] = {}
    for s in payload.get("sources", []):
        pages[s["path"]].add(s["page"])
        first.setdefault(s["path"], s["page"])
    for v in payload.get("visits", []):
        out["visits"].add(("visit", v["date"], v["kind"], v["page"]))
        for key in ("pain_nprs", "function_pct", "side_documented"):
            if v.get(key) is not None:
                out["visits"].add((key, v["date"], v[key], v["page"]))
    for i, e in enumerate(payload.get("prior_episodes", [])):
        page = first.get(f"prior_episodes[{i}].start_date")
        out["prior_episodes"].add(("episode", e["start_date"], e["end_date"], e["visits"], page))
        if e.get("discharge_function_pct") is not None:
            out["prior_episodes"].add(("discharge_function_pct", e["start_date"], e["discharge_function_pct"], page))
    req = payload.get("request") or {}
    for key in ("frequency_per_week", "duration_weeks"):
        if req.get(key) is not None:
            out["plan"].add((key, req[key], first.get(f"request.{key}")))
    clin = payload.get("clinical") or {}
    if clin.get("affected_side"):
        out["affected_side"].add((clin["affected_side"], first.get("clinical.affected_side")))
    for i, flag in enumerate(clin.get("red_flags", [])):
        for page in pages.get(f"clinical.red_flags[{i}]", set()):
            out["red_flags"].add((flag, page))
    d = payload.get("documentation") or {}
    if d.get("reported_improvement_pct") is not None:
        out["documentation"].add(
            (
                "reported_improvement_pct",
                d["reported_improvement_pct"],
                first.get("documentation.reported_improvement_pct"),
            )
        )
    if d.get("goals"):
        g = d["goals"]
        out["documentation"].add(
            (
                "goals",
                g["short_term_met"],
                g["short_term_total"],
                g["long_term_met"],
                g["long_term_total"],
                first.get("documentation.goals"),
            )
        )
    for i, m in enumerate(d.get("outcome_measures", [])):
        out["documentation"].add(
            ("outcome", m["name"], m["date"], _num(m["score"]), first.get(f"documentation.outcome_measures[{i}]"))
        )
    for path, name in (
        ("documentation.strength_measured_objectively", "strength"),
        ("documentation.exercise_parameters_documented", "exercise_parameters"),
        ("documentation.gap_explanation", "gap_explanation"),
    ):
        for page in pages.get(path, set()):
            out["documentation"].add((name, page))
    for path, ps in pages.items():
        for prefix, name in (
            ("documentation.functional_deficits[", "functional_deficits"),
            ("documentation.objective_impairments[", "objective_impairments"),
        ):
            if path.startswith(prefix):
                for page in ps:
                    out["documentation"].add((name, page))
    for m in payload.get("side_mentions", []):
        out["side_mentions"].add((m["side"], m["page"]))
    return out


def score(records: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, dict[str, float]]:
    """[(labels, payload)] -> {group: {tp, fp, fn, precision, recall}}."""
    totals: dict[str, list[int]] = {g: [0, 0, 0] for g in GROUPS}
    for labels, payload in records:
        want, got = label_tuples(labels), payload_tuples(payload)
        for g in GROUPS:
            w, p = want.get(g, set()), got.get(g, set())
            totals[g][0] += len(w & p)
            totals[g][1] += len(p - w)
            totals[g][2] += len(w - p)
    out: dict[str, dict[str, float]] = {}
    for g, (tp, fp, fn) in totals.items():
        out[g] = {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn) if tp + fn else 1.0,
        }
    return out


def diff(labels: dict[str, Any], payload: dict[str, Any]) -> dict[str, dict[str, list[tuple[Any, ...]]]]:
    want, got = label_tuples(labels), payload_tuples(payload)
    return {
        g: {
            "missed": sorted(want.get(g, set()) - got.get(g, set()), key=str),
            "extra": sorted(got.get(g, set()) - want.get(g, set()), key=str),
        }
        for g in GROUPS
        if want.get(g, set()) != got.get(g, set())
    }
