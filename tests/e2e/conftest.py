"""Browser tests: Debian's Chromium (Playwright) against a live server, a real Celery worker and PostgreSQL.

Every test module here sets `pytestmark = [pytest.mark.e2e, pytest.mark.services]`: it runs in the second phase of `make test`
(scripts/with_services.py sets DATABASE_URL=postgres://..., REDIS_URL and
CELERY_TASK_ALWAYS_EAGER=0). The pieces:

- `live_server` (pytest-django) serves the app from a thread of this process; with
  `transactional_db` the data a test writes is committed, so the server thread and the
  Celery worker thread see it in the same PostgreSQL test database.
- `celery_worker` starts a real worker (solo pool) in a thread, consuming from Redis.
- `browser` launches /usr/bin/chromium headless with flags for a machine without network.
- `demo` runs `load_demo` (users with password `ur-desk-demo`, criteria, seed cases).
- `snap(page, step)` saves a screenshot to `var/e2e-artifacts/<test>/<NN-step>.png`; a failing
  test also leaves `failure.png` (and the page HTML) there.

Why DJANGO_ALLOW_ASYNC_UNSAFE: Playwright's sync API keeps an asyncio event loop marked as
running in the main thread (it drives it from a greenlet), so Django's async-safety guard sees a
running loop and refuses ORM calls made by the test body with SynchronousOnlyOperation. No
coroutine ever touches the ORM here; the flag is set only while the browser fixture is alive.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.e2e.support import DEMO_PASSWORD

CHROMIUM = os.environ.get("UR_E2E_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
ARTIFACTS = Path(settings.BASE_DIR) / "var" / "e2e-artifacts"
# Generous for a 2-core CI box running WeasyPrint in the worker thread next to the browser.
DEFAULT_TIMEOUT_MS = int(os.environ.get("UR_E2E_TIMEOUT_MS", "20000"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


_FAILED = pytest.StashKey[bool]()


# --- browser ---------------------------------------------------------------------------------


# Package scope, not session: while Playwright's sync API is open its event loop counts as running in
# this thread, so asyncio.run() (pyHanko signs with it) fails in any in-process test after the e2e ones.
@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser` (apt-get install -y chromium)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=DEFAULT_TIMEOUT_MS)

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _artifact_dir(request: pytest.FixtureRequest) -> Path:
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    return ARTIFACTS / name


@pytest.fixture
def artifacts(request: pytest.FixtureRequest) -> Path:
    path = _artifact_dir(request)
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def context(browser: Any, live_server: Any, artifacts: Path, request: pytest.FixtureRequest) -> Iterator[Any]:
    ctx = browser.new_context(base_url=live_server.url, accept_downloads=True, viewport={"width": 1360, "height": 900})
    ctx.set_default_timeout(DEFAULT_TIMEOUT_MS)
    yield ctx
    if request.node.stash.get(_FAILED, False):
        for i, pg in enumerate(ctx.pages):
            try:
                pg.screenshot(path=str(artifacts / f"failure-{i}.png"), full_page=True)
                (artifacts / f"failure-{i}.html").write_text(pg.content())
            except Exception:  # noqa: BLE001, S110 - best effort; the test already failed
                pass
    ctx.close()


@pytest.fixture
def page(context: Any) -> Any:
    return context.new_page()


@pytest.fixture
def snap(artifacts: Path) -> Callable[[Any, str], Path]:
    """`snap(page, "step")` saves `var/e2e-artifacts/<test>/<NN-step>.png` (full page)."""
    counter = {"n": 0}

    def _snap(pg: Any, step: str) -> Path:
        counter["n"] += 1
        path = artifacts / f"{counter['n']:02d}-{re.sub(r'[^A-Za-z0-9_.-]+', '_', step)}.png"
        pg.screenshot(path=str(path), full_page=True)
        return path

    return _snap


# --- server side ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def celery_worker(django_db_setup: None, django_db_blocker: Any) -> Iterator[Any]:
    """A real Celery worker (solo pool, one thread) consuming this run's Redis queue."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # Only reachable when someone runs the e2e tests by hand without with_services.py.
        yield None
        return
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun
    from django.db import connections

    from config.celery import app

    def _close_connections(**_: Any) -> None:
        # The worker thread's own DB connection must not outlive the task: the test database
        # is flushed between tests and dropped at the end of the session.
        connections.close_all()

    task_postrun.connect(_close_connections, weak=False)
    with django_db_blocker.unblock():
        app.control.purge()  # messages left by an earlier, interrupted run
        # the default queue and the records queue (reading faxes runs on its own queue)
        queues = [settings.CELERY_TASK_DEFAULT_QUEUE, settings.CELERY_RECORDS_QUEUE]
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30, queues=queues) as worker:
            yield worker
    task_postrun.disconnect(_close_connections)


@pytest.fixture
def demo(transactional_db: None, celery_worker: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo data set (`load_demo`): users with password `ur-desk-demo`, criteria, seed cases."""
    monkeypatch.setenv("UR_DEMO_PASSWORD", DEMO_PASSWORD)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
