"""Client retries (double-clicked buttons, resent forms) return the first result and write nothing twice."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from criteria.loader import criteria_admin_group_setup
from criteria.models import CriteriaVersion
from criteria.services import version_clone
from reviews.models import Determination
from reviews.services.determinations import determination_submit
from tests.support import preview_token_in


def test_determination_double_submit_returns_the_first(approve_case: Any, reviewer: Any) -> None:
    case, _rec = approve_case
    client = Client()
    client.force_login(reviewer)
    url = reverse("reviews:decision_accept", args=[case.public_id])
    token = preview_token_in(client.post(url, {}))  # the letter preview first
    first = client.post(url, {"preview_token": token})
    second = client.post(url, {"preview_token": token}, follow=True)
    assert first.status_code == 302
    assert second.status_code == 200
    assert "Determination submitted for signature" in second.content.decode()
    assert Determination.objects.filter(case=case).count() == 1
    assert AuditEvent.objects.filter(action="determination.submitted").count() == 1


def test_service_replay_only_for_the_same_decision(approve_case: Any, reviewer: Any) -> None:
    import pytest
    from django.core.exceptions import ValidationError

    case, rec = approve_case
    first = determination_submit(case=case, reviewer=reviewer, recommendation=rec)
    again = determination_submit(case=case, reviewer=reviewer, recommendation=rec)
    assert again.pk == first.pk and again.replayed  # type: ignore[attr-defined]
    # a different decision on a decided case is not a retry: refused as before
    with pytest.raises(ValidationError):
        determination_submit(
            case=case,
            reviewer=reviewer,
            recommendation=rec,
            accept=False,
            decision="deny",
            override_code="records-do-not-support",
        )


def test_publish_double_submit_returns_the_first(client: Client, starter: Any, criteria_admin: Any) -> None:
    criteria_admin_group_setup()
    criteria_admin.refresh_from_db()
    client.force_login(criteria_admin)
    draft = version_clone(version=starter, actor=criteria_admin)
    url = reverse("admin:criteria_criteriaversion_publish", args=[draft.pk])
    form = {"change_summary": "Hip pain benchmark 14 -> 16", "effective_from": "2025-09-01"}
    first = client.post(url, form)
    second = client.post(url, form, follow=True)
    assert first.status_code == 302
    assert second.status_code == 200 and f"Published v{draft.number}." in second.content.decode()
    draft.refresh_from_db()
    assert draft.status == CriteriaVersion.Status.PUBLISHED
    assert AuditEvent.objects.filter(action="criteria.published", object_id=str(draft.pk)).count() == 1
    # a different form for the published version is still refused
    other = client.post(url, {**form, "change_summary": "something else"}, follow=True)
    assert "Only a draft can be published" in other.content.decode()
