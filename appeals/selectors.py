"""Reads for appeals pages."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import QuerySet

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
    """The case page's panel (registered with reviews.panels): a link to the case's P2P, appeals, extensions.

    One query counts them and finds whether the case is itself an appeal; the appeal is read only then.
    On every case page, so written as plain SQL: the ORM spent more time building these four small
    queries than PostgreSQL spent answering them.
    """
    is_appeal, p2ps, appeals, extensions = _panel_counts(case.pk)
    appeal = Appeal.objects.filter(case=case).select_related("original_case").first() if is_appeal else None
    return "appeals/_case_header_panel.html", {
        "case": case,
        "appeal_of": appeal,
        "p2ps": p2ps,
        "appeals": appeals,
        "extensions": extensions,
    }


def _panel_counts(case_pk: int) -> tuple[bool, int, int, int]:
    """(the case is an appeal, its P2P requests, appeals of it, extensions), in one query."""
    qn = connection.ops.quote_name

    def rows(model: Any, field: str) -> str:
        column = model._meta.get_field(field).column
        return f"FROM {qn(model._meta.db_table)} WHERE {qn(column)} = %s"

    sql = (
        f"SELECT EXISTS (SELECT 1 {rows(Appeal, 'case')}), (SELECT count(*) {rows(PeerToPeer, 'case')}),"
        f" (SELECT count(*) {rows(Appeal, 'original_case')}), (SELECT count(*) {rows(Extension, 'case')})"
    )  # table and column names from the models; the case's pk is a parameter
    with connection.cursor() as cursor:
        cursor.execute(sql, [case_pk] * 4)
        found, p2ps, appeals, extensions = cursor.fetchone()
    return bool(found), int(p2ps), int(appeals), int(extensions)
