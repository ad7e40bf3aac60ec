"""The auditor's access (decided in docs/reliability.md, "Auditor scope"): the audit trail and letter
verification, plus read-only access to every case, its record and letters for audits. Every case
page they open is audited as `case.viewed` with the auditor as actor; every write is refused."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from reviews.models import RecommendationJob
from tests.reviews.factories import make_case


def test_auditor_reads_a_case_and_each_view_is_audited(auditor: Any, reviewer: Any) -> None:
    case = make_case(assigned_reviewer=reviewer)
    client = Client()
    client.force_login(auditor)
    for name in ("reviews:case_detail", "reviews:case_record", "reviews:case_recommendation", "reviews:case_letters"):
        before = AuditEvent.objects.filter(action="case.viewed", actor=auditor).count()
        response = client.get(reverse(name, args=[case.public_id]))
        assert response.status_code == 200, name
        assert AuditEvent.objects.filter(action="case.viewed", actor=auditor).count() > before, name
    assert reverse("audit:events") and client.get(reverse("audit:events")).status_code == 200
    assert client.get(reverse("reviews:letter_verify")).status_code == 200


def test_auditor_cannot_change_a_case(auditor: Any, reviewer: Any) -> None:
    case = make_case(assigned_reviewer=reviewer)
    client = Client()
    client.force_login(auditor)
    for name in ("reviews:recommendation_run", "reviews:decision_accept", "reviews:document_upload"):
        response = client.post(reverse(name, args=[case.public_id]), {})
        assert response.status_code == 404, name
    assert not RecommendationJob.objects.filter(case=case).exists()
    assert AuditEvent.objects.filter(action="case.access_denied", actor=auditor).count() == 3
