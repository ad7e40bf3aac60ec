"""Canonical JSON, the input hash, and EngineResult <-> dict (for `Recommendation.result`).

Pure: no Django. The canonical form is what makes "same inputs, same bytes" checkable.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import weakref
from datetime import date
from typing import Any

from .types import EngineResult, Finding, ServiceLine


def to_plain(value: Any) -> Any:
    """Dataclasses -> dicts, tuples -> lists, dates -> ISO strings; everything JSON-ready."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


def canonical_json(value: Any) -> str:
    """Sorted keys, no whitespace, ASCII only: byte-stable across runs and machines."""
    return json.dumps(to_plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)


# id(snapshot) -> (weak ref, digest). Snapshots are frozen, so a digest computed once stays right;
# serialising a full criteria version costs ~2 ms, the rest of an evaluation well under that.
_CRITERIA_DIGESTS: dict[int, tuple[weakref.ref[Any], str]] = {}


def criteria_digest(criteria: Any) -> str | None:
    """sha256 of the canonical JSON of a criteria snapshot (memoised per snapshot object)."""
    if criteria is None:
        return None
    hit = _CRITERIA_DIGESTS.get(id(criteria))
    if hit is not None and hit[0]() is criteria:
        return hit[1]
    digest = hashlib.sha256(canonical_json(criteria).encode("ascii")).hexdigest()
    if len(_CRITERIA_DIGESTS) > 256:
        _CRITERIA_DIGESTS.clear()
    _CRITERIA_DIGESTS[id(criteria)] = (weakref.ref(criteria), digest)
    return digest


def compute_input_hash(facts: Any, criteria: Any, engine_version: str) -> str:
    """sha256 over (engine version, facts, sha256 of the criteria): a new engine version is a new input."""
    payload = {"engine_version": engine_version, "facts": facts, "criteria_sha256": criteria_digest(criteria)}
    return hashlib.sha256(canonical_json(payload).encode("ascii")).hexdigest()


def result_to_dict(result: EngineResult) -> dict[str, Any]:
    """The stored/printed form. `data` stays a list of [key, value] pairs so its order survives jsonb."""
    out: dict[str, Any] = to_plain(result)
    return out


def result_from_dict(d: dict[str, Any]) -> EngineResult:
    """Inverse of `result_to_dict` (tolerates a missing optional key from an older engine)."""
    lines = tuple(
        ServiceLine(
            code=str(line["code"]),
            descriptor=str(line.get("descriptor", "")),
            decision=line["decision"],
            approved_visits=int(line.get("approved_visits", 0)),
            reason=str(line.get("reason", "")),
        )
        for line in d.get("lines", ())
    )
    findings = tuple(
        Finding(
            rule=str(f["rule"]),
            outcome=f["outcome"],
            text=str(f.get("text", "")),
            section=str(f.get("section", "")),
            citations=tuple(str(c) for c in f.get("citations", ())),
            evidence=tuple(str(e) for e in f.get("evidence", ())),
            data=tuple((str(k), str(v)) for k, v in _pairs(f.get("data", ()))),
        )
        for f in d.get("findings", ())
    )
    return EngineResult(
        decision=d["decision"],
        requested_visits=int(d.get("requested_visits", 0)),
        approved_visits=int(d.get("approved_visits", 0)),
        lines=lines,
        findings=findings,
        criteria_version_id=d.get("criteria_version_id"),
        criteria_version_label=str(d.get("criteria_version_label", "")),
        engine_version=str(d.get("engine_version", "")),
        input_hash=str(d.get("input_hash", "")),
        key_reason=str(d.get("key_reason", "")),
        missing_documentation=tuple(str(m) for m in d.get("missing_documentation", ())),
    )


def _pairs(data: Any) -> list[tuple[Any, Any]]:
    if isinstance(data, dict):
        return list(data.items())
    return [(k, v) for k, v in data]
