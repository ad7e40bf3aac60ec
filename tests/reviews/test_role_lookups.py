"""Role lookups cost a query only where a role decides something: the navigation still follows the
roles, and a reviewer's own case tab (an htmx fragment, no navigation) reads no groups."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.services.cases import case_import
from tests.seeds import CASES_DIR

pytestmark = pytest.mark.django_db


def _seed() -> dict:
    data = json.loads((CASES_DIR / "seed-deny-hip-restart.json").read_text())
    data.pop("expected", None)
    return data


def test_navigation_follows_the_roles(client: Client, reviewer, supervisor) -> None:
    dashboard = reverse("oversight:dashboard")
    client.force_login(supervisor)
    assert f'href="{dashboard}"' in client.get(reverse("reviews:queue")).content.decode()
    client.force_login(reviewer)
    html = client.get(reverse("reviews:queue")).content.decode()
    assert f'href="{dashboard}"' not in html and f'href="{reverse("oversight:irr_work")}"' in html


def test_own_case_fragment_reads_no_groups(client: Client, criteria, reviewer, reviewer2, supervisor) -> None:
    case = case_import(data=_seed(), assign_to=reviewer)
    url = reverse("reviews:case_recommendation", args=[case.public_id])

    def group_queries(user) -> tuple[int, int]:
        client.force_login(user)
        client.get(url, HTTP_HX_REQUEST="1")
        with CaptureQueriesContext(connection) as ctx:
            status = client.get(url, HTTP_HX_REQUEST="1").status_code
        return status, sum(1 for q in ctx.captured_queries if '"auth_group"' in q["sql"])

    assert group_queries(reviewer) == (200, 0)
    assert group_queries(supervisor) == (200, 1)  # a supervisor reads it by role: one lookup
    assert group_queries(reviewer2)[0] == 404  # not assigned, no role that reads it: still refused
