"""Load: a review team of BENCH_LOAD_USERS_N (100) simulated users for BENCH_LOAD_SECONDS (300) after
the ramp, against gunicorn with 2 Celery workers on the bench database (PostgreSQL), side by side
with the stack's own limit and each page's unloaded latency.

Set-up (in this process, on the bench database): the criteria, 10 reviewers and 2 supervisors,
BENCH_LOAD_CASES generated cases (queue volume), per reviewer BENCH_LOAD_RICH_CASES cases imported
from the fixtures (visits, diagnoses, a review: the cases the team works) and one signed letter.
The SQL query count of every page is measured here with the Django test client.

Then, with a private redis-server, 2 Celery workers (solo pool) and gunicorn (gthread,
BENCH_LOAD_WORKERS x BENCH_LOAD_THREADS, UR_BENCH_ENDPOINTS=1 for the empty view), locust
(bench/locustfile.py) runs, in order:
1. each page alone, one user, no think time, BENCH_LOAD_UNLOADED_SECONDS: the unloaded p50;
2. each page alone, BENCH_LOAD_SOLO_USERS users flat out, BENCH_LOAD_SOLO_SECONDS: its requests/s,
   and the same for `empty` (an empty view behind the same middleware, signed in): the stack's limit;
3. the team: BENCH_LOAD_USERS_N users (reviewers and 10% supervisors, think time BENCH_LOAD_WAIT),
   spawned over BENCH_LOAD_RAMP_SECONDS (every one signs in: logins are measured apart), statistics
   reset when all are in, then BENCH_LOAD_SECONDS of steady load.
Phases 1 and 2 use sessions made in the set-up (no password hashing inside the measurements).

Targets (var/bench.json): 0 errors; every page's solo requests/s >= 50% of the empty view's; under
the team load each page's p95 <= 4x its unloaded p50. The load average is sampled in every phase.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench._common import BENCH_PASSWORD, ROOT, ensure_user, env_int, reset_case_data
from bench._datagen import insert_cases

N_REVIEWERS = 10
N_SUPERVISORS = 2
FIXTURES = sorted((ROOT / "reviews" / "fixtures" / "cases").glob("*.json"))
# The pages of the team's mix (bench/locustfile.py names), and the stack's own limit.
PAGES = [
    "queue",
    "case",
    "review",
    "review_save",
    "recommendation",
    "recommendation_run",
    "letter_download",
    "dashboard",
]


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


class LoadSampler:
    """Every 2 s while a phase runs: the 1-minute load average (the machine is shared), and how many
    of the bench database's backends wait for a lock (the audit chain head is one row every
    audited request locks)."""

    def __init__(self) -> None:
        self.samples: list[float] = []
        self.lock_waits: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        conn = self._connect()
        while not self._stop.is_set():
            self.samples.append(os.getloadavg()[0])
            if conn is not None:
                try:
                    row = conn.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        " AND wait_event_type = 'Lock'"
                    ).fetchone()
                    self.lock_waits.append(int(row[0]) if row else 0)
                except Exception:  # noqa: BLE001 - a probe; the bench goes on without it
                    conn = None
            self._stop.wait(2)
        if conn is not None:
            conn.close()

    @staticmethod
    def _connect() -> Any:
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith("postgres"):
            return None
        try:
            import psycopg

            return psycopg.connect(url, autocommit=True)
        except Exception:  # noqa: BLE001 - a probe
            return None

    def __enter__(self) -> LoadSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def figures(self) -> dict[str, float]:
        data = self.samples or [os.getloadavg()[0]]
        out = {"mean": round(statistics.fmean(data), 2), "max": round(max(data), 2)}
        if self.lock_waits:
            out["lock_waiters_mean"] = round(statistics.fmean(self.lock_waits), 2)
            out["lock_waiters_max"] = max(self.lock_waits)
            out["lock_wait_share"] = round(sum(1 for n in self.lock_waits if n) / len(self.lock_waits), 2)
        return out


# --- set-up -------------------------------------------------------------------------------------


def _seed(cases: int, rich_per_reviewer: int) -> tuple[list[Any], list[Any], dict[str, Any]]:
    from django.core.management import call_command

    from bench.letters import _determinations
    from criteria.models import CriteriaVersion
    from reviews.models import Determination
    from reviews.services.cases import case_import
    from reviews.services.letters import letter_issue

    if not CriteriaVersion.objects.exists():
        call_command("load_criteria", stdout=open(os.devnull, "w"))  # noqa: SIM115
    reset_case_data()
    reviewers = [ensure_user(f"bench_reviewer_{i:02d}", "reviewer") for i in range(N_REVIEWERS)]
    supervisors = [
        ensure_user(f"bench_supervisor_{i:02d}", "supervisor", credential_kind="physician")
        for i in range(N_SUPERVISORS)
    ]
    insert_cases(start=0, count=cases, reviewers=reviewers, prefix="BL")
    seeds = []
    for path in FIXTURES:
        data = json.loads(path.read_text())
        data.pop("expected", None)
        seeds.append(data)
    plan_reviewers = []
    for r_i, reviewer in enumerate(reviewers):
        mine = []
        for k in range(rich_per_reviewer):
            data = seeds[(r_i + k) % len(seeds)]
            case = case_import(data={**data, "reference": f"BLR-{r_i:02d}-{k:03d}"}, replace=True, assign_to=reviewer)
            mine.append(str(case.public_id))
        det_id = _determinations(1, reviewer, start=r_i)[0]
        letter = letter_issue(determination=Determination.objects.get(pk=det_id))
        letters = [f"/cases/{letter.case.public_id}/letters/{letter.version}/download/"]
        plan_reviewers.append({"username": reviewer.username, "cases": mine, "letters": letters})
    plan = {
        "password": BENCH_PASSWORD,
        "reviewers": plan_reviewers,
        "supervisors": [s.username for s in supervisors],
        "review_form": _review_form_data(plan_reviewers[0]["cases"][0]),
    }
    return reviewers, supervisors, plan


def _review_form_data(public_id: str) -> dict[str, str]:
    """The review form as the browser would post it for one of the cases (its current values)."""
    from reviews.forms import OUTCOME_ROWS_MIN, ClinicalReviewForm
    from reviews.models import Case, ClinicalReview

    case = Case.objects.get(public_id=public_id)
    review = ClinicalReview.objects.filter(case=case).first() or ClinicalReview(case=case)
    rows = max(OUTCOME_ROWS_MIN, len(review.outcome_measures or []) + 2)
    form = ClinicalReviewForm(initial=ClinicalReviewForm.initial_from(review, case), outcome_rows=rows)
    data: dict[str, str] = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else str(value)
    data["action"] = "save"
    return data


def page_requests(plan: dict[str, Any]) -> dict[str, Any]:
    """One callable per page (the empty view first), each one request of it with the Django test
    client, signed in as the plan's first reviewer (the dashboard: its first supervisor).
    `/bench/empty/` answers only where UR_BENCH_ENDPOINTS routes it (gunicorn's environment,
    bench/pages.py)."""
    from django.contrib.auth.models import User
    from django.test import Client

    me = plan["reviewers"][0]
    case = me["cases"][1]
    hx = {"HX-Request": "true"}
    reviewer = Client()
    reviewer.force_login(User.objects.get(username=me["username"]))
    supervisor = Client()
    supervisor.force_login(User.objects.get(username=plan["supervisors"][0]))
    return {
        "empty": lambda: reviewer.get("/bench/empty/"),
        "queue": lambda: reviewer.get("/"),
        "case": lambda: reviewer.get(f"/cases/{case}/"),
        "review": lambda: reviewer.get(f"/cases/{case}/review/", headers=hx),
        "review_save": lambda: reviewer.post(f"/cases/{case}/review/", plan["review_form"], headers=hx),
        "recommendation": lambda: reviewer.get(f"/cases/{case}/recommendation/", headers=hx),
        "recommendation_run": lambda: reviewer.post(f"/cases/{case}/recommendation/run/", {}, headers=hx),
        "letter_download": lambda: reviewer.get(me["letters"][0]),
        "dashboard": lambda: supervisor.get("/oversight/"),
    }


def check_response(name: str, response: Any) -> None:
    """The set-up check of one page's answer: 200, and the review form's data saves."""
    if response.status_code != 200:
        raise RuntimeError(f"set-up check: {name} answered {response.status_code}")
    if name == "review_save" and b"Draft saved." not in response.content:
        raise RuntimeError("set-up check: the review form data does not save")


def _count_queries(plan: dict[str, Any]) -> dict[str, int]:
    """SQL queries per page (Django test client, a warm second request; the session write included)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts: dict[str, int] = {}
    for name, call in page_requests(plan).items():
        if name == "empty":
            continue  # routed only with UR_BENCH_ENDPOINTS (gunicorn's environment), not here
        call()  # warm (per-process caches)
        with CaptureQueriesContext(connection) as ctx:
            response = call()
        check_response(name, response)
        counts[name] = len(ctx.captured_queries)
    return counts


