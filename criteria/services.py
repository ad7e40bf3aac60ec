"""Criteria versions: create (import), clone, publish, export, diff. Every write is audited."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone

from audit.services import record_event
from guidelines.models import Recommendation
from guidelines.services import library_export, library_load, validate_library
from vocabulary import DENIAL_CREDENTIALS, DETERMINATION_DECISIONS, Verification

from .models import (
    ITEM_MODELS,
    CriteriaSet,
    CriteriaVersion,
    DocumentationRequirement,
    OutcomeMeasure,
    OverrideReason,
    RedFlag,
    RuleCitation,
    ServiceItem,
    VisitBenchmark,
    _retirement_allowed,
)

FORMAT = "ur-criteria/1"
POLICY_FIELDS = (
    "episode_gap_days",
    "lookback_months",
    "alternative_dx_months",
    "older_adult_age",
    "plan_advisory_ratio",
    "denial_credential",
)

# section -> (model, identity field, exported fields other than identity and citations)
SECTIONS: dict[str, tuple[type[Any], str, tuple[str, ...]]] = {
    "services": (ServiceItem, "code", ("descriptor", "plain_words", "timed", "status", "notes")),
    "benchmarks": (
        VisitBenchmark,
        "key",
        ("label", "icd_scope", "visits", "percentile", "period_days", "source", "licence", "verification", "notes"),
    ),
    "red_flags": (RedFlag, "key", ("label", "indicators", "verification")),
    "outcome_measures": (
        OutcomeMeasure,
        "name",
        ("full_name", "aliases", "scale", "mcid", "higher_is_better", "verification", "notes"),
    ),
    "documentation_requirements": (DocumentationRequirement, "key", ("text", "order")),
    "rule_citations": (RuleCitation, "rule_id", ()),
    "override_reasons": (OverrideReason, "code", ("label", "letter_wording", "decisions", "order")),
}
OPTIONAL_SECTIONS = {"override_reasons"}  # files exported before the section existed import without it
SECTION_TITLES = {
    "policy": "Decision-policy parameters",
    "services": "Service catalog",
    "benchmarks": "Visit benchmarks",
    "red_flags": "Red flags",
    "outcome_measures": "Outcome measures",
    "documentation_requirements": "Documentation requirements",
    "rule_citations": "Rule citations",
    "override_reasons": "Override reasons",
}
LIST_FIELDS = {"icd_scope", "aliases", "decisions"}  # stored as comma-separated text, exported as lists


def _next_number(criteria_set: CriteriaSet) -> int:
    return (criteria_set.versions.aggregate(n=Max("number"))["n"] or 0) + 1


def _item_value(item: Any, field: str) -> Any:
    if field == "icd_scope":
        return list(item.scope_list)
    if field == "aliases":
        return list(item.alias_list)
    if field == "decisions":
        return list(item.decision_list)
    return getattr(item, field)


# ---------------------------------------------------------------- export


def criteria_export(version: CriteriaVersion, *, include_guidelines: bool = True) -> dict[str, Any]:
    """The version as plain JSON-able data (deterministic ordering), in the `ur-criteria/1` format."""
    version = CriteriaVersion.objects.select_related("criteria_set").get(pk=version.pk)
    data: dict[str, Any] = {
        "format": FORMAT,
        "set": {
            "key": version.criteria_set.key,
            "name": version.criteria_set.name,
            "description": version.criteria_set.description,
        },
        "version": {
            "id": version.pk,
            "number": version.number,
            "status": version.status,
            "effective_from": version.effective_from.isoformat() if version.effective_from else None,
            "effective_to": version.effective_to.isoformat() if version.effective_to else None,
            "change_summary": version.change_summary,
            "approved_at": version.approved_at.isoformat() if version.approved_at else None,
        },
        "policy": {f: getattr(version, f) for f in POLICY_FIELDS},
    }
    cited: set[str] = set()
    for section, (model, ident, fields) in SECTIONS.items():
        rows = []
        items = model.objects.filter(version=version).prefetch_related(
            Prefetch("citations", queryset=Recommendation.objects.only("id", "citation_id"))
        )
        for item in sorted(items, key=lambda i: getattr(i, ident)):
            row = {ident: getattr(item, ident)}
            row.update({f: _item_value(item, f) for f in fields})
            row["citations"] = sorted(c.citation_id for c in item.citations.all())
            cited.update(row["citations"])
            rows.append(row)
        data[section] = rows
    data["counts"] = {section: len(data[section]) for section in SECTIONS}
    data["counts"]["citations_used"] = len(cited)
    if include_guidelines:
        data["guidelines"] = library_export()
        data["counts"]["guideline_sources"] = len(data["guidelines"])
        data["counts"]["guideline_recommendations"] = sum(len(s["recommendations"]) for s in data["guidelines"])
    return data


# ---------------------------------------------------------------- import

TOP_FIELDS = {"format", "set", "version", "policy", "counts", "guidelines", *SECTIONS}
ITEM_RULES: dict[str, dict[str, tuple[str, ...]]] = {
    # field -> (type, extra constraint)
    "services": {
        "code": ("code",),
        "descriptor": ("str", "required"),
        "plain_words": ("str",),
        "timed": ("bool",),
        "status": ("choice", *ServiceItem.Status.values),
        "notes": ("str",),
    },
    "benchmarks": {
        "key": ("slug",),
        "label": ("str", "required"),
        "icd_scope": ("scope",),
        "visits": ("int", "required", "min1"),
        "percentile": ("int",),
        "period_days": ("int",),
        "source": ("str", "required"),
        "licence": ("choice", "public", "licensed"),
        "verification": ("choice", *Verification),
        "notes": ("str",),
    },
    "red_flags": {
        "key": ("slug",),
        "label": ("str", "required"),
        "indicators": ("str",),
        "verification": ("choice", *Verification),
    },
    "outcome_measures": {
        "name": ("str", "required"),
        "full_name": ("str", "required"),
        "aliases": ("strlist",),
        "scale": ("str",),
        "mcid": ("number", "required"),
        "higher_is_better": ("bool",),
        "verification": ("choice", *Verification),
        "notes": ("str",),
    },
    "documentation_requirements": {"key": ("slug",), "text": ("str", "required"), "order": ("int",)},
    "rule_citations": {"rule_id": ("rule",)},
    "override_reasons": {
        "code": ("slug",),
        "label": ("str", "required"),
        "letter_wording": ("str", "required"),
        "decisions": ("decisions",),
        "order": ("int",),
    },
}
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
CODE_RE = re.compile(r"^[0-9A-Z]{4,6}$")
SCOPE_RE = re.compile(r"^[A-Z][0-9A-Z.]*\*?$")
RULE_RE = re.compile(r"^[a-z_]+\.[a-z_]+$")


def _check_value(errors: dict[str, str], path: str, value: Any, rule: tuple[str, ...]) -> None:
    kind, extra = rule[0], rule[1:]
    required = "required" in extra or kind in ("code", "slug", "scope", "rule")
    if value is None:
        if required:
            errors[path] = "is required"
        return
    if kind == "str":
        if not isinstance(value, str):
            errors[path] = "must be a string"
        elif required and not value.strip():
            errors[path] = "is required"
    elif kind == "code":
        if not isinstance(value, str) or not CODE_RE.match(value):
            errors[path] = "must be a CPT/HCPCS code (4-6 uppercase letters or digits)"
    elif kind == "slug":
        if not isinstance(value, str) or not SLUG_RE.match(value):
            errors[path] = "must be a key of lowercase letters, digits, '-' or '_'"
    elif kind == "rule":
        if not isinstance(value, str) or not RULE_RE.match(value):
            errors[path] = "must be a rule id like visits.benchmark_exceeded"
    elif kind == "bool":
        if not isinstance(value, bool):
            errors[path] = "must be true or false"
    elif kind == "int":
        if not isinstance(value, int) or isinstance(value, bool) or value < ("min1" in extra):
            errors[path] = "must be a whole number" + (" of at least 1" if "min1" in extra else " (0 or more)")
    elif kind == "number":
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            errors[path] = "must be a number of 0 or more"
    elif kind == "choice":
        if value not in extra:
            errors[path] = f"must be one of {', '.join(extra)}"
    elif kind == "scope":
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and SCOPE_RE.match(v) for v in value):
            errors[path] = "must be a non-empty list of ICD-10 codes or prefixes ending in * (e.g. M25.55*)"
    elif kind == "decisions":
        if not isinstance(value, list) or not value or not set(value) <= set(DETERMINATION_DECISIONS):
            errors[path] = "must be a non-empty list of approve, partial, deny"
    elif kind == "strlist" and (not isinstance(value, list) or not all(isinstance(v, str) for v in value)):
        errors[path] = "must be a list of strings"


def validate_criteria_data(data: Any) -> dict[str, str]:
    """Field-named errors for an `ur-criteria/1` document ({} when valid). Citations are checked against
    the library plus the file's own `guidelines` block."""
    if not isinstance(data, dict):
        return {"(file)": "must be a JSON object in the ur-criteria/1 format"}
    errors: dict[str, str] = {}
    for extra in sorted(set(data) - TOP_FIELDS):
        errors[extra] = "unknown field"
    if data.get("format") != FORMAT:
        errors["format"] = f"must be {FORMAT!r}"
    cset = data.get("set")
    if not isinstance(cset, dict):
        errors["set"] = "must be an object with key and name"
    else:
        if not isinstance(cset.get("key"), str) or not SLUG_RE.match(cset.get("key", "")):
            errors["set.key"] = "is required: lowercase letters, digits and hyphens"
        if not isinstance(cset.get("name"), str) or not cset["name"].strip():
            errors["set.name"] = "is required"
    if "version" in data and not isinstance(data["version"], dict):
        errors["version"] = "must be an object"
    policy = data.get("policy")
    if not isinstance(policy, dict):
        errors["policy"] = "must be an object"
    else:
        for extra in sorted(set(policy) - set(POLICY_FIELDS)):
            errors[f"policy.{extra}"] = "unknown field"
        for f in POLICY_FIELDS[:4]:
            v = policy.get(f)
            if not isinstance(v, int) or isinstance(v, bool) or v < 1:
                errors[f"policy.{f}"] = "must be a whole number of at least 1"
        ratio = policy.get("plan_advisory_ratio")
        if not isinstance(ratio, (int, float)) or isinstance(ratio, bool) or ratio <= 0:
            errors["policy.plan_advisory_ratio"] = "must be a positive number"
        if policy.get("denial_credential") not in DENIAL_CREDENTIALS:
            errors["policy.denial_credential"] = "must be physical_therapist or physician"
    known_citations = set(Recommendation.objects.values_list("citation_id", flat=True))
    if "guidelines" in data:
        lib_errors = validate_library(data["guidelines"])
        errors.update(lib_errors)
        if not lib_errors:
            for src in data["guidelines"]:
                known_citations.update(f"{src['key']}/{r['key']}" for r in src.get("recommendations", []))
    for section, rules in ITEM_RULES.items():
        rows = data.get(section, [] if section in OPTIONAL_SECTIONS else None)
        if not isinstance(rows, list):
            errors[section] = "must be a list"
            continue
        ident = SECTIONS[section][1]
        seen: set[Any] = set()
        for i, row in enumerate(rows):
            p = f"{section}[{i}]"
            if not isinstance(row, dict):
                errors[p] = "must be an object"
                continue
            for extra in sorted(set(row) - set(rules) - {"citations"}):
                errors[f"{p}.{extra}"] = "unknown field"
            for field, rule in rules.items():
                _check_value(errors, f"{p}.{field}", row.get(field), rule)
            if row.get(ident) in seen:
                errors[f"{p}.{ident}"] = f"duplicate {ident} {row.get(ident)!r}"
            seen.add(row.get(ident) if not isinstance(row.get(ident), list) else None)
            cits = row.get("citations", [])
            if not isinstance(cits, list) or not all(isinstance(c, str) for c in cits):
                errors[f"{p}.citations"] = "must be a list of citation ids"
            else:
                unknown = [c for c in cits if c not in known_citations]
                if unknown:
                    errors[f"{p}.citations"] = f"unknown citation id(s): {', '.join(unknown)}"
    return errors


