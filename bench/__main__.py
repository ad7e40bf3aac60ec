"""`python -m bench [name ...]`: run the benchmarks, print one table, write var/bench.json.

Each benchmark runs in its own process (a crash or a missing module is reported, the others
still run) against the bench database: BENCH_DATABASE_URL, else
postgres://postgres@127.0.0.1:5432/urdesk_bench (dropped, created and migrated on every run) when PostgreSQL is
reachable, else SQLite under var/. BENCH_QUICK=1 shrinks every size for a smoke run.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime

from bench._common import QUICK, ROOT, VAR, bench_database_url, recreate_database

BENCHES = ["engine", "letters", "queue", "imports", "load", "pages", "extraction", "pas"]


def bench_env(db_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = db_url
    env.setdefault("DEBUG", "0")  # production-like request handling
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    env.setdefault("LOG_LEVEL", "WARNING")
    return env


def fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def print_table(results: dict[str, dict]) -> None:
    rows = [(name, key, fmt(val)) for name, figures in results.items() for key, val in figures.items()]
    widths = [max(len(r[i]) for r in [("bench", "figure", "value"), *rows]) for i in range(3)]
    line = "  ".join("-" * w for w in widths)
    print(line)
    print("  ".join(h.ljust(w) for h, w in zip(("bench", "figure", "value"), widths, strict=True)))
    print(line)
    last = None
    for name, key, val in rows:
        print("  ".join([(name if name != last else "").ljust(widths[0]), key.ljust(widths[1]), val.rjust(widths[2])]))
        last = name
    print(line)


def main(argv: list[str]) -> int:
    names = argv or BENCHES
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHES)}", file=sys.stderr)
        return 2
    VAR.mkdir(exist_ok=True)
    db_url = bench_database_url()
    env = bench_env(db_url)
    print(f"bench database: {db_url}{'  (BENCH_QUICK)' if QUICK else ''}", flush=True)
    recreate_database(db_url)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)

    results: dict[str, dict] = {}
    for name in names:
        print(f"running {name} ...", flush=True)
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
            out = tmp.name
        start = time.perf_counter()
        code = subprocess.call([sys.executable, "-m", "bench._run_one", name, out], cwd=ROOT, env=env)
        try:
            with open(out) as fh:
                results[name] = json.load(fh)
        except (OSError, ValueError):
            results[name] = {"status": "error", "note": f"exited {code} without figures"}
        finally:
            os.unlink(out)
        print(f"  {name}: {results[name].get('status')} in {time.perf_counter() - start:.0f}s", flush=True)

    print_table(results)
    report = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": QUICK,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "database": db_url.split("://", 1)[0],
        "results": results,
    }
    previous = {}
    path = VAR / "bench.json"
    if argv and path.exists():  # a partial run keeps the other benchmarks' last figures
        try:
            previous = json.loads(path.read_text()).get("results", {})
        except ValueError:
            previous = {}
    report["results"] = {**previous, **results}
    path.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {path.relative_to(ROOT)}")
    return 0 if all(r.get("status") != "error" for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