def _sessions(users: list[Any], n: int) -> list[str]:
    """n signed-in session cookies (round-robin over users), made without the password hash."""
    from django.test import Client

    out = []
    for i in range(n):
        client = Client()
        client.force_login(users[i % len(users)])
        out.append(client.cookies["sessionid"].value)
    return out


def _wait_jobs_drained(timeout: float) -> int:
    from reviews.models import RecommendationJob
    from reviews.models.decisions import JobStatus

    deadline = time.monotonic() + timeout
    pending = 0
    while time.monotonic() < deadline:
        pending = RecommendationJob.objects.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).count()
        if not pending:
            return 0
        time.sleep(2)
    return pending


def _password_hash_cost() -> dict[str, float]:
    from django.contrib.auth.hashers import get_hasher

    hasher = get_hasher("default")
    hasher.encode(BENCH_PASSWORD, hasher.salt())  # warm
    times = []
    for _ in range(3):
        start = time.perf_counter()
        hasher.encode(BENCH_PASSWORD, hasher.salt())
        times.append(time.perf_counter() - start)
    return {
        "password_hasher_iterations": int(getattr(hasher, "iterations", 0)),
        "password_hash_ms": round(statistics.median(times) * 1000, 1),
    }


# --- the run ------------------------------------------------------------------------------------


