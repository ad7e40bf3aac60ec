"""Fault-test harness: a private redis-server, a real Celery worker process, the test PostgreSQL database.

Every test here is marked `services` (phase 2 of `make test`, via scripts/with_services.py).
Nothing touches the machine's shared Redis: each test module gets its own `redis-server` on a
spare port, and this process's Celery app is pointed at it for the duration of each test.

- `redis` (`PrivateRedis`): `.stop()` / `.start()` the server (same port; no persistence, so a stop
  also loses the queued messages, as a crashed Redis without AOF would);
- `worker_factory(pause=...)`: starts `celery -A tests.faults.worker_app worker` (prefork, one child)
  as a subprocess against the private Redis and the *test* database (committed data: tests use
  `transactional_db`). `pause` stops the pool child at a point in a task (see worker_app.py), and
  `.wait_paused()` returns once it is there. `.kill_child()` is `kill -9` of the pool child (the
  OOM killer's path); `.kill()` is `kill -9` of the whole worker.
- Every wait is bounded; workers and the server are killed and reaped at teardown.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest
from django.conf import settings
from django.db import connection, connections

from tests.faults.support import ROOT, TEST_VISIBILITY_TIMEOUT, _point_app_at, terminate_backends, wait_until  # noqa: F401

REDIS_SERVER = "/usr/bin/redis-server"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PrivateRedis:
    def __init__(self, workdir: Path) -> None:
        self.port = _free_port()
        self.workdir = workdir
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        assert self.proc is None, "redis already running"
        self.proc = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.workdir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.ping, timeout=15, what=f"redis-server on port {self.port}", interval=0.05)

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.kill()
        self.proc.wait(timeout=10)
        self.proc = None
        wait_until(lambda: not self.ping(), timeout=5, what="redis to stop")

    def queue_length(self, queue: str = "") -> int:
        import redis as redis_lib

        client = redis_lib.Redis(host="127.0.0.1", port=self.port, socket_timeout=2)
        return int(client.llen(queue or settings.CELERY_TASK_DEFAULT_QUEUE))


def worker_queues() -> str:
    """Every queue the app routes to, so the one test worker consumes them all."""
    from config.celery import app

    queues = {app.conf.task_default_queue}
    routes = app.conf.task_routes or {}
    if isinstance(routes, dict):
        for route in routes.values():
            if isinstance(route, dict) and route.get("queue"):
                queues.add(route["queue"])
    return ",".join(sorted(queues))


class Worker:
    def __init__(self, *, env: dict[str, str], log: Path, marker: Path) -> None:
        self.log = log
        self.marker = marker
        self._log_fh = log.open("ab")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "tests.faults.worker_app",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
                "-Q",
                worker_queues(),
                "-n",
                f"fault-{os.getpid()}-{time.monotonic_ns()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log_fh,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kill() takes the pool children too
        )

    def wait_ready(self, timeout: float = 60) -> None:
        def ready() -> bool:
            if self.proc.poll() is not None:
                raise AssertionError(f"worker exited with {self.proc.returncode}:\n{self.tail()}")
            return b" ready." in self.log.read_bytes()

        wait_until(ready, timeout=timeout, what="the Celery worker to be ready", interval=0.25)

    def wait_paused(self, timeout: float = 60) -> int:
        """The pid of the pool child paused at the fault point."""

        def paused() -> int:
            if self.proc.poll() is not None:
                raise AssertionError(f"worker exited with {self.proc.returncode}:\n{self.tail()}")
            text = self.marker.read_text() if self.marker.exists() else ""
            return int(text.split()[0]) if text.strip() else 0

        return int(wait_until(paused, timeout=timeout, what="the task to reach the fault point"))

    def release(self) -> None:
        """Let the paused child go on."""
        self.marker.with_name(self.marker.name + ".go").write_text("go\n")

    def children(self) -> list[int]:
        try:
            return [c.pid for c in psutil.Process(self.proc.pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def kill_child(self, pid: int | None = None) -> int:
        """kill -9 one pool child (the paused one by default), as the OOM killer would."""
        target = pid or self.wait_paused()
        assert target in self.children(), f"{target} is not a child of the worker"
        os.kill(target, signal.SIGKILL)
        return target

    def kill(self) -> None:
        """kill -9 the whole worker (main process and pool children)."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=15)
        self._log_fh.close()

    def stop(self) -> None:
        """Warm shutdown (SIGTERM), then kill -9 after 20 s."""
        if self.proc.poll() is None:
            self.proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=20)
        self.kill()

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


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


def _test_database_url() -> str:
    db = connection.settings_dict
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    user = db.get("USER") or "postgres"
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


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
