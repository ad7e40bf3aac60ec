"""The recommendation panel: run (enqueue), poll while queued/running, result grouped as the letter groups it."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from criteria.engine.types import SECTIONS
from reviews.models import RecommendationJob
from reviews.services.cases import case_import
from tests.seeds import CASES_DIR
from tests.support import login

FIXTURES = CASES_DIR


def seed(name: str) -> dict:
    data = json.loads((FIXTURES / f"{name}.json").read_text())
    data.pop("expected", None)
    return data


@pytest.fixture
def deny_case(criteria, reviewer):
    return case_import(data=seed("seed-deny-hip-restart"), assign_to=reviewer)


def run(client: Client, case, capture, *, execute: bool = True):
    with capture(execute=execute):
        response = client.post(reverse("reviews:recommendation_run", args=[case.public_id]), HTTP_HX_REQUEST="1")
    return response


@pytest.mark.parametrize("who", ["reviewer", "reviewer2", "supervisor", "auditor", "anonymous"])
def test_panel_get_access(who, deny_case, reviewer, reviewer2, supervisor, auditor):
    users = {"reviewer": reviewer, "reviewer2": reviewer2, "supervisor": supervisor, "auditor": auditor}
    client = login(users[who]) if who != "anonymous" else Client()
    response = client.get(reverse("reviews:case_recommendation", args=[deny_case.public_id]), HTTP_HX_REQUEST="1")
    expected = {"reviewer": 200, "reviewer2": 404, "supervisor": 200, "auditor": 200, "anonymous": 401}[who]
    assert response.status_code == expected
    if expected == 200:
        html = response.content.decode()
        assert "No recommendation yet" in html
        assert ("Run recommendation" in html) == (who != "auditor")


@pytest.mark.parametrize("who", ["reviewer", "reviewer2", "supervisor", "auditor", "anonymous"])
def test_run_access(who, deny_case, reviewer, reviewer2, supervisor, auditor, django_capture_on_commit_callbacks):
    users = {"reviewer": reviewer, "reviewer2": reviewer2, "supervisor": supervisor, "auditor": auditor}
    client = login(users[who]) if who != "anonymous" else Client()
    response = run(client, deny_case, django_capture_on_commit_callbacks, execute=False)
    expected = {"reviewer": 200, "reviewer2": 404, "supervisor": 200, "auditor": 404, "anonymous": 401}[who]
    assert response.status_code == expected
    assert RecommendationJob.objects.filter(case=deny_case).count() == (1 if expected == 200 else 0)


def test_queued_job_polls_and_stops_when_done(deny_case, reviewer, django_capture_on_commit_callbacks):
    client = login(reviewer)
    html = run(client, deny_case, django_capture_on_commit_callbacks, execute=False).content.decode()
    assert "Queued" in html and 'hx-trigger="load delay:1.5s"' in html
    assert "disabled" in html  # no second run while one is queued
    job = RecommendationJob.objects.get(case=deny_case)
    from reviews.tasks.recommendations import compute_recommendation_task

    compute_recommendation_task(deny_case.pk, job.pk)
    html = client.get(
        reverse("reviews:case_recommendation", args=[deny_case.public_id]), HTTP_HX_REQUEST="1"
    ).content.decode()
    assert "hx-trigger" not in html.split(">", 1)[0]
    assert "Deny" in html


def test_result_groups_findings_by_letter_section_with_citations(
    deny_case, reviewer, django_capture_on_commit_callbacks
):
    client = login(reviewer)
    run(client, deny_case, django_capture_on_commit_callbacks)
    response = client.get(reverse("reviews:case_recommendation", args=[deny_case.public_id]), HTTP_HX_REQUEST="1")
    html = response.content.decode()
    assert "0 of 3 approved" in html
    for code in ("97162", "97110", "97140"):
        assert code in html
    for rule in ("visits.benchmark_exceeded", "episode.gap_unexplained", "documentation.laterality_mismatch"):
        assert rule in html
    # Sections appear in SECTIONS order.
    labels = [label for _, label in SECTIONS if f">{label}<" in html]
    assert len(labels) >= 3
    positions = [html.index(f">{label}<") for label in labels]
    assert positions == sorted(positions)
    # Each section lists its findings; citations expand to the statement and the source.
    sections = response.context["sections"]
    assert [s["key"] for s in sections] == [k for k, _ in SECTIONS if k in {s["key"] for s in sections}]
    refs = [c for s in sections for f in s["findings"] for c in f["citation_refs"]]
    assert refs and any(c.get("statement") for c in refs)
    cited = next(c for c in refs if c.get("statement"))
    assert "<details" in html and cited["source_title"] in html
    assert "If therapy is to continue, document" in html
    assert AuditEvent.objects.filter(action="case.viewed", object_id=str(deny_case.public_id)).exists()


def test_full_page_and_closed_case_message(deny_case, reviewer, django_capture_on_commit_callbacks):
    client = login(reviewer)
    html = client.get(reverse("reviews:case_recommendation", args=[deny_case.public_id])).content.decode()
    assert "<html" in html and reverse("reviews:case_detail", args=[deny_case.public_id]) in html
    deny_case.status = "determined"
    deny_case.save()
    response = client.post(reverse("reviews:recommendation_run", args=[deny_case.public_id]))
    assert response.status_code == 302
    assert not RecommendationJob.objects.exists()


def test_panel_prints_the_engines_figures_or_asks_for_a_rerun(deny_case, reviewer, django_capture_on_commit_callbacks):
    client = login(reviewer)
    run(client, deny_case, django_capture_on_commit_callbacks)
    url = reverse("reviews:case_recommendation", args=[deny_case.public_id])
    html = " ".join(client.get(url, HTTP_HX_REQUEST="1").content.decode().split())
    assert "18 prior + 0 done in this episode + 3 requested = <strong>21</strong>" in html
    assert "against the 14-visit benchmark" in html and "re-run the recommendation" not in html

    # A result stored by engine 1.0.x has no figures: the panel says so instead of guessing.
    rec = deny_case.recommendations.get()
    stored = rec.engine_result
    from criteria.engine import result_to_dict

    old = {k: v for k, v in result_to_dict(stored).items() if k != "figures"}
    type(rec).objects.filter(pk=rec.pk).update(result={**old, "engine_version": "1.0.1"})
    html = client.get(url, HTTP_HX_REQUEST="1").content.decode()
    assert "re-run the recommendation" in html and "Visits counted" not in html
