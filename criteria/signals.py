"""Refuse citation (M2M) changes on rows of published versions, and deleting cited library entries."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, pre_delete

from guidelines.models import Recommendation

from .models import ITEM_MODELS, LOCKED_STATUSES, PublishedVersionImmutable
from .selectors import recommendation_cited_by_locked_version


def _refuse_locked_citation_change(
    sender: Any, instance: Any, action: str, reverse: bool, model: Any, pk_set: set[int] | None, **kwargs: Any
) -> None:
    if action not in ("pre_add", "pre_remove", "pre_clear"):
        return
    if not reverse:
        # instance is a version item; refuse if its version is locked.
        if instance.version.__class__.objects.filter(pk=instance.version_id, status__in=LOCKED_STATUSES).exists():
            raise PublishedVersionImmutable("Citations of a published criteria version cannot be changed.")
        return
    # reverse: instance is a guidelines Recommendation, model is the item model.
    items = model.objects.all()
    items = items.filter(pk__in=pk_set) if pk_set is not None else items.filter(citations=instance)
    if items.filter(version__status__in=LOCKED_STATUSES).exists():
        raise PublishedVersionImmutable("Citations of a published criteria version cannot be changed.")


def _refuse_deleting_cited_recommendation(sender: Any, instance: Recommendation, **kwargs: Any) -> None:
    if recommendation_cited_by_locked_version(instance.pk):
        raise PublishedVersionImmutable(
            f"Recommendation {instance.citation_id} is cited by a published criteria version and cannot be deleted."
        )


def connect() -> None:
    for item_model in ITEM_MODELS:
        m2m_changed.connect(
            _refuse_locked_citation_change,
            sender=item_model.citations.through,  # type: ignore[attr-defined]  # every concrete item model has it
            dispatch_uid=f"criteria-locked-m2m-{item_model.__name__}",
        )
    pre_delete.connect(
        _refuse_deleting_cited_recommendation, sender=Recommendation, dispatch_uid="criteria-cited-recommendation"
    )
