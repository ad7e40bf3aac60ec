"""Fault-test harness (the helpers; the fixtures are in conftest.py): a private redis-server, a real Celery worker process, the test PostgreSQL database.

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
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = "/usr/bin/redis-server"
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


def _point_app_at(url: str) -> None:
    """Point this process's Celery app (the web side: `.delay()` in services) at `url`."""
    from kombu import pools

    from config.celery import app

    # Close and forget every pooled connection and producer (kombu's registry); a pool to a stopped
    # server may already be broken.
    with contextlib.suppress(Exception):
        pools.reset()
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


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


def _test_database_url() -> str:
    db = connection.settings_dict
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    user = db.get("USER") or "postgres"
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"
