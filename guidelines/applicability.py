"""Which library recommendations apply to a patient: pure (no Django, no database, no clock).


Every recommendation carries machine-readable applicability (guidelines.models.Recommendation):
body regions, an age band, populations (osteoarthritis, non-arthritic, post-operative, traumatic),
lines of business and a stance (supports / against / neutral) toward the services it names.
Letters cite only recommendations that apply to the patient (`applies`), and a licensed or
unverified statement is never a letter's basis (`citable`).
"""

from __future__ import annotations

from dataclasses import dataclass

from vocabulary import Verification

REGIONS = ("hip", "knee", "lumbar", "cervical", "shoulder", "ankle_foot", "lower_limb", "any")
POPULATIONS = ("oa", "non_arthritic", "post_operative", "traumatic")
LINES_OF_BUSINESS = ("medicare_advantage", "commercial", "medicaid")
STANCES = ("supports", "against", "neutral")

# "lower_limb" on a recommendation covers each of these patient regions.
LOWER_LIMB = frozenset({"hip", "knee", "ankle_foot"})

# ICD-10-CM prefixes (dots removed) -> body region, most specific first.
_ICD_REGIONS: tuple[tuple[str, str], ...] = (
    ("M2555", "hip"),
    ("M2445", "hip"),
    ("M2485", "hip"),
    ("M16", "hip"),
    ("S73", "hip"),
    ("S72", "hip"),
    ("Z9664", "hip"),
    ("M2556", "knee"),
    ("M222", "knee"),
    ("M17", "knee"),
    ("S83", "knee"),
    ("Z9665", "knee"),
    ("M2551", "shoulder"),
    ("M75", "shoulder"),
    ("S43", "shoulder"),
    ("M2557", "ankle_foot"),
    ("M722", "ankle_foot"),
    ("S93", "ankle_foot"),
    ("M542", "cervical"),
    ("M50", "cervical"),
    ("M5412", "cervical"),
    ("S134", "cervical"),
    ("M545", "lumbar"),
    ("M5441", "lumbar"),
    ("M51", "lumbar"),
    ("S335", "lumbar"),
)
OA_PREFIXES = ("M15", "M16", "M17", "M18", "M19")


def region_of_icd(code: str) -> str:
    """'M25.552' -> 'hip'; '' when the code maps to no region."""
    c = code.replace(".", "").strip().upper()
    for prefix, region in _ICD_REGIONS:
        if c.startswith(prefix):
            return region
    return ""


def split_list(value: str) -> frozenset[str]:
    return frozenset(p.strip() for p in (value or "").split(",") if p.strip())


@dataclass(frozen=True)
class Applicability:
    """A recommendation's applicability, as stored (empty sets mean 'any')."""

    body_regions: frozenset[str] = frozenset()
    age_min: int | None = None
    age_max: int | None = None
    populations: frozenset[str] = frozenset()
    lines_of_business: frozenset[str] = frozenset()
    stance: str = "neutral"


@dataclass(frozen=True)
class PatientProfile:
    """What applicability is checked against: from the case's diagnosis, age, onset and plan."""

    region: str
    age: int
    populations: frozenset[str]
    line_of_business: str


def patient_populations(
    *, codes: tuple[str, ...], onset: str, surgery: str | None, age: int, older_adult_age: int
) -> frozenset[str]:
    """The populations a patient belongs to.

    Osteoarthritis only with an OA diagnosis code. Non-arthritic when there is none and the picture is
    not the OA-suspect one (gradual onset at or above `older_adult_age`): a 62-year-old with gradual
    hip pain and no OA code belongs to neither, so neither OA nor non-arthritic guidance is cited.
    """
    out: set[str] = set()
    oa = any(c.replace(".", "").upper().startswith(OA_PREFIXES) for c in codes)
    if oa:
        out.add("oa")
    elif not (onset == "gradual" and age >= older_adult_age):
        out.add("non_arthritic")
    if onset == "traumatic":
        out.add("traumatic")
    if onset == "post_operative" or (surgery or "").strip():
        out.add("post_operative")
    return frozenset(out)


def applies(app: Applicability, patient: PatientProfile) -> bool:
    """Whether a recommendation applies to this patient (region, age band, population, line of business)."""
    if app.body_regions and "any" not in app.body_regions:
        regions = set(app.body_regions)
        if "lower_limb" in regions:
            regions |= LOWER_LIMB
        if patient.region not in regions:
            return False
    if app.age_min is not None and patient.age < app.age_min:
        return False
    if app.age_max is not None and patient.age > app.age_max:
        return False
    if app.populations and not (app.populations & patient.populations):
        return False
    return not (app.lines_of_business and patient.line_of_business not in app.lines_of_business)


def citable(
    *, verification: str, licence: str, kind: str = "", lines_of_business: frozenset[str] = frozenset()
) -> bool:
    """Whether a recommendation may stand in a letter's reference list at all.

    Licensed content (e.g. an MCG or ODG visit figure entered as an example) and unverified
    statements can be context on the reviewer's screen, never the basis a letter cites. Another
    payer's policy (a payer policy not tied to a line of business, e.g. Aetna CPB 0325) is never a
    letter's authority either; Medicare's manuals are tied to Medicare Advantage.
    """
    if kind == "payer_policy" and not lines_of_business:
        return False
    return licence != "licensed" and verification in (Verification.VERIFIED, Verification.PARTLY)
