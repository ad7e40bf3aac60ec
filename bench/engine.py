"""Engine benchmark: per-case latency of the pure engine and of the full task path.

    python -m bench.engine            # prints a table (SQLite bench database under var/)
    python -m bench engine            # through the bench runner

Pure engine: `evaluate(facts, criteria)` on N generated cases (default 10,000).
Task path: import a sample of those cases (BENCH_ENGINE_TASK_CASES, default: all of them) and time
`compute_recommendation_task` end to end (eager: claim, facts from the database, criteria
lookup, evaluate, store, audit). Targets: pure p95 < 2 ms, task path p95 < 25 ms on SQLite.
"""

from __future__ import annotations

import copy
import gc
import json
import os
import random
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SEEDS = Path(__file__).resolve().parent.parent / "reviews" / "fixtures" / "cases"  # the one copy of the seeds
SERVICE_MIX = ["97110", "97140", "97164", "97162", "97530", "97112"]
MEASURES = ["HOOS", "LEFS", "iHOT-12", "HAGOS"]


def _seed_cases() -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in sorted(SEEDS.glob("seed-*.json"))]


def generate_case(rng: random.Random, i: int, seeds: list[dict[str, Any]]) -> dict[str, Any]:
    """A valid ur-case/1 dict: a seed case with randomised visits, history and documentation."""
    data = copy.deepcopy(seeds[i % len(seeds)])
    data.pop("expected", None)
    data["reference"] = f"BENCH-ENG-{i:06d}"
    data["member"]["member_id"] = f"BE{i:07d}"
    start = date(2025, 8, 27) + timedelta(days=rng.randint(-200, 200))
    n_visits = rng.randint(1, 30)
    data["request"].update(
        visits=rng.randint(1, 24),
        start_date=start.isoformat(),
        end_date=(start + timedelta(days=rng.randint(7, 60))).isoformat(),
        services=[{"code": c} for c in rng.sample(SERVICE_MIX, rng.randint(1, 4))],
    )
    first = start - timedelta(days=rng.randint(0, 60))
    data["visits"] = [
        {
            "date": (first + timedelta(days=3 * k)).isoformat(),
            "kind": "evaluation" if k == 0 else "treatment",
            "services": ["97110"],
            "pain_nprs": rng.randint(0, 10),
            "function_pct": rng.randint(10, 90),
            "side_documented": rng.choice(["left", "left", "right"]),
            "page": k + 2,
        }
        for k in range(n_visits)
    ]
    data["prior_episodes"] = [
        {
            "start_date": (first - timedelta(days=rng.randint(120, 300))).isoformat(),
            "end_date": (first - timedelta(days=rng.randint(20, 110))).isoformat(),
            "visits": rng.randint(1, 20),
            "discharge_function_pct": rng.choice([None, 40, 70]),
            "discharge_note": None,
        }
        for _ in range(rng.randint(0, 2))
    ]
    doc = data["documentation"]
    doc["strength_measured_objectively"] = rng.random() < 0.5
    doc["exercise_parameters_documented"] = rng.random() < 0.5
    doc["outcome_measures"] = [
        {
            "name": rng.choice(MEASURES),
            "date": (first + timedelta(days=7 * k)).isoformat(),
            "score": rng.randint(20, 90),
        }
        for k in range(rng.randint(0, 3))
    ]
    data["clinical"]["red_flags"] = ["suspected_fracture"] if rng.random() < 0.03 else []
    return data


def _ensure_criteria() -> None:
    from django.core.management import call_command

    from criteria.selectors import version_in_effect

    if version_in_effect(on=date(2025, 8, 27)) is None:
        call_command("load_criteria", stdout=open(os.devnull, "w"))  # noqa: SIM115


def _summary(samples: list[float], prefix: str) -> dict[str, float]:
    from bench._common import summarize_ms

    return summarize_ms(samples, prefix)


def run(n: int = 10000) -> dict[str, float]:
    """Evaluate n generated cases (pure) and a sample through the task path; figures in ms."""
    from criteria.engine import evaluate
    from reviews.facts import facts_from_case_dict
    from reviews.models import RecommendationJob
    from reviews.services.cases import case_import
    from reviews.services.recommendations import clear_snapshot_cache, criteria_snapshot_on
    from reviews.tasks.recommendations import compute_recommendation_task

    quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
    n = int(os.environ.get("BENCH_ENGINE_CASES", 500 if quick else n))
    n_task = min(n, int(os.environ.get("BENCH_ENGINE_TASK_CASES", 100 if quick else n)))
    _ensure_criteria()
    clear_snapshot_cache()
    rng = random.Random(20250827)  # noqa: S311 - reproducible test data, not security
    seeds = _seed_cases()
    cases = [generate_case(rng, i, seeds) for i in range(n)]

    pure: list[float] = []
    decisions: dict[str, int] = {}
    snapshots = {}
    gc.collect()
    gc.disable()  # as timeit does: time the engine, not the collector's pauses
    try:
        for data in cases:
            facts = facts_from_case_dict(data)
            on = facts.request.start_date
            if on not in snapshots:
                snapshots[on] = criteria_snapshot_on(on)[0]
            t0 = time.perf_counter()
            result = evaluate(facts, snapshots[on])
            pure.append(time.perf_counter() - t0)
            decisions[result.decision] = decisions.get(result.decision, 0) + 1
    finally:
        gc.enable()

    imported = [case_import(data=cases[i]) for i in range(n_task)]
    task: list[float] = []
    compute_recommendation_task.apply(args=(imported[0].pk,)).get()  # warm caches and imports
    for case in imported:
        job = RecommendationJob.objects.create(case=case)
        t0 = time.perf_counter()
        out = compute_recommendation_task.apply(args=(case.pk, job.pk)).get()
        task.append(time.perf_counter() - t0)
        if out.get("status") != "done":
            raise RuntimeError(f"task path failed for {case.reference}: {out}")

    figures: dict[str, Any] = {"cases": n, "task_cases": n_task}
    figures.update(_summary(pure, "pure"))
    figures.update(_summary(task, "task"))
    figures.update({f"decisions_{k}": v for k, v in sorted(decisions.items())})
    figures["pure_target_met"] = figures["pure_p95_ms"] < 2.0
    figures["task_target_met"] = figures["task_p95_ms"] < 25.0
    return figures


def main() -> None:
    from bench._common import VAR, django_setup, print_figures

    VAR.mkdir(exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{VAR / 'bench_engine.sqlite3'}")
    if "bench" in os.environ["DATABASE_URL"] and os.environ["DATABASE_URL"].startswith("sqlite"):
        (VAR / "bench_engine.sqlite3").unlink(missing_ok=True)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    django_setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print_figures(run())


if __name__ == "__main__":
    main()
