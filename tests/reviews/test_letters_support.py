"""Shared fixtures for the letter and determination tests (no tests here).

The seed cases are imported from reviews/fixtures/cases and recommended on by the real engine with
the published starter criteria and the real guideline library (criteria.loader.starter_load).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from criteria.loader import starter_load
from reviews.models import Case, CaseStatus, Recommendation
from reviews.services.cases import case_import
from tests.seeds import CASES_DIR

FIXTURES = CASES_DIR


def import_seed(name: str, reviewer: Any) -> Case:
    data = json.loads((FIXTURES / name).read_text())
    data.pop("expected", None)
    case = case_import(data=data, assign_to=reviewer)
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.RECOMMENDATION_READY)
    case.refresh_from_db()
    return case


def make_recommendation(case: Case, result: dict[str, Any]) -> Recommendation:
    return Recommendation.objects.create(
        case=case,
        input_hash=result["input_hash"],
        engine_version=result["engine_version"],
        decision=result["decision"],
        requested_visits=result["requested_visits"],
        approved_visits=result["approved_visits"],
        result=result,
    )


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    (tmp_path / "letter.txt").write_text(out)
    return " ".join(out.split())


@pytest.fixture(scope="session")
def pki_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pki")


@pytest.fixture
def letters_env(settings: Any, pki_root: Path, db: None) -> None:
    settings.UR_PKI_DIR = str(pki_root)
    settings.CELERY_TASK_ALWAYS_EAGER = True
    starter_load()


def real_recommendation(case: Case, actor: Any) -> Recommendation:
    """The engine's recommendation for `case`, computed now through the recommendation service."""
    from reviews.services.recommendations import recommendation_compute, recommendation_request

    job = recommendation_request(case=case, actor=actor)
    rec = recommendation_compute(job_id=job.pk)
    case.refresh_from_db()
    return rec


@pytest.fixture
def approve_case(letters_env: None, reviewer: Any) -> tuple[Case, Recommendation]:
    case = import_seed("seed-approve-hip-traumatic.json", reviewer)
    return case, real_recommendation(case, reviewer)


@pytest.fixture
def deny_case(letters_env: None, reviewer: Any) -> tuple[Case, Recommendation]:
    case = import_seed("seed-deny-hip-restart.json", reviewer)
    return case, real_recommendation(case, reviewer)
