from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from reviews.selectors import time_left

from .factories import due_in, make_case

NOW = datetime(2025, 9, 15, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("delta", "text", "level"),
    [
        (timedelta(days=2, hours=4, minutes=10), "2 d 4 h left", "ok"),
        (timedelta(days=3), "3 d left", "ok"),
        (timedelta(hours=23, minutes=5), "23 h left", "soon"),
        (timedelta(hours=2, minutes=30), "2 h 30 min left", "soon"),
        (timedelta(minutes=12), "12 min left", "soon"),
        (-timedelta(hours=3, minutes=1), "overdue by 3 h 1 min", "overdue"),
        (-timedelta(days=1, hours=2), "overdue by 1 d 2 h", "overdue"),
    ],
)
def test_time_left_in_plain_words(delta, text, level):
    tl = time_left(NOW + delta, now=NOW)
    assert (tl.text, tl.level) == (text, level)


def _queue(client, **params):
    return client.get(reverse("reviews:queue"), params)


def test_queue_reviewer_sees_only_own_open_cases_sorted_by_due(client, reviewer, reviewer2):
    late = make_case(reference="Q-LATE", assigned_reviewer=reviewer, due_at=due_in(timedelta(days=5)))
    soon = make_case(reference="Q-SOON", assigned_reviewer=reviewer, due_at=due_in(timedelta(hours=5)))
    over = make_case(reference="Q-OVER", assigned_reviewer=reviewer, due_at=due_in(-timedelta(hours=3)))
    make_case(reference="Q-OTHER", assigned_reviewer=reviewer2, due_at=due_in(timedelta(hours=1)))
    make_case(reference="Q-DONE", assigned_reviewer=reviewer, status="determined", due_at=due_in(timedelta(hours=1)))
    client.force_login(reviewer)
    resp = _queue(client)
    assert resp.status_code == 200
    refs = [row["case"].reference for row in resp.context["rows"]]
    assert refs == [over.reference, soon.reference, late.reference]
    html = resp.content.decode()
    assert "Q-OTHER" not in html and "Q-DONE" not in html
    assert "time-overdue" in html and "overdue by 3 h" in html
    assert "time-soon" in html and "4 h" in html
    assert "UTC" in html  # the time zone is shown
    assert "M25.552" in html and "Pain in left hip" in html
    event = AuditEvent.objects.order_by("-sequence").first()
    assert event.action == "case.queue_viewed" and event.summary["total"] == 3
    # All statuses on request.
    refs = [row["case"].reference for row in _queue(client, status="all").context["rows"]]
    assert "Q-DONE" in refs and "Q-OTHER" not in refs


def test_queue_filters_and_search(client, supervisor, reviewer):
    make_case(
        reference="F-EXP",
        urgency="expedited",
        review_type="concurrent",
        assigned_reviewer=reviewer,
        member={"given_name": "Ada", "family_name": "Quill"},
    )
    make_case(
        reference="F-STD",
        urgency="standard",
        review_type="retrospective",
        diagnoses=[("M17.11", "Primary osteoarthritis, right knee")],
    )
    client.force_login(supervisor)

    def refs(**params):
        return [row["case"].reference for row in _queue(client, **params).context["rows"]]

    assert refs() == ["F-EXP", "F-STD"] or set(refs()) == {"F-EXP", "F-STD"}
    assert refs(urgency="expedited") == ["F-EXP"]
    assert refs(review_type="retrospective") == ["F-STD"]
    assert refs(q="quill") == ["F-EXP"]
    assert refs(q="Ada Quill") == ["F-EXP"]
    assert refs(q="M17") == ["F-STD"]
    assert refs(reviewer=str(reviewer.pk)) == ["F-EXP"]
    assert refs(reviewer="unassigned") == ["F-STD"]
    # A bad filter value is reported, not a crash, and does not filter.
    resp = _queue(client, urgency="bogus")
    assert resp.status_code == 200 and "Urgency" in resp.content.decode()
    # Search terms (possibly PHI) are never stored in the audit trail.
    _queue(client, q="quill")
    assert "quill" not in str(AuditEvent.objects.order_by("-sequence").first().summary).lower()


def test_queue_supervisor_sees_all_with_assign_controls_reviewer_does_not(client, supervisor, reviewer, reviewer2):
    make_case(reference="S-1", assigned_reviewer=reviewer)
    make_case(reference="S-2", assigned_reviewer=reviewer2)
    client.force_login(supervisor)
    html = _queue(client).content.decode()
    assert "S-1" in html and "S-2" in html and "assign-form" in html and 'id="f-reviewer"' in html
    client.force_login(reviewer)
    html = _queue(client).content.decode()
    assert "S-1" in html and "S-2" not in html and "assign-form" not in html and 'id="f-reviewer"' not in html


def test_queue_pagination(client, reviewer):
    for i in range(30):
        make_case(reference=f"P-{i:02d}", assigned_reviewer=reviewer, due_at=due_in(timedelta(hours=i + 1)))
    client.force_login(reviewer)
    first = _queue(client)
    assert len(first.context["rows"]) == 25 and first.context["rows"][0]["case"].reference == "P-00"
    second = _queue(client, page=2)
    assert [r["case"].reference for r in second.context["rows"]] == [f"P-{i}" for i in range(25, 30)]
    assert "Cases 26–30 of 30" in second.content.decode()
    assert _queue(client, page="zzz").context["page"].number == 1


@pytest.mark.parametrize("username", ["reviewer", "supervisor"])
def test_queue_query_count_does_not_grow_with_the_queue(client, reviewer, reviewer2, supervisor, username):
    user = {"reviewer": reviewer, "supervisor": supervisor}[username]

    def count_queries() -> int:
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            resp = _queue(client)
        assert resp.status_code == 200
        return len(ctx.captured_queries)

    for i in range(3):
        make_case(
            assigned_reviewer=reviewer if i % 2 else reviewer2,
            diagnoses=[("M25.552", "Pain in left hip"), ("M54.50", "Low back pain")],
        )
    small = count_queries()
    for i in range(27):
        make_case(
            assigned_reviewer=reviewer if i % 2 else reviewer2,
            diagnoses=[("M25.552", "Pain in left hip"), ("M54.50", "Low back pain")],
        )
    assert count_queries() == small


def test_queue_total_is_the_open_count_in_the_default_view_and_counted_when_filtered(client, reviewer, reviewer2):
    """The default view takes its total from the open count (one COUNT query fewer); a filtered view
    counts its own rows."""
    for i in range(3):
        make_case(reference=f"T-{i}", assigned_reviewer=reviewer)
    make_case(reference="T-done", assigned_reviewer=reviewer, status="determined")
    make_case(reference="T-other", assigned_reviewer=reviewer2)
    make_case(reference="T-exp", assigned_reviewer=reviewer, urgency="expedited")
    client.force_login(reviewer)
    default = _queue(client)
    assert default.context["page"].paginator.count == default.context["counts"]["open"] == 4
    assert "4 cases" in default.content.decode()
    assert _queue(client, status="all").context["page"].paginator.count == 5
    assert _queue(client, urgency="expedited").context["page"].paginator.count == 1
    assert _queue(client, due="bogus").context["page"].paginator.count == 4  # an invalid filter: the default
