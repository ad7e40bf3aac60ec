from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oversight import selectors, views
from oversight.charts import bar_chart, stacked_bar_chart
from reviews.models import PendRequest

from .builders import make_case, make_decision

pytestmark = pytest.mark.django_db

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
PERIOD = selectors.Period(date(2025, 3, 1), date(2025, 3, 31))


@pytest.fixture
def decisions(reviewer: User, reviewer2: User) -> None:
    make_decision(reviewer=reviewer, decision="approve", received_at=T0, hours=24)
    make_decision(reviewer=reviewer, decision="deny", engine="approve", received_at=T0, hours=200)  # late, override
    make_decision(reviewer=reviewer2, decision="partial", received_at=T0, hours=48)
    make_decision(reviewer=reviewer2, decision="approve", urgency="expedited", received_at=T0, hours=10)
    make_decision(reviewer=reviewer2, decision="deny", urgency="expedited", received_at=T0, hours=80)  # late
    make_decision(reviewer=reviewer, decision="approve", received_at=T0 - timedelta(days=60), hours=5)  # other period


def test_dashboard_figures(decisions: None, reviewer: User) -> None:
    now = T0 + timedelta(days=40)
    overdue = make_case(received_at=now - timedelta(days=8), reviewer=reviewer)
    at_risk = make_case(urgency="expedited", received_at=now - timedelta(hours=60), reviewer=reviewer)
    make_case(received_at=now, reviewer=reviewer)  # due in 7 days: neither
    pend = PendRequest.objects.create(case=overdue, items=["notes"], requested_by=reviewer)
    PendRequest.objects.filter(pk=pend.pk).update(requested_at=now - timedelta(days=3))

    d = selectors.dashboard(PERIOD, now=now)
    std, exp = {t["urgency"]: t for t in d.turnaround}["standard"], {t["urgency"]: t for t in d.turnaround}["expedited"]
    assert (std["decided"], std["within"], std["within_pct"]) == (3, 2, 66.7)
    assert (exp["decided"], exp["within"], exp["within_pct"]) == (2, 1, 50.0)
    assert std["median_hours"] == 48.0 and std["avg_hours"] == round((24 + 200 + 48) / 3, 1)
    assert d.outcomes == {"approve": 2, "partial": 1, "deny": 2}
    assert d.override == {
        "decisions": 5,
        "overridden": 1,
        "override_pct": 20.0,
        "engine_agreement": 4,
        "engine_agreement_pct": 80.0,
    }
    by = {r["reviewer"]: r for r in d.by_reviewer}
    assert (by["reviewer"]["total"], by["reviewer"]["override_pct"]) == (2, 50.0)
    assert (by["reviewer2"]["partial"], by["reviewer2"]["deny"]) == (1, 1)
    assert [c.pk for c in d.overdue] == [overdue.pk] and [c.pk for c in d.at_risk] == [at_risk.pk]
    assert d.pend_aging["open"] == 1 and d.pend_aging["buckets"][1]["count"] == 1
    cms = d.cms
    # Standard requests only (approve, deny, partial); the partial counts as approved by default.
    assert cms["partial_counts_as"] == "approved" and cms["standard_decisions"] == 3
    assert (cms["standard_approved"], cms["standard_approved_pct"]) == (2, 66.7)
    assert (cms["standard_denied"], cms["standard_denied_pct"]) == (1, 33.3)
    assert cms["approved_other_than_requested"] == 1
    assert cms["standard_approved_after_appeal"] == 0 and cms["extended_approved"] == 0
    assert (cms["expedited_approved"], cms["expedited_denied"], cms["expedited_approved_pct"]) == (1, 1, 50.0)
    assert (cms["expedited_avg_hours"], cms["expedited_median_hours"]) == (45.0, 45.0)


def test_empty_period_reports_zero_and_no_percentages() -> None:
    d = selectors.dashboard(selectors.Period(date(2020, 1, 1), date(2020, 1, 31)))
    assert d.cms["decisions"] == 0 and d.cms["standard_approved_pct"] is None
    assert all(t["decided"] == 0 for t in d.turnaround)


def test_dashboard_page_and_csv_show_the_same_figures(client: Client, supervisor: User, decisions: None) -> None:
    client.force_login(supervisor)
    params = {"start": "2025-03-01", "end": "2025-03-31"}
    page = client.get(reverse("oversight:dashboard"), params)
    assert page.status_code == 200
    d = page.context["d"]
    html = page.content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert "Standard requests approved after appeal" in html
    response = client.get(reverse("oversight:dashboard_csv"), params)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["section", "item", "metric", "value"]
    table = {(s, i, m): v for s, i, m, v in rows[1:]}
    assert table[("cms_0057f", "", "standard_approved")] == str(d.cms["standard_approved"]) == "2"
    assert table[("cms_0057f", "", "standard_denied_pct")] == "33.3"
    assert table[("turnaround", "standard", "within_pct")] == "66.7"
    assert table[("reviewer", "reviewer2", "deny")] == "1"
    assert table[("override", "all", "override_pct")] == "20.0"
    expected = [["" if v is None else str(v) for v in row] for row in selectors.dashboard_rows(d)]
    assert [r for r in rows[1:] if r[0] != "period"] == [r for r in expected if r[0] != "period"]


