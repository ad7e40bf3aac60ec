"""A PAS 2.2.1 request Bundle: structural validation, the PAS rules UR Desk relies on, and the mapping
to a ur-case/1 dict. Pure: no Django, no database, no clock (the caller passes `received_at`).

Every problem is an `Issue` naming the element by FHIRPath from the Bundle root, e.g.
``Bundle.entry[0].resource.item[1].productOrService``. The ur-case/1 checks (ICD-10-CM billable,
member, NPI, dates) are the same function the file import uses (`validate_case_dict`); its errors
are translated back to the FHIR element the value came from.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from reviews.case_format import FORMAT, CaseFormatError, validate_case_dict

from .outcome import FhirError, Issue

PAS = "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/"
EXT_CERTIFICATION_TYPE = PAS + "extension-certificationType"
EXT_REQUEST_TYPE = PAS + "extension-serviceItemRequestType"
EXT_LEVEL_OF_SERVICE = PAS + "extension-levelOfServiceCode"
EXT_INFO_CANCELLED = PAS + "modifierextension-infoCancelled"
KNOWN_MODIFIERS = frozenset({EXT_INFO_CANCELLED})
NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi"
ICD10CM_SYSTEM = "http://hl7.org/fhir/sid/icd-10-cm"
SERVICE_SYSTEMS = frozenset(
    {"http://www.ama-assn.org/go/cpt", "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"}
)
# X12 1338 level of service: U urgent and 03 emergency are decided on the expedited clock.
EXPEDITED_LEVELS = frozenset({"U", "03"})
# X12 1322 certification type: 3 cancels; R renewal / E extension continue an episode of care.
CANCEL = "3"
CONCURRENT_CERTIFICATIONS = frozenset({"R", "E"})
GENDERS = {"female": "female", "male": "male", "other": "other", "unknown": "unknown"}
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MEMBER_ID_RE = re.compile(r"[^A-Za-z0-9._-]")
_SERVICE_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]*$")
_CPT_HCPCS_RE = re.compile(r"^(\d{5}|\d{4}[FTU]|[A-Z]\d{4})$")  # as ur-case/1's request.services code


def fp(*parts: Any) -> str:
    """fp('entry', 0, 'resource', 'item', 1) -> 'Bundle.entry[0].resource.item[1]'."""
    out = "Bundle"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


@dataclass(frozen=True)
class Attachment:
    """An inline PDF from supportingInfo (DocumentReference / Binary / Attachment), decoded."""

    path: str  # FHIRPath of the attachment's data element
    title: str
    data: bytes


@dataclass(frozen=True)
class Item:
    sequence: int
    code: str
    system: str
    quantity: int
    start: str
    end: str
    certification_type: str
    request_type: str
    cancelled: bool
    path: str


@dataclass(frozen=True)
class PasRequest:
    """What UR Desk takes from a PAS request Bundle."""

    claim_system: str
    claim_value: str
    bundle_identifier: str
    is_cancel: bool
    related_claim: tuple[str, str] | None  # (system, value) of the claim this one updates, when known
    related_reference: str  # Claim.related.claim.reference as sent ('' when none)
    items: tuple[Item, ...]
    attachments: tuple[Attachment, ...]
    case_data: dict[str, Any]  # a ur-case/1 dict without `reference` (the service assigns it)
    paths: dict[str, str] = field(default_factory=dict)  # ur-case path -> FHIRPath of the source element
    claim_type: str = "professional"
    gaps: tuple[Issue, ...] = ()  # what the request lacks or UR Desk cannot review: pend reasons for the reviewer
    patient_url: str = ""
    insurer_url: str = ""
    provider_url: str = ""

    @property
    def claim_key(self) -> str:
        return f"{self.claim_system}|{self.claim_value}"


# ------------------------------------------------------------------ structure (fhir.resources R4B)


def _pydantic_path(loc: tuple[Any, ...]) -> str:
    parts = [p for p in loc if p not in ("root",) and not (isinstance(p, str) and p.startswith("function-"))]
    return fp(*parts)


# fhir.resources (pydantic) error types -> what the sender should fix, in FHIR terms.
_STRUCTURE_MESSAGES = {
    "missing": "is required here (FHIR R4 cardinality 1..1 or more)",
    "extra_forbidden": "is not an element of this resource or data type in FHIR R4 (misspelt, or from another FHIR version)",
    "list_type": "must be an array: the element repeats in FHIR R4 (0..*)",
    "json_invalid": "must be a JSON object (a FHIR complex type such as CodeableConcept), not a plain value",
    "dict_type": "must be a JSON object (a FHIR complex type)",
    "model_type": "must be a JSON object (a FHIR complex type)",
    "string_type": "must be a JSON string",
    "bool_type": "must be true or false",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "decimal_type": "must be a number",
    "float_type": "must be a number",
}


def _structure_message(err: Any) -> str:
    kind = str(err.get("type") or "")
    known = _STRUCTURE_MESSAGES.get(kind)
    got = err.get("input")
    shown = f" (got {json_preview(got)})" if kind not in ("missing", "extra_forbidden") and got is not None else ""
    if known:
        return (known + shown)[:300]
    message = str(err.get("msg", "is not valid")).removeprefix("Value error, ")
    return message[:300]


def json_preview(value: Any) -> str:
    """A short JSON rendering of a value for a message (never more than 40 characters)."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        text = type(value).__name__
    return text if len(text) <= 40 else text[:37] + "..."


