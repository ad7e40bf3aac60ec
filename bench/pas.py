"""PAS $submit: latency of a 3-item request with a 10-page PDF attached, one client and then 10
concurrent clients, against gunicorn (127.0.0.1) on the bench database (PostgreSQL when reachable).

Real HTTP (requests), real OAuth2 tokens from /fhir/auth/token, a WeasyPrint-made 10-page PDF with
text. With Redis reachable (BENCH_PAS_REDIS_URL, default redis://127.0.0.1:6379/12) the page-text
extraction goes to Redis and a real Celery worker started here drains it after the timed phases (in
production workers have their own cores; BENCH_PAS_WORKER_DURING=1 runs it during the timing on the
same cores); without Redis the task runs inside the request (eager) and the figures include it. Target: p95 under 1 s, 0 errors (the IG asks
for an answer within 15 s).
Sizes: BENCH_PAS_SEQUENTIAL (40; quick 5), BENCH_PAS_CLIENTS (10), BENCH_PAS_PER_CLIENT (10; quick 2).
BENCH_PAS_PORT picks gunicorn's port (default: a free one).
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from bench._common import ROOT, env_int, reset_case_data, summarize_ms, tcp_reachable
from bench.load import free_port, wait_up


def ten_page_pdf() -> bytes:
    from weasyprint import HTML

    page = (
        "<section style='page-break-after: always'><h1>Physical therapy note, page {n}</h1>"
        + "<p>Right knee pain, worse on stairs. Flexion 95 degrees, extension -8. Quadriceps 4-/5. "
        "Progressive strengthening 3x10 at 60% 1RM, gait training, home exercise program reviewed.</p>"
        * 12
        + "</section>"
    )
    return HTML(string="".join(page.format(n=n) for n in range(1, 11))).write_pdf()


def bundle(identifier: str, pdf: bytes) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from tests.pas.bundles import pt_request

    return pt_request(identifier, pdf=pdf)


def token(session: Any, host: str, client_id: str, secret: str) -> str:
    reply = session.post(
        f"{host}/fhir/auth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret), timeout=30
    )
    reply.raise_for_status()
    return str(reply.json()["access_token"])


def run() -> dict:
    import requests
    from django.db import connections

    from pas.services import client_create

    sequential = env_int("BENCH_PAS_SEQUENTIAL", 40, 5)
    clients_n = env_int("BENCH_PAS_CLIENTS", 10)
    per_client = env_int("BENCH_PAS_PER_CLIENT", 10, 2)
    workers = env_int("BENCH_PAS_WORKERS", 3)
    threads = env_int("BENCH_PAS_THREADS", 4)

    reset_case_data()
    pdf = ten_page_pdf()
    made = [client_create(name=f"bench-pas-{time.time_ns()}-{i}") for i in range(clients_n)]
    creds = [(c.application.client_id, secret) for c, secret in made]
    connections.close_all()

    port = env_int("BENCH_PAS_PORT", 0) or free_port()
    host = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    env.update({"PAS_FHIR_BASE_URL": f"{host}/fhir", "PAS_RATE_LIMIT_PER_MINUTE": "100000"})
    worker = None
    worker_cmd: list[str] = []
    if tcp_reachable("127.0.0.1", 6379):
        env.update(
            {
                "REDIS_URL": os.environ.get("BENCH_PAS_REDIS_URL", "redis://127.0.0.1:6379/12"),
                "CELERY_TASK_ALWAYS_EAGER": "0",
                "CELERY_QUEUE": f"bench-pas-{port}",
                "CELERY_RECORDS_QUEUE": f"bench-pas-records-{port}",
            }
        )
        worker_cmd = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "-Q",
            f"{env['CELERY_QUEUE']},{env['CELERY_RECORDS_QUEUE']}",  # page text goes to the records queue
            "--loglevel",
            "WARNING",
        ]
    worker_during = os.environ.get("BENCH_PAS_WORKER_DURING", "0") not in ("", "0")
    if worker_cmd and worker_during:
        worker = subprocess.Popen(worker_cmd, cwd=ROOT, env=env)
    drain_s: float | str | None = None
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
    errors: list[str] = []
    try:
        wait_up(f"{host}/fhir/metadata", timeout=180)
        headers = {"Content-Type": "application/fhir+json"}

        def submit(session: Any, bearer: str, identifier: str, out: list[float]) -> None:
            body = json.dumps(bundle(identifier, pdf)).encode()
            start = time.perf_counter()
            try:
                reply = session.post(
                    f"{host}/fhir/Claim/$submit",
                    data=body,
                    headers={**headers, "Authorization": f"Bearer {bearer}"},
                    timeout=60,
                )
                ok = (
                    reply.status_code == 201 and reply.json()["entry"][0]["resource"]["resourceType"] == "ClaimResponse"
                )
            except (requests.RequestException, ValueError, KeyError) as exc:
                ok, reply = False, exc
            out.append(time.perf_counter() - start)
            if not ok:
                errors.append(str(getattr(reply, "status_code", reply))[:80])

        # Warm each gunicorn worker (imports, FHIR models, ICD tables) before timing.
        with requests.Session() as session:
            bearer = token(session, host, *creds[0])
            for n in range(workers * 2):
                submit(session, bearer, f"WARM-{n}", [])
            errors.clear()
            one: list[float] = []
            for n in range(sequential):
                submit(session, bearer, f"SEQ-{n}", one)

        many: list[float] = []
        lock = threading.Lock()

        # Every client's token first: the token endpoint checks the client secret with Django's password
        # hasher (PBKDF2, deliberately slow); ten of those at once are not part of $submit's latency.
        with requests.Session() as session:
            bearers = [token(session, host, *creds[i]) for i in range(clients_n)]
        start_together = threading.Barrier(clients_n)

        def client_loop(index: int) -> None:
            with requests.Session() as session:
                bearer = bearers[index]
                start_together.wait()
                mine: list[float] = []
                for n in range(per_client):
                    submit(session, bearer, f"CC-{index}-{n}", mine)
                with lock:
                    many.extend(mine)

        # Baseline, the same way: 10 concurrent clients reading the CapabilityStatement (no database
        # write, no FHIR parsing) show what this machine and gunicorn give under the current load.
        floor: list[float] = []

        def metadata_loop() -> None:
            with requests.Session() as session:
                mine = []
                for _ in range(per_client):
                    start = time.perf_counter()
                    ok = session.get(f"{host}/fhir/metadata", timeout=60).status_code == 200
                    mine.append(time.perf_counter() - start)
                    if not ok:
                        errors.append("metadata")
                with lock:
                    floor.extend(mine)

        pool = [threading.Thread(target=metadata_loop) for _ in range(clients_n)]
        for t in pool:
            t.start()
        for t in pool:
            t.join()

        wall = time.perf_counter()
        pool = [threading.Thread(target=client_loop, args=(i,)) for i in range(clients_n)]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        wall = time.perf_counter() - wall
        if worker_cmd and not worker_during:
            # The queued page-text extraction is drained after the timed phases (in production the
            # workers have their own cores); the drain time is reported.
            from reviews.models import ClinicalDocument

            drain = time.perf_counter()
            worker = subprocess.Popen(worker_cmd, cwd=ROOT, env=env)
            deadline = time.monotonic() + env_int("BENCH_PAS_DRAIN_SECONDS", 300)
            while time.monotonic() < deadline and ClinicalDocument.objects.filter(extraction_status="pending").exists():
                time.sleep(1)
            left = ClinicalDocument.objects.filter(extraction_status="pending").count()
            drain_s = round(time.perf_counter() - drain, 1) if not left else f"{left} documents still pending"
            connections.close_all()
    finally:
        for proc in (gunicorn, worker):
            if proc is None:
                continue
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    return {
        "text_extraction": (
            ("celery worker during the timing" if worker_during else "celery worker, drained after the timing")
            if worker_cmd
            else "eager (in the request)"
        ),
        "extraction_drain_s": drain_s if drain_s is not None else "-",
        "pdf_pages": 10,
        "pdf_bytes": len(pdf),
        "items": 3,
        "sequential_requests": len(one),
        **summarize_ms(one, "submit_1_client"),
        "concurrent_clients": clients_n,
        "concurrent_requests": len(many),
        **summarize_ms(many, f"submit_{clients_n}_clients"),
        "concurrent_requests_per_s": round(len(many) / wall, 1) if wall else 0.0,
        **summarize_ms(floor, f"baseline_metadata_{clients_n}_clients"),
        "load_average_1m_at_end": round(os.getloadavg()[0], 2),
        "errors": len(errors),
        "gunicorn_workers": workers,
        "gunicorn_threads": threads,
        "pdf_b64_bytes": len(base64.b64encode(pdf)),
    }


if __name__ == "__main__":
    from bench._common import django_setup, print_figures

    django_setup()
    print_figures(run())
