"""Letters: render + sign time against WeasyPrint + pyHanko alone, and letters per minute with 2 Celery workers.

    python -m bench.letters        (or `python -m bench letters`)

`run()` returns:
- letter_p50_ms: median time of the app's path for one letter (context from the determination,
  template, WeasyPrint PDF/A-3b with the JSON attachment, pyHanko PAdES signature);
- baseline_p50_ms: median time of WeasyPrint + pyHanko alone for the same HTML and options;
- overhead_ratio: letter_p50_ms / baseline_p50_ms (target <= 1.15);
- letters_per_minute_2_workers: issue_letter_task throughput through Redis with two
  `celery worker --pool=solo` processes (skipped, with a note, when Redis is not reachable).
Sizes: BENCH_LETTERS_SAMPLES (default 15, quick 5), BENCH_LETTERS_TASKS (default 40, quick 8).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench._common import QUICK, ROOT, VAR, env_int, tcp_reachable

REDIS = ("127.0.0.1", 6379)
QUEUE = "bench_letters"
SEED = ROOT / "reviews" / "fixtures" / "cases" / "seed-deny-hip-restart.json"


def _determinations(n: int, reviewer: Any, start: int) -> list[int]:
    """n decided cases (the deny seed under new references), each with a determination awaiting its letter."""
    from django.utils import timezone

    from reviews.models import Case, CaseStatus, Determination, RecommendationJob
    from reviews.services.cases import case_import
    from reviews.services.determinations import result_lines
    from reviews.services.recommendations import recommendation_compute

    data = json.loads(SEED.read_text())
    data.pop("expected", None)
    ids = []
    for i in range(start, start + n):
        case = case_import(data={**data, "reference": f"BENCH-L{i:05d}"}, replace=True, assign_to=reviewer)
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.IN_REVIEW)
        job = RecommendationJob.objects.create(case=case)
        rec = recommendation_compute(job_id=job.pk)
        # Written directly (not via determination_submit) so that no letter task runs during set-up.
        det = Determination.objects.create(
            case=case,
            recommendation=rec,
            decision=rec.decision if rec.decision != "pend" else "deny",
            approved_visits=rec.approved_visits,
            lines=result_lines(rec.engine_result),
            reviewer=reviewer,
            decided_at=timezone.now(),
        )
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.DETERMINED)
        ids.append(det.pk)
    return ids


def _ratio(det_id: int, samples: int) -> dict[str, float]:
    from reviews.letters import content, render, signing
    from reviews.models import Determination
    from reviews.services.letters import build_signed_pdf

    det = Determination.objects.get(pk=det_id)
    build_signed_pdf(determination=det, version=1, supersedes=None)  # warm: fonts, CA, key, templates
    ours = []
    for _ in range(samples):
        det = Determination.objects.get(pk=det_id)  # a fresh row each time, as a task sees it
        start = time.perf_counter()
        build_signed_pdf(determination=det, version=1, supersedes=None)
        ours.append(time.perf_counter() - start)

    ctx = content.build_letter_context(det)
    html = render.render_letter_html(ctx)
    attachment = content.machine_readable(ctx, det)
    signer = signing.signer_for_identity(det.reviewer.signing_identity)
    base = []
    for _ in range(samples):
        start = time.perf_counter()
        pdf = render.html_to_pdf(html, attachment=attachment)
        signing.sign_pdf(pdf, signer=signer, reason="Utilization review determination: deny", name="Bench")
        base.append(time.perf_counter() - start)
    ours_ms, base_ms = statistics.median(ours) * 1000, statistics.median(base) * 1000
    return {
        "letter_p50_ms": round(ours_ms, 1),
        "baseline_p50_ms": round(base_ms, 1),
        "overhead_ratio": round(ours_ms / base_ms, 3),
    }


def _throughput(reviewer: Any, tasks: int) -> dict[str, Any]:
    if not tcp_reachable(*REDIS):
        return {"letters_per_minute_2_workers": float("nan"), "note": "Redis not reachable: throughput skipped"}
    from django.conf import settings
    from django.db import connection

    from config.celery import app
    from reviews.models import Letter
    from reviews.tasks.letters import issue_letter_task

    if connection.vendor == "sqlite":
        note = "SQLite bench database: two workers contend for one file; use PostgreSQL for a production figure"
    else:
        note = ""
    redis_url = f"redis://{REDIS[0]}:{REDIS[1]}/{os.environ.get('BENCH_REDIS_DB', '14')}"
    env = dict(os.environ)
    env.update(
        REDIS_URL=redis_url,
        CELERY_TASK_ALWAYS_EAGER="0",
        CELERY_QUEUE=QUEUE,
        UR_PKI_DIR=str(settings.UR_PKI_DIR),
        DATABASE_URL=os.environ.get("DATABASE_URL", ""),
        LOG_LEVEL="WARNING",
    )
    app.conf.update(broker_url=redis_url)
    app.conf.task_always_eager = False
    celery = str(Path(sys.executable).with_name("celery"))
    workers = [
        subprocess.Popen(  # noqa: S603 - our own venv's celery binary, fixed arguments
            [
                celery,
                "-A",
                "config",
                "worker",
                "-Q",
                QUEUE,
                "--pool=solo",
                "-n",
                f"bench-letters-{i}@%h",
                "--loglevel=WARNING",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(VAR / f"bench-letters-worker{i}.log", "w"),  # noqa: SIM115
        )
        for i in range(2)
    ]
    try:
        warm = _determinations(2, reviewer, start=90000)
        for det_id in warm:  # workers load fonts, CA and keys before the clock starts
            issue_letter_task.apply_async(args=(det_id,), queue=QUEUE)
        _wait(Letter, warm, timeout=180)
        ids = _determinations(tasks, reviewer, start=91000)
        start = time.perf_counter()
        for det_id in ids:
            issue_letter_task.apply_async(args=(det_id,), queue=QUEUE)
        _wait(Letter, ids, timeout=60 + tasks * 10)
        elapsed = time.perf_counter() - start
    finally:
        for w in workers:
            w.terminate()
        for w in workers:
            try:
                w.wait(timeout=20)
            except subprocess.TimeoutExpired:
                w.kill()
    out: dict[str, Any] = {"letters_per_minute_2_workers": round(tasks / elapsed * 60, 1), "tasks": tasks}
    if note:
        out["note"] = note
    return out


def _wait(letter_model: Any, det_ids: list[int], *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while letter_model.objects.filter(determination_id__in=det_ids).count() < len(det_ids):
        if time.monotonic() > deadline:
            raise RuntimeError(f"letters not issued within {timeout:.0f} s (is a worker failing?)")
        time.sleep(0.1)


def run() -> dict[str, Any]:
    from django.conf import settings
    from django.core.management import call_command

    from bench._common import ensure_user
    from criteria.selectors import version_in_effect

    settings.UR_PKI_DIR = str(VAR / "bench-pki")  # never the real signing keys
    os.environ["UR_PKI_DIR"] = settings.UR_PKI_DIR
    if version_in_effect(on=__import__("datetime").date(2025, 8, 25)) is None:
        call_command("load_criteria", stdout=open(os.devnull, "w"))  # noqa: SIM115
    reviewer = ensure_user("bench_letters", "reviewer")
    samples = env_int("BENCH_LETTERS_SAMPLES", 15, quick=5)
    tasks = env_int("BENCH_LETTERS_TASKS", 40, quick=8)
    det_id = _determinations(1, reviewer, start=1)[0]
    figures: dict[str, Any] = _ratio(det_id, samples)
    figures.update(_throughput(reviewer, tasks))
    figures["quick"] = QUICK
    return figures


def main() -> None:
    from bench._common import django_setup, print_figures

    VAR.mkdir(exist_ok=True)
    db = VAR / "bench_letters.sqlite3"
    if "DATABASE_URL" not in os.environ:
        db.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    django_setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print_figures(run())


if __name__ == "__main__":
    main()
