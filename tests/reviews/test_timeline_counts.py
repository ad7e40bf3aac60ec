"""The timeline draws what the engine counted: its total is the engine's cumulative, restarts included.

Regression (#11): the timeline counted visits with its own look-back rule and ignored the engine's
restart rule, so the denial seed with a new onset after the prior episode drew "21 visits vs 14"
while the engine counted 3.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from criteria.engine import evaluate
from reviews.facts import facts_from_case
from reviews.services.cases import case_import
from reviews.services.recommendations import clear_snapshot_cache, criteria_snapshot_on
from reviews.timeline import timeline_for_case

CASES = Path(__file__).resolve().parents[2] / "reviews" / "fixtures" / "cases"


def _seed(name: str) -> dict[str, Any]:
    data = json.loads((CASES / name).read_text())
    data.pop("expected", None)
    return data


def _new_onset(data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    data["clinical"].update(onset="traumatic", onset_date="2025-08-01")  # after the prior episode ended
    return data


def _decline(data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    data["prior_episodes"][0]["discharge_function_pct"] = 70  # the evaluation documents 30%
    return data


VARIANTS = {
    "deny-seed": (lambda: _seed("seed-deny-hip-restart.json"), None, 21),
    "approve-seed": (lambda: _seed("seed-approve-hip-traumatic.json"), None, 14),
    "deny-seed-new-onset": (lambda: _new_onset(_seed("seed-deny-hip-restart.json")), "new_onset", 3),
    "deny-seed-decline": (lambda: _decline(_seed("seed-deny-hip-restart.json")), "decline", 3),
}


@pytest.fixture
def criteria(db: None) -> None:
    clear_snapshot_cache()
    call_command("load_criteria", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_timeline_total_is_the_engines_cumulative(criteria: None, reviewer: Any, variant: str) -> None:
    build, restart, expected = VARIANTS[variant]
    case = case_import(data=build(), assign_to=reviewer)
    facts = facts_from_case(case)
    result = evaluate(facts, criteria_snapshot_on(facts.request.start_date)[0])
    assert result.figures is not None
    assert (result.figures.cumulative, result.figures.restart_reason) == (expected, restart)

    tl = timeline_for_case(case)
    assert tl.total == result.figures.cumulative == expected
    assert tl.drawn_total == tl.total  # the cumulative line ends where the engine's count does
    assert tl.prior_visits == result.figures.prior_visits
    assert tl.benchmark == result.figures.benchmark_visits == 14
    assert tl.headline == f"{expected} visits vs 14"
    if restart is not None:
        [episode] = tl.episodes
        assert not episode.counted and "restart" in episode.label


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_the_case_pages_checklist_facts_draw_the_same_timeline(criteria: None, reviewer: Any, variant: str) -> None:
    """The case page hands the checklist's stored facts to the timeline instead of reading the case again."""
    from reviews.checklist import case_checklist

    case = case_import(data=VARIANTS[variant][0](), assign_to=reviewer)
    checklist = case_checklist(case)
    assert checklist.facts == facts_from_case(case)
    assert timeline_for_case(case, facts=checklist.facts) == timeline_for_case(case)
    assert case_checklist(case, {"red_flags": []}).facts is None  # marks of form values carry no stored facts
