"""Property-based fuzzing of $submit (hypothesis): mutated PAS Bundles, arbitrary JSON and bytes are
answered 201/200 or with an OperationOutcome naming an element, never a 500; a refusal saves nothing."""

from __future__ import annotations

import copy
import json
import os
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pas.models import ClaimResponseRecord, PasSubmission
from reviews.models import Case, ClinicalDocument, Diagnosis, Member, Provider, ServiceRequest
from tests.fuzz_support import json_values, leaves, parent_of, paths
from tests.pas.bundles import blank_pdf, pt_request

MODELS = (Case, Member, Provider, Diagnosis, ServiceRequest, ClinicalDocument, PasSubmission, ClaimResponseRecord)
FUZZ = settings(
    max_examples=int(os.environ.get("UR_PAS_FUZZ_EXAMPLES", "60")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
SEEDS = [pt_request("FZ-1"), pt_request("FZ-2", pdf=blank_pdf(1)), pt_request("FZ-3", related="FZ-0")]


@st.composite
def mutated_bundles(draw: st.DrawFn) -> dict[str, Any]:
    doc = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        candidates = paths(doc)
        path = draw(st.sampled_from(candidates))
        parent, key = parent_of(doc, path), path[-1]
        op = draw(st.sampled_from(["drop", "leaf", "value", "numbers"]))
        if op == "drop":
            del parent[key]
        elif op == "leaf":
            parent[key] = draw(leaves)
        elif op == "value":
            parent[key] = draw(json_values)
        else:
            parent[key] = draw(st.integers(min_value=-5, max_value=400))
    return doc


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


def check_answer(api: Any, body: bytes) -> None:
    before = counts()
    sid = transaction.savepoint()
    try:
        reply = api.post("/fhir/Claim/$submit", body)
        assert reply.status_code in (200, 201, 400, 404), reply.status_code
        answer = reply.json()
        if reply.status_code >= 400:
            event("refused")
            assert answer["resourceType"] == "OperationOutcome"
            assert all(i["diagnostics"] and i["expression"][0].startswith("Bundle") for i in answer["issue"]), answer
            assert counts() == before
        else:
            event("accepted")
            assert answer["entry"][0]["resource"]["resourceType"] == "ClaimResponse"
    finally:
        transaction.savepoint_rollback(sid)


@pytest.fixture
def fuzz_api(api, settings):
    settings.PAS_RATE_LIMIT_PER_MINUTE = 0
    return api


@pytest.mark.django_db
@FUZZ
@given(bundle=mutated_bundles())
def test_mutated_bundles_are_answered_cleanly(fuzz_api, bundle):
    check_answer(fuzz_api, json.dumps(bundle).encode())


@pytest.mark.django_db
@FUZZ
@given(data=json_values)
def test_arbitrary_json_is_refused(fuzz_api, data):
    check_answer(fuzz_api, json.dumps(data).encode())


@pytest.mark.django_db
@FUZZ
@given(raw=st.binary(max_size=200))
def test_arbitrary_bytes_are_refused(fuzz_api, raw):
    if not raw.strip():
        raw = b"\x00"
    check_answer(fuzz_api, raw)
