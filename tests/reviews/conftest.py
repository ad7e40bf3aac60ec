"""Fixtures shared by the reviews tests: the criteria loaded from the starter files, and the letters
environment with the two seed cases and a stored recommendation each (helpers in letters_support.py)."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from reviews.models import Case, Recommendation
from reviews.services.recommendations import clear_snapshot_cache
from tests.reviews.factories import make_deny_seed_case

from .letters_support import approve_result, deny_result, import_seed, make_recommendation


@pytest.fixture
def criteria(db: None) -> Any:
    clear_snapshot_cache()
    call_command("load_criteria", stdout=StringIO())
    yield
    clear_snapshot_cache()


@pytest.fixture
def approve_case(letters_env: None, reviewer: Any) -> tuple[Case, Recommendation]:
    case = import_seed("seed-approve-hip-traumatic.json", reviewer)
    return case, make_recommendation(case, approve_result())


@pytest.fixture
def deny_case(letters_env: None, reviewer: Any) -> tuple[Case, Recommendation]:
    case = import_seed("seed-deny-hip-restart.json", reviewer)
    return case, make_recommendation(case, deny_result())


# The medical-record tests' case (the seed denial, no review yet) and a private MEDIA_ROOT.
@pytest.fixture
def case(reviewer):
    return make_deny_seed_case(assigned_reviewer=reviewer)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