def structure_issues(data: Any) -> list[Issue]:
    """Is `data` a FHIR R4 Bundle? Checked with fhir.resources' R4B models (R4 and R4B share these resources)."""
    if not isinstance(data, dict):
        return [Issue("Bundle", "the body must be a JSON object (a FHIR Bundle)", "structure")]
    kind = data.get("resourceType")
    if kind != "Bundle":
        shown = kind if isinstance(kind, str) else "no resourceType"
        return [
            Issue("Bundle.resourceType", f"must be 'Bundle' (a PAS request Bundle), got {shown[:40]!r}", "structure")
        ]
    from fhir.resources.R4B.bundle import Bundle  # imported lazily: the model tree takes a moment to load

    try:
        Bundle.model_validate(data)
    except ValidationError as exc:
        issues = []
        for err in exc.errors()[:50]:
            issues.append(Issue(_pydantic_path(tuple(err.get("loc") or ())), _structure_message(err), "structure"))
        return issues or [Issue("Bundle", "is not a valid FHIR Bundle", "structure")]
    except (ValueError, TypeError, KeyError, RecursionError) as exc:
        return [Issue("Bundle", f"is not a valid FHIR Bundle ({type(exc).__name__})", "structure")]
    return []


# ------------------------------------------------------------------ helpers over the raw dict


def _codes(concept: Any) -> list[tuple[int, str, str]]:
    """(index, system, code) of each coding of a CodeableConcept dict."""
    out = []
    if isinstance(concept, dict):
        for i, coding in enumerate(concept.get("coding") or []):
            if isinstance(coding, dict) and coding.get("code"):
                out.append((i, str(coding.get("system") or ""), str(coding["code"])))
    return out


def _ext(container: dict[str, Any], url: str) -> tuple[int, dict[str, Any]] | None:
    for i, ext in enumerate(container.get("extension") or []):
        if isinstance(ext, dict) and ext.get("url") == url:
            return i, ext
    return None


def _ext_code(container: dict[str, Any], url: str) -> str | None:
    found = _ext(container, url)
    if found is None:
        return None
    codes = _codes(found[1].get("valueCodeableConcept"))
    return codes[0][2] if codes else ""


_ANY_RESOURCE = (
    "Binary",
    "Condition",
    "DocumentReference",
    "Observation",
    "QuestionnaireResponse",
    "ServiceRequest",
    "DeviceRequest",
    "MedicationRequest",
    "Procedure",
    "Encounter",
    "Location",
    "Organization",
    "Practitioner",
    "PractitionerRole",
    "Patient",
    "Coverage",
    "Communication",
)


