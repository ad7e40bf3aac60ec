"""The Celery app for fault-test workers: the real app plus one test-only hook, loaded with
`celery -A tests.faults.worker_app worker` by tests/faults/conftest.py (never in production).

UR_FAULT_PAUSE names a point in the middle of a task where the worker process stops, writes its pid
to UR_FAULT_MARKER and sleeps, so a test can kill it there deterministically:

- `task:<task name>`: as the task starts (task_prerun, in the pool child), before its body runs;
- `save:<app_label.Model>`: just before the first save of that model (inside the task's transaction).

The child goes on when the file UR_FAULT_MARKER + ".go" appears (Worker.release()). The pause
happens once per marker file: after a restart, or in the pool child forked after a kill,
the marker exists and the task runs through.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from celery.signals import task_prerun, worker_process_init

from config.celery import app

__all__ = ["app"]

PAUSE = os.environ.get("UR_FAULT_PAUSE", "")
MARKER = Path(os.environ.get("UR_FAULT_MARKER", "/nonexistent/marker"))
PAUSE_SECONDS = 120


RELEASE = MARKER.with_name(MARKER.name + ".go")


def _pause(where: str) -> None:
    if MARKER.exists():
        return
    MARKER.write_text(f"{os.getpid()} {where}\n")
    # The test kills this process meanwhile, or does something else (terminates its database
    # connection) and then lets it go on by creating the release file.
    deadline = time.monotonic() + PAUSE_SECONDS
    while time.monotonic() < deadline and not RELEASE.exists():
        time.sleep(0.1)


if PAUSE.startswith("task:"):
    task_name = PAUSE.removeprefix("task:")

    @task_prerun.connect(weak=False)
    def _pause_at_task_start(sender: Any = None, **kwargs: Any) -> None:
        if sender is not None and sender.name == task_name:
            _pause(PAUSE)

elif PAUSE.startswith("save:"):
    model_label = PAUSE.removeprefix("save:")

    @worker_process_init.connect(weak=False)
    def _connect_model_hook(**kwargs: Any) -> None:
        from django.apps import apps
        from django.db.models.signals import pre_save

        model = apps.get_model(model_label)

        def _pause_before_save(sender: Any, **_: Any) -> None:
            _pause(PAUSE)

        pre_save.connect(_pause_before_save, sender=model, weak=False)