@transaction.atomic
def criteria_import(*, data: dict[str, Any], actor: Any) -> CriteriaVersion:
    """Create a new draft version from an `ur-criteria/1` document; refuse invalid files whole."""
    errors = validate_criteria_data(data)
    if errors:
        raise ValidationError(errors)
    if "guidelines" in data:
        library_load(data=data["guidelines"], actor=actor)
    cset, created = CriteriaSet.objects.get_or_create(
        key=data["set"]["key"],
        defaults={"name": data["set"]["name"], "description": data["set"].get("description") or ""},
    )
    if created:
        record_event("criteria.set_created", actor=actor, obj=cset, summary={"key": cset.key})
    policy = data["policy"]
    version = CriteriaVersion.objects.create(
        criteria_set=cset,
        number=_next_number(cset),
        status=CriteriaVersion.Status.DRAFT,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{f: policy[f] for f in POLICY_FIELDS},
    )
    by_citation = dict(Recommendation.objects.values_list("citation_id", "pk"))
    for section, (model, ident, fields) in SECTIONS.items():
        for row in data.get(section, []):
            kwargs: dict[str, Any] = {ident: row[ident]}
            for f in fields:
                if f not in row or row[f] is None:
                    continue
                kwargs[f] = ", ".join(row[f]) if f in LIST_FIELDS else row[f]
            item = model(version=version, **kwargs)
            item.save()
            item.citations.set([by_citation[c] for c in row.get("citations", [])])
    source_version = data.get("version") or {}
    record_event(
        "criteria.version_created",
        actor=actor,
        obj=version,
        summary={
            "version_id": version.pk,
            "set": cset.key,
            "number": version.number,
            "via": "import",
            "imported_number": source_version.get("number"),
        },
    )
    return version


