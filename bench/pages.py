"""Page cost in process: SQL queries and CPU ms per request of every page of bench/load.py's team
mix and of the empty view behind the same middleware (signed in), and each page's CPU cost
against the empty view's.

Set-up: bench/load.py's own seeding (`_seed`) on the bench database, at BENCH_PAGES_CASES (300)
generated cases and BENCH_PAGES_RICH_CASES (2) imported cases per reviewer. The requests are
bench/load.py's (`page_requests`: the Django test client, the same URLs, headers and review form);
`/bench/empty/` is routed in this process only (UR_BENCH_ENDPOINTS on, the URLconf reloaded).
Tasks are not run in the request: Celery publishes to an in-memory broker (as gunicorn publishes
to Redis), so `recommendation_run` costs the request, not the engine.

Per page: one warm request, the queries of a second (CaptureQueriesContext), then
BENCH_PAGES_ROUNDS (5) rounds of BENCH_PAGES_N (20) requests; the CPU time of this process
(`time.process_time()`: Python, templates, the database driver; not PostgreSQL's own CPU) and the
wall time per request of each round, the median round reported. CPU time follows the machine's
load much less than wall time does, so the ratios are comparable between runs on a shared host.
`<page>_cpu_vs_empty` is the page's CPU per request over the empty view's: flat out on a
CPU-bound stack, requests/s scale with its inverse (the load target, >= 50% of the empty view's
requests/s, needs about <= 2).
"""

from __future__ import annotations

import importlib
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

from bench._common import env_int
from bench.load import PAGES, _seed, check_response, page_requests


def _bench_routes(on: bool) -> None:
    """Route /bench/empty/ in this process (on) or not (off): the setting, then the URLconf reloaded."""
    from django.conf import settings
    from django.urls import clear_url_caches

    import config.urls

    settings.UR_BENCH_ENDPOINTS = on
    importlib.reload(config.urls)
    clear_url_caches()


def _in_memory_broker() -> None:
    """Queue tasks in memory instead of running them in the request (eager without REDIS_URL)."""
    from config.celery import app

    app.conf.task_always_eager = False
    app.conf.update(broker_url="memory://")


def measure(call: Callable[[], Any], n: int, rounds: int) -> tuple[float, float]:
    """Median over rounds of (CPU ms, wall ms) per request."""
    cpu, wall = [], []
    for _ in range(rounds):
        c0, w0 = time.process_time(), time.perf_counter()
        for _ in range(n):
            call()
        cpu.append((time.process_time() - c0) * 1000 / n)
        wall.append((time.perf_counter() - w0) * 1000 / n)
    return statistics.median(cpu), statistics.median(wall)


def page_costs(plan: dict[str, Any], pages: list[str], n: int, rounds: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    requests = page_requests(plan)
    out: dict[str, Any] = {}
    for name in ["empty", *pages]:
        call = requests[name]
        check_response(name, call())  # warm (per-process caches)
        with CaptureQueriesContext(connection) as ctx:
            check_response(name, call())
        out[f"{name}_queries"] = len(ctx.captured_queries)
        cpu, wall = measure(call, n, rounds)
        out[f"{name}_cpu_ms"] = round(cpu, 2)
        out[f"{name}_wall_ms"] = round(wall, 2)
    empty = out["empty_cpu_ms"]
    for name in pages:
        out[f"{name}_cpu_vs_empty"] = round(out[f"{name}_cpu_ms"] / empty, 2) if empty else float("nan")
    return out


def run() -> dict:
    cases = env_int("BENCH_PAGES_CASES", 300, 100)
    rich = env_int("BENCH_PAGES_RICH_CASES", 2, 2)
    n = env_int("BENCH_PAGES_N", 20, 5)
    rounds = env_int("BENCH_PAGES_ROUNDS", 5, 3)
    only = [p for p in os.environ.get("BENCH_PAGES_PAGES", "").split(",") if p] or PAGES
    t0 = time.perf_counter()
    _reviewers, _supervisors, plan = _seed(cases, rich)
    out: dict[str, Any] = {"setup_s": round(time.perf_counter() - t0, 1), "requests_per_round": n, "rounds": rounds}
    _in_memory_broker()
    _bench_routes(True)
    try:
        out.update(page_costs(plan, only, n, rounds))
    finally:
        _bench_routes(False)
    worst = max(only, key=lambda p: out[f"{p}_cpu_vs_empty"])
    out["worst_page"] = worst
    out["worst_cpu_vs_empty"] = out[f"{worst}_cpu_vs_empty"]
    out["pages_le_2x_empty_cpu"] = int(all(out[f"{p}_cpu_vs_empty"] <= 2 for p in only))
    return out


if __name__ == "__main__":
    from bench._common import django_setup, print_figures

    django_setup()
    print_figures(run())
