"""A hand-built CriteriaSnapshot for pure-engine tests (no database), plus case-dict helpers."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from criteria.engine.types import (
    CitationRef,
    CriteriaSnapshot,
    OutcomeMeasure,
    PolicyParams,
    RedFlag,
    ServiceEntry,
    VisitBenchmark,
)
from tests.seeds import SEED_APPROVE, SEED_DENY, seed_data


def load_seed(path: Path) -> dict[str, Any]:
    return seed_data(path.name)


def seed_approve() -> dict[str, Any]:
    return load_seed(SEED_APPROVE)


def seed_deny() -> dict[str, Any]:
    return load_seed(SEED_DENY)


SERVICES = (
    ServiceEntry(
        "97110",
        "Therapeutic exercise, each 15 min",
        True,
        "established",
        ("acr-oa-2019/exercise", "kemp-2020/exercise"),
    ),
    ServiceEntry("97112", "Neuromuscular re-education, each 15 min", True, "established"),
    ServiceEntry(
        "97140",
        "Manual therapy techniques, each 15 min",
        True,
        "established",
        ("acr-oa-2019/manual-therapy", "kemp-2020/manual-therapy"),
    ),
    ServiceEntry("97530", "Therapeutic activities, each 15 min", True, "established"),
    ServiceEntry("97161", "PT evaluation, low complexity", False, "established"),
    ServiceEntry("97162", "PT evaluation, moderate complexity", False, "established"),
    ServiceEntry("97163", "PT evaluation, high complexity", False, "established"),
    ServiceEntry("97164", "PT re-evaluation", False, "established", ("cms-bpm-220/re-evaluation",)),
    ServiceEntry(
        "0552T",
        "Low-level laser therapy, dynamic photonic",
        False,
        "experimental_investigational",
        ("ibx-laser/experimental",),
    ),
    ServiceEntry("97010", "Hot or cold packs", False, "not_covered"),
)

BENCHMARKS = (
    VisitBenchmark(("M25.55*",), 14, "Hip pain", 75, None, "MCG (licensed)", "licensed", "U", ("mcg/hip-pain",)),
    VisitBenchmark(("M16*",), 12, "Hip osteoarthritis", None, None, "test", "public", "U"),
    VisitBenchmark(("M25.562",), 10, "Left knee pain (exact)", None, None, "test", "public", "U"),
    VisitBenchmark(("M25.56*",), 16, "Knee pain", None, None, "test", "public", "U"),
)

RED_FLAGS = (
    RedFlag("suspected_fracture", "Suspected fracture", ("nhs-glos/hip-red-flags",)),
    RedFlag("cauda_equina", "Cauda equina syndrome"),
)

MEASURES = (
    OutcomeMeasure(
        "HOOS",
        "Hip disability and Osteoarthritis Outcome Score",
        ("HOOS ADL",),
        "0-100",
        8.0,
        True,
        ("cheng-2025/hoos",),
    ),
    OutcomeMeasure("iHOT-12", "International Hip Outcome Tool (12)", ("IHOT12", "iHOT 12"), "0-100", 13.0, True),
    OutcomeMeasure("LEFS", "Lower Extremity Functional Scale", (), "0-80", 9.0, True),
    OutcomeMeasure("ODI", "Oswestry Disability Index", ("Oswestry",), "0-100", 10.0, False),
)

RULE_CITATIONS = (
    ("visits.benchmark_exceeded", ("mcg/hip-pain",)),
    ("advisory.alternative_diagnosis", ("acr-ac-hip-2016/imaging",)),
    ("advisory.manual_therapy_population", ("acr-oa-2019/manual-therapy", "kemp-2020/manual-therapy")),
    ("documentation.exercise_parameters_missing", ("kemp-2020/exercise-descriptors",)),
    ("documentation.outcome_measures_missing", ("enseki-2014/outcome-measures",)),
    ("clinical.red_flag", ("finucane-2020/red-flags",)),
)

CITATIONS = tuple(
    CitationRef(cid, f"Statement {cid}", "conditional", f"Source of {cid}", f"Reference for {cid}")
    for cid in sorted(
        {c for _, ids in RULE_CITATIONS for c in ids}
        | {c for s in SERVICES for c in s.citations}
        | {"mcg/hip-pain", "cheng-2025/hoos"}
    )
)


def make_snapshot(**overrides: Any) -> CriteriaSnapshot:
    fields: dict[str, Any] = dict(
        set_key="outpatient-pt",
        version_id=3,
        version_label="Outpatient PT criteria v3 (effective 2025-01-01)",
        effective_from=date(2025, 1, 1),
        effective_to=None,
        services=SERVICES,
        benchmarks=BENCHMARKS,
        red_flags=RED_FLAGS,
        outcome_measures=MEASURES,
        documentation_requirements=("validated outcome measure",),
        policy=PolicyParams(),
        rule_citations=RULE_CITATIONS,
        citations=CITATIONS,
    )
    fields.update(overrides)
    return CriteriaSnapshot(**fields)


SNAPSHOT = make_snapshot()