# ---------------------------------------------------------------- clone / publish


@transaction.atomic
def version_clone(*, version: CriteriaVersion, actor: Any) -> CriteriaVersion:
    """Deep-copy a version (items and their citations) into a new draft."""
    cset = version.criteria_set
    clone = CriteriaVersion.objects.create(
        criteria_set=cset,
        number=_next_number(cset),
        status=CriteriaVersion.Status.DRAFT,
        cloned_from=version,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{f: getattr(version, f) for f in POLICY_FIELDS},
    )
    for model in ITEM_MODELS:
        for item in model.objects.filter(version=version).prefetch_related("citations"):
            citation_ids = [c.pk for c in item.citations.all()]
            item.pk = item.id = None
            item._state.adding = True
            item.version = clone
            item._prefetched_objects_cache = {}  # else set() would compare against the source's citations
            item.save()
            item.citations.set(citation_ids)
    record_event(
        "criteria.version_cloned",
        actor=actor,
        obj=clone,
        summary={"version_id": clone.pk, "number": clone.number, "from_version_id": version.pk, "set": cset.key},
    )
    return clone


@transaction.atomic
def version_publish(
    *, version: CriteriaVersion, actor: Any, change_summary: str, effective_from: dt.date | None
) -> CriteriaVersion:
    """Publish a draft: summary required; closes and retires the set's previously published version."""
    version = CriteriaVersion.objects.select_for_update().select_related("criteria_set").get(pk=version.pk)
    errors: dict[str, str] = {}
    if version.status != CriteriaVersion.Status.DRAFT:
        errors["status"] = f"Only a draft can be published; version {version.number} is {version.status}."
    if not (change_summary or "").strip():
        errors["change_summary"] = "A change summary is required to publish."
    if effective_from is None:
        errors["effective_from"] = "An effective date is required to publish."
    previous = (
        CriteriaVersion.objects.filter(criteria_set=version.criteria_set, status=CriteriaVersion.Status.PUBLISHED)
        .exclude(pk=version.pk)
        .order_by("-effective_from")
        .first()
    )
    if previous and effective_from and previous.effective_from and effective_from <= previous.effective_from:
        errors["effective_from"] = (
            f"Must be after {previous.effective_from.isoformat()}, when version {previous.number} took effect."
        )
    if errors:
        raise ValidationError(errors)
    assert effective_from is not None
    if previous:
        closing = effective_from - dt.timedelta(days=1)
        with _retirement_allowed():
            CriteriaVersion.objects.filter(pk=previous.pk).update(
                status=CriteriaVersion.Status.RETIRED, effective_to=closing
            )
        record_event(
            "criteria.retired",
            actor=actor,
            obj=previous,
            summary={"version_id": previous.pk, "effective_to": closing.isoformat(), "superseded_by": version.pk},
        )
    version.status = CriteriaVersion.Status.PUBLISHED
    version.effective_from = effective_from
    version.effective_to = None
    version.change_summary = change_summary.strip()
    version.approved_by = actor if getattr(actor, "is_authenticated", False) else None
    version.approved_at = timezone.now()
    version.full_clean(exclude=["number", "criteria_set"])
    version.save()
    record_event(
        "criteria.published",
        actor=actor,
        obj=version,
        summary={
            "version_id": version.pk,
            "set": version.criteria_set.key,
            "number": version.number,
            "effective_from": effective_from.isoformat(),
            "previous_version_id": previous.pk if previous else None,
        },
    )
    return version


