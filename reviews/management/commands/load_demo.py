"""`manage.py load_demo`: roles, demo users and demo cases. Idempotent: running it twice changes nothing."""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.roles import ALL_ROLES, CRITERIA_ADMIN
from reviews.case_format import load_case_file
from reviews.models import Case, Determination, Letter, Recommendation, RecommendationJob, ReviewerProfile
from reviews.models.decisions import JobStatus
from reviews.services.cases import case_import
from reviews.services.determinations import determination_submit
from reviews.services.letters import letter_issue
from reviews.services.recommendations import RecommendationError, recommendation_compute, recommendation_request
from vocabulary import CredentialKind, Decision

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "cases"
DEFAULT_PASSWORD = "ur-desk-demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    first_name: str
    last_name: str
    profile: dict[str, str] | None = None
    is_staff: bool = False


DEMO_USERS = (
    DemoUser(
        "reviewer",
        "reviewer",
        "Dana",
        "Whitfield",
        {
            "display_name": "Dana Whitfield",
            "credentials": "PT, DPT",
            "credential_kind": CredentialKind.PHYSICAL_THERAPIST.value,
            "specialty": "Orthopaedic physical therapy (OCS)",
            "license_number": "PT-048213",
            "phone": "555-0142",
            "email": "dana.whitfield@ur-desk.example.org",
        },
    ),
    DemoUser(
        "reviewer2",
        "reviewer",
        "Marcus",
        "Reyes",
        {
            "display_name": "Marcus Reyes",
            "credentials": "RN, BSN",
            "credential_kind": "nurse",
            "specialty": "Utilization management nursing",
            "license_number": "RN-772901",
            "phone": "555-0143",
            "email": "marcus.reyes@ur-desk.example.org",
        },
    ),
    DemoUser(
        "supervisor",
        "supervisor",
        "Priya",
        "Natarajan",
        {
            "display_name": "Priya Natarajan",
            "credentials": "MD",
            "credential_kind": CredentialKind.PHYSICIAN.value,
            "specialty": "Physical medicine & rehabilitation",
            "license_number": "MD-310558",
            "phone": "555-0101",
            "email": "priya.natarajan@ur-desk.example.org",
        },
    ),
    DemoUser(
        "appeals",
        "appeals_reviewer",
        "Samuel",
        "Okafor",
        {
            "display_name": "Samuel Okafor",
            "credentials": "MD",
            "credential_kind": CredentialKind.PHYSICIAN.value,
            "specialty": "Physical medicine & rehabilitation",
            "license_number": "MD-411902",
            "phone": "555-0160",
            "email": "samuel.okafor@ur-desk.example.org",
        },
    ),
    DemoUser("criteria_admin", "criteria_admin", "Elena", "Sokolova", is_staff=True),
    DemoUser("auditor", "auditor", "Grant", "Holloway"),
    DemoUser("intake", "intake_coordinator", "Ines", "Ortega"),
)


@dataclass(frozen=True)
class DemoCase:
    filename: str
    assignee: str | None
    # None: keep the dates in the file (the seeds; the overdue case). Otherwise move every date so the case
    # was received this many hours ago, keeping the intervals between its dates.
    received_hours_ago: int | None


DEMO_CASES = (
    DemoCase("seed-approve-hip-traumatic.json", "reviewer", None),
    DemoCase("seed-deny-hip-restart.json", "reviewer", None),
    DemoCase("demo-knee-oa-prospective.json", "reviewer", 50),
    DemoCase("demo-shoulder-cuff-concurrent.json", "reviewer", 100),
    DemoCase("demo-low-back-concurrent.json", "reviewer2", 30),
    DemoCase("demo-ankle-sprain-overdue.json", "reviewer2", None),  # expedited, received long ago: overdue
    DemoCase("demo-neck-expedited.json", None, 6),
    # Decided by load_demo (see DEMO_DECISIONS): the supervisor dashboard has real figures to show.
    DemoCase("DEMO-0106-knee-patellofemoral.json", "reviewer2", 70),
    DemoCase("DEMO-0107-low-back-extension.json", "reviewer", 221),  # standard, decided after 9 days: late
    DemoCase("DEMO-0108-shoulder-impingement.json", "reviewer", 100),
    DemoCase("DEMO-0109-ankle-sprain-expedited.json", "reviewer2", 20),  # expedited, decided within 72 h
    DemoCase("DEMO-0110-neck-whiplash-expedited.json", "reviewer", 46),
    DemoCase("DEMO-0111-knee-arthroplasty.json", "reviewer", 52),
)


@dataclass(frozen=True)
class DemoDecision:
    """How the assigned reviewer decides a demo case: accept the engine's `expect`, or override to `decision`."""

    reference: str
    expect: str  # the recommendation the demo expects from the starter criteria
    decision: str | None = None  # set for an override
    override_code: str = ""  # a coded reason of the starter criteria (criteria/data/starter_criteria.json)
    override_note: str = ""  # the reviewer's internal note (never in the letter)


