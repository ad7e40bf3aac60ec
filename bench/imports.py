"""Import throughput: cases per second through `manage.py import_cases`.

Generates N ur-case/1 files from the two seed cases (reviews/fixtures/cases/, their `expected`
block dropped) with fresh references and member ids, then imports them in one command. N: BENCH_IMPORT_CASES (default 500, quick 50).
"""

from __future__ import annotations

import copy
import io
import json
import tempfile
import time
from pathlib import Path

from django.core.management import call_command, get_commands

from bench._common import env_int, reset_case_data

DATA = Path(__file__).resolve().parent.parent / "reviews" / "fixtures" / "cases"  # the one copy of the seeds


def generate(directory: Path, count: int) -> list[Path]:
    seeds = [json.loads(p.read_text()) for p in sorted(DATA.glob("seed-*.json"))]
    paths = []
    for i in range(count):
        case = copy.deepcopy(seeds[i % len(seeds)])
        case.pop("expected", None)
        case["reference"] = f"BI-{i:06d}"
        case["member"]["member_id"] = f"BIM{i:06d}"
        case["member"]["family_name"] = f"{case['member']['family_name']}{i % 97}"
        path = directory / f"case-{i:06d}.json"
        path.write_text(json.dumps(case))
        paths.append(path)
    return paths


def run() -> dict:
    if "import_cases" not in get_commands():
        return {"status": "not available", "note": "manage.py import_cases does not exist yet"}
    count = env_int("BENCH_IMPORT_CASES", 500, 50)
    reset_case_data()
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        paths = generate(Path(tmp), count)
        start = time.perf_counter()
        call_command("import_cases", *map(str, paths), verbosity=0, stdout=io.StringIO())
        elapsed = time.perf_counter() - start
    from reviews.models import Case

    imported = Case.objects.filter(reference__startswith="BI-").count()
    if imported != count:
        return {"status": "error", "note": f"imported {imported} of {count} cases"}
    return {
        "cases": count,
        "seconds": round(elapsed, 2),
        "cases_per_s": round(count / elapsed, 1),
        "ms_per_case": round(elapsed / count * 1000, 2),
    }
