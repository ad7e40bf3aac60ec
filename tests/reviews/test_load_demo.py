"""load_demo: roles, demo users with profiles, demo cases; idempotent and quick."""

from __future__ import annotations

import time
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone

from reviews.models import Case, ReviewerProfile


def load_demo(monkeypatch: pytest.MonkeyPatch, password: str | None = None) -> str:
    if password is None:
        monkeypatch.delenv("UR_DEMO_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("UR_DEMO_PASSWORD", password)
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_load_demo_creates_roles_users_and_cases(monkeypatch: pytest.MonkeyPatch) -> None:
    started = time.monotonic()
    out = load_demo(monkeypatch)
    assert time.monotonic() - started < 10

    assert set(Group.objects.values_list("name", flat=True)) >= {"reviewer", "supervisor", "criteria_admin", "auditor"}
    for username in ("reviewer", "reviewer2", "supervisor", "criteria_admin", "auditor"):
        user = User.objects.get(username=username)
        assert user.check_password("ur-desk-demo")
        assert not user.is_superuser
    assert User.objects.get(username="reviewer").groups.filter(name="reviewer").exists()

    dana = ReviewerProfile.objects.get(user__username="reviewer")
    assert (dana.display_name, dana.credentials, dana.credential_kind) == (
        "Dana Whitfield",
        "PT, DPT",
        "physical_therapist",
    )
    assert dana.phone and dana.email
    nurse = ReviewerProfile.objects.get(user__username="reviewer2")
    assert nurse.credential_kind == "nurse" and not nurse.can_sign_denial("physical_therapist")
    doc = ReviewerProfile.objects.get(user__username="supervisor")
    assert doc.credentials == "MD" and doc.credential_kind == "physician"

    seeds = Case.objects.filter(reference__startswith="SEED-")
    assert {c.assigned_reviewer.username for c in seeds} == {"reviewer"} and seeds.count() == 2
    demo = Case.objects.filter(reference__startswith="DEMO-")
    assert demo.count() >= 5
    assigned = {c.assigned_reviewer.username if c.assigned_reviewer else None for c in demo}
    assert assigned == {"reviewer", "reviewer2", None}
    assert {c.urgency for c in demo} == {"standard", "expedited"}
    now = timezone.now()
    overdue = [c.reference for c in demo if c.due_at < now]
    assert overdue == ["DEMO-0105"]
    assert {dx for c in demo for dx in c.diagnoses.values_list("code", flat=True)} >= {
        "M17.11",
        "M54.50",
        "M54.2",
        "M75.111",
        "S93.401A",
    }
    assert "ur-desk-demo" in out and "reviewer2" in out


@pytest.mark.django_db
def test_load_demo_is_idempotent(monkeypatch: pytest.MonkeyPatch) -> None:
    load_demo(monkeypatch)
    cases, users = Case.objects.count(), User.objects.count()
    out = load_demo(monkeypatch)
    assert Case.objects.count() == cases and User.objects.count() == users
    assert ReviewerProfile.objects.count() == 3
    assert "skipped SEED-0001" in out


@pytest.mark.django_db
def test_password_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    out = load_demo(monkeypatch, "another-secret-1")
    assert User.objects.get(username="auditor").check_password("another-secret-1")
    assert "another-secret-1" in out


@pytest.mark.django_db
def test_rebased_cases_keep_their_intervals(monkeypatch: pytest.MonkeyPatch) -> None:
    load_demo(monkeypatch)
    case = Case.objects.get(reference="DEMO-0102")
    # In the file: received 2025-10-02, request starts 2025-10-06, evaluation 2025-08-25.
    assert (case.request.start_date - case.received_at.date()).days == 4
    assert (case.received_at.date() - case.visits.first().date).days == 38
    assert case.due_at > timezone.now()


@pytest.mark.django_db
def test_demo_data_is_browsable_in_the_admin(monkeypatch: pytest.MonkeyPatch, client: Any) -> None:
    from django.contrib import admin
    from django.urls import reverse

    from reviews.models import Letter

    load_demo(monkeypatch)
    if not admin.site.is_registered(Case):
        pytest.skip("admin autodiscovery is off in these settings")
    admin_user = User.objects.create_superuser("root", "root@example.org", "x-pass-123!")
    client.force_login(admin_user)
    reviews_models = [m for m in admin.site._registry if m._meta.app_label == "reviews"]
    assert len(reviews_models) >= 17
    for model in reviews_models:
        url = reverse(f"admin:reviews_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
    case = Case.objects.get(reference="SEED-0002")
    page = client.get(reverse("admin:reviews_case_change", args=[case.pk]))
    assert page.status_code == 200 and b"M25.552" in page.content
    assert client.get(reverse("admin:reviews_case_changelist"), {"q": "SEED-0001"}).status_code == 200
    # Signed letters are immutable: no add page.
    assert client.get(reverse("admin:reviews_letter_add")).status_code == 403
    assert Letter.objects.count() == 0
