"""ur-case/1 validation: every problem named with its JSON path; seeds and demo files are valid."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from reviews.case_format import (
    CaseFileError,
    CaseFormatError,
    load_case_file,
    load_schema,
    normalize_icd10,
    validate_case_dict,
)
from tests.seeds import CASES_DIR

CASES = CASES_DIR
SEED_FILES = sorted(CASES.glob("seed-*.json"))
ALL_FILES = sorted(CASES.glob("*.json"))


def seed(name: str = "seed-approve-hip-traumatic.json") -> dict[str, Any]:
    return json.loads((CASES / name).read_text())


def messages(data: object) -> dict[str, str]:
    return {e.path: e.message for e in validate_case_dict(data)}


def test_schema_is_draft_2020_12_and_closed_everywhere() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    def objects(node: Any) -> list[dict[str, Any]]:
        found = []
        if isinstance(node, dict):
            if "properties" in node:
                found.append(node)
            for value in node.values():
                found.extend(objects(value))
        elif isinstance(node, list):
            for value in node:
                found.extend(objects(value))
        return found

    assert len(objects(schema)) >= 10
    assert all(o["additionalProperties"] is False for o in objects(schema))


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_fixture_files_are_valid(path: Path) -> None:
    data = load_case_file(path)
    assert data["format"] == "ur-case/1"


def test_seed_files_are_the_shared_seeds_with_expected_block() -> None:
    assert len(SEED_FILES) == 2
    assert all("expected" in json.loads(p.read_text()) for p in SEED_FILES)


def test_error_str_is_path_colon_message() -> None:
    err = CaseFormatError("diagnoses[0].code", "bad")
    assert str(err) == "diagnoses[0].code: bad"


def test_unknown_icd_code_names_the_field() -> None:
    data = seed()
    data["diagnoses"][0]["code"] = "M25.5529"
    assert [str(e) for e in validate_case_dict(data)] == ['diagnoses[0].code: "M25.5529" is not an ICD-10-CM code']


def test_non_billable_header_is_rejected_with_a_message_saying_so() -> None:
    data = seed()
    data["diagnoses"][0]["code"] = "M54.5"
    msg = messages(data)["diagnoses[0].code"]
    assert "non-billable" in msg and "more specific" in msg and "M54.50" in msg


def test_icd_codes_are_normalised() -> None:
    assert normalize_icd10("m25552") == "M25.552"
    data = seed()
    data["diagnoses"][0]["code"] = "M25552"
    assert validate_case_dict(data) == []


@pytest.mark.parametrize("code", ["13", "M20-M25", "", "M2", "M25.552.1"])
def test_chapters_blocks_and_junk_are_not_diagnosis_codes(code: str) -> None:
    data = seed()
    data["diagnoses"][0]["code"] = code
    assert "diagnoses[0].code" in messages(data)


def test_exactly_one_primary_diagnosis() -> None:
    data = seed()
    data["diagnoses"].append({"code": "M25.551", "primary": True})
    assert "exactly one" in messages(data)["diagnoses"]
    data["diagnoses"][0]["primary"] = data["diagnoses"][1]["primary"] = False
    assert "none is" in messages(data)["diagnoses"]


@pytest.mark.parametrize("code", ["97110", "0552T", "1234F", "G0283", "A4556"])
def test_well_formed_service_codes(code: str) -> None:
    data = seed()
    data["request"]["services"][0]["code"] = code
    data["visits"][1]["services"] = [code]
    assert validate_case_dict(data) == []


@pytest.mark.parametrize("code", ["9711", "971100", "1234X", "g0283", "GG283", "97 10"])
def test_malformed_service_codes(code: str) -> None:
    data = seed()
    data["request"]["services"][0]["code"] = code
    data["visits"][1]["services"] = [code]
    found = messages(data)
    assert "CPT" in found["request.services[0].code"]
    assert "visits[1].services[0]" in found


def test_end_before_start_names_the_field() -> None:
    data = seed()
    data["request"]["end_date"] = "2025-08-01"
    assert "before its start date" in messages(data)["request.end_date"]
    data = seed("seed-deny-hip-restart.json")
    data["prior_episodes"][0]["end_date"] = "2025-01-01"
    assert "prior_episodes[0].end_date" in messages(data)


def test_negative_counts_are_refused() -> None:
    data = seed("seed-deny-hip-restart.json")
    data["request"]["visits"] = -3
    data["prior_episodes"][0]["visits"] = -1
    found = messages(data)
    assert "at least 1" in found["request.visits"]
    assert "must not be negative" in found["prior_episodes[0].visits"]


def test_missing_member_id() -> None:
    data = seed()
    del data["member"]["member_id"]
    assert messages(data) == {"member.member_id": "is required but missing"}


def test_unknown_fields_rejected_everywhere_but_expected_is_ignored() -> None:
    data = seed()
    data["extra"] = 1
    data["member"]["nickname"] = "J"
    data["visits"][0]["mood"] = "good"
    assert set(messages(data)) == {"extra", "member.nickname", "visits[0].mood"}
    data = seed()
    data["expected"] = {"anything": [1, 2, {"goes": None}]}
    assert validate_case_dict(data) == []


def test_dates_and_received_at() -> None:
    data = seed()
    data["member"]["birth_date"] = "1991-02-30"
    data["received_at"] = "2025-08-26T14:05:00"  # no timezone
    data["visits"][0]["date"] = "20250804"
    data["clinical"]["onset_date"] = "0001-01-01"
    found = messages(data)
    assert "calendar date" in found["member.birth_date"]
    assert "timezone" in found["received_at"]
    assert "YYYY-MM-DD" in found["visits[0].date"]
    assert "out of range" in found["clinical.onset_date"]


def test_ranges_and_goals() -> None:
    data = seed()
    data["visits"][0]["pain_nprs"] = 11
    data["visits"][0]["function_pct"] = 101
    data["documentation"]["reported_improvement_pct"] = -5
    data["documentation"]["goals"]["short_term_met"] = 4
    data["documentation"]["evidence"][0]["page"] = 0
    data["visits"][0]["page"] = 0
    found = messages(data)
    assert set(found) == {
        "visits[0].pain_nprs",
        "visits[0].function_pct",
        "documentation.reported_improvement_pct",
        "documentation.goals.short_term_met",
        "documentation.evidence[0].page",
        "visits[0].page",
    }
    assert "cannot exceed" in found["documentation.goals.short_term_met"]


def test_types_enums_and_const() -> None:
    data = seed()
    data["format"] = "ur-case/2"
    data["urgency"] = "urgent"
    data["request"]["visits"] = "8"
    data["documentation"]["participation"] = "yes"
    data["diagnoses"] = []
    found = messages(data)
    assert "ur-case/1" in found["format"]
    assert "standard, expedited" in found["urgency"]
    assert "whole number" in found["request.visits"]
    assert "true or false" in found["documentation.participation"]
    assert "at least 1 item" in found["diagnoses"]


def test_all_problems_reported_not_just_the_first() -> None:
    data = seed()
    data["diagnoses"][0]["code"] = "M54.5"
    data["request"]["end_date"] = "2025-08-01"
    data["visits"][2]["pain_nprs"] = -1
    del data["member"]["member_id"]
    assert len(validate_case_dict(data)) == 4


@pytest.mark.parametrize("value", [None, [], "x", 3])
def test_non_object_document(value: object) -> None:
    assert [e.path for e in validate_case_dict(value)] == ["$"]


def test_nul_and_non_finite_values_refused() -> None:
    data = seed()
    data["member"]["given_name"] = "Jo\x00rdan"
    data["documentation"]["outcome_measures"] = [{"name": "LEFS", "date": "2025-08-04", "score": float("nan")}]
    found = messages(data)
    assert "NUL" in found["member.given_name"]
    assert "finite" in found["documentation.outcome_measures[0].score"]


def test_load_case_file_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "ur-case/1",\n  "reference": }')
    with pytest.raises(CaseFileError) as exc:
        load_case_file(bad)
    (err,) = exc.value.errors
    assert err.path == "$" and "not valid JSON" in err.message and "line 2" in err.message

    with pytest.raises(CaseFileError) as exc:
        load_case_file(tmp_path / "missing.json")
    assert exc.value.errors[0].path == "(file)"

    nan = tmp_path / "nan.json"
    nan.write_text('{"a": NaN}')
    with pytest.raises(CaseFileError, match="NaN"):
        load_case_file(nan)

    dup = tmp_path / "dup.json"
    dup.write_text('{"a": 1, "a": 2}')
    with pytest.raises(CaseFileError, match="duplicate key"):
        load_case_file(dup)

    invalid = tmp_path / "invalid.json"
    data = seed()
    del data["member"]["member_id"]
    invalid.write_text(json.dumps(data))
    with pytest.raises(CaseFileError) as exc:
        load_case_file(invalid)
    assert [str(e) for e in exc.value.errors] == ["member.member_id: is required but missing"]


def test_validation_does_not_mutate_input() -> None:
    data = seed()
    before = copy.deepcopy(data)
    validate_case_dict(data)
    assert data == before
