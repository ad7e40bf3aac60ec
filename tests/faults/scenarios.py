"""Building blocks for the fault tests: a case with a recommendation, a determination, an upload."""

from __future__ import annotations

import io
import json
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from reviews.models import Case, ClinicalDocument, Determination, RecommendationJob
from reviews.services.cases import case_import
from reviews.services.recommendations import recommendation_compute, recommendation_request
from tests.criteria.engine_fixtures import SEED_APPROVE


def seed_case(reviewer: Any, reference: str = "SEED-0001") -> Case:
    from criteria.models import CriteriaVersion

    if not CriteriaVersion.objects.exists():
        call_command("load_criteria", stdout=io.StringIO())
    data = json.loads(SEED_APPROVE.read_text())
    data["reference"] = reference
    return case_import(data=data, assign_to=reviewer)


def case_with_recommendation(reviewer: Any, reference: str = "SEED-0002") -> Case:
    """A case whose recommendation is computed in this process (its queued message is then a no-op)."""
    case = seed_case(reviewer, reference)
    job = recommendation_request(case=case, actor=reviewer)
    recommendation_compute(job_id=job.pk)
    case.refresh_from_db()
    return case


def submit_determination(case: Case, reviewer: Any) -> Determination:
    from reviews.services.determinations import determination_submit

    rec = RecommendationJob.objects.filter(case=case, status="done").first().recommendation
    return determination_submit(case=case, reviewer=reviewer, recommendation=rec, accept=True)


def small_pdf(pages: int = 2, text: str = "Range of motion improved") -> bytes:
    """A real PDF with a line of text per page (rendered by WeasyPrint, as the letters are)."""
    from weasyprint import HTML

    body = "".join(f'<p style="page-break-after: always">{text} (page {i + 1})</p>' for i in range(pages))
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def upload(case: Case, reviewer: Any, data: bytes | None = None) -> ClinicalDocument:
    from reviews.services.documents import document_upload

    data = data or small_pdf()
    return document_upload(
        case=case, actor=reviewer, uploaded_file=SimpleUploadedFile("record.pdf", data, "application/pdf")
    )
