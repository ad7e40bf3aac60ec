"""Facts straight from the models equal the facts of the file the case was imported from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from criteria.engine import input_hash
from reviews.facts import FactsError, facts_from_case, facts_from_case_dict
from reviews.services.cases import case_import, export_case_dict
from tests.criteria.engine_fixtures import SNAPSHOT

CASES = sorted((Path(__file__).resolve().parents[2] / "reviews" / "fixtures" / "cases").glob("*.json"))


def _file(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text())
    data.pop("expected", None)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_facts_from_models_equal_facts_from_the_file(path: Path) -> None:
    data = _file(path)
    case = case_import(data=data)
    from_models = facts_from_case(case)
    from_file = facts_from_case_dict(data)
    assert from_models == from_file
    assert input_hash(from_models, SNAPSHOT) == input_hash(from_file, SNAPSHOT)
    assert input_hash(from_models, None) == input_hash(from_file, None)
    # ... and the facts the export round trip gave before (what stored input hashes were made of).
    assert from_models == facts_from_case_dict(export_case_dict(case))


@pytest.mark.django_db
def test_facts_from_case_takes_four_queries_whatever_the_visits() -> None:
    case = case_import(data=_file(CASES[-1]))
    with CaptureQueriesContext(connection) as queries:
        facts_from_case(case)
    assert len(queries) == 4
    assert len(facts_from_case(case).visits) >= 1


@pytest.mark.django_db
def test_a_case_without_a_request_names_the_field() -> None:
    case = case_import(data=_file(CASES[-1]))
    case.request.delete()
    with pytest.raises(FactsError, match="request"):
        facts_from_case(case)
