"""Suggestions that write the case's record: visits, prior episodes, the plan of care, the affected side.

Each is used only once a person accepts it; accepting writes the model with its record page, is
audited, and makes a ready recommendation stale. Edit and reject work as for documentation findings.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from reviews.facts import facts_from_case
from reviews.models import CaseStatus, PriorEpisode, ServiceRequest, Visit
from reviews.models.documents import SuggestionDecision
from reviews.services.suggestions import case_suggestions, side_mismatch, suggestion_decide, suggestions_accept_all
from tests.reviews.factories import add_recommendation
from tests.reviews.record_support import make_pdf, upload
from tests.support import login

# The seed denial codes M25.552 (pain in LEFT hip); these notes treat the right hip.
PAGES = [
    "Fax cover sheet<br>To: UR Desk<br>Pages: 3",
    "Initial Evaluation<br>Date of Service: 09/02/2025<br>Pt c/o R hip pain. NPRS 6/10. "
    "Pt reports about 40% of normal function.<br>"
    "Prior episode: PT 01/06/2025 to 03/10/2025, 12 visits, discharged to HEP.<br>"
    "Plan: 2x/week x 6 weeks.",
    "Daily Note<br>DOS: 08/25/2025<br>R hip pain 4/10. Bridges 3x10.",
]


def _one(case: Any, finding: str, **match: Any) -> Any:
    return next(
        s
        for s in case_suggestions(case)
        if s.finding == finding and all((s.value or {}).get(k) == v for k, v in match.items())
    )


def _decide(client: Any, case: Any, **data: str) -> str:
    r = client.post(reverse("reviews:case_suggestion_decide", args=[case.public_id]), data, HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    return r.content.decode()


@pytest.fixture
def record(case: Any, reviewer: Any, media: Any) -> Any:
    return upload(case, reviewer, make_pdf(PAGES))


def test_every_kind_is_suggested_with_its_page_and_grouped_in_the_review(case, reviewer, record):  # noqa: F811
    by = {s.finding: s for s in case_suggestions(case)}
    assert {"visit", "prior_episode", "plan_of_care", "affected_side"} <= set(by)
    visit = _one(case, "visit", date="2025-09-02")
    assert visit.page == 2 and visit.group == "visits"
    assert (visit.value["pain_nprs"], visit.value["function_pct"], visit.value["side_documented"]) == (6, 40, "right")
    assert any("NPRS 6/10" in q for q in visit.quotes)
    episode = by["prior_episode"]
    assert (episode.value["start_date"], episode.value["end_date"], episode.value["visits"]) == (
        "2025-01-06",
        "2025-03-10",
        12,
    )
    assert episode.page == 2
    assert by["plan_of_care"].value == {"frequency_per_week": 2, "duration_weeks": 6}
    assert by["affected_side"].value == "right"

    html = login(reviewer).get(reverse("reviews:case_review", args=[case.public_id])).content.decode()
    for heading in ("Visits", "Prior episodes", "Plan of care and side"):
        assert f">{heading} <span" in html
    assert "2x/week for 6 weeks" in html and "2025-01-06 to 2025-03-10, 12 visits" in html
    # the coded side (M25.552, left) against the notes (right hip on pages 2 and 3)
    assert "Side mismatch: M25.552 codes the left side" in html
    assert "the right side on pg 2, 3" in side_mismatch(case)


def test_nothing_reaches_the_record_or_the_engine_before_acceptance(case, reviewer, record):  # noqa: F811
    before = facts_from_case(case)
    assert len(before.visits) == 3 and len(before.prior_episodes) == 1
    assert Visit.objects.filter(case=case, date=date(2025, 9, 2)).count() == 0
    assert not PriorEpisode.objects.filter(case=case, start_date=date(2025, 1, 6)).exists()
    assert ServiceRequest.objects.get(case=case).frequency_per_week is None
    case.refresh_from_db()
    assert case.affected_side == "left"


def test_accepting_a_visit_creates_it_with_its_page_audited_and_the_recommendation_goes_stale(case, reviewer, record):  # noqa: F811
    add_recommendation(case)
    case.status = CaseStatus.RECOMMENDATION_READY
    case.save(update_fields=["status"])
    s = _one(case, "visit", date="2025-09-02")
    _decide(login(reviewer), case, key=s.key, action="accept")
    v = Visit.objects.get(case=case, date=date(2025, 9, 2))
    assert (v.kind, v.pain_nprs, v.function_pct, v.side_documented, v.page) == ("evaluation", 6, 40, "right", 2)
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_REVIEW  # the recommendation on the old record is stale
    event = AuditEvent.objects.get(action="suggestion.accepted")
    assert event.summary["record"]["model"] == "visit" and event.summary["record"]["created"] is True
    assert event.summary["record"]["status"] == {"from": "recommendation_ready", "to": "in_review"}
    assert event.summary["page"] == 2
    # the engine now sees it, with its page
    assert any(fv.date == date(2025, 9, 2) and fv.page == 2 for fv in facts_from_case(case).visits)


def test_a_visit_on_a_date_already_in_the_record_is_updated_not_duplicated(case, reviewer, record):  # noqa: F811
    s = _one(case, "visit", date="2025-08-25")
    suggestion_decide(case=case, actor=reviewer, key=s.key, action="accept")
    visits = Visit.objects.filter(case=case, date=date(2025, 8, 25))
    assert visits.count() == 1
    v = visits.get()
    assert (v.pain_nprs, v.side_documented, v.page) == (4, "right", 3)
    assert AuditEvent.objects.get(action="suggestion.accepted").summary["record"]["created"] is False


def test_edit_a_visit_field_by_field_and_bad_values_are_named(case, reviewer, record):  # noqa: F811
    client = login(reviewer)
    s = _one(case, "visit", date="2025-09-02")
    base = {"key": s.key, "action": "edit", "v_date": "2025-09-02", "v_kind": "evaluation", "v_side_documented": ""}
    html = _decide(client, case, **base, v_pain_nprs="11", v_function_pct="40")
    assert "pain score (NPRS) from 0 to 10" in html
    assert not Visit.objects.filter(case=case, date=date(2025, 9, 2)).exists()
    assert not SuggestionDecision.objects.exists()
    _decide(client, case, **base, v_pain_nprs="7", v_function_pct="")
    v = Visit.objects.get(case=case, date=date(2025, 9, 2))
    assert (v.pain_nprs, v.function_pct, v.side_documented) == (7, None, None)
    d = SuggestionDecision.objects.get(key=s.key)
    assert d.status == "edited" and (d.value or {})["pain_nprs"] == 7


def test_prior_episode_accept_and_reject(case, reviewer, record):  # noqa: F811
    s = _one(case, "prior_episode")
    client = login(reviewer)
    _decide(client, case, key=s.key, action="reject")
    assert not PriorEpisode.objects.filter(case=case, start_date=date(2025, 1, 6)).exists()
    assert SuggestionDecision.objects.get(key=s.key).status == "rejected"
    assert "already rejected" in _decide(client, case, key=s.key, action="accept")


def test_prior_episode_edited_becomes_an_episode_the_engine_counts(case, reviewer, record):  # noqa: F811
    s = _one(case, "prior_episode")
    html = _decide(
        login(reviewer),
        case,
        key=s.key,
        action="edit",
        v_start_date="2025-01-06",
        v_end_date="2025-03-12",
        v_visits="14",
        v_discharge_function_pct="",
    )
    assert "Suggestion recorded." in html
    e = PriorEpisode.objects.get(case=case, start_date=date(2025, 1, 6))
    assert (e.end_date, e.visits, e.discharge_function_pct) == (date(2025, 3, 12), 14, None)
    assert "discharged to HEP" in (e.discharge_note or "")
    assert e.page == s.page is not None  # the evidence page stays with the finding
    assert len(facts_from_case(case).prior_episodes) == 2


def test_prior_episode_ending_before_it_starts_is_refused(case, reviewer, record):  # noqa: F811
    s = _one(case, "prior_episode")
    html = _decide(
        login(reviewer),
        case,
        key=s.key,
        action="edit",
        v_start_date="2025-03-10",
        v_end_date="2025-01-06",
        v_visits="12",
    )
    assert "cannot end before it starts" in html
    assert not PriorEpisode.objects.filter(case=case, start_date=date(2025, 3, 10)).exists()


def test_plan_of_care_sets_the_requests_frequency_and_duration(case, reviewer, record):  # noqa: F811
    s = _one(case, "plan_of_care")
    client = login(reviewer)
    html = _decide(client, case, key=s.key, action="edit", v_frequency_per_week="9", v_duration_weeks="6")
    assert "visits a week from 1 to 7" in html
    _decide(client, case, key=s.key, action="accept")
    req = ServiceRequest.objects.get(case=case)
    assert (req.frequency_per_week, req.duration_weeks) == (2, 6)
    assert (facts_from_case(case).request.frequency_per_week, facts_from_case(case).request.duration_weeks) == (2, 6)
    assert AuditEvent.objects.get(action="suggestion.accepted").summary["record"]["model"] == "request"


def test_affected_side_accepted_or_edited(case, reviewer, record):  # noqa: F811
    s = _one(case, "affected_side")
    _decide(login(reviewer), case, key=s.key, action="edit", v_affected_side="bilateral")
    case.refresh_from_db()
    assert case.affected_side == "bilateral"
    assert facts_from_case(case).clinical.affected_side == "bilateral"


def test_accept_all_of_a_group_in_one_action(case, reviewer, record):  # noqa: F811
    pending = [s for s in case_suggestions(case) if s.group == "visits"]
    assert len(pending) == 2
    html = _decide(login(reviewer), case, action="accept_all", group="visits")
    assert "Suggestion recorded." in html
    assert Visit.objects.filter(case=case, date__in=[date(2025, 9, 2), date(2025, 8, 25)]).count() == 2
    assert SuggestionDecision.objects.filter(finding="visit", status="accepted").count() == 2
    assert AuditEvent.objects.filter(action="suggestion.accepted").count() == 2
    # the other groups are untouched
    assert not PriorEpisode.objects.filter(case=case, start_date=date(2025, 1, 6)).exists()
    assert "Nothing is left to accept" in _decide(login(reviewer), case, action="accept_all", group="visits")


def test_accept_all_on_one_page(case, reviewer, record):  # noqa: F811
    decisions = suggestions_accept_all(case=case, actor=reviewer, page=3)
    assert decisions and all(d.page == 3 for d in decisions)
    assert Visit.objects.filter(case=case, date=date(2025, 8, 25), page=3).exists()
    assert not Visit.objects.filter(case=case, date=date(2025, 9, 2)).exists()


def test_a_decided_case_record_is_not_changed(case, reviewer, record):  # noqa: F811
    s = _one(case, "visit", date="2025-09-02")
    case.status = CaseStatus.DETERMINED
    case.save(update_fields=["status"])
    with pytest.raises(Exception, match="can no longer be changed|is decided"):
        suggestion_decide(case=case, actor=reviewer, key=s.key, action="accept")
    assert not Visit.objects.filter(case=case, date=date(2025, 9, 2)).exists()
    assert not SuggestionDecision.objects.exists()


def test_the_review_tab_shows_the_reading_progress_then_loads_the_suggestions(case, reviewer, media):  # noqa: F811
    from reviews.tasks.documents import extract_document_text_task

    doc = upload(case, reviewer, make_pdf(PAGES), extract=False)
    client = login(reviewer)
    url = reverse("reviews:case_review", args=[case.public_id])
    html = client.get(url).content.decode()
    assert "Reading the record: pages 0 / 3" in html and "?part=reading" in html
    viewed = AuditEvent.objects.filter(action="case.viewed").count()
    poll = client.get(url, {"part": "reading"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Reading the record" in poll
    assert AuditEvent.objects.filter(action="case.viewed").count() == viewed  # page counts only: not a view
    extract_document_text_task(doc.pk)
    done = client.get(url, {"part": "reading"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Reading the record" not in done and 'hx-select="#ur-workspace"' in done
    assert "Suggested from the record" in client.get(url).content.decode()
