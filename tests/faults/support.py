"""Helpers the fault tests call directly (the harness fixtures are in tests/faults/conftest.py)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

# The worker's redelivery timeout in these tests (production: 300 s, CELERY_VISIBILITY_TIMEOUT).
TEST_VISIBILITY_TIMEOUT = 12


def wait_until(predicate: Callable[[], Any], *, timeout: float, what: str, interval: float = 0.2) -> Any:
    """Poll `predicate` until it returns something truthy; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


def terminate_backends(*, except_pid: int | None = None, application_name: str | None = None) -> list[int]:
    """pg_terminate_backend every other connection to the test database (a database restart, as the
    app's backends see it); returns the pids terminated."""
    import psycopg

    db = connection.settings_dict
    with psycopg.connect(
        host=db.get("HOST") or "127.0.0.1",
        port=db.get("PORT") or 5432,
        user=db.get("USER") or "postgres",
        dbname="postgres",
        autocommit=True,
    ) as admin:
        rows = admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid() AND pid <> %s",
            [db["NAME"], except_pid or 0],
        ).fetchall()
        pids = [int(r[0]) for r in rows]
        for pid in pids:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    return pids


def _point_app_at(url: str) -> None:
    """Point this process's Celery app (the web side: `.delay()` in services) at `url`."""
    from kombu import pools

    from config.celery import app

    # Close and forget every pooled connection and producer (kombu's registry); a pool to a stopped
    # server may already be broken.
    with contextlib.suppress(Exception):
        pools.reset()
    app.conf.update(broker_url=url)
    app._pool = None  # type: ignore[attr-defined]  # Celery's private pools, reset for the new broker
    app.amqp._producer_pool = None  # type: ignore[attr-defined]
