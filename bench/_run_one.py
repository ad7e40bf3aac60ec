"""Run one benchmark in this process and write its figures as JSON: `python -m bench._run_one NAME OUT`."""

from __future__ import annotations

import importlib
import json
import sys
import time
import traceback

from bench._common import django_setup


def main(name: str, out_path: str) -> int:
    django_setup()
    start = time.perf_counter()
    try:
        module = importlib.import_module(f"bench.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"bench.{name}":
            raise
        result: dict = {"status": "not available", "note": f"bench/{name}.py does not exist yet"}
    else:
        try:
            result = dict(module.run())
            result.setdefault("status", "ok")
        except Exception as exc:  # noqa: BLE001 - report, keep the other benchmarks going
            traceback.print_exc()
            result = {"status": "error", "note": f"{type(exc).__name__}: {exc}"[:300]}
    result["elapsed_s"] = round(time.perf_counter() - start, 1)
    with open(out_path, "w") as fh:
        json.dump(result, fh, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
