"""Case tab: the recommendation panel (run, poll while queued/running, read the result)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from criteria.engine.types import SECTIONS, EngineResult
from relay.outbox import queued_note, unsent_in_request, waiting_for_broker

from ..models import Case
from ..models.decisions import JobStatus
from ..permissions import get_case_for_user
from ..selectors import latest_recommendation
from ..services.recommendations import RecommendationError, recommendation_request
from ..tasks.recommendations import compute_recommendation_task
from .record import is_htmx, render_tab

POLL_SECONDS = 1.5
OUTCOME_LABELS = {"met": "Met", "not_met": "Not met", "concern": "Concern", "info": "Advisory"}


def citation_map(ids: set[str]) -> dict[str, dict[str, Any]]:
    """Citation id -> statement, strength, source and verification, from the guideline library.

    `letter_citable` is False for licensed, unverified or other payers' content: the reviewer sees it,
    a letter never cites it (docs/letters.md).
    """
    if not ids:
        return {}
    from guidelines.selectors import recommendations_by_citation_id

    return {
        cid: {
            "id": cid,
            "statement": g.statement,
            "strength": g.strength,
            "source_title": g.source_title,
            "source_citation": g.source_citation,
            "verification": g.verification,
            "letter_citable": g.citable,
        }
        for cid, g in recommendations_by_citation_id(ids).items()
    }


def grouped_findings(result: EngineResult) -> list[dict[str, Any]]:
    """Findings grouped by letter section, in the order of SECTIONS (unknown sections last)."""
    cites = citation_map({c for f in result.findings for c in f.citations})
    order = [key for key, _ in SECTIONS]
    labels = dict(SECTIONS)
    groups: dict[str, list[dict[str, Any]]] = {}
    for f in result.findings:
        section = f.section or "other"
        groups.setdefault(section, []).append(
            {
                "finding": f,
                "rule": f.rule,
                "outcome": f.outcome,
                "text": f.text,
                "evidence": f.evidence,
                "citations": f.citations,
                "outcome_label": OUTCOME_LABELS.get(f.outcome, f.outcome),
                "citation_refs": [cites.get(c, {"id": c}) for c in f.citations],
            }
        )
    keys = [k for k in order if k in groups] + sorted(k for k in groups if k not in order)
    return [{"key": k, "label": labels.get(k, k.replace("_", " ").capitalize()), "findings": groups[k]} for k in keys]


def _panel_context(case: Case, *, refused_now: bool | None = None, **extra: Any) -> dict[str, Any]:
    """`refused_now`: whether the broker refused the newest job's message in this very request (the
    run view knows it: then the stored messages need not be read)."""
    job, rec = latest_recommendation(case)
    polling = job is not None and job.status in (JobStatus.QUEUED, JobStatus.RUNNING)
    if refused_now is None:
        waiting = (
            polling and job is not None and waiting_for_broker(compute_recommendation_task.name, job.pk, arg_index=1)
        )
    else:
        waiting = polling and refused_now
    result = rec.engine_result if rec else None
    return {
        "job": job,
        "rec": rec,
        "result": result,
        "figures": result.figures if result else None,
        "lines": result.lines if result else (),
        "sections": grouped_findings(result) if result else [],
        "polling": polling,
        "poll_seconds": POLL_SECONDS,
        "stale": bool(rec and job and job.status == JobStatus.FAILED),
        # Stored while Redis was unreachable: say so instead of an endless spinner.
        "offline_note": queued_note("This run") if waiting else "",
        **extra,
    }


@login_required
@require_GET
def case_recommendation(request: HttpRequest, public_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, public_id, audit_view=True)
    return render_tab(request, case, "reviews/tabs/recommendation.html", _panel_context(case), title="Recommendation")


@login_required
@require_POST
def recommendation_run(request: HttpRequest, public_id: UUID) -> HttpResponse:
    case = get_case_for_user(request.user, public_id, write=True)
    error = ""
    try:
        recommendation_request(case=case, actor=request.user)
    except RecommendationError as exc:
        error = str(exc).split(": ", 1)[-1]
    if not is_htmx(request):
        if error:
            messages.error(request, error)
        elif unsent_in_request():
            messages.warning(request, queued_note("The recommendation"))
        return redirect("reviews:case_recommendation", public_id=case.public_id)
    case.refresh_from_db()
    # The newest job is the one just queued, unless the request was refused (then an older one).
    refused_now = None if error else compute_recommendation_task.name in unsent_in_request()
    context = _panel_context(case, refused_now=refused_now, error=error)
    return render_tab(request, case, "reviews/tabs/recommendation.html", context, title="Recommendation")


urlpatterns = [
    path("cases/<uuid:public_id>/recommendation/", case_recommendation, name="case_recommendation"),
    path("cases/<uuid:public_id>/recommendation/run/", recommendation_run, name="recommendation_run"),
]