def item_change_record(*, actor: Any, item: Any, change: str, fields: list[str] | None = None) -> None:
    """Audit one edit of a draft's item (admin inlines call this)."""
    record_event(
        "criteria.item_changed",
        actor=actor,
        obj=item,
        summary={
            "version_id": item.version_id,
            "kind": item._meta.model_name,
            "item_id": item.pk,
            "change": change,
            "fields": sorted(fields or []),
        },
    )


# ---------------------------------------------------------------- diff


def version_diff(a: CriteriaVersion, b: CriteriaVersion) -> list[dict[str, Any]]:
    """Changes from version a to version b: [{section, key, change: added|removed|changed, field, old, new}]."""
    da, db = criteria_export(a, include_guidelines=False), criteria_export(b, include_guidelines=False)
    changes: list[dict[str, Any]] = []
    for f in POLICY_FIELDS:
        if da["policy"][f] != db["policy"][f]:
            changes.append(
                {
                    "section": "policy",
                    "key": f,
                    "change": "changed",
                    "field": f,
                    "old": da["policy"][f],
                    "new": db["policy"][f],
                }
            )
    for section, (_model, ident, fields) in SECTIONS.items():
        old = {row[ident]: row for row in da[section]}
        new = {row[ident]: row for row in db[section]}
        for key in sorted(old.keys() - new.keys()):
            changes.append(
                {"section": section, "key": key, "change": "removed", "field": "", "old": old[key], "new": None}
            )
        for key in sorted(new.keys() - old.keys()):
            changes.append(
                {"section": section, "key": key, "change": "added", "field": "", "old": None, "new": new[key]}
            )
        for key in sorted(old.keys() & new.keys()):
            for f in (*fields, "citations"):
                if old[key].get(f) != new[key].get(f):
                    changes.append(
                        {
                            "section": section,
                            "key": key,
                            "change": "changed",
                            "field": f,
                            "old": old[key].get(f),
                            "new": new[key].get(f),
                        }
                    )
    return changes
