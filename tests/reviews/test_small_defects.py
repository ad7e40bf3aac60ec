"""The smaller workspace defects of issue 14, each pinned by a test that failed before the fix."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.reviews.factories import make_deny_seed_case
from tests.support import login


def test_page_title_names_the_tab(reviewer):
    case = make_deny_seed_case(assigned_reviewer=reviewer)
    client = login(reviewer)
    url = reverse("reviews:case_detail", args=[case.public_id])
    assert "<title>Review · SEED-0002 · UR Desk</title>" in client.get(f"{url}?tab=review").content.decode()
    assert "<title>Timeline · SEED-0002 · UR Desk</title>" in client.get(url).content.decode()


def test_queue_dates_carry_the_year_in_one_style(reviewer):
    case = make_deny_seed_case(assigned_reviewer=reviewer)
    html = login(reviewer).get(reverse("reviews:queue")).content.decode()
    assert case.due_at.strftime("%Y-%m-%d %H:%M") in html
    header = login(reviewer).get(reverse("reviews:case_detail", args=[case.public_id])).content.decode()
    # ISO dates in the header as in the tabs (was: "Sep 22, 2025" next to "2025-09-22").
    assert not re.search(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}", header)


def test_versions_used_per_year_tab_hidden_from_reviewers(reviewer, supervisor):
    usage = reverse("oversight:criteria_usage")
    assert usage not in login(reviewer).get(reverse("criteria:book")).content.decode()
    assert usage in login(supervisor).get(reverse("criteria:book")).content.decode()
