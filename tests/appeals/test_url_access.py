"""Role matrix for every appeals URL, on real objects (tests/test_url_access.py covers anonymous users)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from appeals.models import IREForwarding, NoticeLetter
from appeals.services.appeals import appeal_assign, appeal_decide, appeal_file
from appeals.services.p2p import p2p_request
from reviews.models import Case

ROLES = ("reviewer", "supervisor", "criteria_admin", "auditor", "appeals_reviewer", "intake")
READERS_OF_CASE = {"reviewer", "supervisor", "auditor", "intake"}  # the assigned reviewer and the roles that see all
READERS_OF_APPEAL = {"supervisor", "auditor", "intake", "appeals_reviewer"}  # appeals_reviewer: the assigned one


@pytest.fixture
def world(
    ma_denial: Any,
    supervisor: Any,
    reviewer: Any,
    auditor: Any,
    criteria_admin: Any,
    appeals_reviewer: Any,
    intake: Any,
    django_capture_on_commit_callbacks: Any,
) -> dict[str, Any]:
    case, det = ma_denial
    now = timezone.now()
    p2p = p2p_request(
        case=case,
        actor=intake,
        peer=reviewer,
        provider_contact="Dr A",
        provider_phone="555",
        requested_at=now - timedelta(hours=2),
        windows=[
            (now - timedelta(hours=1), now + timedelta(hours=1)),
            (now + timedelta(days=1), now + timedelta(days=1, hours=1)),
        ],
    )
    appeal = appeal_file(determination=det, actor=intake, requester_kind="member", requester_name="M", reason="r")
    appeal_assign(appeal=appeal, reviewer=appeals_reviewer, actor=supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        appeal_decide(appeal=appeal, actor=appeals_reviewer, outcome="upheld", rationale="No new information.")
    open_case = Case.objects.create(
        reference="OPEN-1",
        review_type="prospective",
        urgency="standard",
        received_at=now,
        member=case.member,
        provider=case.provider,
        assigned_reviewer=reviewer,
    )
    users = {
        "reviewer": reviewer,
        "supervisor": supervisor,
        "criteria_admin": criteria_admin,
        "auditor": auditor,
        "appeals_reviewer": appeals_reviewer,
        "intake": intake,
    }
    return {
        "users": users,
        "case": case,
        "open_case": open_case,
        "p2p": p2p,
        "appeal": appeal,
        "notice": NoticeLetter.objects.get(appeal=appeal),
        "ire": IREForwarding.objects.get(appeal=appeal),
    }


def test_every_appeals_get_url_by_role(client: Client, world: dict[str, Any]) -> None:
    case, p2p, appeal, notice = world["case"], world["p2p"], world["appeal"], world["notice"]
    matrix = {
        reverse("appeals:list"): {"supervisor", "auditor", "intake", "appeals_reviewer"},
        reverse("appeals:case_panel", args=[case.public_id]): READERS_OF_CASE,
        reverse("appeals:p2p_new", args=[case.public_id]): {"supervisor", "intake"},
        reverse("appeals:appeal_new", args=[case.public_id]): {"supervisor", "intake"},
        reverse("appeals:case_extend", args=[world["open_case"].public_id]): {"supervisor", "reviewer"},
        reverse("appeals:p2p_detail", args=[p2p.public_id]): {"supervisor", "auditor", "intake", "reviewer"},
        reverse("appeals:appeal_detail", args=[appeal.public_id]): READERS_OF_APPEAL,
        reverse("appeals:notice_download", args=[notice.public_id]): READERS_OF_APPEAL,
        reverse("appeals:ire_packet", args=[appeal.public_id]): READERS_OF_APPEAL,
        reverse("oversight:cms_public"): {"supervisor", "auditor"},
        reverse("oversight:cms_public_csv"): {"supervisor", "auditor"},
    }
    # Every appeals URL pattern is in the matrix (GET pages here, POST actions below).
    names = {p.name for p in __import__("appeals.urls", fromlist=["urlpatterns"]).urlpatterns}
    assert names == {
        "list", "case_panel", "p2p_new", "appeal_new", "case_extend", "p2p_detail", "appeal_detail",
        "notice_download", "ire_packet", "p2p_window_missed", "p2p_complete", "appeal_assign", "appeal_decide",
    }  # fmt: skip
    failures = []
    for url, allowed in matrix.items():
        for role in ROLES:
            client.force_login(world["users"][role])
            status = client.get(url).status_code
            if (status == 200) != (role in allowed) or status not in (200, 403, 404):
                failures.append(f"{role} GET {url}: {status}")
    assert not failures, failures


def test_every_appeals_post_url_refuses_other_roles(client: Client, world: dict[str, Any]) -> None:
    p2p, appeal = world["p2p"], world["appeal"]
    window = p2p.windows.first()
    posts = {
        reverse("appeals:p2p_window_missed", args=[p2p.public_id, window.pk]): {"supervisor", "reviewer"},
        reverse("appeals:p2p_complete", args=[p2p.public_id]): {"reviewer"},
        reverse("appeals:appeal_assign", args=[appeal.public_id]): {"supervisor"},
        reverse("appeals:appeal_decide", args=[appeal.public_id]): {"appeals_reviewer"},
    }
    failures = []
    for url, allowed in posts.items():
        for role in ROLES:
            if role in allowed:
                continue
            client.force_login(world["users"][role])
            status = client.post(
                url, {"window": window.pk, "outcome": "upheld", "notes": "x", "rationale": "x"}
            ).status_code
            if status not in (403, 404):
                failures.append(f"{role} POST {url}: {status}")
    assert not failures, failures
    # The owners get through to the service (which redirects back with its message).
    client.force_login(world["users"]["reviewer"])
    response = client.post(reverse("appeals:p2p_window_missed", args=[p2p.public_id, window.pk]))
    assert response.status_code == 302
    window.refresh_from_db()
    assert window.status == "missed"
