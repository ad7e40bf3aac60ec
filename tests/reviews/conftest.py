"""Fixtures shared by the reviews tests: the criteria loaded from the starter files, and the letters
environment with the two seed cases and a stored recommendation each (helpers in letters_support.py)."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from reviews.services.recommendations import clear_snapshot_cache


@pytest.fixture
def criteria(db: None) -> Any:
    clear_snapshot_cache()
    call_command("load_criteria", stdout=StringIO())
    yield
    clear_snapshot_cache()