DEMO_DECISIONS = (
    DemoDecision("DEMO-0106", Decision.APPROVE),
    DemoDecision("DEMO-0107", Decision.PARTIAL),
    DemoDecision("DEMO-0108", Decision.DENY),
    DemoDecision("DEMO-0109", Decision.APPROVE),
    DemoDecision(
        "DEMO-0110",
        Decision.PARTIAL,
        decision=Decision.APPROVE,
        override_code="progress-documented",
        override_note=(
            "Traumatic onset (whiplash) with objective gains: rotation 40 to 55 degrees, deep neck flexor endurance "
            "12 to 22 s, back at work part time. The NDI change is under its MCID but the gap was explained and the "
            "driving goal is within reach; the full request is reasonable."
        ),
    ),
    DemoDecision("DEMO-0111", Decision.APPROVE),
)
# How long load_demo waits for a Celery worker that claimed a demo recommendation job.
WORKER_WAIT_SECONDS = 30


def _shift(value: str, days: int) -> str:
    return (date.fromisoformat(value) + timedelta(days=days)).isoformat()


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _shift_text(text: Any, days: int) -> Any:
    """Dates written in a note (YYYY-MM-DD) move with the case (was: notes kept the old dates)."""
    if not isinstance(text, str):
        return text

    def shift(m: re.Match[str]) -> str:
        try:
            return _shift(m.group(0), days)
        except ValueError:
            return m.group(0)

    return _ISO_DATE.sub(shift, text)


def rebase_case(data: dict[str, Any], received_at: datetime) -> dict[str, Any]:
    """A copy of `data` received at `received_at`, every other date moved by the same number of days."""
    old = datetime.fromisoformat(data["received_at"])
    days = (received_at.date() - old.astimezone(UTC).date()).days
    out = {**data, "received_at": received_at.astimezone(UTC).isoformat().replace("+00:00", "Z")}
    out["member"] = {**data["member"], "birth_date": _shift(data["member"]["birth_date"], days)}
    request = out["request"] = dict(data["request"])
    for key in ("start_date", "end_date"):
        request[key] = _shift(request[key], days)
    if data.get("clinical"):
        clinical = out["clinical"] = dict(data["clinical"])
        if clinical.get("onset_date"):
            clinical["onset_date"] = _shift(clinical["onset_date"], days)
        for key in ("mechanism", "surgery"):
            clinical[key] = _shift_text(clinical.get(key), days)
    out["prior_episodes"] = [
        {
            **e,
            "start_date": _shift(e["start_date"], days),
            "end_date": _shift(e["end_date"], days),
            "discharge_note": _shift_text(e.get("discharge_note"), days),
        }
        for e in data.get("prior_episodes") or []
    ]
    out["visits"] = [
        {**v, "date": _shift(v["date"], days), "note": _shift_text(v.get("note"), days)}
        for v in data.get("visits") or []
    ]
    if data.get("documentation"):
        doc = out["documentation"] = dict(data["documentation"])
        doc["outcome_measures"] = [{**m, "date": _shift(m["date"], days)} for m in doc.get("outcome_measures") or []]
        doc["gap_explanation"] = _shift_text(doc.get("gap_explanation"), days)
        for key in ("functional_deficits", "objective_impairments"):
            if isinstance(doc.get(key), list):
                doc[key] = [_shift_text(item, days) for item in doc[key]]
    return out


