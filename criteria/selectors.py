"""Reads of criteria versions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from .models import ITEM_MODELS, LOCKED_STATUSES, CriteriaVersion, OverrideReason

DEFAULT_SET = "pt-outpatient"


def _in_effect(on: dt.date, set_key: str) -> QuerySet[CriteriaVersion]:
    return (
        CriteriaVersion.objects.filter(criteria_set__key=set_key, status__in=LOCKED_STATUSES, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from", "-number")
    )


def version_in_effect(*, on: dt.date, set_key: str = DEFAULT_SET) -> CriteriaVersion | None:
    """The published or retired version of `set_key` whose [effective_from, effective_to] contains `on`."""
    return _in_effect(on, set_key).select_related("criteria_set").first()


def version_key_in_effect(*, on: dt.date, set_key: str = DEFAULT_SET) -> tuple[int, dt.datetime] | None:
    """(pk, created_at) of `version_in_effect`: enough to find its cached snapshot, at less cost."""
    return _in_effect(on, set_key).values_list("pk", "created_at").first()


def recommendation_cited_by_locked_version(recommendation_id: int) -> bool:
    """Whether any published or retired criteria version cites this guideline recommendation."""
    return any(
        # every item model has `citations` (the abstract VersionItem does not declare it)
        model.objects.filter(citations=recommendation_id, version__status__in=LOCKED_STATUSES).exists()  # type: ignore[misc]
        for model in ITEM_MODELS
    )


def _locked_citation_ids(column: str, ids: Iterable[int]) -> set[int]:
    ids = [int(pk) for pk in ids if pk is not None]
    found: set[int] = set()
    if not ids:
        return found
    for model in ITEM_MODELS:
        field = model._meta.get_field("citations")  # type: ignore[misc]  # declared on every concrete item model
        item, rec = field.m2m_field_name(), field.m2m_reverse_field_name()
        value = f"{rec}_id" if column == "recommendation" else f"{rec}__source_id"
        rows = field.remote_field.through.objects.filter(
            **{f"{item}__version__status__in": LOCKED_STATUSES, f"{value}__in": ids}
        )
        found.update(rows.values_list(value, flat=True).distinct())
    return found


def recommendations_cited_by_locked_versions(recommendation_ids: Iterable[int]) -> set[int]:
    """Those of the guideline recommendations that a published or retired criteria version cites
    (one query per item model, on the citation tables)."""
    return _locked_citation_ids("recommendation", recommendation_ids)


def sources_cited_by_locked_versions(source_ids: Iterable[int]) -> set[int]:
    """Those of the guideline sources with a recommendation a published or retired criteria version cites."""
    return _locked_citation_ids("source", source_ids)


def version_list(*, set_key: str | None = None, locked_only: bool = False) -> QuerySet[CriteriaVersion]:
    qs = CriteriaVersion.objects.select_related("criteria_set", "approved_by")
    if locked_only:
        qs = qs.filter(status__in=LOCKED_STATUSES)
    if set_key:
        qs = qs.filter(criteria_set__key=set_key)
    return qs.order_by("criteria_set__key", "-number")


def service_plain_words(*, version_id: int | None) -> dict[str, str]:
    """code -> the member-facing words of the service catalogue of criteria version `version_id`."""
    from .models import ServiceItem

    if version_id is None:
        return {}
    rows = ServiceItem.objects.filter(version_id=version_id).values_list("code", "plain_words")
    return {code: words for code, words in rows if words}


def outcome_measure_citations(*, version_id: int | None) -> list[tuple[str, str, tuple[str, ...]]]:
    """(name, full name, citation ids) of each outcome measure of criteria version `version_id`, by name."""
    from .models import OutcomeMeasure

    if version_id is None:
        return []
    measures = OutcomeMeasure.objects.filter(version_id=version_id).prefetch_related("citations").order_by("name")
    return [(m.name, m.full_name, tuple(sorted(c.citation_id for c in m.citations.all()))) for m in measures]


def override_reasons(*, version_id: int | None) -> list[OverrideReason]:
    """The coded override reasons of criteria version `version_id`, in their order ([] for none)."""
    if version_id is None:
        return []
    return list(OverrideReason.objects.filter(version_id=version_id).order_by("order", "code"))
