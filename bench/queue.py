"""Queue page at scale: server time p50/p95 and SQL query count with 1k / 10k / 100k cases.

Cases are generated and bulk-inserted in chunks into the bench database (PostgreSQL), growing
from one size to the next. At each size the queue page is requested through Django's full
stack (test client: middleware, view, template) as a supervisor (sees every case) and as a
reviewer (sees a 1/20 share). Sizes: BENCH_QUEUE_SIZES=1000,10000,100000 (quick: 200,1000).
"""

from __future__ import annotations

import re
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench._common import ensure_user, env_int, env_ints, reset_case_data, summarize_ms
from bench._datagen import insert_cases

N_REVIEWERS = 20


CASE_LINK = re.compile(rb'href="/cases/[0-9a-f-]{36}/')


def _measure(client: Client, url: str, *, requests: int, budget_s: float) -> tuple[list[float], int, int, int]:
    for _ in range(3):  # warm caches, connections, template loaders
        response = client.get(url)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    queries = len(ctx.captured_queries)
    samples: list[float] = []
    size = rows = 0
    deadline = time.perf_counter() + budget_s
    while len(samples) < requests and (len(samples) < 5 or time.perf_counter() < deadline):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        size = len(response.content)
        rows = len(CASE_LINK.findall(response.content))
    return samples, queries, size, rows


def run() -> dict:
    sizes = env_ints("BENCH_QUEUE_SIZES", [1_000, 10_000, 100_000], [200, 1_000])
    requests = env_int("BENCH_QUEUE_REQUESTS", 30, 10)
    budget = float(env_int("BENCH_QUEUE_BUDGET_S", 30, 5))
    reset_case_data()
    supervisor = ensure_user("bench_supervisor", "supervisor", credential_kind="physician")
    reviewers = [ensure_user(f"bench_reviewer_{i:02d}", "reviewer") for i in range(N_REVIEWERS)]
    sup_client, rev_client = Client(), Client()
    sup_client.force_login(supervisor)
    rev_client.force_login(reviewers[0])

    out: dict = {"db_vendor_postgresql": int(connection.vendor == "postgresql")}
    have = 0
    for n in sorted(sizes):
        start = time.perf_counter()
        insert_cases(start=have, count=n - have, reviewers=reviewers)
        out[f"insert_{n}_rows_per_s"] = round((n - have) / (time.perf_counter() - start), 1)
        have = n
        for who, client in (("supervisor", sup_client), ("reviewer", rev_client)):
            samples, queries, size, rows = _measure(client, "/", requests=requests, budget_s=budget)
            out.update(summarize_ms(samples, f"{who}_{n}"))
            out[f"{who}_{n}_queries"] = queries
            out[f"{who}_{n}_kb"] = round(size / 1024, 1)
            out[f"{who}_{n}_rows_shown"] = rows
    big, small = max(sizes), min(sizes)
    out["queries_constant"] = int(
        all(out[f"{w}_{big}_queries"] == out[f"{w}_{small}_queries"] for w in ("supervisor", "reviewer"))
    )
    out["p95_under_150ms_at_largest"] = int(out[f"supervisor_{big}_p95_ms"] < 150)
    return out
