"""The `ur-case/1` case file format: load, validate (JSON Schema + semantic checks) and name every problem.

Validation never stops at the first problem: `validate_case_dict` returns every error it finds, each with
the JSON path of the offending value (``diagnoses[0].code``) and a sentence saying what is wrong. The JSON
Schema (``reviews/schemas/ur-case-1.schema.json``) covers shape, types, enums and required fields; the
checks below cover what a schema cannot say well (real calendar dates, billable ICD-10-CM codes, date order,
one primary diagnosis, goals met <= total, ...).
"""

from __future__ import annotations

import json
import math
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeGuard

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

_Date = date  # the type, inside classes that have a `date` method
FORMAT = "ur-case/1"
SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "ur-case-1.schema.json"
# Top-level keys that are accepted and ignored (seed files carry their expected outcome).
IGNORED_KEYS = frozenset({"expected"})
MIN_YEAR, MAX_YEAR = 1900, 2100

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# An ICD-10-CM code as people write it: letter, digit, alphanumeric, then up to 4 more, with or without the dot.
_ICD_RE = re.compile(r"^[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?$")
_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    type(None): "null",
}


@dataclass(frozen=True)
class CaseFormatError:
    """One problem in a case file: where (`path`, e.g. ``diagnoses[0].code``) and what (`message`)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class CaseFileError(Exception):
    """A case file that cannot be read, is not JSON, or is not a valid ur-case/1 case."""

    def __init__(self, errors: list[CaseFormatError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))


# ------------------------------------------------------------------ helpers


def format_path(parts: Any) -> str:
    """['diagnoses', 0, 'code'] -> 'diagnoses[0].code'; [] -> '$' (the whole document)."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "$"


def _show(value: Any) -> str:
    """A short JSON rendering of a value for a message."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _type_name(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _expected_types(types: Any) -> str:
    names = {
        "object": "an object",
        "array": "an array",
        "string": "a string",
        "boolean": "true or false",
        "integer": "a whole number",
        "number": "a number",
        "null": "null",
    }
    types = [types] if isinstance(types, str) else list(types)
    return " or ".join(names.get(t, t) for t in types)


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def load_schema() -> dict[str, Any]:
    return dict(_validator().schema)


@cache
def _icd() -> Any:
    # Imported lazily: loading the code tables takes about a second. The package uses the legacy
    # importlib.resources API; its deprecation warnings are not ours to act on.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm

        simple_icd_10_cm.is_valid_item("A00")  # tables load on first use
    return simple_icd_10_cm


def normalize_icd10(code: str) -> str:
    """'m25552' -> 'M25.552'; codes already dotted are only upper-cased."""
    code = code.strip().upper()
    if "." not in code and len(code) > 3:
        code = f"{code[:3]}.{code[3:]}"
    return code


def icd10_problem(code: str) -> str | None:
    """None when `code` is a billable ICD-10-CM code, else a sentence saying why not."""
    if not _ICD_RE.match(code.strip().upper()):
        return f"{_show(code)} is not an ICD-10-CM code"
    icd = _icd()
    normal = normalize_icd10(code)
    if not icd.is_valid_item(normal):
        return f"{_show(code)} is not an ICD-10-CM code"
    if not icd.is_leaf(normal):
        children = [c for c in icd.get_children(normal) if icd.is_leaf(c)][:4]
        hint = f", e.g. {', '.join(children)}" if children else ""
        return (
            f"{_show(code)} is a non-billable ICD-10-CM category (a header code); "
            f"use a more specific, billable code{hint}"
        )
    return None


def icd10_description(code: str) -> str:
    return str(_icd().get_description(normalize_icd10(code)))


def parse_date(value: str) -> date:
    if not _DATE_RE.match(value):
        raise ValueError(value)
    return date.fromisoformat(value)


def parse_received_at(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(value)
    return parsed


# ------------------------------------------------------------------ schema errors -> messages


def _schema_errors(error: ValidationError) -> Iterator[CaseFormatError]:
    path = list(error.absolute_path)
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "required":
        present = value if isinstance(value, dict) else {}
        for name in expected:
            if name not in present:
                yield CaseFormatError(format_path([*path, name]), "is required but missing")
        return
    if kind == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        for name in value:
            if name not in known:
                yield CaseFormatError(
                    format_path([*path, str(name)]), f"unknown field {_show(name)} (not part of {FORMAT})"
                )
        return
    where = format_path(path)
    if kind == "type":
        message = f"must be {_expected_types(expected)} (got {_type_name(value)})"
    elif kind == "enum":
        options = ", ".join("null" if o is None else str(o) for o in expected)
        message = f"{_show(value)} is not one of: {options}"
    elif kind == "const":
        message = f"must be {_show(expected)} (got {_show(value)})"
    elif kind == "minimum" and expected == 0:
        message = f"must not be negative (got {_show(value)})"
    elif kind == "minimum":
        message = f"must be at least {expected} (got {_show(value)})"
    elif kind == "maximum":
        message = f"must be at most {expected} (got {_show(value)})"
    elif kind == "minLength":
        message = "must not be empty" if expected == 1 else f"must be at least {expected} characters"
    elif kind == "maxLength":
        message = f"is too long (at most {expected} characters)"
    elif kind == "minItems":
        message = f"must have at least {expected} item{'s' if expected != 1 else ''}"
    elif kind == "maxItems":
        message = f"has too many items (at most {expected})"
    elif kind == "pattern":
        what = error.schema.get("description", f"matching {expected}")
        message = f"{_show(value)} is not {what}"
    else:
        message = error.message
    yield CaseFormatError(where, message)


# ------------------------------------------------------------------ semantic checks


def _walk(value: Any, path: list[Any]) -> Iterator[CaseFormatError]:
    """Values no database should receive: NUL characters, lone surrogates, NaN/Infinity."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not path and key in IGNORED_KEYS:
                continue
            yield from _walk(item, [*path, str(key)])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, [*path, index])
    elif isinstance(value, str):
        if "\x00" in value:
            yield CaseFormatError(format_path(path), "contains a NUL character")
        else:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                yield CaseFormatError(format_path(path), "contains invalid Unicode (a lone surrogate)")
    elif isinstance(value, float) and not math.isfinite(value):
        yield CaseFormatError(format_path(path), "must be a finite number")


