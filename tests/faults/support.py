"""Helpers the fault tests call directly (the harness fixtures are in tests/faults/conftest.py)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

# The worker's redelivery timeout in these tests (production: 300 s, CELERY_VISIBILITY_TIMEOUT).
TEST_VISIBILITY_TIMEOUT = 12


def wait_until(predicate: Callable[[], Any], *, timeout: float, what: str, interval: float = 0.2) -> Any:
    """Poll `predicate` until it returns something truthy; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)
