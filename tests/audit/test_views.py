from __future__ import annotations

import csv
import io
import json

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from audit.services import record_event
from tests.support import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client: Client, user: User) -> None:
    client.force_login(user)


def test_login_logout_and_failed_login_are_recorded_without_the_password(client: Client, reviewer: User) -> None:
    assert client.post(reverse("login"), {"username": "reviewer", "password": "wrong-password"}).status_code == 200
    assert client.post(reverse("login"), {"username": "nobody-here", "password": "wrong-password"}).status_code == 200
    assert client.post(reverse("login"), {"username": "reviewer", "password": PASSWORD}).status_code == 302
    client.post(reverse("logout"))
    events = list(AuditEvent.objects.filter(action__startswith="auth.").order_by("sequence"))
    assert [e.action for e in events] == ["auth.login_failed", "auth.login_failed", "auth.login", "auth.logout"]
    assert events[0].summary == {"username_exists": True}
    assert events[1].summary == {"username_exists": False}
    dumped = json.dumps([e.summary for e in events])
    assert "wrong-password" not in dumped and "nobody-here" not in dumped
    assert events[2].actor == reviewer and events[3].actor == reviewer
    assert events[2].request_id and events[2].ip_address == "127.0.0.1"


@pytest.mark.parametrize("role", ["auditor", "supervisor"])
def test_readers_see_the_event_list_with_filters(client: Client, request: pytest.FixtureRequest, role: str) -> None:
    user = request.getfixturevalue(role)
    record_event("case.viewed", object_type="reviews.case", object_id="abc")
    record_event("criteria.published", object_type="criteria.criteriaversion", object_id="7")
    _login(client, user)
    response = client.get(reverse("audit:events"), {"action": "case"})
    assert response.status_code == 200
    page = response.context["page"]
    assert [e.action for e in page] == ["case.viewed"]
    response = client.get(reverse("audit:events"), {"date_from": "2030-01-02", "date_to": "2030-01-01"})
    assert "on or after" in response.content.decode()
    for name in ("audit:events", "audit:export_csv", "audit:export_fhir"):  # 9999-12-31 + 1 day overflows
        response = client.get(reverse(name), {"date_to": "9999-12-31"})
        assert response.status_code == 200
    page = client.get(reverse("audit:events"), {"date_to": "9999-12-31"})
    assert "before the year 3000" in page.content.decode()


@pytest.mark.parametrize("role", ["reviewer", "criteria_admin"])
def test_other_roles_are_refused(client: Client, request: pytest.FixtureRequest, role: str) -> None:
    _login(client, request.getfixturevalue(role))
    for name in ("audit:events", "audit:export_csv", "audit:export_fhir", "audit:chain"):
        assert client.get(reverse(name)).status_code == 403


def test_csv_export_matches_the_chain_and_is_itself_recorded(client: Client, auditor: User) -> None:
    record_event("case.viewed", object_type="reviews.case", object_id="abc", summary={"tab": "record"})
    _login(client, auditor)
    response = client.get(reverse("audit:export_csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))  # type: ignore[attr-defined]
    stored = {e.sequence: e for e in AuditEvent.objects.all()}
    exported = [r for r in rows if r["action"] == "case.viewed"]
    assert exported and exported[0]["mac"] == stored[int(exported[0]["sequence"])].mac
    assert json.loads(exported[0]["summary"]) == {"tab": "record"}
    assert AuditEvent.objects.filter(action="audit.exported", actor=auditor).count() == 1


def test_fhir_export_is_a_bundle_of_r4_audit_events(client: Client, supervisor: User) -> None:
    record_event("case.viewed", actor=supervisor, object_type="reviews.case", object_id="abc")
    record_event("auth.login_failed", summary={"username_exists": False})
    _login(client, supervisor)
    response = client.get(reverse("audit:export_fhir"), {"action": "case"})
    bundle = json.loads(b"".join(response.streaming_content))  # type: ignore[attr-defined]
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    (entry,) = bundle["entry"]
    res = entry["resource"]
    assert res["resourceType"] == "AuditEvent"
    assert res["action"] == "R" and res["outcome"] == "0"
    assert res["subtype"][0]["code"] == "case.viewed"
    assert res["agent"][0]["requestor"] is True and res["agent"][0]["who"]["display"] == "supervisor"
    assert res["source"]["observer"]["display"] == "UR Desk"
    assert res["entity"][0]["what"]["identifier"]["value"] == "abc"
    assert entry["fullUrl"].startswith("urn:uuid:")
    all_bundle = json.loads(b"".join(client.get(reverse("audit:export_fhir")).streaming_content))  # type: ignore[attr-defined]
    failed = [e["resource"] for e in all_bundle["entry"] if e["resource"]["subtype"][0]["code"] == "auth.login_failed"]
    assert failed[0]["outcome"] == "4" and failed[0]["type"]["code"] == "110114"


def test_chain_status_page_verifies_on_post(client: Client, auditor: User) -> None:
    record_event("case.viewed", object_type="reviews.case", object_id="abc")
    _login(client, auditor)
    assert client.get(reverse("audit:chain")).status_code == 200
    response = client.post(reverse("audit:chain"))
    assert "Audit chain intact" in response.content.decode()
    assert AuditEvent.objects.filter(action="audit.chain_verified").exists()


def test_client_ip_behind_a_trusted_proxy(client: Client, reviewer: User, settings: object) -> None:
    forwarded = {"HTTP_X_FORWARDED_FOR": "10.9.9.9, 203.0.113.9", "REMOTE_ADDR": "127.0.0.1"}
    client.post(reverse("login"), {"username": "reviewer", "password": "wrong-password"}, **forwarded)
    settings.UR_TRUSTED_PROXIES = 1  # type: ignore[attr-defined]
    client.post(reverse("login"), {"username": "reviewer", "password": "wrong-password"}, **forwarded)
    client.post(reverse("login"), {"username": "reviewer", "password": "wrong-password"}, REMOTE_ADDR="127.0.0.1")
    ips = list(AuditEvent.objects.filter(action="auth.login_failed").values_list("ip_address", flat=True))
    # Without the setting X-Forwarded-For is ignored (a client can write anything there); with it the
    # proxy's own entry (the right-most) is the client; without the header, REMOTE_ADDR.
    assert ips == ["127.0.0.1", "203.0.113.9", "127.0.0.1"]
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1", "203.0.113.9"}