class Command(BaseCommand):
    help = "Create the roles, demo users (password from UR_DEMO_PASSWORD) and demo cases. Safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("UR_DEMO_PASSWORD") or DEFAULT_PASSWORD
        with transaction.atomic():
            groups = self._groups()
            # One hash for every demo user: they share a published password, and hashing is slow by design.
            hashed = make_password(password)
            users = {spec.username: self._user(spec, groups, hashed) for spec in DEMO_USERS}
        if "load_criteria" in get_commands():
            call_command("load_criteria", stdout=self.stdout, stderr=self.stderr)
        self._cases(users)
        steps = self._demo_steps()
        for step in steps:
            step.before_decisions(self.stdout)
        self._decisions()
        for step in steps:
            step.after_decisions(self.stdout)
        self.stdout.write("")
        self.stdout.write("Demo logins (existing users keep the password they had):")
        for spec in DEMO_USERS:
            self.stdout.write(f"  {spec.username:<15} role {spec.role}")
        self.stdout.write(f"Password for new demo users: {password}")

    def _demo_steps(self) -> list[Any]:
        """Demo steps of apps built on reviews (settings.UR_DEMO_STEPS: modules with before_decisions and
        after_decisions); reviews names none of them, so imports still flow one way."""
        from importlib import import_module

        return [import_module(name) for name in getattr(settings, "UR_DEMO_STEPS", ())]

    def _groups(self) -> dict[str, Group]:
        groups = {name: Group.objects.get_or_create(name=name)[0] for name in ALL_ROLES}
        # Criteria admins maintain guidelines and criteria in the Django admin.
        perms = Permission.objects.filter(content_type__app_label__in=["criteria", "guidelines"])
        groups[CRITERIA_ADMIN].permissions.add(*perms)
        return groups

    def _user(self, spec: DemoUser, groups: dict[str, Group], hashed_password: str) -> User:
        user, created = User.objects.get_or_create(
            username=spec.username,
            defaults={"first_name": spec.first_name, "last_name": spec.last_name, "is_staff": spec.is_staff},
        )
        if created:
            user.password = hashed_password
            user.save(update_fields=["password"])
            self.stdout.write(f"created user {spec.username}")
        user.groups.add(groups[spec.role])
        if spec.profile:
            ReviewerProfile.objects.get_or_create(user=user, defaults=spec.profile)
        return user

    def _cases(self, users: dict[str, User]) -> None:
        existing = set(Case.objects.values_list("reference", flat=True))
        now = timezone.now().replace(second=0, microsecond=0)
        for spec in DEMO_CASES:
            data = load_case_file(FIXTURES / spec.filename)
            if data["reference"] in existing:
                self.stdout.write(f"skipped {data['reference']} (already present)")
                continue
            if spec.received_hours_ago is not None:
                data = rebase_case(data, now - timedelta(hours=spec.received_hours_ago))
            case = case_import(data=data, assign_to=users[spec.assignee] if spec.assignee else None)
            self.stdout.write(f"imported {case.reference} ({spec.assignee or 'unassigned'})")

    def _decisions(self) -> None:
        """Decide the DEMO_DECISIONS cases through the real services: recommendation, determination, signed letter.

        A case that already has a determination is skipped (its letter is issued if a run stopped before it).
        """
        self._worker_alive = True
        for spec in DEMO_DECISIONS:
            case = Case.objects.select_related("assigned_reviewer").filter(reference=spec.reference).first()
            if case is None or case.assigned_reviewer is None:
                continue
            existing = case.determinations.order_by("-version").first()
            if existing is not None:
                self._letter(existing)
                self.stdout.write(f"skipped decision on {case.reference} (already decided)")
                continue
            reviewer = case.assigned_reviewer
            recommendation = self._recommendation(case, reviewer)
            if recommendation.decision != spec.expect:
                self.stderr.write(
                    f"left {case.reference} undecided: the criteria recommend {recommendation.decision}, "
                    f"the demo expects {spec.expect}"
                )
                continue
            case.refresh_from_db()
            determination = determination_submit(
                case=case,
                reviewer=reviewer,
                recommendation=recommendation,
                accept=spec.decision is None,
                decision=spec.decision,
                override_code=spec.override_code,
                override_note=spec.override_note,
            )
            letter = self._letter(determination)
            self.stdout.write(
                f"decided {case.reference}: {determination.decision}"
                f"{' (override)' if determination.overridden else ''} by {reviewer.username}, letter v{letter.version}"
            )

    def _letter(self, determination: Determination) -> Letter:
        """The determination's signed letter: issued by the Celery task queued on commit, or here.

        With a real worker, wait for its letter first: signing here as well would do the work twice
        (and pyHanko's sync API cannot run where an event loop is running, as under Playwright).
        """
        letter = Letter.objects.filter(determination=determination).first()
        if letter is None and not settings.CELERY_TASK_ALWAYS_EAGER and self._worker_alive:
            deadline = time.monotonic() + WORKER_WAIT_SECONDS
            while letter is None and time.monotonic() < deadline:
                time.sleep(0.2)
                letter = Letter.objects.filter(determination=determination).first()
            self._worker_alive = letter is not None
        return letter or letter_issue(determination=determination)

    def _recommendation(self, case: Case, actor: User) -> Recommendation:
        """Request a recommendation the way a reviewer does and return it once the job is done.

        With eager Celery the job is done after the request commits; otherwise (or inside a test
        transaction, where on-commit callbacks do not run) compute it here, or wait for the worker
        that claimed it.
        """
        job = recommendation_request(case=case, actor=actor)
        job.refresh_from_db()
        if job.status == JobStatus.QUEUED:
            try:
                return recommendation_compute(job_id=job.pk)
            except RecommendationError:
                if RecommendationJob.objects.filter(pk=job.pk, status=JobStatus.FAILED).exists():
                    raise
        deadline = time.monotonic() + WORKER_WAIT_SECONDS
        while job.status != JobStatus.DONE:
            if job.status == JobStatus.FAILED or time.monotonic() > deadline:
                raise RecommendationError(f"job {job.pk}: {job.status} {job.error}".strip())
            time.sleep(0.2)
            job.refresh_from_db()
        assert job.recommendation is not None
        return job.recommendation
