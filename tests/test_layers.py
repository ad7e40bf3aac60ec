"""Imports flow one way: between apps (the layers in pyproject.toml [tool.importlinter], and no cycle at
all, whichever apps exist), and inside reviews between services and tasks (the rule in reviews/tasks/base.py).
"""

from __future__ import annotations

import ast
import graphlib
import importlib
import tomllib
from pathlib import Path

import grimp
import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
APP_DIRS = [p for p in ROOT.iterdir() if (p / "apps.py").exists()]


APP_NAMES = sorted(p.name for p in APP_DIRS)


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
    # relay/outbox.py is the after-commit sender itself (it stores what the broker refuses).
    for f in [f for f in _app_files() if f != ROOT / "relay" / "outbox.py"]:
        for node in ast.walk(ast.parse(f.read_text())):
            if isinstance(node, ast.Attribute) and node.attr in {"delay", "apply_async"}:
                offenders.append(f"{f.relative_to(ROOT)}:{node.lineno} .{node.attr}")
    assert offenders == []


def test_every_task_uses_the_shared_base() -> None:
    from celery import current_app

    import reviews.tasks  # noqa: F401 - registers the tasks
    from reviews.tasks.base import TRANSIENT_ERRORS, UrTask

    for app in APP_NAMES:  # register every app's tasks
        if (ROOT / app / "tasks.py").exists() or (ROOT / app / "tasks").is_dir():
            importlib.import_module(f"{app}.tasks")
    ours = {name: t for name, t in current_app.tasks.items() if name.split(".", 1)[0] in APP_NAMES}
    assert {"reviews", "appeals", "pas"} <= {name.split(".", 1)[0] for name in ours}
    for name, task in ours.items():
        assert isinstance(task, UrTask), name
        # the shared set, or none for a task that schedules its own retries (pas notifications)
        assert tuple(task.autoretry_for) in (TRANSIENT_ERRORS, ()), name


def _app_graph() -> dict[str, set[str]]:
    """app -> the apps it imports (any import anywhere in the app, function-level ones included)."""
    names = [*APP_NAMES, "config", "vocabulary"]
    graph = grimp.build_graph(*names, cache_dir=None)
    return {
        a: {b for b in names if b != a and graph.direct_import_exists(importer=a, imported=b, as_packages=True)}
        for a in names
    }


def test_no_import_cycle_between_apps() -> None:
    deps = _app_graph()
    try:
        order = list(graphlib.TopologicalSorter(deps).static_order())
    except graphlib.CycleError as exc:
        pytest.fail(f"import cycle between apps: {' -> '.join(exc.args[1])}")
    assert set(order) == {*APP_NAMES, "config", "vocabulary"}


def test_every_app_is_in_the_layer_contract() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layered = set(config["root_packages"])
    missing = sorted(set(APP_NAMES) - layered)
    assert not missing, f"add {missing} to [tool.importlinter] root_packages and the layers contract in pyproject.toml"


def test_import_contracts_hold() -> None:
    """The layer order and the pure engine, checked by import-linter (`lint-imports` prints the broken chain)."""
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True) == 0


def test_the_cycle_check_can_fail() -> None:
    """The walker sees an upward import: a graph with one added edge reports the cycle."""
    deps = _app_graph()
    deps["accounts"] = deps["accounts"] | {"reviews"}
    with pytest.raises(graphlib.CycleError):
        list(graphlib.TopologicalSorter(deps).static_order())


def test_test_modules_share_setup_through_conftest_not_each_other() -> None:
    """Shared setup lives in conftest files (fixtures) and helper modules; no test imports a test module or a conftest."""
    offenders = []
    for f in (ROOT / "tests").rglob("*.py"):
        for node in ast.walk(ast.parse(f.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                last = node.module.rsplit(".", 1)[-1]
                if last.startswith("test_") or last == "conftest":
                    offenders.append(f"{f.relative_to(ROOT)}:{node.lineno} from {node.module}")
    assert offenders == []
