"""Criteria versions used per year (CMS Part C UM audits): an oversight read over determinations."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from oversight.selectors import versions_used_in_year


def test_usage_page_roles_and_counts(client, starter, reviewer, auditor, supervisor):
    from reviews.models import Determination, Recommendation
    from tests.reviews.factories import make_case

    case = make_case(assigned_reviewer=reviewer)
    rec = Recommendation.objects.create(
        case=case, input_hash="a" * 64, criteria_version=starter, engine_version="t", decision="approve", result={}
    )
    Determination.objects.create(
        case=case, recommendation=rec, decision="approve", lines=[], reviewer=reviewer,
        decided_at=timezone.make_aware(dt.datetime(2025, 9, 2, 12)),
    )  # fmt: skip
    rows = versions_used_in_year(2025)
    assert [(r["version"], r["determinations"], r["cases"]) for r in rows] == [(starter, 1, 1)]
    assert versions_used_in_year(2024) == []
    client.force_login(reviewer)
    assert client.get(reverse("oversight:criteria_usage"), {"year": 2025}).status_code == 403
    for user in (auditor, supervisor):
        client.force_login(user)
        resp = client.get(reverse("oversight:criteria_usage"), {"year": 2025})
        assert resp.status_code == 200 and "Outpatient physical therapy v1" in resp.content.decode()
