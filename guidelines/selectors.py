"""Reads of the guideline library."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from .models import GuidelineSource, Recommendation


def source_list_with_recommendations() -> QuerySet[GuidelineSource]:
    """Every source with its recommendations prefetched (two queries)."""
    return GuidelineSource.objects.prefetch_related(
        Prefetch("recommendations", queryset=Recommendation.objects.order_by("key"))
    ).order_by("key")
