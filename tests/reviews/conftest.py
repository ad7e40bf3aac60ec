"""Fixtures shared by the reviews tests: the criteria loaded from the starter files, and the letters
environment with the two seed cases and a stored recommendation each (helpers in letters_support.py).

Here the letters environment is the real one (it overrides tests/conftest.py's): the published starter
criteria and the guideline library with its applicability, and recommendations computed by the engine,
so the letters these tests render are the letters the product produces."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from criteria.loader import starter_load
from reviews.models import Case, Recommendation
from reviews.services.recommendations import clear_snapshot_cache
from tests.reviews.factories import make_deny_seed_case

from .letters_support import import_seed, real_recommendation


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


@pytest.fixture
def letters_env(settings: Any, pki_root: Any, db: None) -> Any:
    settings.UR_PKI_DIR = str(pki_root)
    settings.CELERY_TASK_ALWAYS_EAGER = True
    clear_snapshot_cache()
    starter_load()
    yield
    clear_snapshot_cache()


@pytest.fixture
def approve_case(letters_env: None, reviewer: Any) -> tuple[Case, Recommendation]:
    case = import_seed("seed-approve-hip-traumatic.json", reviewer)
    return case, real_recommendation(case, reviewer)


@pytest.fixture
def deny_case(letters_env: None, reviewer: Any) -> tuple[Case, Recommendation]:
    case = import_seed("seed-deny-hip-restart.json", reviewer)
    return case, real_recommendation(case, reviewer)
