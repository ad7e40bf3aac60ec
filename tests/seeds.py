"""The seed cases, read from the product's one copy (reviews/fixtures/cases): no test keeps its own.

A helper module (not a test module): tests take `seed_data(...)` from here or the fixtures in
tests/conftest.py; `variant` makes a changed deep copy.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

CASES_DIR = Path(__file__).resolve().parent.parent / "reviews" / "fixtures" / "cases"
SEED_APPROVE = CASES_DIR / "seed-approve-hip-traumatic.json"
SEED_DENY = CASES_DIR / "seed-deny-hip-restart.json"
SEEDS = (SEED_APPROVE, SEED_DENY)


def seed_path(name: str) -> Path:
    """`seed-deny-hip-restart`, with or without `.json`, or any other case file of the folder."""
    path = CASES_DIR / (name if name.endswith(".json") else f"{name}.json")
    if not path.is_file():
        raise FileNotFoundError(f"no case file {path.name} in {CASES_DIR}")
    return path


def seed_data(name: str) -> dict[str, Any]:
    """A fresh dict of one case file (callers may change it)."""
    data: dict[str, Any] = json.loads(seed_path(name).read_text())
    return data


def variant(data: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A deep copy with dotted-path changes: variant(d, **{"request.visits": 12})."""
    out = copy.deepcopy(data)
    for path, value in changes.items():
        node = out
        *parents, leaf = path.split(".")
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(leaf)] = value
        else:
            node[leaf] = value
    return out
