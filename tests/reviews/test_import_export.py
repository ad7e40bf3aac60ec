"""case_import / export_case_dict and the import_cases / export_case commands."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AuditEvent
from reviews.models import (
    Case,
    CaseStatus,
    ClinicalReview,
    Determination,
    Diagnosis,
    Member,
    PriorEpisode,
    Provider,
    Recommendation,
    ServiceRequest,
    Visit,
)
from reviews.services.cases import CaseImportError, case_import, export_case_dict
from tests.seeds import CASES_DIR, SEED_APPROVE, SEED_DENY

CASES = CASES_DIR
SEED1 = SEED_APPROVE
SEED2 = SEED_DENY
MODELS = (Case, Member, Provider, Diagnosis, ServiceRequest, Visit, PriorEpisode, ClinicalReview, AuditEvent)


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text())


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


def run(*args: str) -> tuple[str, str, int]:
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        err.write(str(exc))
        code = exc.returncode
    return out.getvalue(), err.getvalue(), code


# ---------------------------------------------------------------- service


@pytest.mark.django_db
def test_import_seed_creates_every_row() -> None:
    data = load(SEED1)
    case = case_import(data=data)
    assert case.reference == "SEED-0001"
    assert case.due_at == case.received_at + timedelta(days=7)
    assert case.member.member_id == "M100234" and case.provider.npi == "1548273617"
    dx = case.diagnoses.get()
    assert (dx.code, dx.description, dx.primary) == ("M25.552", "Pain in left hip", True)
    assert case.request.services == ["97110", "97140", "97164"] and case.request.visits == 8
    assert case.visits.count() == 6
    review = case.clinical_review
    assert review.goals_short_term_met == 2 and review.participation is True
    assert review.prefilled_fields == [
        "functional_deficits",
        "objective_impairments",
        "reported_improvement_pct",
        "goals",
        "participation",
        "adherence",
        "strength_measured_objectively",
        "exercise_parameters_documented",
        "evidence",
    ]
    event = AuditEvent.objects.get(action="case.imported")
    assert event.summary["reference"] == "SEED-0001" and event.summary["replace"] is False
    assert "Ellis" not in json.dumps(event.summary)


@pytest.mark.django_db
def test_import_normalises_icd_codes() -> None:
    data = load(SEED1)
    data["diagnoses"][0]["code"] = "m25552"
    case = case_import(data=data)
    assert case.diagnoses.get().code == "M25.552"


@pytest.mark.django_db
def test_existing_member_and_provider_are_reused_and_updated() -> None:
    case_import(data=load(SEED1))
    data = load(SEED1)
    data["reference"] = "SEED-0001-B"
    data["member"]["plan"] = "Commercial HMO"
    case_import(data=data)
    assert Member.objects.count() == 1 and Provider.objects.count() == 1
    assert Member.objects.get().plan == "Commercial HMO"


@pytest.mark.django_db
def test_round_trip(reviewer: Any) -> None:
    for path in (SEED1, SEED2, *sorted(CASES.glob("demo-*.json"))):
        original = load(path)
        case = case_import(data=original, assign_to=reviewer)
        exported = export_case_dict(case)
        assert "expected" not in exported
        # The export is a complete ur-case/1 file: same core values as the source...
        assert exported["member"] == original["member"]
        assert exported["diagnoses"] == original["diagnoses"]
        assert exported["request"]["services"] == original["request"]["services"]
        assert [v["date"] for v in exported["visits"]] == [v["date"] for v in original["visits"]]
        # ...and importing it again gives the same export.
        again = copy.deepcopy(exported)
        again["reference"] = f"{case.reference}-RT"
        second = export_case_dict(case_import(data=again))
        second["reference"] = case.reference
        assert second == exported


@pytest.mark.django_db
def test_export_query_count_does_not_grow_with_visits() -> None:
    small = case_import(data=load(SEED1))
    data = load(SEED1)
    data["reference"] = "MANY-VISITS"
    data["visits"] = data["visits"] * 10
    big = case_import(data=data)
    with CaptureQueriesContext(connection) as q_small:
        export_case_dict(small)
    with CaptureQueriesContext(connection) as q_big:
        assert len(export_case_dict(big)["visits"]) == 60
    assert len(q_small) == len(q_big) <= 4


@pytest.mark.django_db
def test_reimport_refused_without_replace() -> None:
    case_import(data=load(SEED1))
    before = counts()
    with pytest.raises(CaseImportError) as exc:
        case_import(data=load(SEED1))
    assert [e.path for e in exc.value.errors] == ["reference"]
    assert "already exists" in exc.value.errors[0].message
    assert counts() == before


@pytest.mark.django_db
def test_replace_recreates_children_in_place(reviewer: Any) -> None:
    first = case_import(data=load(SEED1), assign_to=reviewer)
    data = load(SEED1)
    data["visits"] = data["visits"][:2]
    data["urgency"] = "expedited"
    data["diagnoses"] = [{"code": "M25.551", "primary": True}, {"code": "S76.012A", "primary": False}]
    case = case_import(data=data, replace=True)
    assert case.pk == first.pk and case.public_id == first.public_id
    assert case.assigned_reviewer == reviewer  # kept when not reassigned
    assert case.visits.count() == 2 and Visit.objects.count() == 2
    assert list(case.diagnoses.values_list("code", flat=True)) == ["M25.551", "S76.012A"]
    assert Diagnosis.objects.count() == 2 and ServiceRequest.objects.count() == 1
    assert ClinicalReview.objects.count() == 1
    case.refresh_from_db()
    assert case.due_at == case.received_at + timedelta(hours=72)
    assert AuditEvent.objects.filter(action="case.imported").last().summary["replace"] is True


@pytest.mark.django_db
def test_replace_makes_a_ready_recommendation_stale(reviewer: Any) -> None:
    case = case_import(data=load(SEED1), assign_to=reviewer)
    Recommendation.objects.create(case=case, input_hash="0" * 64, engine_version="1", decision="approve", result={})
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.RECOMMENDATION_READY)
    data = load(SEED1)
    data["visits"] = data["visits"][:2]
    case = case_import(data=data, replace=True)
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_REVIEW  # no accepting a recommendation of the old content


@pytest.mark.django_db
def test_replace_refused_once_determined(reviewer: Any) -> None:
    case = case_import(data=load(SEED1))
    rec = Recommendation.objects.create(
        case=case, input_hash="0" * 64, engine_version="1", decision="approve", result={}
    )
    Determination.objects.create(
        case=case, recommendation=rec, decision="approve", lines=[], reviewer=reviewer, decided_at=timezone.now()
    )
    before = counts()
    with pytest.raises(CaseImportError) as exc:
        case_import(data=load(SEED1), replace=True)
    assert "determination" in exc.value.errors[0].message
    assert counts() == before


@pytest.mark.django_db
def test_invalid_dict_saves_nothing() -> None:
    data = load(SEED1)
    data["diagnoses"][0]["code"] = "M54.5"
    before = counts()
    with pytest.raises(CaseImportError) as exc:
        case_import(data=data)
    assert exc.value.errors[0].path == "diagnoses[0].code"
    assert counts() == before


# ---------------------------------------------------------------- commands


def write(tmp_path: Path, name: str, data: Any) -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


@pytest.mark.django_db
def test_import_cases_accepts_both_seeds(reviewer: Any) -> None:
    out, err, code = run("import_cases", str(SEED1), str(SEED2), "--assign", "reviewer")
    assert code == 0, err
    assert "imported SEED-0001 (" in out and "imported SEED-0002 (" in out
    assert set(Case.objects.values_list("assigned_reviewer__username", flat=True)) == {"reviewer"}


def bad_files() -> list[tuple[str, Any, str, str]]:
    """(name, content, expected path, expected words) for each must-refuse file."""
    cases: list[tuple[str, Any, str, str]] = []
    d = load(SEED1)
    d["diagnoses"][0]["code"] = "M25.5529"
    cases.append(("bad-icd.json", d, "diagnoses[0].code", "is not an ICD-10-CM code"))
    d = load(SEED1)
    d["diagnoses"][0]["code"] = "M54.5"
    cases.append(("non-billable.json", d, "diagnoses[0].code", "non-billable"))
    d = load(SEED1)
    d["request"]["end_date"] = "2025-08-20"
    cases.append(("end-before-start.json", d, "request.end_date", "before its start date"))
    d = load(SEED2)
    d["prior_episodes"][0]["visits"] = -4
    cases.append(("negative-visits.json", d, "prior_episodes[0].visits", "negative"))
    d = load(SEED1)
    del d["member"]["member_id"]
    cases.append(("missing-member-id.json", d, "member.member_id", "required"))
    cases.append(("not-json.json", "this is not JSON {", "$", "not valid JSON"))
    return cases


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "path", "words"), bad_files(), ids=[c[0] for c in bad_files()])
def test_import_cases_refuses_bad_file_and_changes_nothing(
    tmp_path: Path, name: str, content: Any, path: str, words: str
) -> None:
    case_import(data=load(SEED2))  # something already in the database
    file = write(tmp_path, name, content)
    before = counts()
    out, err, code = run("import_cases", str(file))
    assert code == 1
    assert f"{file}: {path}: " in err and words in err
    assert "imported" not in out
    assert counts() == before


@pytest.mark.django_db
def test_import_cases_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    bad = load(SEED2)
    bad["request"]["visits"] = -1
    bad["diagnoses"][0]["code"] = "M54.5"
    bad_file = write(tmp_path, "bad.json", bad)
    out, err, code = run("import_cases", str(bad_file), str(SEED1))
    assert code == 1
    assert "imported SEED-0001" in out
    lines = [line for line in err.splitlines() if line.startswith(str(bad_file))]
    assert len(lines) == 2  # every problem, one line each
    assert list(Case.objects.values_list("reference", flat=True)) == ["SEED-0001"]


@pytest.mark.django_db
def test_import_cases_replace_flag() -> None:
    assert run("import_cases", str(SEED1))[2] == 0
    out, err, code = run("import_cases", str(SEED1))
    assert code == 1 and "reference: " in err and "--replace" in err
    out, err, code = run("import_cases", str(SEED1), "--replace")
    assert code == 0 and "imported SEED-0001" in out
    assert Case.objects.count() == 1


@pytest.mark.django_db
def test_import_cases_unknown_assignee() -> None:
    out, err, code = run("import_cases", str(SEED1), "--assign", "nobody")
    assert code == 1 and "--assign" in err
    assert Case.objects.count() == 0


@pytest.mark.django_db
def test_export_case_command_round_trips(tmp_path: Path) -> None:
    run("import_cases", str(SEED2))
    out, err, code = run("export_case", "SEED-0002")
    assert code == 0
    exported = json.loads(out)
    expected = load(SEED2)
    expected.pop("expected")
    assert exported["member"] == expected["member"]
    # the seed gives no record page for its prior episode; the export says so
    assert exported["prior_episodes"] == [{**e, "page": None} for e in expected["prior_episodes"]]
    assert exported["documentation"] == expected["documentation"]

    target = tmp_path / "out.json"
    run("export_case", "SEED-0002", "--out", str(target))
    assert json.loads(target.read_text()) == exported
    out, err, code = run("import_cases", str(target), "--replace")
    assert code == 0
    assert json.loads(run("export_case", "SEED-0002")[0]) == exported


@pytest.mark.django_db
def test_export_case_unknown_reference() -> None:
    out, err, code = run("export_case", "NOPE")
    assert code == 1 and "NOPE" in err


@pytest.mark.services
@pytest.mark.django_db
def test_import_export_on_postgresql(tmp_path: Path) -> None:
    assert connection.vendor == "postgresql"
    out, err, code = run("import_cases", str(SEED1), str(SEED2))
    assert code == 0, err
    for reference in ("SEED-0001", "SEED-0002"):
        exported = export_case_dict(Case.objects.get(reference=reference))
        again = copy.deepcopy(exported)
        case = case_import(data=again, replace=True)
        assert export_case_dict(case) == exported
    # Values PostgreSQL itself would refuse are caught by validation first, with the field named.
    data = load(SEED1)
    data["reference"] = "PG-NUL"
    data["visits"][0]["note"] = "bad\x00note"
    before = counts()
    with pytest.raises(CaseImportError) as exc:
        case_import(data=data)
    assert [e.path for e in exc.value.errors] == ["visits[0].note"]
    assert counts() == before


@pytest.mark.django_db
def test_prior_episode_page_round_trips() -> None:
    data = load(SEED2)
    assert data.get("prior_episodes"), "SEED-0002 has a prior episode for this test"
    data["prior_episodes"][0]["page"] = 7
    case = case_import(data=data)
    assert case.prior_episodes.order_by("start_date").first().page == 7
    assert export_case_dict(case)["prior_episodes"][0]["page"] == 7
