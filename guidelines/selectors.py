"""Reads of the guideline library."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from .applicability import Applicability, citable, split_list
from .models import GuidelineSource, Recommendation


def source_list_with_recommendations() -> QuerySet[GuidelineSource]:
    """Every source with its recommendations prefetched (two queries)."""
    recommendations: Prefetch[Any, Any, Any] = Prefetch(
        "recommendations", queryset=Recommendation.objects.order_by("key")
    )
    return GuidelineSource.objects.prefetch_related(recommendations).order_by("key")


@dataclass(frozen=True)
class CitedRecommendation:
    """A library recommendation as a letter or screen needs it (plain values, no model)."""

    citation_id: str
    statement: str
    strength: str
    verification: str
    services: frozenset[str]
    applicability: Applicability
    pinpoint: str
    source_key: str
    source_title: str
    source_citation: str
    source_licence: str
    source_kind: str

    @property
    def citable(self) -> bool:
        """Whether a letter may cite it at all (public and verified or partly verified)."""
        return citable(
            verification=self.verification,
            licence=self.source_licence,
            kind=self.source_kind,
            lines_of_business=self.applicability.lines_of_business,
        )


def recommendations_by_citation_id(citation_ids: Iterable[str]) -> dict[str, CitedRecommendation]:
    """citation id -> CitedRecommendation, for the ids the library holds (one query)."""
    out: dict[str, CitedRecommendation] = {}
    for rec in Recommendation.objects.select_related("source").filter(citation_id__in=set(citation_ids)):
        out[rec.citation_id] = CitedRecommendation(
            citation_id=rec.citation_id,
            statement=rec.statement,
            strength=rec.strength,
            verification=rec.verification,
            services=split_list(rec.services),
            applicability=rec.applicability,
            pinpoint=rec.pinpoint,
            source_key=rec.source.key,
            source_title=rec.source.title,
            source_citation=rec.source.citation_text,
            source_licence=rec.source.licence,
            source_kind=rec.source.kind,
        )
    return out