class Stack:
    """A private redis-server, 2 Celery workers and gunicorn, all on 127.0.0.1."""

    def __init__(self, workers: int, threads: int, celery_workers: int) -> None:
        self.port = env_int("BENCH_LOAD_PORT", 0) or free_port()
        self.redis_port = env_int("BENCH_LOAD_REDIS_PORT", 0) or free_port()
        self.host = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ)
        queue = f"bench-load-{self.port}"
        self.env.update(
            {
                "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
                "CELERY_TASK_ALWAYS_EAGER": "0",
                "CELERY_QUEUE": queue,
                "CELERY_RECORDS_QUEUE": f"{queue}-records",
                "UR_BENCH_ENDPOINTS": "1",
                "AXES_FAILURE_LIMIT": "1000",
            }
        )
        self.procs: list[subprocess.Popen[bytes]] = []
        self.workers, self.threads, self.celery_workers = workers, threads, celery_workers
        self.tmp = tempfile.mkdtemp(prefix="bench-load-")

    def __enter__(self) -> Stack:
        bindir = Path(sys.executable).parent
        self.procs.append(
            subprocess.Popen(
                [
                    "redis-server",
                    "--port",
                    str(self.redis_port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                stdout=subprocess.DEVNULL,
            )
        )
        for i in range(self.celery_workers):
            self.procs.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "config",
                        "worker",
                        "--pool",
                        "solo",
                        "-Q",
                        self.env["CELERY_QUEUE"],
                        "-n",
                        f"bench-load-{i}@%h",
                        "--loglevel",
                        "WARNING",
                    ],
                    cwd=ROOT,
                    env=self.env,
                )
            )
        self.procs.append(
            subprocess.Popen(
                [
                    str(bindir / "gunicorn"),
                    "config.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--worker-class",
                    "gthread",
                    "--workers",
                    str(self.workers),
                    "--threads",
                    str(self.threads),
                    "--log-level",
                    "warning",
                ],
                cwd=ROOT,
                env=self.env,
            )
        )
        wait_up(f"{self.host}/login/")
        return self

    def __exit__(self, *exc: object) -> None:
        for proc in reversed(self.procs):
            proc.terminate()
        for proc in reversed(self.procs):
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def locust(
        self,
        phase: str,
        *,
        users: int,
        seconds: int,
        spawn_rate: float,
        plan_path: str,
        extra: dict[str, str] | None = None,
    ) -> tuple[dict[str, dict[str, str]], dict[str, float]]:
        prefix = f"{self.tmp}/{phase.replace(':', '-')}"
        env = {**self.env, "BENCH_LOAD_PLAN": plan_path, "BENCH_LOAD_PHASE": phase, **(extra or {})}
        cmd = [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(spawn_rate),
            "-t",
            f"{seconds}s",
            "--host",
            self.host,
            "--csv",
            prefix,
            "--only-summary",
            "--stop-timeout",
            "10",
            "--loglevel",
            "ERROR",
        ]
        if phase == "mix":
            cmd.append("--reset-stats")
        with LoadSampler() as load, open(f"{prefix}.log", "wb") as log:
            subprocess.run(cmd, cwd=ROOT, env=env, check=False, timeout=seconds + 180, stdout=log, stderr=log)
        if not Path(f"{prefix}_stats.csv").exists():
            tail = Path(f"{prefix}.log").read_text(errors="replace")[-1500:]
            raise RuntimeError(f"locust {phase} wrote no statistics:\n{tail}")
        return read_stats(prefix), load.figures()


