"""The import rules written in reviews/tasks/base.py hold: one way from services to tasks, one way to send."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_DIRS = [p for p in ROOT.iterdir() if (p / "apps.py").exists()]


def _app_files() -> list[Path]:
    return [f for d in APP_DIRS for f in d.rglob("*.py") if "migrations" not in f.parts]


def test_tasks_import_services_only_inside_the_task_body() -> None:
    offenders = []
    for f in _app_files():
        if "tasks" not in f.parts:
            continue
        for node in ast.parse(f.read_text()).body:  # module level only
            if isinstance(node, ast.ImportFrom) and node.module and "services" in node.module.split("."):
                offenders.append(f"{f.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_tasks_are_sent_only_after_commit() -> None:
    """App code sends tasks with `delay_on_commit`; a bare .delay()/.apply_async() could race the commit."""
    offenders = []
    for f in _app_files():
        for node in ast.walk(ast.parse(f.read_text())):
            if isinstance(node, ast.Attribute) and node.attr in {"delay", "apply_async"}:
                offenders.append(f"{f.relative_to(ROOT)}:{node.lineno} .{node.attr}")
    assert offenders == []


def test_every_task_uses_the_shared_base() -> None:
    from celery import current_app

    import reviews.tasks  # noqa: F401 - registers the tasks
    from reviews.tasks.base import TRANSIENT_ERRORS, UrTask

    ours = {name: t for name, t in current_app.tasks.items() if name.startswith("reviews.")}
    assert ours, "no reviews tasks registered"
    for name, task in ours.items():
        assert isinstance(task, UrTask), name
        assert tuple(task.autoretry_for) == TRANSIENT_ERRORS, name
