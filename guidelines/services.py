"""Writes to the guideline library (loader, import) and its JSON form."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.services import record_event
from vocabulary import Verification

from .models import GuidelineSource, Licence, Recommendation

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SOURCE_FIELDS = {
    "key", "authors", "title", "publisher", "year", "doi", "url", "kind", "licence", "verification", "notes",
    "recommendations",
}  # fmt: skip
APPLICABILITY_FIELDS = ("body_regions", "age_min", "age_max", "populations", "lines_of_business", "stance", "pinpoint")
RECOMMENDATION_FIELDS = {
    "key", "statement", "strength", "population", "conditions", "services", "verification", *APPLICABILITY_FIELDS,
}  # fmt: skip


def _applicability(rec: dict[str, Any]) -> dict[str, Any]:
    """The applicability fields of a library.json recommendation, with model defaults for absent ones."""
    return {
        "body_regions": rec.get("body_regions") or "",
        "age_min": rec.get("age_min"),
        "age_max": rec.get("age_max"),
        "populations": rec.get("populations") or "",
        "lines_of_business": rec.get("lines_of_business") or "",
        "stance": rec.get("stance") or "neutral",
        "pinpoint": rec.get("pinpoint") or "",
    }


def source_to_dict(source: GuidelineSource) -> dict[str, Any]:
    return {
        "key": source.key,
        "authors": source.authors,
        "title": source.title,
        "publisher": source.publisher,
        "year": source.year,
        "doi": source.doi,
        "url": source.url,
        "kind": source.kind,
        "licence": source.licence,
        "verification": source.verification,
        "notes": source.notes,
        "recommendations": [
            {
                "key": rec.key,
                "statement": rec.statement,
                "strength": rec.strength,
                "population": rec.population,
                "conditions": rec.conditions,
                "services": rec.services,
                "verification": rec.verification,
                **{f: getattr(rec, f) for f in APPLICABILITY_FIELDS},
            }
            for rec in sorted(source.recommendations.all(), key=lambda r: r.key)
        ],
    }


def library_export() -> list[dict[str, Any]]:
    """The whole library as plain data (sources ordered by key, recommendations by key)."""
    return [source_to_dict(s) for s in GuidelineSource.objects.prefetch_related("recommendations").order_by("key")]


def _str(errors: dict[str, str], path: str, value: Any, *, required: bool = False, max_len: int = 0) -> None:
    if value is None and not required:
        return
    if not isinstance(value, str):
        errors[path] = "must be a string"
    elif required and not value.strip():
        errors[path] = "is required"
    elif max_len and len(value) > max_len:
        errors[path] = f"must be at most {max_len} characters"


def validate_library(data: Any, *, path: str = "guidelines") -> dict[str, str]:
    """Field-named errors for a list of sources in the library.json / export format ({} when valid)."""
    errors: dict[str, str] = {}
    if not isinstance(data, list):
        return {path: "must be a list of guideline sources"}
    seen: set[str] = set()
    kinds = set(GuidelineSource.Kind.values)
    for i, src in enumerate(data):
        p = f"{path}[{i}]"
        if not isinstance(src, dict):
            errors[p] = "must be an object"
            continue
        for extra in sorted(set(src) - SOURCE_FIELDS):
            errors[f"{p}.{extra}"] = "unknown field"
        key = src.get("key")
        if not isinstance(key, str) or not KEY_RE.match(key):
            errors[f"{p}.key"] = "is required: lowercase letters, digits and hyphens"
        elif key in seen:
            errors[f"{p}.key"] = f"duplicate source key {key!r}"
        else:
            seen.add(key)
        _str(errors, f"{p}.title", src.get("title"), required=True, max_len=400)
        for field, max_len in (("authors", 500), ("publisher", 300), ("doi", 120), ("url", 500), ("notes", 0)):
            _str(errors, f"{p}.{field}", src.get(field), max_len=max_len)
        year = src.get("year")
        if year is not None and (not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2100):
            errors[f"{p}.year"] = "must be a year between 1900 and 2100"
        if src.get("kind", "cpg") not in kinds:
            errors[f"{p}.kind"] = f"must be one of {', '.join(sorted(kinds))}"
        if src.get("licence", "public") not in Licence.values:
            errors[f"{p}.licence"] = "must be public or licensed"
        if src.get("verification", Verification.UNVERIFIED) not in Verification.values():
            errors[f"{p}.verification"] = "must be V, P or U"
        recs = src.get("recommendations", [])
        if not isinstance(recs, list):
            errors[f"{p}.recommendations"] = "must be a list"
            continue
        rec_keys: set[str] = set()
        for j, rec in enumerate(recs):
            rp = f"{p}.recommendations[{j}]"
            if not isinstance(rec, dict):
                errors[rp] = "must be an object"
                continue
            for extra in sorted(set(rec) - RECOMMENDATION_FIELDS):
                errors[f"{rp}.{extra}"] = "unknown field"
            rkey = rec.get("key")
            if not isinstance(rkey, str) or not KEY_RE.match(rkey):
                errors[f"{rp}.key"] = "is required: lowercase letters, digits and hyphens"
            elif rkey in rec_keys:
                errors[f"{rp}.key"] = f"duplicate recommendation key {rkey!r}"
            else:
                rec_keys.add(rkey)
            _str(errors, f"{rp}.statement", rec.get("statement"), required=True)
            for field in ("strength", "population", "conditions", "services"):
                _str(errors, f"{rp}.{field}", rec.get(field), max_len=300)
            if rec.get("verification", Verification.UNVERIFIED) not in Verification.values():
                errors[f"{rp}.verification"] = "must be V, P or U"
            _applicability_errors(errors, rp, rec)
    return errors


def _applicability_errors(errors: dict[str, str], rp: str, rec: dict[str, Any]) -> None:
    from .applicability import LINES_OF_BUSINESS, POPULATIONS, REGIONS, STANCES

    for field, allowed in (
        ("body_regions", REGIONS),
        ("populations", POPULATIONS),
        ("lines_of_business", LINES_OF_BUSINESS),
    ):
        value = rec.get(field)
        if value is None:
            continue
        if not isinstance(value, str):
            errors[f"{rp}.{field}"] = "must be a comma-separated string"
            continue
        bad = [p.strip() for p in value.split(",") if p.strip() and p.strip() not in allowed]
        if bad:
            errors[f"{rp}.{field}"] = f"unknown value {bad[0]!r}; use {', '.join(allowed)}"
    for field in ("age_min", "age_max"):
        value = rec.get(field)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 120):
            errors[f"{rp}.{field}"] = "must be an age between 0 and 120"
    if rec.get("stance", "neutral") not in STANCES:
        errors[f"{rp}.stance"] = f"must be one of {', '.join(STANCES)}"
    _str(errors, f"{rp}.pinpoint", rec.get("pinpoint"), max_len=60)


def _fill_applicability(obj: Recommendation, rec: dict[str, Any]) -> None:
    """An existing recommendation that has no applicability yet gets the library's (edits are kept).

    Applicability is not cited text: filling it never changes what a published version says.
    """
    if obj.body_regions or obj.populations or obj.lines_of_business or obj.pinpoint or obj.stance != "neutral":
        return
    values = _applicability(rec)
    if not any(v not in ("", None, "neutral") for v in values.values()):
        return
    Recommendation.objects.filter(pk=obj.pk).update(**values)


@transaction.atomic
def library_load(*, data: list[dict[str, Any]], actor: Any = None) -> tuple[int, int]:
    """Create the sources and recommendations that are missing (existing ones are left as edited). Idempotent."""
    errors = validate_library(data)
    if errors:
        raise ValidationError(errors)
    created_sources = created_recs = 0
    for src in data:
        source = GuidelineSource.objects.filter(key=src["key"]).first()
        if source is None:
            source = GuidelineSource.objects.create(
                key=src["key"],
                title=src["title"],
                authors=src.get("authors") or "",
                publisher=src.get("publisher") or "",
                year=src.get("year"),
                doi=src.get("doi") or "",
                url=src.get("url") or "",
                kind=src.get("kind", "cpg"),
                licence=src.get("licence", "public"),
                verification=src.get("verification", Verification.UNVERIFIED),
                notes=src.get("notes") or "",
            )
            created_sources += 1
            record_event("guidelines.source_created", actor=actor, obj=source, summary={"key": source.key})
        existing = {r.key: r for r in source.recommendations.all()}  # type: ignore[misc]  # custom queryset manager
        for rec in src.get("recommendations", []):
            if rec["key"] in existing:
                _fill_applicability(existing[rec["key"]], rec)
                continue
            obj = Recommendation.objects.create(
                source=source,
                key=rec["key"],
                statement=rec["statement"],
                strength=rec.get("strength") or "",
                population=rec.get("population") or "",
                conditions=rec.get("conditions") or "",
                services=rec.get("services") or "",
                verification=rec.get("verification", Verification.UNVERIFIED),
                **_applicability(rec),
            )
            created_recs += 1
            record_event(
                "guidelines.recommendation_created", actor=actor, obj=obj, summary={"citation_id": obj.citation_id}
            )
    return created_sources, created_recs
