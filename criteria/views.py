"""Read-only criteria pages: the criteria book, version diff, guideline library (versions used per year: oversight)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.roles import is_criteria_admin, is_supervisor
from guidelines.models import Recommendation
from guidelines.selectors import source_list_with_recommendations

from .models import LOCKED_STATUSES, CriteriaVersion
from .selectors import DEFAULT_SET, version_in_effect, version_list
from .services import SECTION_TITLES, version_diff


def _parse_date(raw: str | None, field: str) -> dt.date | None:
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise Http404(f"{field}: not a date (use YYYY-MM-DD)") from exc


def _version_or_404(raw: str | None, field: str, user: Any) -> CriteriaVersion:
    """The version with id `raw`; drafts only for criteria admins and supervisors (404 for others)."""
    try:
        version = CriteriaVersion.objects.select_related("criteria_set", "approved_by").get(pk=int(raw or ""))
    except (ValueError, CriteriaVersion.DoesNotExist) as exc:
        raise Http404(f"{field}: no such criteria version") from exc
    if version.status not in LOCKED_STATUSES and not _sees_drafts(user):
        raise Http404(f"{field}: no such criteria version")  # a draft is not criteria anyone applies yet
    return version


def _sees_drafts(user: Any) -> bool:
    """Draft versions are for criteria admins and supervisors; published and retired ones for everyone."""
    return bool(getattr(user, "is_superuser", False)) or is_criteria_admin(user) or is_supervisor(user)


def _cited(path: str) -> Prefetch:
    return Prefetch(path, queryset=Recommendation.objects.select_related("source").order_by("citation_id"))


@login_required
def book(request: HttpRequest) -> HttpResponse:
    """The version in effect today (or ?on=YYYY-MM-DD, or ?version=ID), section by section, with citations."""
    on = _parse_date(request.GET.get("on"), "on") or timezone.localdate()
    if request.GET.get("version"):
        version: CriteriaVersion | None = _version_or_404(request.GET["version"], "version", request.user)
    else:
        version = version_in_effect(on=on, set_key=request.GET.get("set", DEFAULT_SET))
    sections = {}
    if version is not None:
        version = (
            CriteriaVersion.objects.select_related("criteria_set", "approved_by")
            .prefetch_related(
                _cited("services__citations"),
                _cited("benchmarks__citations"),
                _cited("red_flags__citations"),
                _cited("outcome_measures__citations"),
                _cited("documentation_requirements__citations"),
                _cited("rule_citations__citations"),
            )
            .get(pk=version.pk)
        )
        sections = {
            "services": version.services.all(),
            "benchmarks": version.benchmarks.all(),
            "red_flags": version.red_flags.all(),
            "outcome_measures": version.outcome_measures.all(),
            "documentation_requirements": version.documentation_requirements.all(),
            "rule_citations": version.rule_citations.all(),
        }
    return render(
        request,
        "criteria/book.html",
        {
            "version": version,
            "on": on,
            "sections": sections,
            "versions": version_list(set_key=DEFAULT_SET, locked_only=not _sees_drafts(request.user)),
        },
    )


@login_required
def diff(request: HttpRequest) -> HttpResponse:
    """Changes between two versions (?a=ID&b=ID); without parameters, the list of versions to pick from."""
    versions = version_list(locked_only=not _sees_drafts(request.user))
    changes = None
    a = b = None
    if request.GET.get("a") or request.GET.get("b"):
        a = _version_or_404(request.GET.get("a"), "a", request.user)
        b = _version_or_404(request.GET.get("b"), "b", request.user)
        changes = version_diff(a, b)
    return render(
        request,
        "criteria/diff.html",
        {"versions": versions, "a": a, "b": b, "changes": changes, "section_titles": SECTION_TITLES},
    )


@login_required
def guidelines(request: HttpRequest) -> HttpResponse:
    """The guideline library: sources and their recommendations (citation ids)."""
    return render(request, "guidelines/library.html", {"sources": source_list_with_recommendations()})