class _Semantic:
    """Checks a schema cannot express. Defensive: the data may also have schema errors elsewhere."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.errors: list[CaseFormatError] = []

    def add(self, path: list[Any], message: str) -> None:
        self.errors.append(CaseFormatError(format_path(path), message))

    def date(self, container: Any, key: str, path: list[Any]) -> date | None:
        value = container.get(key) if isinstance(container, dict) else None
        if not isinstance(value, str) or not _DATE_RE.match(value):
            return None  # missing, null or malformed: the schema reports it
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            self.add([*path, key], f"{_show(value)} is not a real calendar date")
            return None
        if not MIN_YEAR <= parsed.year <= MAX_YEAR:
            self.add([*path, key], f"{_show(value)} is out of range (years {MIN_YEAR}-{MAX_YEAR})")
            return None
        return parsed

    def order(self, start: _Date | None, end: _Date | None, path: list[Any], what: str) -> None:
        if start and end and end < start:
            self.add(
                [*path, "end_date"], f"{what} end date {end.isoformat()} is before its start date {start.isoformat()}"
            )

    def run(self) -> list[CaseFormatError]:
        data = self.data
        self.received_at()
        member = data.get("member")
        self.date(member, "birth_date", ["member"])
        self.diagnoses(data.get("diagnoses"))
        self.request(data.get("request"))
        clinical = data.get("clinical")
        self.date(clinical, "onset_date", ["clinical"])
        episodes = data.get("prior_episodes")
        if isinstance(episodes, list):
            for index, episode in enumerate(episodes):
                start = self.date(episode, "start_date", ["prior_episodes", index])
                end = self.date(episode, "end_date", ["prior_episodes", index])
                self.order(start, end, ["prior_episodes", index], "prior episode")
        visits = data.get("visits")
        if isinstance(visits, list):
            for index, visit in enumerate(visits):
                self.date(visit, "date", ["visits", index])
        self.documentation(data.get("documentation"))
        return self.errors

    def received_at(self) -> None:
        value = self.data.get("received_at")
        if not isinstance(value, str) or not _received_at_re().match(value):
            return
        try:
            parsed = parse_received_at(value)
        except (ValueError, OverflowError):
            self.add(["received_at"], f"{_show(value)} is not a real date and time")
            return
        if not MIN_YEAR <= parsed.year <= MAX_YEAR:
            self.add(["received_at"], f"{_show(value)} is out of range (years {MIN_YEAR}-{MAX_YEAR})")

    def diagnoses(self, diagnoses: Any) -> None:
        if not isinstance(diagnoses, list):
            return
        primaries, seen = 0, set()
        for index, dx in enumerate(diagnoses):
            if not isinstance(dx, dict):
                continue
            if dx.get("primary") is True:
                primaries += 1
            code = dx.get("code")
            if isinstance(code, str) and code:
                problem = icd10_problem(code)
                if problem:
                    self.add(["diagnoses", index, "code"], problem)
                else:
                    normal = normalize_icd10(code)
                    if normal in seen:
                        self.add(["diagnoses", index, "code"], f"{_show(code)} is listed more than once")
                    seen.add(normal)
        if diagnoses and primaries != 1:
            found = "none is" if primaries == 0 else f"{primaries} are"
            self.add(["diagnoses"], f"exactly one diagnosis must be primary ({found} marked primary)")

    def request(self, request: Any) -> None:
        if not isinstance(request, dict):
            return
        start = self.date(request, "start_date", ["request"])
        end = self.date(request, "end_date", ["request"])
        self.order(start, end, ["request"], "request")
        services = request.get("services")
        if isinstance(services, list):
            seen = set()
            for index, service in enumerate(services):
                code = service.get("code") if isinstance(service, dict) else None
                if isinstance(code, str):
                    if code in seen:
                        self.add(["request", "services", index, "code"], f"{_show(code)} is listed more than once")
                    seen.add(code)

    def documentation(self, doc: Any) -> None:
        if not isinstance(doc, dict):
            return
        goals = doc.get("goals")
        if isinstance(goals, dict):
            for horizon in ("short_term", "long_term"):
                met, total = goals.get(f"{horizon}_met"), goals.get(f"{horizon}_total")
                if _is_int(met) and _is_int(total) and met > total:
                    self.add(
                        ["documentation", "goals", f"{horizon}_met"],
                        f"{horizon.replace('_', '-')} goals met ({met}) cannot exceed the total ({total})",
                    )
        measures = doc.get("outcome_measures")
        if isinstance(measures, list):
            for index, measure in enumerate(measures):
                self.date(measure, "date", ["documentation", "outcome_measures", index])


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


@cache
def _received_at_re() -> re.Pattern[str]:
    return re.compile(_validator().schema["properties"]["received_at"]["pattern"])


# ------------------------------------------------------------------ public API


# What a request from another system may lack and still become a case a person works (PAS $submit with
# `intake_gaps=True`): the member's birth date, every diagnosis, a service code that is not CPT/HCPCS.
# The engine cannot recommend on such a case (its facts are incomplete); the reviewer sees the gaps.
_SERVICE_CODE_PATH = re.compile(r"^request\.services\[\d+\]\.code$")


def _is_intake_gap(error: CaseFormatError) -> bool:
    if error.path == "member.birth_date":
        return error.message == "is required but missing"
    if error.path == "diagnoses":
        return error.message.startswith("must have at least")
    return bool(_SERVICE_CODE_PATH.match(error.path)) and "is not a well-formed CPT" in error.message


def validate_case_dict(data: object, *, intake_gaps: bool = False) -> list[CaseFormatError]:
    """Every problem with `data` as a ur-case/1 case (an empty list when it is valid).

    With `intake_gaps` the gaps `_is_intake_gap` names are not errors (ur-case/1 files never pass it)."""
    if not isinstance(data, dict):
        return [CaseFormatError("$", f"must be a JSON object (got {_type_name(data)})")]
    errors: list[CaseFormatError] = []
    for error in _validator().iter_errors(data):
        errors.extend(_schema_errors(error))
    errors.extend(_walk(data, []))
    errors.extend(_Semantic(data).run())
    # Same problem reported twice (e.g. by two schema keywords) is shown once, in document order.
    unique = list(dict.fromkeys(errors))
    if intake_gaps:
        unique = [e for e in unique if not _is_intake_gap(e)]
    return unique


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def parse_case_json(text: str | bytes) -> object:
    """Parse JSON text strictly (no NaN/Infinity, no duplicate keys); raises CaseFileError."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CaseFileError(
                [CaseFormatError("$", f"is not valid JSON: not UTF-8 text (byte {exc.start})")]
            ) from None

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                raise ValueError(f"duplicate key {_show(key)}")
            result[key] = value
        return result

    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise CaseFileError(
            [CaseFormatError("$", f"is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")]
        ) from None
    except ValueError as exc:
        raise CaseFileError([CaseFormatError("$", f"is not valid JSON: {exc}")]) from None
    except RecursionError:
        raise CaseFileError([CaseFormatError("$", "is not valid JSON: nested too deeply")]) from None


def load_case_file(path: str | Path) -> dict[str, Any]:
    """Read and validate one case file; raises CaseFileError naming every problem."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise CaseFileError([CaseFormatError("(file)", f"cannot be read: {exc.strerror or exc}")]) from None
    data = parse_case_json(raw)
    errors = validate_case_dict(data)
    if errors:
        raise CaseFileError(errors)
    assert isinstance(data, dict)
    return data
