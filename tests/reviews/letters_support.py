"""Helpers for the letter and determination tests (their fixtures are in tests/reviews/conftest.py).

The recommendation results are written by hand in the shape `criteria.engine.result_to_dict`
produces, following the two seed determinations, so these tests do not depend on the engine.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from reviews.models import Case, CaseStatus, Recommendation
from reviews.services.cases import case_import
from tests.seeds import CASES_DIR

FIXTURES = CASES_DIR

GUIDELINES = {
    "ihiprn-2020": (
        "Kemp JL, Risberg MA, Mosler A, et al",
        "Physiotherapist-led treatment for young to middle-aged active adults with hip-related pain: consensus "
        "recommendations from the International Hip-related Pain Research Network, Zurich 2018",
        "Br J Sports Med 54(9):504-511",
        2020,
        "10.1136/bjsports-2019-101458",
        {
            "exercise": "Exercise-based treatment of at least 3 months is the cornerstone of care for hip-related pain.",
            "manual-therapy": "Manual therapy may be added when symptom severity and irritability hinder loading.",
            "exercise-descriptors": "Exercise prescriptions should report load, sets, repetitions and rest.",
            "outcome-measures": "Use validated patient-reported outcome measures such as HAGOS or iHOT.",
        },
    ),
    "acr-oa-2019": (
        "Kolasinski SL, Neogi T, Hochberg MC, et al",
        "2019 American College of Rheumatology/Arthritis Foundation Guideline for the Management of "
        "Osteoarthritis of the Hand, Hip, and Knee",
        "Arthritis Rheumatol 72(2):220-233",
        2020,
        "10.1002/art.41142",
        {
            "exercise": "Exercise is strongly recommended for hip osteoarthritis.",
            "manual-therapy": "Manual therapy added to exercise is conditionally not recommended in hip osteoarthritis.",
        },
    ),
    "acr-ac-chronic-hip-pain": (
        "Mintz DN, Roberts CC, Bencardino JT, et al",
        "ACR Appropriateness Criteria Chronic Hip Pain",
        "American College of Radiology",
        2016,
        "",
        {"mri": "MRI without contrast is appropriate after negative or equivocal radiographs."},
    ),
    "mcg-benchmark": (
        "",
        "Licensed visit benchmark for M25.552 (75th percentile, 14 visits)",
        "Configured benchmark",
        2025,
        "",
        {"m25-552": "14 visits at the 75th percentile for pain in hip."},
    ),
}


def load_guidelines() -> None:
    from guidelines.models import GuidelineSource
    from guidelines.models import Recommendation as GuidelineRecommendation

    for key, (authors, title, publisher, year, doi, recs) in GUIDELINES.items():
        source = GuidelineSource.objects.create(
            key=key, authors=authors, title=title, publisher=publisher, year=year, doi=doi
        )
        for rkey, statement in recs.items():
            GuidelineRecommendation.objects.create(source=source, key=rkey, statement=statement, strength="")


def _finding(
    rule: str,
    outcome: str,
    section: str,
    text: str,
    citations: list[str],
    evidence: list[str] | None = None,
    data: list[list[str]] | None = None,
) -> dict[str, Any]:
    return {
        "rule": rule,
        "outcome": outcome,
        "section": section,
        "text": text,
        "citations": citations,
        "evidence": evidence or [],
        "data": data or [],
    }


def approve_result() -> dict[str, Any]:
    lines = [
        {
            "code": "97110",
            "descriptor": "Therapeutic exercise",
            "decision": "approve",
            "approved_visits": 8,
            "reason": "",
        },
        {"code": "97140", "descriptor": "Manual therapy", "decision": "approve", "approved_visits": 8, "reason": ""},
        {
            "code": "97164",
            "descriptor": "Physical therapy re-evaluation",
            "decision": "approve",
            "approved_visits": 8,
            "reason": "",
        },
    ]
    findings = [
        _finding(
            "visits.within_benchmark",
            "met",
            "visits",
            "The requested 8 visits (2 per week for 4 weeks) are within the 14-visit benchmark for M25.552 (8 of 14).",
            ["mcg-benchmark/m25-552"],
            [],
            [["prior", "0"], ["done", "0"], ["requested", "8"], ["cumulative", "8"], ["benchmark", "14"]],
        ),
        _finding(
            "continuation.progress",
            "met",
            "patient",
            "Documented progress: 55% reported improvement, short-term goals 1 and 3 met, long-term goals in "
            "progress; the patient participates actively and adheres to the plan.",
            ["ihiprn-2020/exercise"],
            ["pg 15", "pg 16"],
        ),
        _finding(
            "advisory.manual_therapy_population",
            "info",
            "services",
            "Manual therapy (97140): conditionally not recommended added to exercise in hip OA, but supported "
            "for a traumatic, irritable presentation like this one (jet ski accident 07/08/2025).",
            ["acr-oa-2019/manual-therapy", "ihiprn-2020/manual-therapy"],
        ),
    ]
    return {
        "decision": "approve",
        "requested_visits": 8,
        "approved_visits": 8,
        "lines": lines,
        "findings": findings,
        "criteria_version_id": None,
        "criteria_version_label": "Outpatient PT criteria v1 (effective 2025-01-01)",
        "engine_version": "1.0.0",
        "input_hash": "a" * 64,
        "key_reason": "Documented functional deficits, objective impairments and progress during initial therapy.",
        "missing_documentation": [],
    }


def deny_result() -> dict[str, Any]:
    codes = [
        ("97162", "Physical therapy evaluation, moderate complexity"),
        ("97110", "Therapeutic exercise"),
        ("97140", "Manual therapy"),
    ]
    lines = [
        {
            "code": c,
            "descriptor": d,
            "decision": "deny",
            "approved_visits": 0,
            "reason": "Visits beyond the benchmark without extension criteria",
        }
        for c, d in codes
    ]
    findings = [
        _finding(
            "visits.benchmark_exceeded",
            "not_met",
            "visits",
            "18 prior visits (01/23/2025 to 03/10/2025) plus 3 in this episode make 21 visits, above the "
            "14-visit benchmark for M25.552.",
            ["mcg-benchmark/m25-552"],
            ["visit 2025-08-25 (pg 2)"],
            [["cumulative", "21"], ["benchmark", "14"], ["prior", "18"], ["requested", "3"], ["remaining", "0"]],
        ),
        _finding(
            "visits.plan_exceeds_benchmark",
            "concern",
            "visits",
            "The plan of 3 visits per week for 6 weeks (18 more) would total 36 visits, 2.5 times the benchmark.",
            ["ihiprn-2020/exercise"],
            ["pg 2"],
            [["plan_visits", "18"], ["plan_total", "36"], ["benchmark", "14"]],
        ),
        _finding(
            "episode.gap_unexplained",
            "not_met",
            "documentation",
            "A 5-month gap (03/10/2025 to 08/25/2025) between episodes is not explained.",
            ["ihiprn-2020/exercise"],
        ),
        _finding(
            "episode.no_baseline_comparison",
            "not_met",
            "documentation",
            "The new episode does not compare function with the status at discharge from the prior 18 visits.",
            ["ihiprn-2020/outcome-measures"],
            ["pg 2"],
        ),
        _finding(
            "documentation.laterality_mismatch",
            "concern",
            "documentation",
            "The notes document the right hip while M25.552 codes the left hip.",
            [],
            ["pg 2", "pg 6", "pg 8"],
        ),
        _finding(
            "documentation.outcome_measures_missing",
            "not_met",
            "documentation",
            "No validated outcome measure (e.g. HAGOS, iHOT); '30% of functional activities' has no baseline.",
            ["ihiprn-2020/outcome-measures"],
        ),
        _finding(
            "documentation.objective_strength_missing",
            "not_met",
            "documentation",
            "No objective strength measurement (e.g. hand-held dynamometry) despite a strengthening plan.",
            ["ihiprn-2020/exercise"],
        ),
        _finding(
            "documentation.exercise_parameters_missing",
            "not_met",
            "documentation",
            "The exercise prescription lacks load, sets, repetitions and rest.",
            ["ihiprn-2020/exercise-descriptors"],
        ),
        _finding(
            "advisory.alternative_diagnosis",
            "info",
            "alternatives",
            "After 21 visits over 7 months without resolution, reassess for alternative diagnoses or imaging "
            "(MRI hip without contrast).",
            ["acr-ac-chronic-hip-pain/mri", "acr-oa-2019/exercise"],
        ),
    ]
    return {
        "decision": "deny",
        "requested_visits": 3,
        "approved_visits": 0,
        "lines": lines,
        "findings": findings,
        "criteria_version_id": None,
        "criteria_version_label": "Outpatient PT criteria v1 (effective 2025-01-01)",
        "engine_version": "1.0.0",
        "input_hash": "b" * 64,
        "key_reason": "The 21 cumulative visits exceed the 14-visit benchmark without documented functional "
        "improvement or a reason to restart therapy after a 5-month gap.",
        "missing_documentation": [
            "validated outcome measures showing functional deficits compared to the status at discharge from the "
            "prior 18 visits",
            "an explanation for the 5-month treatment gap",
            "evidence that alternative diagnoses have been ruled out with appropriate imaging",
            "a detailed exercise prescription (load, sets, repetitions, rest)",
        ],
    }


def import_seed(name: str, reviewer: Any) -> Case:
    data = json.loads((FIXTURES / name).read_text())
    data.pop("expected", None)
    case = case_import(data=data, assign_to=reviewer)
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.RECOMMENDATION_READY)
    case.refresh_from_db()
    return case


OVERRIDE_SET = "test-override-reasons"


def override_reasons_version() -> Any:
    """A published criteria version holding the starter override reasons (and nothing else), made once.

    The hand-written recommendations below point at it, so an override can name a coded reason."""
    import datetime as dt

    from criteria.loader import STARTER_FILE
    from criteria.models import CriteriaSet, CriteriaVersion, OverrideReason
    from criteria.services import version_publish

    found = CriteriaVersion.objects.filter(criteria_set__key=OVERRIDE_SET).first()
    if found is not None:
        return found
    cset = CriteriaSet.objects.create(key=OVERRIDE_SET, name="Test override reasons")
    version = CriteriaVersion.objects.create(criteria_set=cset, number=1)
    for row in json.loads(STARTER_FILE.read_text())["override_reasons"]:
        OverrideReason.objects.create(
            version=version,
            code=row["code"],
            label=row["label"],
            letter_wording=row["letter_wording"],
            decisions=", ".join(row["decisions"]),
            order=row["order"],
        )
    return version_publish(
        version=version, actor=None, change_summary="Test override reasons", effective_from=dt.date(2024, 1, 1)
    )


def make_recommendation(case: Case, result: dict[str, Any]) -> Recommendation:
    return Recommendation.objects.create(
        case=case,
        criteria_version=override_reasons_version(),
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


def real_recommendation(case: Case, actor: Any) -> Recommendation:
    """The engine's recommendation for `case`, computed now through the recommendation service
    (the published starter criteria and the real guideline library must be loaded)."""
    from reviews.services.recommendations import recommendation_compute, recommendation_request

    job = recommendation_request(case=case, actor=actor)
    rec = recommendation_compute(job_id=job.pk)
    case.refresh_from_db()
    return rec
