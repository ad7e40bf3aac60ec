"""load_demo: roles, demo users with profiles, demo cases; idempotent and quick."""

from __future__ import annotations

import time
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone

from reviews.models import Case, Determination, Letter, Recommendation, RecommendationJob, ReviewerProfile

DECIDED = ("DEMO-0106", "DEMO-0107", "DEMO-0108", "DEMO-0109", "DEMO-0110", "DEMO-0111")


@pytest.fixture(scope="module")
def demo_pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("demo-pki")


@pytest.fixture(autouse=True)
def _pki_in_tmp(settings: Any, demo_pki: Path) -> None:
    # load_demo signs letters: keep the test CA and reviewer keys out of the project's var/.
    settings.UR_PKI_DIR = str(demo_pki)


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
    # A sanity bound, not a benchmark: ten signatures (letters and notices) on a shared 2-core machine.
    assert time.monotonic() - started < 120

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
    demo = Case.objects.filter(reference__startswith="DEMO-", appeal__isnull=True)  # appeal cases: tests/appeals
    assert demo.count() >= 5
    assigned = {c.assigned_reviewer.username if c.assigned_reviewer else None for c in demo}
    assert assigned == {"reviewer", "reviewer2", None}
    assert {c.urgency for c in demo} == {"standard", "expedited"}
    now = timezone.now()
    overdue = [c.reference for c in demo if c.is_open and c.due_at < now]
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
    assert ReviewerProfile.objects.count() == 4  # three reviewers/supervisor and the appeals reviewer
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
    assert Letter.objects.count() == len(DECIDED) + 1  # DEMO-0108's letter after its appeal was overturned


@pytest.mark.django_db
def test_demo_has_dashboard_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    from oversight.selectors import Period, dashboard

    out = load_demo(monkeypatch)
    today = timezone.localdate()
    board = dashboard(Period(today - timedelta(days=30), today))

    assert board.outcomes == {"approve": 4, "partial": 1, "deny": 1}
    assert board.override["decisions"] == 6 and board.override["overridden"] == 1
    turnaround = {t["urgency"]: t for t in board.turnaround}
    # Both expedited cases were decided within 72 h; one standard case took more than 7 days.
    assert (turnaround["expedited"]["decided"], turnaround["expedited"]["late"]) == (2, 0)
    assert (turnaround["standard"]["decided"], turnaround["standard"]["late"]) == (4, 1)
    assert turnaround["standard"]["avg_hours"] > 0
    assert {r["reviewer"]: r["total"] for r in board.by_reviewer} == {"reviewer": 4, "reviewer2": 2}
    assert board.cms["decisions"] == 6 and board.cms["standard_denied"] == 1
    assert [c.reference for c in board.overdue] == ["SEED-0001", "SEED-0002", "DEMO-0105"]
    assert "decided DEMO-0110: approve (override) by reviewer" in out


