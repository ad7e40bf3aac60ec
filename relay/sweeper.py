"""Finders of pending work, registered by each app that owns some (reviews.services.recovery runs them).

A finder takes the grace period in seconds and returns the task messages to send again, as
(task name, args) pairs, for work whose status in the database says it is still pending. Apps
above reviews (pas) register theirs in AppConfig.ready, so reviews never imports them.
"""

from __future__ import annotations

from collections.abc import Callable

Finder = Callable[[int], list[tuple[str, tuple[object, ...]]]]

_FINDERS: dict[str, Finder] = {}


def register_pending_work(kind: str, finder: Finder) -> None:
    _FINDERS[kind] = finder


def registered_finders() -> dict[str, Finder]:
    return dict(_FINDERS)