class _Bundle:
    """Reference resolution inside one Bundle (fullUrl, `Type/id`, or the tail of an absolute URL)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.entries: list[dict[str, Any]] = [e for e in data.get("entry") or [] if isinstance(e, dict)]
        self.by_key: dict[str, int] = {}
        for index, entry in enumerate(self.entries):
            resource = entry.get("resource") or {}
            full = str(entry.get("fullUrl") or "")
            if full:
                self.by_key.setdefault(full, index)
            if resource.get("resourceType") and resource.get("id"):
                self.by_key.setdefault(f"{resource['resourceType']}/{resource['id']}", index)

    def resolve(self, ref: Any, kinds: tuple[str, ...]) -> tuple[int, dict[str, Any]] | None:
        if not isinstance(ref, dict) or not isinstance(ref.get("reference"), str):
            return None
        key = ref["reference"]
        index = self.by_key.get(key)
        if index is None and "/" in key:
            parts = key.rstrip("/").split("/")
            index = self.by_key.get("/".join(parts[-2:]))
        if index is None:
            return None
        resource = self.entries[index].get("resource") or {}
        if resource.get("resourceType") not in kinds:
            return None
        return index, resource

    def full_url(self, index: int) -> str:
        return str(self.entries[index].get("fullUrl") or "")


def _npi(resource: dict[str, Any]) -> tuple[int, str] | None:
    for i, ident in enumerate(resource.get("identifier") or []):
        if isinstance(ident, dict) and ident.get("system") == NPI_SYSTEM and ident.get("value"):
            return i, str(ident["value"])
    return None


def _human_name(resource: dict[str, Any]) -> tuple[str, str]:
    for name in resource.get("name") or []:
        if isinstance(name, dict):
            given = " ".join(str(g) for g in name.get("given") or [] if g)
            return given, str(name.get("family") or "")
    return "", ""


def _valid_date(value: Any) -> bool:
    if not isinstance(value, str) or not _DATE_RE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


# ------------------------------------------------------------------ the mapping


class _Mapper:
    def __init__(self, data: dict[str, Any], received_at: datetime) -> None:
        self.data = data
        self.received_at = received_at
        self.issues: list[Issue] = []
        self.gaps: list[Issue] = []
        self.paths: dict[str, str] = {}
        self.bundle = _Bundle(data)

    def add(self, path: str, message: str, code: str = "invalid") -> None:
        self.issues.append(Issue(path, message, code))

    def gap(self, path: str, message: str) -> None:
        """Not an error: the case is created and pended; the reviewer sees what is missing and why."""
        self.gaps.append(Issue(path, message, "incomplete", "warning"))

    def run(self) -> PasRequest:
        data = self.data
        if data.get("type") != "collection":
            self.add(fp("type"), "a PAS request Bundle has type 'collection'", "value")
        ident = data.get("identifier") or {}
        bundle_identifier = str(ident.get("value") or "") if isinstance(ident, dict) else ""
        entries = self.bundle.entries
        if not entries:
            raise FhirError(Issue(fp("entry"), "a PAS request Bundle needs at least one entry (the Claim)", "required"))
        claim = entries[0].get("resource") or {}
        if claim.get("resourceType") != "Claim":
            raise FhirError(
                Issue(fp("entry", 0, "resource"), "the first entry of a PAS request Bundle must be a Claim")
            )
        c = ("entry", 0, "resource")
        self.unknown_modifiers(claim, fp(*c))
        if claim.get("use") != "preauthorization":
            self.add(fp(*c, "use"), "must be 'preauthorization' for a prior-authorization request", "value")

        claim_system, claim_value = "", ""
        identifiers = [i for i in claim.get("identifier") or [] if isinstance(i, dict)]
        if not identifiers or not identifiers[0].get("value"):
            self.add(fp(*c, "identifier"), "the Claim needs an identifier (system and value) to be traced", "required")
        else:
            claim_system = str(identifiers[0].get("system") or "")
            claim_value = str(identifiers[0]["value"])
            if not claim_system:
                self.add(
                    fp(*c, "identifier", 0, "system"), "is required (PAS Claim identifier.system 1..1)", "required"
                )
            if len(claim_value) > 200 or len(claim_system) > 200:
                self.add(fp(*c, "identifier", 0), "is too long (at most 200 characters each for system and value)")

        self.default_period = self.fallback_period(claim, c)
        items = self.items(claim, c)
        is_cancel = bool(items) and all(i.certification_type == CANCEL or i.cancelled for i in items)
        related_claim, related_reference = self.related(claim, c)
        patient = self.patient(claim, c)
        member = self.member(claim, c, patient)
        provider = self.provider(claim, c)
        insurer = self.bundle.resolve(claim.get("insurer"), ("Organization",))
        if insurer is None:
            self.gap(fp(*c, "insurer"), "the insurer Organization is not in this Bundle; the member's Coverage is used")
        diagnoses = [] if is_cancel else self.diagnoses(claim, c)
        urgency = self.urgency(claim, c, items)
        attachments = self.attachments(claim, c)

        live = [i for i in items if not i.cancelled and i.certification_type != CANCEL]
        request: dict[str, Any] = {}
        if live:
            services: list[Any] = []
            seen: set[Any] = set()
            for item in live:
                if item.code not in seen:
                    seen.add(item.code)
                    self.paths[f"request.services[{len(services)}].code"] = f"{item.path}.productOrService"
                    services.append({"code": item.code})
            starts = sorted(i.start for i in live if i.start)
            ends = sorted(i.end for i in live if i.end)
            request = {
                "services": services,
                "visits": max(i.quantity for i in live),
                "start_date": starts[0] if starts else "",
                "end_date": ends[-1] if ends else "",
            }
            first = live[0].path
            self.paths["request.visits"] = f"{first}.quantity"
            self.paths["request.start_date"] = f"{first}.servicedPeriod"
            self.paths["request.end_date"] = f"{first}.servicedPeriod"
            self.paths["request"] = fp(*c, "item")
        elif items and not is_cancel:
            self.add(fp(*c, "item"), "every item is cancelled; cancel the request with certificationType 3 instead")

        review_type = "prospective"
        if any(i.certification_type in CONCURRENT_CERTIFICATIONS for i in live):
            review_type = "concurrent"
        elif request.get("end_date") and request["end_date"] < self.received_at.date().isoformat():
            review_type = "retrospective"

        case_data: dict[str, Any] = {
            "format": FORMAT,
            "review_type": review_type,
            "urgency": urgency,
            "received_at": self.received_at.isoformat().replace("+00:00", "Z"),
            "member": member,
            "requesting_provider": provider,
            "diagnoses": diagnoses,
            "request": request,
        }
        if self.issues:
            raise FhirError(self.issues)
        if not is_cancel:
            # The very checks the ur-case/1 import runs, reported at the FHIR element each value came from.
            errors = validate_case_dict({**case_data, "reference": "PAS-CHECK"}, intake_gaps=True)
            if errors:
                raise FhirError([self.translate(e) for e in errors])
        return PasRequest(
            claim_system=claim_system,
            claim_value=claim_value,
            bundle_identifier=bundle_identifier,
            is_cancel=is_cancel,
            related_claim=related_claim,
            related_reference=related_reference,
            items=tuple(items),
            attachments=tuple(attachments),
            case_data=case_data,
            paths=dict(self.paths),
            claim_type=(_codes(claim.get("type")) or [(0, "", "professional")])[0][2],
            gaps=tuple(self.gaps),
            patient_url=self.bundle.full_url(patient[0]) if patient else "",
            insurer_url=self.bundle.full_url(insurer[0]) if insurer else "",
            provider_url=self.provider_url,
        )

    def translate(self, error: CaseFormatError) -> Issue:
        path = error.path
        while path:
            if path in self.paths:
                return Issue(self.paths[path], error.message, "value")
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return Issue(fp("entry", 0, "resource"), f"{error.path}: {error.message}", "value")

    # --- parts

    def items(self, claim: dict[str, Any], c: tuple[Any, ...]) -> list[Item]:
        raw = claim.get("item")
        if not isinstance(raw, list) or not raw:
            self.add(fp(*c, "item"), "a PAS Claim needs at least one item (the requested service)", "required")
            return []
        out = []
        for n, item in enumerate(raw):
            p = fp(*c, "item", n)
            if not isinstance(item, dict):
                continue
            cert = _ext_code(item, EXT_CERTIFICATION_TYPE)
            req_type = _ext_code(item, EXT_REQUEST_TYPE)
            if not cert:
                cert = "I"
                self.gap(f"{p}.extension", "no certificationType extension (X12 1322): taken as an initial request")
            if not req_type:
                self.gap(f"{p}.extension", "no serviceItemRequestType extension (X12 1525)")
            if cert == "1" and _ext(claim, EXT_LEVEL_OF_SERVICE) is None and _ext(item, EXT_LEVEL_OF_SERVICE) is None:
                self.add(
                    fp(*c, "extension"),
                    "an immediate appeal (certificationType 1) needs the levelOfServiceCode extension",
                    "required",
                )
            cancelled = any(
                isinstance(m, dict) and m.get("url") == EXT_INFO_CANCELLED and m.get("valueBoolean") is True
                for m in item.get("modifierExtension") or []
            )
            self.unknown_modifiers(item, p)
            codes = _codes(item.get("productOrService"))
            code, system = "", ""
            if not codes:
                self.add(
                    f"{p}.productOrService",
                    "is required: a coding (system and code) of the requested service, e.g. CPT or HCPCS",
                    "required",
                )
            else:
                index, system, code = next(((i, s, k) for i, s, k in codes if s in SERVICE_SYSTEMS), codes[0])
                if len(code) > 20 or not _SERVICE_CODE_RE.match(code):
                    self.add(
                        f"{p}.productOrService.coding[{index}].code",
                        "is not a service code (at most 20 letters, digits, '.' or '-')",
                    )
                elif system not in SERVICE_SYSTEMS or not _CPT_HCPCS_RE.match(code):
                    self.gap(
                        f"{p}.productOrService.coding[{index}]",
                        f"{code!r} ({system or 'no system'}) is not a CPT or HCPCS code: no UR Desk criteria apply; "
                        "a reviewer decides the service as requested",
                    )
            quantity = 0
            qty = item.get("quantity")
            if cert != CANCEL and not cancelled:
                if not isinstance(qty, dict) or qty.get("value") is None:
                    quantity = 1
                    self.gap(f"{p}.quantity", "not sent: one unit of the service is taken as requested")
                else:
                    value: Any = qty.get("value")
                    try:
                        number = float(value)
                    except (TypeError, ValueError, OverflowError):
                        number = -1.0
                    if not math.isfinite(number) or number != int(number) or not 1 <= number <= 365:
                        self.add(f"{p}.quantity.value", "must be a whole number of visits from 1 to 365")
                    else:
                        quantity = int(number)
            start = end = ""
            if item.get("servicedDate") is not None:
                start = end = str(item["servicedDate"])
                if not _valid_date(start):
                    self.add(f"{p}.servicedDate", "must be a full date (YYYY-MM-DD)")
            elif isinstance(item.get("servicedPeriod"), dict):
                period = item["servicedPeriod"]
                start, end = str(period.get("start") or "")[:10], str(period.get("end") or "")[:10]
                if start and not end:
                    end = start
                    self.gap(f"{p}.servicedPeriod.end", "not sent: the period is taken to end on its start date")
                for key, value in (("start", start), ("end", end)):
                    if not _valid_date(value):
                        self.add(f"{p}.servicedPeriod.{key}", "is required as a full date (YYYY-MM-DD)")
            elif cert != CANCEL and not cancelled:
                start, end, source = self.default_period
                self.gap(f"{p}.serviced[x]", f"not sent: the service dates are taken from {source}")
            sequence: int = item["sequence"] if isinstance(item.get("sequence"), int) else n + 1
            out.append(Item(sequence, code, system, quantity, start, end, cert or "", req_type or "", cancelled, p))
        seqs = [i.sequence for i in out]
        if len(seqs) != len(set(seqs)):
            self.add(fp(*c, "item"), "item.sequence values must be unique within the Claim")
        return out

    def unknown_modifiers(self, resource: dict[str, Any], p: str) -> None:
        """A modifier extension changes the meaning of its element: one UR Desk does not know is refused."""
        for k, ext in enumerate(resource.get("modifierExtension") or []):
            if isinstance(ext, dict) and ext.get("url") not in KNOWN_MODIFIERS:
                shown = str(ext.get("url"))[:120]
                self.add(
                    f"{p}.modifierExtension[{k}]",
                    f"unknown modifier extension {shown!r}: it changes the meaning of the element, so it cannot be "
                    "processed (PAS 2.2.1 knows modifierextension-infoCancelled)",
                    "not-supported",
                )

    def related(self, claim: dict[str, Any], c: tuple[Any, ...]) -> tuple[tuple[str, str] | None, str]:
        for n, rel in enumerate(claim.get("related") or []):
            if not isinstance(rel, dict) or not isinstance(rel.get("claim"), dict):
                continue
            ref = rel["claim"]
            ident = ref.get("identifier")
            if isinstance(ident, dict) and ident.get("value"):
                return (str(ident.get("system") or ""), str(ident["value"])), str(ref.get("reference") or "")
            found = self.bundle.resolve(ref, ("Claim",))
            if found is not None:
                prior = [i for i in found[1].get("identifier") or [] if isinstance(i, dict) and i.get("value")]
                if prior:
                    return (str(prior[0].get("system") or ""), str(prior[0]["value"])), str(ref.get("reference") or "")
            if ref.get("reference"):
                return None, str(ref["reference"])
            self.add(
                fp(*c, "related", n, "claim"), "must identify the prior Claim (identifier or reference)", "required"
            )
        return None, ""

    def patient(self, claim: dict[str, Any], c: tuple[Any, ...]) -> tuple[int, dict[str, Any]] | None:
        found = self.bundle.resolve(claim.get("patient"), ("Patient",))
        if found is None:
            self.add(fp(*c, "patient"), "must reference the Patient in this Bundle", "required")
        return found

    def member(
        self, claim: dict[str, Any], c: tuple[Any, ...], patient: tuple[int, dict[str, Any]] | None
    ) -> dict[str, Any]:
        if patient is None:
            return {}
        pi, pat = patient
        pp = ("entry", pi, "resource")
        given, family = _human_name(pat)
        self.paths["member.given_name"] = fp(*pp, "name", 0, "given")
        self.paths["member.family_name"] = fp(*pp, "name", 0, "family")
        self.paths["member.birth_date"] = fp(*pp, "birthDate")
        self.paths["member.sex"] = fp(*pp, "gender")
        self.paths["member"] = fp(*pp)
        member_id, plan = "", ""
        coverage = None
        for n, ins in enumerate(claim.get("insurance") or []):
            if isinstance(ins, dict) and (ins.get("focal") or coverage is None):
                found = self.bundle.resolve(ins.get("coverage"), ("Coverage",))
                if found is None:
                    self.add(
                        fp(*c, "insurance", n, "coverage"), "must reference the Coverage in this Bundle", "required"
                    )
                else:
                    coverage = found
        if coverage is not None:
            ci, cov = coverage
            cp = ("entry", ci, "resource")
            if cov.get("subscriberId"):
                member_id = str(cov["subscriberId"])
                self.paths["member.member_id"] = fp(*cp, "subscriberId")
            for k, cls in enumerate(cov.get("class") or []):
                if isinstance(cls, dict) and any(code == "plan" for _, _, code in _codes(cls.get("type"))):
                    plan = str(cls.get("name") or cls.get("value") or "")
                    self.paths["member.plan"] = fp(*cp, "class", k)
            if not plan:
                payor = self.bundle.resolve((cov.get("payor") or [None])[0], ("Organization",))
                plan = str((payor[1].get("name") if payor else "") or "")
                self.paths["member.plan"] = fp(*cp, "payor", 0)
        else:
            self.add(fp(*c, "insurance"), "needs the member's Coverage (insurance.coverage)", "required")
        if not member_id:
            for k, ident in enumerate(pat.get("identifier") or []):
                if isinstance(ident, dict) and ident.get("value"):
                    member_id = str(ident["value"])
                    self.paths["member.member_id"] = fp(*pp, "identifier", k, "value")
                    break
        if not member_id:
            self.add(fp(*pp, "identifier"), "the member id is required (Coverage.subscriberId or Patient.identifier)")
        if not plan:
            insurer = self.bundle.resolve(claim.get("insurer"), ("Organization",))
            plan = str((insurer[1].get("name") if insurer else "") or "")
            self.paths["member.plan"] = fp(*c, "insurer")
            if not plan and coverage is not None:
                self.add(
                    fp("entry", coverage[0], "resource", "class"),
                    "the member's plan is needed (it decides the line of business and the clocks): a Coverage.class "
                    "of type plan, or a payor / insurer Organization with a name in this Bundle",
                    "required",
                )
        if not given:
            self.add(fp(*pp, "name", 0, "given"), "the member's given name is required", "required")
        if not family:
            self.add(fp(*pp, "name", 0, "family"), "the member's family name is required", "required")
        gender = GENDERS.get(str(pat.get("gender") or ""), "unknown")
        out = {
            "member_id": _MEMBER_ID_RE.sub("-", member_id)[:50],
            "given_name": given[:100],
            "family_name": family[:100],
            "sex": gender,
            "plan": plan[:100],
        }
        if pat.get("birthDate"):
            out["birth_date"] = str(pat["birthDate"])
        else:
            self.gap(
                fp(*pp, "birthDate"),
                "not sent: the member's birth date is needed before the engine can recommend (the one on file is kept)",
            )
        return out

    provider_url = ""

    def provider(self, claim: dict[str, Any], c: tuple[Any, ...]) -> dict[str, Any]:
        found = self.bundle.resolve(claim.get("provider"), ("Organization", "Practitioner", "PractitionerRole"))
        if found is None:
            self.add(
                fp(*c, "provider"),
                "must reference the requesting Organization, Practitioner or PractitionerRole in this Bundle",
                "required",
            )
            return {}
        index, resource = found
        self.provider_url = self.bundle.full_url(index)
        candidates = [(index, resource)]
        if resource.get("resourceType") == "PractitionerRole":
            for key in ("practitioner", "organization"):
                linked = self.bundle.resolve(resource.get(key), ("Practitioner", "Organization"))
                if linked is not None:
                    candidates.append(linked)
        for ci, res in candidates:
            npi = _npi(res)
            if npi is None:
                continue
            rp = ("entry", ci, "resource")
            self.paths["requesting_provider.npi"] = fp(*rp, "identifier", npi[0], "value")
            self.paths["requesting_provider.name"] = fp(*rp, "name")
            self.paths["requesting_provider"] = fp(*rp)
            if res.get("resourceType") == "Practitioner":
                given, family = _human_name(res)
                name = f"{given} {family}".strip()
            else:
                name = str(res.get("name") or "")
            if not name:
                self.add(fp(*rp, "name"), "the requesting provider's name is required", "required")
            return {"name": name[:200], "npi": npi[1], "specialty": None}
        self.add(
            fp("entry", index, "resource", "identifier"),
            f"the requesting provider needs an NPI identifier (system {NPI_SYSTEM})",
            "required",
        )
        return {}

    def diagnoses(self, claim: dict[str, Any], c: tuple[Any, ...]) -> list[dict[str, Any]]:
        raw = [(n, d) for n, d in enumerate(claim.get("diagnosis") or []) if isinstance(d, dict)]
        if not raw:
            self.gap(fp(*c, "diagnosis"), "not sent: an ICD-10-CM diagnosis is needed before the engine can recommend")
            return []
        raw.sort(key=lambda nd: nd[1]["sequence"] if isinstance(nd[1].get("sequence"), int) else 10**6)
        out: list[Any] = []
        for n, dx in raw:
            p = fp(*c, "diagnosis", n)
            codes = _codes(dx.get("diagnosisCodeableConcept"))
            if not codes and isinstance(dx.get("diagnosisReference"), dict):
                condition = self.bundle.resolve(dx["diagnosisReference"], ("Condition",))
                if condition is None:
                    self.gap(f"{p}.diagnosisReference", "the referenced Condition is not in this Bundle")
                    continue
                ci, cond = condition
                codes = _codes(cond.get("code"))
                p_code = fp("entry", ci, "resource", "code")
                icd = [(i, code) for i, system, code in codes if system == ICD10CM_SYSTEM]
                if not icd:
                    self.gap(
                        p_code, f"no ICD-10-CM coding (system {ICD10CM_SYSTEM}); the reviewer reads the code as sent"
                    )
                    continue
                self.paths[f"diagnoses[{len(out)}].code"] = f"{p_code}.coding[{icd[0][0]}].code"
                self.paths[f"diagnoses[{len(out)}]"] = p
                out.append({"code": icd[0][1][:10], "primary": not out})
                continue
            icd = [(i, code) for i, system, code in codes if system == ICD10CM_SYSTEM]
            if not icd:
                if not codes:
                    self.add(f"{p}.diagnosisCodeableConcept", "needs a coding (system and code)", "required")
                else:
                    self.gap(
                        f"{p}.diagnosisCodeableConcept",
                        f"no ICD-10-CM coding (system {ICD10CM_SYSTEM}); the reviewer reads the code as sent",
                    )
                continue
            i, code = icd[0]
            self.paths[f"diagnoses[{len(out)}].code"] = f"{p}.diagnosisCodeableConcept.coding[{i}].code"
            self.paths[f"diagnoses[{len(out)}]"] = p
            out.append({"code": code[:10], "primary": not out})
        self.paths["diagnoses"] = fp(*c, "diagnosis")
        return out

    def fallback_period(self, claim: dict[str, Any], c: tuple[Any, ...]) -> tuple[str, str, str]:
        """(start, end, where from) for items without serviced[x]: the admission dates in supportingInfo,
        else Claim.billablePeriod, else the day the request was received."""
        for n, info in enumerate(claim.get("supportingInfo") or []):
            if not isinstance(info, dict) or not any(k == "admissionDates" for _, _, k in _codes(info.get("category"))):
                continue
            period = info.get("timingPeriod")
            if isinstance(period, dict) and _valid_date(str(period.get("start") or "")[:10]):
                start = str(period["start"])[:10]
                end = str(period.get("end") or "")[:10]
                return start, end if _valid_date(end) else start, fp(*c, "supportingInfo", n, "timingPeriod")
            if _valid_date(info.get("timingDate")):
                return info["timingDate"], info["timingDate"], fp(*c, "supportingInfo", n, "timingDate")
        period = claim.get("billablePeriod")
        if isinstance(period, dict) and _valid_date(str(period.get("start") or "")[:10]):
            start, end = str(period["start"])[:10], str(period.get("end") or "")[:10]
            return start, end if _valid_date(end) else start, fp(*c, "billablePeriod")
        today = self.received_at.date().isoformat()
        return today, today, "the day the request was received"

    def urgency(self, claim: dict[str, Any], c: tuple[Any, ...], items: list[Item]) -> str:
        level = _ext_code(claim, EXT_LEVEL_OF_SERVICE)
        if level in EXPEDITED_LEVELS:
            return "expedited"
        priority = [code for _, _, code in _codes(claim.get("priority"))]
        return "expedited" if "stat" in priority else "standard"

    def attachments(self, claim: dict[str, Any], c: tuple[Any, ...]) -> list[Attachment]:
        out: list[Attachment] = []
        for n, info in enumerate(claim.get("supportingInfo") or []):
            if not isinstance(info, dict):
                continue
            p = fp(*c, "supportingInfo", n)
            if isinstance(info.get("valueAttachment"), dict):
                self._attachment(info["valueAttachment"], f"{p}.valueAttachment", out)
                continue
            ref = info.get("valueReference")
            found = self.bundle.resolve(ref, ("DocumentReference", "Binary"))
            if found is None:
                if isinstance(ref, dict) and self.bundle.resolve(ref, _ANY_RESOURCE) is None:
                    self.gap(f"{p}.valueReference", "the referenced resource is not in this Bundle")
                continue
            index, resource = found
            rp = fp("entry", index, "resource")
            if resource["resourceType"] == "Binary":
                self._attachment(resource, rp, out)
            else:
                for k, content in enumerate(resource.get("content") or []):
                    if isinstance(content, dict) and isinstance(content.get("attachment"), dict):
                        self._attachment(content["attachment"], f"{rp}.content[{k}].attachment", out)
        return out

    def _attachment(self, att: dict[str, Any], p: str, out: list[Attachment]) -> None:
        if att.get("contentType") != "application/pdf":
            return  # only PDFs become the medical record; other documents stay in the stored request
        if att.get("url") and not att.get("data"):
            self.add(f"{p}.url", "PAS attachments are sent inline (data), not by url", "not-supported")
            return
        raw = att.get("data")
        if not isinstance(raw, str) or not raw:
            self.add(f"{p}.data", "is required: the PDF, base64-encoded", "required")
            return
        try:
            data = base64.b64decode(raw, validate=True)
        except (binascii.Error, ValueError):
            self.add(f"{p}.data", "is not valid base64")
            return
        title = str(att.get("title") or "pas-attachment.pdf")
        out.append(Attachment(path=f"{p}.data", title=title, data=data))


def parse_request(data: Any, *, received_at: datetime) -> PasRequest:
    """Validate a PAS request Bundle and map it; raises FhirError (400) naming every problem found."""
    issues = structure_issues(data)
    if issues:
        raise FhirError(issues)
    assert isinstance(data, dict)
    return _Mapper(data, received_at).run()
