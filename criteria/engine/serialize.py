"""Canonical JSON, the input hash, and EngineResult <-> dict (the stored form of a recommendation).

Pure: no Django. The canonical form is what makes "same inputs, same bytes" checkable.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import weakref
from datetime import date
from typing import Any

from .types import DataValue, EngineResult, EpisodeSpan, Figures, Finding, ServiceLine


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
            data=tuple((str(k), _data_value(v)) for k, v in _pairs(f.get("data", ()))),
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
        figures=figures_from_dict(d.get("figures")),
    )


def figures_from_dict(d: Any) -> Figures | None:
    """The figures block, or None when a result from an older engine has none (or an unreadable one)."""
    if not isinstance(d, dict):
        return None
    try:
        return Figures(
            primary_code=str(d["primary_code"]),
            request_start=_date(d["request_start"]),
            request_end=_date(d["request_end"]),
            requested=int(d["requested"]),
            prior_visits=int(d["prior_visits"]),
            done=int(d["done"]),
            cumulative=int(d["cumulative"]),
            remaining=int(d["remaining"]),
            beyond_benchmark=bool(d["beyond_benchmark"]),
            episode_start=_date(d["episode_start"]),
            lookback_months=int(d["lookback_months"]),
            lookback_start=_date(d["lookback_start"]),
            gap_days_limit=int(d["gap_days_limit"]),
            required_denial_credential=str(d["required_denial_credential"]),
            benchmark_visits=_opt_int(d.get("benchmark_visits")),
            benchmark_label=str(d.get("benchmark_label") or ""),
            benchmark_source=str(d.get("benchmark_source") or ""),
            benchmark_licence=str(d.get("benchmark_licence") or ""),
            benchmark_verification=str(d.get("benchmark_verification") or ""),
            plan_visits=_opt_int(d.get("plan_visits")),
            plan_desc=str(d.get("plan_desc") or ""),
            planned_total=_opt_int(d.get("planned_total")),
            gap_days=_opt_int(d.get("gap_days")),
            gap_months=_opt_int(d.get("gap_months")),
            gap_explained=bool(d.get("gap_explained", False)),
            gap_unexplained=bool(d.get("gap_unexplained", False)),
            latest_prior_end=_opt_date(d.get("latest_prior_end")),
            restart_reason=None if d.get("restart_reason") is None else str(d["restart_reason"]),
            dropped_visits=int(d.get("dropped_visits") or 0),
            baseline_function_pct=_opt_int(d.get("baseline_function_pct")),
            prior_episodes_in_lookback=_spans(d.get("prior_episodes_in_lookback")),
            counted_prior_episodes=_spans(d.get("counted_prior_episodes")),
            done_visit_dates=tuple(_date(v) for v in d.get("done_visit_dates") or ()),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _opt_date(value: Any) -> date | None:
    return None if value in (None, "") else _date(value)


def _opt_int(value: Any) -> int | None:
    return None if value is None or value == "" else int(value)


def _spans(items: Any) -> tuple[EpisodeSpan, ...]:
    return tuple(
        EpisodeSpan(start_date=_date(e["start_date"]), end_date=_date(e["end_date"]), visits=int(e["visits"]))
        for e in items or ()
    )


def _data_value(v: Any) -> DataValue:
    """A stored data value: JSON scalars as they are (older engines stored strings), anything else as text."""
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    return str(v)


def _pairs(data: Any) -> list[tuple[Any, Any]]:
    if isinstance(data, dict):
        return list(data.items())
    return [(k, v) for k, v in data]