def _mix(
    stack: Stack, users_n: int, ramp: int, seconds: int, plan_path: str, wait: str, login_out: str
) -> tuple[dict[str, dict[str, str]], dict[str, float]]:
    return stack.locust(
        "mix",
        users=users_n,
        seconds=ramp + seconds,
        spawn_rate=round(users_n / ramp, 2),
        plan_path=plan_path,
        extra={"BENCH_LOAD_WAIT": wait, "BENCH_LOAD_LOGIN_OUT": login_out},
    )


def _row(stats: dict[str, dict[str, str]], name: str) -> dict[str, float]:
    row = stats.get(name)
    if row is None or not int(row["Request Count"]):
        return {}
    return {
        "requests": int(row["Request Count"]),
        "errors": int(row["Failure Count"]),
        "rps": round(float(row["Requests/s"]), 1),
        "p50_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
    }


def run() -> dict:
    users_n = env_int("BENCH_LOAD_USERS_N", 100, 20)
    seconds = env_int("BENCH_LOAD_SECONDS", 300, 30)
    ramp = env_int("BENCH_LOAD_RAMP_SECONDS", 100, 20)
    wait = os.environ.get("BENCH_LOAD_WAIT", "3,12")
    unloaded_s = env_int("BENCH_LOAD_UNLOADED_SECONDS", 8, 4)
    solo_s = env_int("BENCH_LOAD_SOLO_SECONDS", 15, 6)
    solo_users = env_int("BENCH_LOAD_SOLO_USERS", 12)
    cases = env_int("BENCH_LOAD_CASES", 2_000, 300)
    rich = env_int("BENCH_LOAD_RICH_CASES", 8, 4)
    workers = env_int("BENCH_LOAD_WORKERS", 2)
    threads = env_int("BENCH_LOAD_THREADS", 4)
    only = [p for p in os.environ.get("BENCH_LOAD_PAGES", "").split(",") if p] or PAGES
    skip_mix = os.environ.get("BENCH_LOAD_SKIP_MIX", "0") not in ("", "0")

    t0 = time.perf_counter()
    reviewers, supervisors, plan = _seed(cases, rich)
    out: dict[str, Any] = {"setup_s": round(time.perf_counter() - t0, 1)}
    out.update(_password_hash_cost())
    for name, count in _count_queries(plan).items():
        out[f"{name}_queries"] = count
    plan["reviewer_sessions"] = _sessions(reviewers, solo_users)
    plan["supervisor_sessions"] = _sessions(supervisors, solo_users)
    from django.db import connections

    connections.close_all()
    plan_path = f"{tempfile.mkdtemp(prefix='bench-load-plan-')}/plan.json"
    Path(plan_path).write_text(json.dumps(plan))

    out.update(
        {
            "users": users_n,
            "seconds": seconds,
            "ramp_seconds": ramp,
            "think_time_s": wait,
            "gunicorn_workers": workers,
            "gunicorn_threads": threads,
            "celery_workers": 2,
            "solo_users": solo_users,
            "cpus": os.cpu_count(),
        }
    )
    pre = {"BENCH_LOAD_PRESIGNED": "1"}
    try:
        _phases(
            out,
            plan_path,
            only,
            pre,
            workers,
            threads,
            skip_mix=skip_mix,
            users_n=users_n,
            seconds=seconds,
            ramp=ramp,
            wait=wait,
            unloaded_s=unloaded_s,
            solo_s=solo_s,
            solo_users=solo_users,
        )
    finally:
        shutil.rmtree(Path(plan_path).parent, ignore_errors=True)
    _judge(out, only, skip_mix or "mix_error" in out)
    return out


