"""Reads for appeals pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.roles import is_appeals_reviewer, is_auditor, is_intake, is_supervisor
from reviews.models import Case

from .models import Appeal, Extension, NoticeLetter, PeerToPeer


def appeal_list_for_user(user: Any) -> QuerySet[Appeal]:
    qs = Appeal.objects.select_related("case", "original_case", "reviewer", "contested")
    if is_supervisor(user) or is_auditor(user) or is_intake(user):
        return qs
    if is_appeals_reviewer(user):
        return qs.filter(reviewer=user)
    return qs.none()


def p2p_list_for_user(user: Any) -> QuerySet[PeerToPeer]:
    qs = PeerToPeer.objects.select_related("case", "peer").prefetch_related("windows")
    if is_supervisor(user) or is_auditor(user) or is_intake(user):
        return qs
    return qs.filter(peer=user)


def case_activity(case: Case) -> dict[str, Any]:
    """What the case page's appeals panel lists: peer-to-peers, appeals filed, extensions, notices."""
    return {
        "p2ps": list(PeerToPeer.objects.filter(case=case).select_related("peer").prefetch_related("windows")),
        "appeals": list(Appeal.objects.filter(original_case=case).select_related("case", "reviewer")),
        "extensions": list(Extension.objects.filter(case=case).select_related("extended_by")),
        "notices": list(NoticeLetter.objects.filter(case=case).defer("pdf")),
    }


def appeal_case_decision_block(case: Case) -> str:
    """Registered with reviews.decision_blocks: an appeal case is decided on its appeal page only."""
    appeal = Appeal.objects.filter(case=case).select_related("original_case").first()
    if appeal is None:
        return ""
    return (
        f"{case.reference} is an appeal of {appeal.original_case.reference}: it is decided on its appeal page "
        "(upheld, overturned or partly overturned) by the assigned appeals reviewer, not here."
    )


def case_appeals_panel(case: Case) -> tuple[str, dict[str, Any]]:
    """The case page's panel (registered with reviews.panels): a link to the case's P2P, appeals, extensions."""
    appeal = Appeal.objects.filter(case=case).select_related("original_case").first()
    p2ps, appeals, extensions = (
        Case.objects.filter(pk=case.pk)
        .annotate(
            n_p2ps=_count(PeerToPeer, "case"),
            n_appeals=_count(Appeal, "original_case"),
            n_extensions=_count(Extension, "case"),
        )
        .values_list("n_p2ps", "n_appeals", "n_extensions")
        .get()
    )  # the three counts in one query
    return "appeals/_case_header_panel.html", {
        "case": case,
        "appeal_of": appeal,
        "p2ps": p2ps,
        "appeals": appeals,
        "extensions": extensions,
    }


def _count(model: Any, field: str) -> Coalesce:
    """How many `model` rows point at the outer case through `field` (a subquery)."""
    rows = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)
