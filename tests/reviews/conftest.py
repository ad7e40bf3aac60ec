"""Fixtures shared by the reviews tests: the criteria loaded from the starter files, and the letters
environment with the two seed cases and a stored recommendation each (helpers in letters_support.py)."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from reviews.services.recommendations import clear_snapshot_cache
from tests.reviews.factories import make_deny_seed_case


@pytest.fixture
def criteria(db: None) -> Any:
    clear_snapshot_cache()
    call_command("load_criteria", stdout=StringIO())
    yield
    clear_snapshot_cache()


# The medical-record tests' case (the seed denial, no review yet) and a private MEDIA_ROOT.
@pytest.fixture
def case(reviewer: Any) -> Any:
    return make_deny_seed_case(assigned_reviewer=reviewer)


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
