"""Fault-test fixtures (the harness itself, with its documentation, is tests/faults/harness.py)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connection, connections

from .harness import (
    REDIS_SERVER,
    TEST_VISIBILITY_TIMEOUT,
    PrivateRedis,
    Worker,
    _point_app_at,
    _test_database_url,
)


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateRedis]:
    if not Path(REDIS_SERVER).exists():
        pytest.fail(f"{REDIS_SERVER} not found: apt-get install -y redis-server")
    server = PrivateRedis(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis(redis_server: PrivateRedis) -> Iterator[PrivateRedis]:
    """The private Redis, running and empty at the start of the test; this process sends to it."""
    from config.celery import app

    if redis_server.proc is None:
        redis_server.start()
    import redis as redis_lib

    redis_lib.Redis(host="127.0.0.1", port=redis_server.port).flushall()
    assert not app.conf.task_always_eager, "fault tests need a real broker (run via scripts/with_services.py)"
    old_url = app.conf.broker_url
    _point_app_at(redis_server.url)
    yield redis_server
    if redis_server.proc is None:
        redis_server.start()
    _point_app_at(old_url)


@pytest.fixture
def worker_factory(
    redis: PrivateRedis, transactional_db: None, tmp_path: Path, _private_audit_anchor: Path
) -> Iterator[Callable[..., Worker]]:
    """Start real worker processes: `worker_factory(pause="save:reviews.Letter")`."""
    if connection.vendor != "postgresql":
        pytest.skip("fault tests run on PostgreSQL (scripts/with_services.py)")
    started: list[Worker] = []
    marker = tmp_path / "fault-marker"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UR_FAULT_", "CELERY_"))}
    env.update(
        DATABASE_URL=_test_database_url(),
        DB_CONN_MAX_AGE="0",
        REDIS_URL=redis.url,
        CELERY_BROKER_URL=redis.url,
        CELERY_TASK_ALWAYS_EAGER="0",
        CELERY_VISIBILITY_TIMEOUT=str(TEST_VISIBILITY_TIMEOUT),
        UR_AUDIT_ANCHOR_FILE=str(_private_audit_anchor),
        UR_FAULT_MARKER=str(marker),
        UR_SWEEP_GRACE_SECONDS="0",
        PYTHONUNBUFFERED="1",
    )

    def start(*, pause: str = "", wait: bool = True, **extra_env: str) -> Worker:
        worker_env = {**env, **extra_env}
        if pause:
            worker_env["UR_FAULT_PAUSE"] = pause
        worker = Worker(env=worker_env, log=tmp_path / f"worker-{len(started)}.log", marker=marker)
        started.append(worker)
        if wait:
            worker.wait_ready()
        return worker

    yield start
    for worker in started:
        worker.kill()
    # The workers' connections are gone; ours must close before pytest-django flushes the database.
    connections.close_all()
