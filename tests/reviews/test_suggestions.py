"""Suggested findings from the record: shown with their page, used only once a person accepts them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from reviews.models import ClinicalReview
from reviews.models.documents import SuggestionDecision
from reviews.services.suggestions import case_suggestions
from tests.reviews.record_support import make_pdf, upload
from tests.support import login

PAGES = [
    "Initial Evaluation<br>Date of Service: 08/04/2025<br>Pt c/o R hip pain. LEFS 34/80.",
    "Progress Note<br>Date of Service: 08/25/2025<br>Pt reports 55% improvement. LEFS 49/80.",
]


def _suggestion(case, finding, score=None):  # noqa: F811
    return next(
        s for s in case_suggestions(case) if s.finding == finding and (score is None or s.value.get("score") == score)
    )


def test_suggestions_sit_in_the_review_with_page_links_and_nothing_is_used_before_acceptance(case, reviewer, media):  # noqa: F811
    upload(case, reviewer, make_pdf(PAGES))
    assert not (ClinicalReview.objects.filter(case=case).values_list("outcome_measures", flat=True).first() or [])
    client = login(reviewer)
    page = client.get(reverse("reviews:case_review", args=[case.public_id]), HTTP_HX_REQUEST="true").content.decode()
    assert "Suggested from the record" in page and "pg 2" in page and "55% improvement" in page
    s = _suggestion(case, "outcome_measures", 49)
    assert s.page == 2 and "LEFS 49/80" in s.quote
    # the page reader highlights the quoted sentence
    url = reverse("reviews:document_page", args=[case.public_id, s.document.public_id, 2])
    html = client.get(url, {"hl": s.quote}, HTTP_HX_REQUEST="true").content.decode()
    assert '<mark id="ur-quote"' in html and "LEFS 49/80" in html


def test_accept_edit_reject(case, reviewer, media):  # noqa: F811
    upload(case, reviewer, make_pdf(PAGES))
    client = login(reviewer)
    url = reverse("reviews:case_suggestion_decide", args=[case.public_id])
    s49 = _suggestion(case, "outcome_measures", 49)
    r = client.post(url, {"key": s49.key, "action": "accept"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    review = ClinicalReview.objects.get(case=case)
    assert {"name": "LEFS", "date": "2025-08-25", "score": 49} in review.outcome_measures
    assert {"finding": "outcome_measures", "page": 2} in review.evidence
    assert AuditEvent.objects.filter(action="suggestion.accepted").count() == 1

    imp = _suggestion(case, "reported_improvement_pct")
    client.post(url, {"key": imp.key, "action": "edit", "value": "50"}, HTTP_HX_REQUEST="true")
    review.refresh_from_db()
    assert review.reported_improvement_pct == 50
    assert SuggestionDecision.objects.get(key=imp.key).status == "edited"

    s34 = _suggestion(case, "outcome_measures", 34)
    client.post(url, {"key": s34.key, "action": "reject"}, HTTP_HX_REQUEST="true")
    review.refresh_from_db()
    assert all(m["score"] != 34 for m in review.outcome_measures)
    # a decided suggestion cannot be decided again
    r = client.post(url, {"key": s34.key, "action": "accept"}, HTTP_HX_REQUEST="true")
    assert "already rejected" in r.content.decode()


@pytest.mark.parametrize("who", ["reviewer2", "auditor"])
def test_only_the_assigned_reviewer_decides(who, case, reviewer, reviewer2, auditor, media):  # noqa: F811
    upload(case, reviewer, make_pdf(PAGES))
    user = {"reviewer2": reviewer2, "auditor": auditor}[who]
    s = _suggestion(case, "reported_improvement_pct")
    r = login(user).post(
        reverse("reviews:case_suggestion_decide", args=[case.public_id]), {"key": s.key, "action": "accept"}
    )
    assert r.status_code in (403, 404)
    assert not SuggestionDecision.objects.exists()
