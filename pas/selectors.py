"""Reads for the case page: where a PAS case came from and its ClaimResponse history."""

from __future__ import annotations

from typing import Any

from reviews.models import Case

from .models import ClaimResponseRecord, PasSubmission


def case_origin_panel(case: Case) -> tuple[str, dict[str, Any]] | None:
    """The case page panel (registered with reviews.panels); None for cases not received through PAS."""
    submissions = list(PasSubmission.objects.filter(case=case).select_related("client").order_by("received_at", "id"))
    if not submissions:
        return None
    history = list(
        ClaimResponseRecord.objects.filter(case=case).defer("bundle").select_related("submission").order_by("-version")
    )
    live = [s for s in submissions if s.kind != "cancel"]
    gaps = live[-1].intake_gaps if live else []
    return "pas/_case_origin.html", {
        "submissions": submissions,
        "client": submissions[0].client,
        "history": history,
        "gaps": gaps,
    }
