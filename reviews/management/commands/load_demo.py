"""`manage.py load_demo`: roles, demo users and demo cases. Idempotent: running it twice changes nothing."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from reviews.case_format import load_case_file
from reviews.models import Case, ReviewerProfile
from reviews.roles import ALL_ROLES, CRITERIA_ADMIN
from reviews.services.cases import case_import

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
            "credential_kind": "physical_therapist",
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
            "credential_kind": "physician",
            "specialty": "Physical medicine & rehabilitation",
            "license_number": "MD-310558",
            "phone": "555-0101",
            "email": "priya.natarajan@ur-desk.example.org",
        },
    ),
    DemoUser("criteria_admin", "criteria_admin", "Elena", "Sokolova", is_staff=True),
    DemoUser("auditor", "auditor", "Grant", "Holloway"),
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
)


def _shift(value: str, days: int) -> str:
    return (date.fromisoformat(value) + timedelta(days=days)).isoformat()


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
    out["prior_episodes"] = [
        {**e, "start_date": _shift(e["start_date"], days), "end_date": _shift(e["end_date"], days)}
        for e in data.get("prior_episodes") or []
    ]
    out["visits"] = [{**v, "date": _shift(v["date"], days)} for v in data.get("visits") or []]
    if data.get("documentation"):
        doc = out["documentation"] = dict(data["documentation"])
        doc["outcome_measures"] = [{**m, "date": _shift(m["date"], days)} for m in doc.get("outcome_measures") or []]
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
        self.stdout.write("")
        self.stdout.write("Demo logins (existing users keep the password they had):")
        for spec in DEMO_USERS:
            self.stdout.write(f"  {spec.username:<15} role {spec.role}")
        self.stdout.write(f"Password for new demo users: {password}")

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