def test_dashboard_period_validation(client: Client, auditor: User) -> None:
    client.force_login(auditor)
    page = client.get(reverse("oversight:dashboard"), {"start": "2025-03-31", "end": "2025-03-01"})
    assert page.status_code == 200 and "on or after" in page.content.decode()
    assert "Quality audit" not in page.content.decode()  # auditors only read the dashboard


def test_dates_at_the_end_of_the_calendar_are_refused_not_a_500(client: Client, supervisor: User) -> None:
    # The period ends at midnight after `end`: 9999-12-31 + 1 day does not exist.
    client.force_login(supervisor)
    for view in ("oversight:dashboard", "oversight:dashboard_csv"):
        response = client.get(reverse(view), {"start": "9999-12-25", "end": "9999-12-31"})
        assert response.status_code == 200
    page = client.get(reverse("oversight:dashboard"), {"start": "9999-12-25", "end": "9999-12-31"})
    assert "before the year 3000" in page.content.decode()
    drawn = client.post(reverse("oversight:quality"), {"month": "9999-12", "per_reviewer": "5"})
    assert drawn.status_code == 200 and "before the year 3000" in drawn.content.decode()


def test_charts_escape_labels_and_describe_values() -> None:
    svg = str(bar_chart([("<b>x</b>", 50.0), ("none", None)], title="T & U", unit="%", max_value=100, target=90))
    assert "&lt;b&gt;x&lt;/b&gt;" in svg and "<b>" not in svg and "T &amp; U" in svg and "50%" in svg
    svg2 = str(
        stacked_bar_chart([("r1", {"approve": 2, "deny": 1})], series=[("approve", "A"), ("deny", "D")], title="S")
    )
    assert svg2.count("<rect") >= 4 and "r1: A 2, D 1" in svg2


def test_now_defaults_to_current_time() -> None:
    d = selectors.dashboard(PERIOD)
    assert abs((d.now - timezone.now()).total_seconds()) < 5


def test_dashboard_page_lists_the_soonest_due_overdue_cases_and_counts_all(
    client: Client, supervisor: User, reviewer: User
) -> None:
    now = timezone.now()
    cases = [make_case(received_at=now - timedelta(days=30, hours=i), reviewer=reviewer) for i in range(30)]
    client.force_login(supervisor)
    page = client.get(reverse("oversight:dashboard")).content.decode()
    assert "30 overdue" in page
    shown = [c for c in cases if c.reference in page]
    assert len(shown) == views.DASHBOARD_RISK_ROWS
    # the most overdue first: the 5 received last (due last) are the ones left out
    assert {c.pk for c in shown} == {c.pk for c in sorted(cases, key=lambda c: c.due_at)[: views.DASHBOARD_RISK_ROWS]}
    assert "?due=overdue" in page
    rows = dict(((s, i, m), v) for s, i, m, v in selectors.dashboard_rows(selectors.dashboard(PERIOD, now=now)))
    assert rows[("open_cases", "overdue", "count")] == 30
    assert (
        sum(1 for s, *_ in selectors.dashboard_rows(selectors.dashboard(PERIOD, now=now)) if s == "overdue_case") == 30
    )


def test_dashboard_query_count_does_not_grow_with_the_listed_cases(
    client: Client, supervisor: User, reviewer: User
) -> None:
    """The overdue / at-risk tables read only the columns they show (selectors.RISK_COLUMNS): a
    column read from a row outside them would cost one query per row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    now = timezone.now()
    client.force_login(supervisor)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("oversight:dashboard")).status_code == 200
        return len(ctx.captured_queries)

    make_case(received_at=now - timedelta(days=30), reviewer=reviewer)
    make_case(urgency="expedited", received_at=now - timedelta(hours=60))
    few = count()
    for i in range(8):
        make_case(received_at=now - timedelta(days=30, hours=i), reviewer=reviewer if i % 2 else None)
        make_case(urgency="expedited", received_at=now - timedelta(hours=60 + i), reviewer=reviewer)
    page = client.get(reverse("oversight:dashboard")).content.decode()
    assert "9 overdue" in page and "9 due within 24 h" in page
    assert count() == few
