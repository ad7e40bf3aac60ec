"""Oversight listens to appeals (a higher app listening to a lower one; never the reverse)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from appeals.signals import appeal_decided


@receiver(appeal_decided, dispatch_uid="oversight.overturned_appeal_enters_quality_sample")
def overturned_appeal_enters_quality_sample(sender: Any, appeal: Any, actor: Any, **kwargs: Any) -> None:
    """An overturned (or partly overturned) appeal puts the contested determination in the quality-audit sample."""
    if not appeal.favourable:
        return
    from .services import quality_sample_add_overturned

    quality_sample_add_overturned(determination=appeal.contested, actor=actor)