@pytest.mark.django_db
def test_demo_decisions_run_the_real_path(monkeypatch: pytest.MonkeyPatch, settings: Any) -> None:
    from reviews.letters.verify import verify_pdf

    settings.UR_DEMO_STEPS = []  # reviews' own demo decisions; the appeals step is tested in tests/appeals
    load_demo(monkeypatch)
    decided = Case.objects.filter(determinations__isnull=False).distinct()
    assert sorted(decided.values_list("reference", flat=True)) == list(DECIDED)
    # The seed cases stay undecided and with the reviewer (the browser tests start from them).
    for seed in Case.objects.filter(reference__startswith="SEED-"):
        assert seed.is_open and seed.assigned_reviewer.username == "reviewer"
        assert not seed.determinations.exists() and not seed.recommendations.exists()

    for case in decided:
        job = RecommendationJob.objects.get(case=case)
        assert job.status == "done" and job.recommendation is not None
        det = case.determinations.get()
        assert det.status == "signed" and det.reviewer == case.assigned_reviewer
        assert timezone.now() - timedelta(minutes=5) < det.decided_at <= timezone.now()
        letter = Letter.objects.get(determination=det)
        assert letter.signer == det.reviewer and letter.version == 1
        result = verify_pdf(bytes(letter.pdf))
        assert result.ok, (case.reference, result.problems)
        assert result.matches_letter_id == letter.pk

    by_ref = {d.case.reference: d for d in Determination.objects.select_related("case", "reviewer", "recommendation")}
    assert by_ref["DEMO-0108"].decision == "deny" and by_ref["DEMO-0108"].reviewer.username == "reviewer"
    assert by_ref["DEMO-0107"].decision == "partial" and 0 < by_ref["DEMO-0107"].approved_visits < 8
    override = by_ref["DEMO-0110"]
    assert override.overridden and override.override_code == "progress-documented" and override.override_note
    assert override.override_wording and override.override_note not in override.override_wording
    assert (override.recommendation.decision, override.decision) == ("partial", "approve")
    assert {d.reviewer.username for d in by_ref.values() if d.decision in ("deny", "partial")} == {"reviewer"}
    assert "reviewer2" in {d.reviewer.username for d in by_ref.values()}
    exp = Case.objects.get(reference="DEMO-0109")
    assert exp.urgency == "expedited" and by_ref["DEMO-0109"].decided_at - exp.received_at < timedelta(hours=72)
    late = Case.objects.get(reference="DEMO-0107")
    assert late.urgency == "standard" and by_ref["DEMO-0107"].decided_at - late.received_at > timedelta(days=7)


@pytest.mark.django_db
def test_decisions_are_not_repeated(monkeypatch: pytest.MonkeyPatch, settings: Any) -> None:
    settings.UR_DEMO_STEPS = []  # the appeals step amends DEMO-0108 (a second determination): tests/appeals
    load_demo(monkeypatch)
    counts = [m.objects.count() for m in (Case, Determination, Letter, Recommendation, RecommendationJob)]
    out = load_demo(monkeypatch)
    assert [m.objects.count() for m in (Case, Determination, Letter, Recommendation, RecommendationJob)] == counts
    assert counts[1] == counts[2] == len(DECIDED)
    assert "skipped decision on DEMO-0108 (already decided)" in out and "decided DEMO-" not in out


@pytest.mark.django_db
def test_demo_case_files_are_valid_with_billable_codes() -> None:
    import simple_icd_10_cm as icd

    from reviews.case_format import load_case_file
    from reviews.management.commands.load_demo import DEMO_CASES, DEMO_DECISIONS, FIXTURES

    files = {spec.filename for spec in DEMO_CASES}
    references = {load_case_file(FIXTURES / name)["reference"] for name in files}
    assert {d.reference for d in DEMO_DECISIONS} <= references
    for name in files:
        data = load_case_file(FIXTURES / name)  # raises on any format problem
        for dx in data["diagnoses"]:
            assert icd.is_valid_item(dx["code"]) and icd.is_leaf(dx["code"]), (name, dx["code"])


def test_rebase_moves_dates_written_in_notes() -> None:
    """Was: DEMO-0110's note said 'collision 2025-08-01' after its visits had moved to this year."""
    import json
    from datetime import UTC, datetime

    from django.conf import settings

    from reviews.management.commands.load_demo import rebase_case

    path = Path(settings.BASE_DIR) / "reviews" / "fixtures" / "cases" / "DEMO-0110-neck-whiplash-expedited.json"
    data = json.loads(path.read_text())
    old_received = datetime.fromisoformat(data["received_at"])
    out = rebase_case(data, old_received.astimezone(UTC) + timedelta(days=10))
    notes = " ".join(v.get("note") or "" for v in out["visits"])
    assert "2025-08-11" in notes and "2025-08-01" not in notes
    gap = out["documentation"]["gap_explanation"]
    assert "2025-09-22" in gap and "2025-10-13" in gap
