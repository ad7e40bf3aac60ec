"""Shared helpers for the benchmarks: sizes, timing, percentiles, the bench database."""

from __future__ import annotations

import os
import socket
import statistics
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/urdesk_bench"
BENCH_PASSWORD = "bench-pass-123!"  # noqa: S105 - throwaway users in the throwaway bench database


def env_int(name: str, default: int, quick: int | None = None) -> int:
    """Size from the environment, else the quick or the full default."""
    raw = os.environ.get(name)
    if raw:
        return int(raw)
    return quick if (QUICK and quick is not None) else default


def env_ints(name: str, default: list[int], quick: list[int]) -> list[int]:
    raw = os.environ.get(name)
    if raw:
        return [int(x) for x in raw.split(",") if x.strip()]
    return quick if QUICK else default


def percentile(values: Iterable[float], pct: float) -> float:
    """Nearest-rank percentile (pct in 0..100)."""
    data = sorted(values)
    if not data:
        return float("nan")
    k = max(0, min(len(data) - 1, round(pct / 100 * len(data) + 0.5) - 1))
    return data[k]


def summarize_ms(samples_s: list[float], prefix: str) -> dict[str, float]:
    ms = [s * 1000 for s in samples_s]
    return {
        f"{prefix}_p50_ms": round(statistics.median(ms), 2),
        f"{prefix}_p95_ms": round(percentile(ms, 95), 2),
        f"{prefix}_max_ms": round(max(ms), 2),
    }


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def tcp_reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def bench_database_url() -> str:
    """BENCH_DATABASE_URL, else the local PostgreSQL bench database, else SQLite under var/."""
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        return url
    if tcp_reachable("127.0.0.1", 5432):
        return DEFAULT_PG_URL
    return f"sqlite:///{VAR / 'bench.sqlite3'}"


def recreate_database(url: str) -> None:
    """Start from an empty bench database (PostgreSQL: drop + create; SQLite: delete the file).

    The bench database is throwaway: recreating it keeps the benchmarks independent of the
    previous run and of schema changes since then. Only a database whose name contains
    "bench" is ever dropped.
    """
    parts = urlparse(url)
    name = parts.path.lstrip("/")
    if "bench" not in Path(name).name:
        raise RuntimeError(f"refusing to recreate database {name!r}: its name must contain 'bench'")
    if url.startswith("sqlite"):
        Path("/" + name if url.startswith("sqlite:////") else name).unlink(missing_ok=True)
        return
    import psycopg

    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def reset_case_data() -> None:
    """Empty the case tables of the bench database (and everything hanging off them)."""
    from django.conf import settings
    from django.db import connection

    from reviews.models import Case, Member, Provider

    name = str(settings.DATABASES["default"]["NAME"])
    if "bench" not in name:
        raise RuntimeError(f"refusing to empty case tables of database {name!r}: not a bench database")
    if connection.vendor == "postgresql":
        tables = ", ".join(m._meta.db_table for m in (Case, Member, Provider))
        with connection.cursor() as cur:
            cur.execute(f"TRUNCATE {tables} CASCADE")
    else:
        Case.objects.all().delete()
        Member.objects.all().delete()
        Provider.objects.all().delete()


def ensure_user(username: str, role: str, *, credential_kind: str = "physical_therapist") -> User:
    from django.contrib.auth.models import Group, User

    from reviews.models import ReviewerProfile

    user, created = User.objects.get_or_create(username=username, defaults={"first_name": "Bench"})
    if created:
        user.set_password(BENCH_PASSWORD)
        user.save()
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    if role in ("reviewer", "supervisor"):
        ReviewerProfile.objects.get_or_create(
            user=user,
            defaults={
                "display_name": f"Bench {username}",
                "credentials": "PT, DPT",
                "credential_kind": credential_kind,
            },
        )
    return user


def print_figures(figures: Mapping[str, object]) -> None:
    """One bench module's figures as an aligned two-column table (for `python -m bench.<name>`)."""
    width = max(len(k) for k in figures)
    print("-" * (width + 14))
    for key, value in figures.items():
        shown = f"{value:,.2f}" if isinstance(value, float) else str(value)
        print(f"{key.ljust(width)}  {shown:>12}")
    print("-" * (width + 14))