def _phases(
    out: dict[str, Any],
    plan_path: str,
    only: list[str],
    pre: dict[str, str],
    workers: int,
    threads: int,
    *,
    skip_mix: bool,
    users_n: int,
    seconds: int,
    ramp: int,
    wait: str,
    unloaded_s: int,
    solo_s: int,
    solo_users: int,
) -> None:
    with Stack(workers, threads, celery_workers=2) as stack:
        # 1. each page alone, one user: the unloaded p50.
        loads: list[float] = []
        for page in ["empty", *only, "login"]:
            stats, load = stack.locust(
                f"solo:{page}",
                users=1,
                seconds=unloaded_s,
                spawn_rate=1,
                plan_path=plan_path,
                extra=pre if page != "login" else None,
            )
            row = _row(stats, page)
            out[f"{page}_unloaded_p50_ms"] = row.get("p50_ms", float("nan"))
            out[f"{page}_unloaded_errors"] = row.get("errors", 0)
            loads.append(load["mean"])
        out["unloaded_load_avg"] = round(statistics.fmean(loads), 2)
        # 2. each page alone, flat out: its requests/s against the empty view's.
        loads = []
        for page in [
            "empty",
            *[p for p in only if p != "recommendation_run"],
            *(["recommendation_run"] if "recommendation_run" in only else []),
        ]:
            stats, load = stack.locust(
                f"solo:{page}", users=solo_users, seconds=solo_s, spawn_rate=solo_users, plan_path=plan_path, extra=pre
            )
            row = _row(stats, page)
            out[f"{page}_solo_rps"] = row.get("rps", 0.0)
            out[f"{page}_solo_p50_ms"] = row.get("p50_ms", float("nan"))
            out[f"{page}_solo_errors"] = row.get("errors", 0)
            loads.append(load["mean"])
        out["solo_load_avg"] = round(statistics.fmean(loads), 2)
        out["jobs_left_after_solo"] = _wait_jobs_drained(180)
        # 3. the team.
        if not skip_mix:
            login_out = f"{stack.tmp}/logins.jsonl"
            try:
                stats, load = _mix(stack, users_n, ramp, seconds, plan_path, wait, login_out)
            except RuntimeError as exc:  # keep the figures of the phases before
                out["mix_error"] = str(exc)[:300]
                return

            out["load_avg_mean"], out["load_avg_max"] = load["mean"], load["max"]
            for key in ("lock_waiters_mean", "lock_waiters_max", "lock_wait_share"):
                if key in load:
                    out[key] = load[key]
            total = stats["Aggregated"]
            out["requests"] = int(total["Request Count"])
            out["requests_per_s"] = round(float(total["Requests/s"]), 1)
            out["p50_ms"] = float(total["50%"])
            out["p95_ms"] = float(total["95%"])
            out["errors"] = int(total["Failure Count"])
            for page in only:
                row = _row(stats, page)
                for key in ("rps", "p50_ms", "p95_ms", "errors", "requests"):
                    out[f"{page}_load_{key}"] = row.get(key, 0)
            logins = [json.loads(line) for line in Path(login_out).read_text().splitlines() if line.strip()]
            ms = sorted(x["ms"] for x in logins)
            out["login_count"] = len(ms)
            out["login_errors"] = sum(1 for x in logins if not x["ok"])
            if ms:
                out["login_p50_ms"] = ms[len(ms) // 2]
                out["login_p95_ms"] = ms[min(len(ms) - 1, int(len(ms) * 0.95))]


def _judge(out: dict[str, Any], pages: list[str], skip_mix: bool) -> None:
    empty = out.get("empty_solo_rps") or 0.0
    slow, wide = [], []
    for page in pages:
        ratio = out.get(f"{page}_solo_rps", 0.0) / empty if empty else 0.0
        out[f"{page}_rps_vs_empty"] = round(ratio, 2)
        if ratio < 0.5:
            slow.append(page)
        if not skip_mix:
            base = out.get(f"{page}_unloaded_p50_ms") or float("nan")
            spread = out.get(f"{page}_load_p95_ms", 0) / base if base == base and base else float("nan")
            out[f"{page}_p95_vs_unloaded_p50"] = round(spread, 2)
            if not spread <= 4:
                wide.append(page)
    errors = out.get("errors", 0) + out.get("login_errors", 0)
    errors += sum(v for k, v in out.items() if k.endswith(("_solo_errors", "_unloaded_errors")))
    out["all_errors"] = errors
    out["zero_errors"] = int(errors == 0)
    out["pages_ge_half_empty_rps"] = int(not slow)
    out["pages_below_half_empty_rps"] = ",".join(slow) or "-"
    if not skip_mix:
        out["p95_le_4x_unloaded_p50"] = int(not wide)
        out["pages_p95_over_4x"] = ",".join(wide) or "-"
