"""Fixtures shared by the reviews tests: the criteria loaded from the starter files, and the letters
environment with the two seed cases and a stored recommendation each (helpers in letters_support.py)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from reviews.models import Case, Recommendation
from reviews.services.recommendations import clear_snapshot_cache

from .letters_support import approve_result, deny_result, import_seed, load_guidelines, make_recommendation


@pytest.fixture
def criteria(db: None) -> Any:
    clear_snapshot_cache()
    call_command("load_criteria", stdout=StringIO())
    yield
    clear_snapshot_cache()


@pytest.fixture(scope="session")
def pki_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pki")


@pytest.fixture
def letters_env(settings: Any, pki_root: Path, db: None) -> None:
    settings.UR_PKI_DIR = str(pki_root)
    settings.CELERY_TASK_ALWAYS_EAGER = True
    load_guidelines()


@pytest.fixture
def approve_case(letters_env: None, reviewer: Any) -> tuple[Case, Recommendation]:
    case = import_seed("seed-approve-hip-traumatic.json", reviewer)
    return case, make_recommendation(case, approve_result())


@pytest.fixture
def deny_case(letters_env: None, reviewer: Any) -> tuple[Case, Recommendation]:
    case = import_seed("seed-deny-hip-restart.json", reviewer)
    return case, make_recommendation(case, deny_result())
