"""Helpers tests call directly (the fixtures are in the conftest files): users with a role, a logged-in client."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, User
from django.test import Client

from reviews.models import ReviewerProfile

PASSWORD = "test-pass-123!"


def make_user(username: str, role: str | None, *, credential_kind: str = "physical_therapist") -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, first_name=username.title())
    if role:
        group, _ = Group.objects.get_or_create(name=role)
        user.groups.add(group)
    if role in ("reviewer", "supervisor"):
        ReviewerProfile.objects.create(
            user=user,
            display_name=f"{username.title()} Tester",
            credentials="PT, DPT" if credential_kind == "physical_therapist" else "MD",
            credential_kind=credential_kind,
            specialty="Orthopaedic physical therapy",
            phone="555-0100",
            email=f"{username}@example.org",
        )
    return user


def login(user: User) -> Client:
    """A test client logged in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def make_appeals_reviewer(
    username: str, *, credential_kind: str = "physician", specialty: str = "Physical medicine & rehabilitation"
) -> User:
    """A user in the appeals reviewer role with a profile (a physician in PM&R unless told otherwise)."""
    user = make_user(username, "appeals_reviewer")
    ReviewerProfile.objects.create(
        user=user,
        display_name=f"{username.title()} Appeals",
        credentials="MD" if credential_kind == "physician" else "PT, DPT",
        credential_kind=credential_kind,
        specialty=specialty,
        phone="555-0199",
    )
    return user


def preview_token_in(response: Any) -> str:
    """The token of the letter preview a decision POST answered with (the confirm form's hidden field)."""
    import re

    found = re.search(r'name="preview_token" value="([0-9a-f]{64})"', response.content.decode())
    assert found is not None, "no letter preview in the answer"
    return found.group(1)
