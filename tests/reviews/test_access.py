"""Who may open which case view: the assigned reviewer, another reviewer, a supervisor, an auditor, anyone."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from reviews.models import Case

from .factories import add_recommendation, make_deny_seed_case

HTMX = {"HTTP_HX_REQUEST": "true"}
WRITE_SQL = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.IGNORECASE)


@pytest.fixture
def case(reviewer):
    case = make_deny_seed_case(assigned_reviewer=reviewer)
    add_recommendation(case, benchmark=14)
    return case


def _detail(case):
    return reverse("reviews:case_detail", kwargs={"public_id": case.public_id})


def _timeline(case):
    return reverse("reviews:case_timeline", kwargs={"public_id": case.public_id})


@pytest.mark.parametrize("url", [_detail, _timeline])
def test_case_views_assigned_reviewer_sees_case_and_view_is_audited(client, reviewer, case, url):
    client.force_login(reviewer)
    before = AuditEvent.objects.count()
    resp = client.get(url(case), **HTMX)
    assert resp.status_code == 200
    assert "21 visits vs 14" in resp.content.decode() or url is _detail
    event = AuditEvent.objects.order_by("-sequence").first()
    assert AuditEvent.objects.count() == before + 1
    assert (event.action, event.actor_id, event.object_id) == ("case.viewed", reviewer.pk, str(case.public_id))
    assert "Marsh" not in str(event.summary)  # no PHI in audit summaries


@pytest.mark.parametrize("url", [_detail, _timeline])
def test_case_views_other_reviewer_gets_404_and_only_a_refusal_event(client, reviewer2, case, url):
    client.force_login(reviewer2)
    updated_at = Case.objects.get(pk=case.pk).updated_at
    before = AuditEvent.objects.count()
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url(case), **HTMX)
    assert resp.status_code == 404
    assert "Marsh" not in resp.content.decode()
    written = {m.group(2) for q in ctx.captured_queries if (m := WRITE_SQL.match(q["sql"]))}
    assert written <= {"audit_auditevent", "audit_auditchainhead", "django_session"}, written
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.order_by("-sequence").first()
    assert (event.action, event.actor_id, event.object_id) == ("case.access_denied", reviewer2.pk, str(case.public_id))
    assert Case.objects.get(pk=case.pk).updated_at == updated_at


@pytest.mark.parametrize("url", [_detail, _timeline])
def test_case_views_supervisor_and_auditor_see_any_case(client, supervisor, auditor, case, url):
    for user in (supervisor, auditor):
        client.force_login(user)
        assert client.get(url(case), **HTMX).status_code == 200
        event = AuditEvent.objects.order_by("-sequence").first()
        assert (event.action, event.actor_id) == ("case.viewed", user.pk)


@pytest.mark.parametrize("url", [_detail, _timeline, lambda c: reverse("reviews:queue")])
def test_case_views_anonymous_is_sent_to_login_and_nothing_is_recorded(client, case, url):
    before = AuditEvent.objects.count()
    resp = client.get(url(case))
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("login"))
    # htmx gets 401 instead (the page opens the sign-in dialog rather than swapping in the login page).
    resp = client.get(url(case), **HTMX)
    assert resp.status_code == 401 and resp["X-UR-Auth"] == "required"
    assert AuditEvent.objects.count() == before


def test_unknown_case_is_404(client, reviewer, db):
    client.force_login(reviewer)
    assert client.get("/cases/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_timeline_plain_request_redirects_to_case_page_tab(client, reviewer, case):
    client.force_login(reviewer)
    resp = client.get(_timeline(case))
    assert resp.status_code == 302 and resp["Location"].endswith("?tab=timeline")


# ---- assignment (POST): supervisors only


def _assign(case):
    return reverse("reviews:case_assign", kwargs={"public_id": case.public_id})


def test_assign_supervisor_reassigns_and_it_is_audited(client, supervisor, reviewer, reviewer2, case):
    client.force_login(supervisor)
    resp = client.post(_assign(case), {"reviewer": reviewer2.pk, "next": "/?status=all"})
    assert resp.status_code == 302 and resp["Location"] == "/?status=all"
    case.refresh_from_db()
    assert case.assigned_reviewer_id == reviewer2.pk
    event = AuditEvent.objects.filter(action="case.assigned").get()
    assert event.summary["from_user_id"] == reviewer.pk and event.summary["to_user_id"] == reviewer2.pk
    assert event.actor_id == supervisor.pk


def test_assign_rejects_unsafe_next_and_bad_reviewer(client, supervisor, auditor, case):
    client.force_login(supervisor)
    resp = client.post(_assign(case), {"reviewer": auditor.pk, "next": "https://evil.example/"})
    assert resp.status_code == 302 and resp["Location"] == _detail(case)
    case.refresh_from_db()
    assert case.assigned_reviewer.username == "reviewer"  # an auditor is not assignable: unchanged
    assert not AuditEvent.objects.filter(action="case.assigned").exists()


def test_assign_assigned_reviewer_is_forbidden(client, reviewer, reviewer2, case):
    client.force_login(reviewer)
    assert client.post(_assign(case), {"reviewer": reviewer2.pk}).status_code == 403
    case.refresh_from_db()
    assert case.assigned_reviewer_id == reviewer.pk


def test_assign_other_reviewer_gets_404_and_auditor_cannot_write(client, reviewer2, auditor, case):
    client.force_login(reviewer2)
    assert client.post(_assign(case), {"reviewer": reviewer2.pk}).status_code == 404
    client.force_login(auditor)
    assert client.post(_assign(case), {"reviewer": auditor.pk}).status_code == 404
    case.refresh_from_db()
    assert case.assigned_reviewer.username == "reviewer"


def test_assign_anonymous_and_get_method(client, supervisor, case):
    assert client.post(_assign(case), {}).status_code == 302  # to login
    client.force_login(supervisor)
    assert client.get(_assign(case)).status_code == 405


@pytest.mark.parametrize("name", ["case_record", "case_recommendation", "case_letters", "case_timeline"])
def test_read_only_tabs_refuse_post_before_any_lookup(client, reviewer, case, name):
    client.force_login(reviewer)
    before = AuditEvent.objects.count()
    resp = client.post(reverse(f"reviews:{name}", kwargs={"public_id": case.public_id}), **HTMX)
    assert resp.status_code == 405
    assert AuditEvent.objects.count() == before  # no PHI access recorded for a refused method
