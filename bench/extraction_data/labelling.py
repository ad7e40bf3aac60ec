"""The label helpers every labelled record set writes its labels with (one visit, outcome measure, prior
episode, documentation block, the whole label dict, a fax header line), in the shape bench/extraction_score.py
scores."""

from __future__ import annotations

from typing import Any


def _v(
    date: str, kind: str, page: int, nprs: int | None = None, fn: int | None = None, side: str | None = None
) -> dict[str, Any]:
    return {"date": date, "kind": kind, "page": page, "pain_nprs": nprs, "function_pct": fn, "side_documented": side}


def _om(name: str, date: str, score: float, page: int) -> dict[str, Any]:
    return {"name": name, "date": date, "score": score, "page": page}


def _ep(start: str, end: str, visits: int, page: int, fn: int | None = None) -> dict[str, Any]:
    return {"start_date": start, "end_date": end, "visits": visits, "page": page, "discharge_function_pct": fn}


def _doc(
    *,
    improvement: tuple[int, int] | None = None,
    goals: tuple[int, int, int, int, int] | None = None,
    outcomes: list[dict[str, Any]] | None = None,
    strength: list[int] | None = None,
    exercise: list[int] | None = None,
    deficits: list[int] | None = None,
    impairments: list[int] | None = None,
    gap: int | None = None,
) -> dict[str, Any]:
    return {
        "reported_improvement_pct": {"value": improvement[0], "page": improvement[1]} if improvement else None,
        "goals": (
            {
                "short_term_met": goals[0],
                "short_term_total": goals[1],
                "long_term_met": goals[2],
                "long_term_total": goals[3],
                "page": goals[4],
            }
            if goals
            else None
        ),
        "outcome_measures": outcomes or [],
        "strength_pages": strength or [],
        "exercise_parameter_pages": exercise or [],
        "functional_deficit_pages": deficits or [],
        "objective_impairment_pages": impairments or [],
        "gap_explanation_page": gap,
    }


def _labels(
    *,
    visits: list[dict[str, Any]],
    plan: tuple[int, int, int] | None,
    side: tuple[str, int] | None,
    documentation: dict[str, Any],
    side_mentions: list[tuple[str, int]],
    red_flags: list[tuple[str, int]] | None = None,
    prior: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "visits": visits,
        "prior_episodes": prior or [],
        "plan": {"frequency_per_week": plan[0], "duration_weeks": plan[1], "page": plan[2]} if plan else None,
        "affected_side": {"value": side[0], "page": side[1]} if side else None,
        "red_flags": [{"flag": f, "page": p} for f, p in red_flags or []],
        "documentation": documentation,
        "side_mentions": [{"side": s, "page": p} for s, p in side_mentions],
    }


def _fax(n: int, total: int, stamp: str = "NOV-14-2025 09:12") -> str:
    return f"{stamp}  FROM: 555 214 0099   TO: UR INTAKE              P.{n:03d}/{total:03d}\n"
