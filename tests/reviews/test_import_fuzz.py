"""Property-based fuzzing of the case importer (hypothesis).

Mutated seed files either import cleanly or are refused with CaseImportError whose every error names a
field; a refusal saves nothing; no other exception escapes. Arbitrary JSON and arbitrary bytes are refused
the same way.
"""

from __future__ import annotations

import copy
import json
import os
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from audit.models import AuditEvent
from reviews.case_format import CaseFileError, parse_case_json, validate_case_dict
from reviews.models import Case, ClinicalReview, Diagnosis, Member, PriorEpisode, Provider, ServiceRequest, Visit
from reviews.services.cases import CaseImportError, case_import, export_case_dict
from tests.fuzz_support import json_values, leaves, parent_of, paths
from tests.seeds import CASES_DIR

CASES = CASES_DIR
SEEDS = [json.loads(p.read_text()) for p in sorted(CASES.glob("seed-*.json"))]
MODELS = (Case, Member, Provider, Diagnosis, ServiceRequest, Visit, PriorEpisode, ClinicalReview, AuditEvent)
FUZZ = settings(
    max_examples=int(os.environ.get("UR_FUZZ_EXAMPLES", "150")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def mutated_cases(draw: st.DrawFn) -> dict[str, Any]:
    doc = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        candidates = paths(doc)
        if not candidates:
            break
        path = draw(st.sampled_from(candidates))
        parent, key = parent_of(doc, path), path[-1]
        op = draw(st.sampled_from(["drop", "leaf", "value", "extra", "numbers"]))
        if op == "drop":
            del parent[key]
        elif op == "leaf":
            parent[key] = draw(leaves)
        elif op == "value":
            parent[key] = draw(json_values)
        elif op == "numbers":
            parent[key] = draw(st.integers(min_value=-5, max_value=400))
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=10))] = draw(leaves)
        else:
            parent.append(draw(json_values))
    return doc


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


@pytest.mark.django_db
@FUZZ
@given(data=mutated_cases())
def test_mutated_seed_imports_or_is_refused_cleanly(data: dict[str, Any]) -> None:
    before = counts()
    sid = transaction.savepoint()
    try:
        try:
            case = case_import(data=data)
        except CaseImportError as exc:
            assert exc.errors
            assert all(e.path and e.message for e in exc.errors), exc.errors
            assert counts() == before
            event("refused")
        else:
            event("imported")
            assert Case.objects.filter(pk=case.pk).exists()
            assert validate_case_dict(export_case_dict(case)) == []
    finally:
        transaction.savepoint_rollback(sid)


@FUZZ
@given(data=json_values)
def test_arbitrary_json_is_refused_with_paths(data: Any) -> None:
    errors = validate_case_dict(data)
    assert errors
    assert all(e.path and e.message for e in errors)


@FUZZ
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_arbitrary_bytes_never_crash_the_parser(raw: bytes) -> None:
    try:
        parsed = parse_case_json(raw)
    except CaseFileError as exc:
        assert exc.errors and exc.errors[0].path == "$"
    else:
        assert all(e.path for e in validate_case_dict(parsed))
