"""`Recommendation.engine_result` is the only reader of the stored engine result (`Recommendation.result`).

Every screen, letter, service and the bench read the typed EngineResult; nobody re-parses the JSON.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACCESSOR = Path("reviews/models/decisions.py")
# Reads of a `result` attribute or key, and queries that pull the column out raw.
READS = re.compile(
    r"""\.result\b(?![_(])|\[\s*["']result["']\s*\]|\.values(?:_list)?\([^)]*["']result["']|getattr\([^)]*["']result["']"""
)
SKIP = {".venv", "node_modules", "tests", ".git", "static", "media", "var"}


def _sources() -> list[Path]:
    out = []
    for path in ROOT.rglob("*"):
        rel = path.relative_to(ROOT)
        if rel.parts and rel.parts[0] in SKIP:
            continue
        if path.suffix in (".py", ".html", ".txt") and path.is_file():
            out.append(rel)
    return out


def test_only_the_accessor_reads_recommendation_result() -> None:
    offenders = []
    for rel in _sources():
        if rel == ACCESSOR:
            continue
        for n, line in enumerate((ROOT / rel).read_text(errors="replace").splitlines(), 1):
            if READS.search(line):
                offenders.append(f"{rel}:{n}: {line.strip()}")
    assert not offenders, "read the typed Recommendation.engine_result instead:\n" + "\n".join(offenders)


def test_the_guard_can_fail() -> None:
    for bad in ("x = rec.result or {}", 'rec.result.get("lines")', "{{ rec.result.key_reason }}", 'row["result"]'):
        assert READS.search(bad), bad
    for fine in ("rec.engine_result", "result.lines", "result_to_dict(r)", "self.results", "fut.result()"):
        assert not READS.search(fine), fine
    assert (ROOT / ACCESSOR).read_text().count("self.result") >= 1
