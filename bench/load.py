"""Load: 50 concurrent simulated reviewers on the queue and case pages, against gunicorn, 60 s.

Generated data in the bench database (BENCH_LOAD_CASES cases across 10 reviewers), gunicorn
serving config.wsgi on 127.0.0.1 only (gthread, BENCH_LOAD_WORKERS x BENCH_LOAD_THREADS), and
locust headless (bench/locustfile.py). Reports requests/s, p50/p95 and errors (target: zero).
Sizes: BENCH_LOAD_USERS_N (50; quick 10), BENCH_LOAD_SECONDS (60; quick 10).
"""

from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench._common import BENCH_PASSWORD, ROOT, ensure_user, env_int, reset_case_data
from bench._datagen import insert_cases

N_REVIEWERS = 10


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback URL we built
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer on {url} within {timeout:.0f}s")


def read_stats(prefix: str) -> dict[str, dict[str, str]]:
    with open(f"{prefix}_stats.csv", newline="") as fh:
        return {row["Name"]: row for row in csv.DictReader(fh)}


def run() -> dict:
    users_n = env_int("BENCH_LOAD_USERS_N", 50, 10)
    seconds = env_int("BENCH_LOAD_SECONDS", 60, 10)
    cases = env_int("BENCH_LOAD_CASES", 2_000, 200)
    workers = env_int("BENCH_LOAD_WORKERS", 3)
    threads = env_int("BENCH_LOAD_THREADS", 4)

    reset_case_data()
    reviewers = [ensure_user(f"bench_reviewer_{i:02d}", "reviewer") for i in range(N_REVIEWERS)]
    insert_cases(start=0, count=cases, reviewers=reviewers, prefix="BL")
    from django.db import connections

    connections.close_all()

    port = free_port()
    host = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    env.update(
        {
            "BENCH_LOAD_USERS": ",".join(u.username for u in reviewers),
            "BENCH_LOAD_PASSWORD": BENCH_PASSWORD,
            "AXES_FAILURE_LIMIT": "1000",
        }
    )
    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--worker-class",
            "gthread",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_up(f"{host}/login/")
        with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
            prefix = f"{tmp}/locust"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "locust",
                    "-f",
                    str(ROOT / "bench" / "locustfile.py"),
                    "--headless",
                    "-u",
                    str(users_n),
                    "-r",
                    str(max(1, users_n // 5)),
                    "-t",
                    f"{seconds}s",
                    "--host",
                    host,
                    "--csv",
                    prefix,
                    "--only-summary",
                    "--stop-timeout",
                    "5",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=ROOT,
                env=env,
                check=False,
                timeout=seconds + 120,
            )
            stats = read_stats(prefix)
    finally:
        gunicorn.terminate()
        try:
            gunicorn.wait(timeout=20)
        except subprocess.TimeoutExpired:
            gunicorn.kill()

    total = stats["Aggregated"]
    out: dict = {
        "users": users_n,
        "seconds": seconds,
        "gunicorn_workers": workers,
        "gunicorn_threads": threads,
        "requests": int(total["Request Count"]),
        "requests_per_s": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "errors": int(total["Failure Count"]),
    }
    for name in ("queue", "case", "login"):
        if name in stats:
            out[f"{name}_p95_ms"] = float(stats[name]["95%"])
            out[f"{name}_errors"] = int(stats[name]["Failure Count"])
    pages = [stats[n] for n in ("queue", "case") if n in stats]
    out["page_requests_per_s"] = round(sum(float(r["Requests/s"]) for r in pages), 1)
    out["zero_errors"] = int(out["errors"] == 0)
    return out
