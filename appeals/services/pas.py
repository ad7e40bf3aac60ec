"""What an overturn tells a PAS (FHIR) submitter.

NOT DONE: the PAS ClaimResponse update belongs to the PAS app (issue #12), which is not on main
yet. When it lands, this function should call its public "determination changed" hook so the
submitter's subscription gets the updated ClaimResponse (A1/A6). Until then an overturn reaches
the member and provider through the new signed determination letter only, and this function says
so in the audit trail instead of pretending to notify anyone.
"""

from __future__ import annotations

from typing import Any

from audit.services import record_event


def pas_claim_response_update_on_overturn(*, determination: Any, actor: Any) -> bool:
    """Send the updated ClaimResponse for a PAS case; returns False (no PAS hook exists yet)."""
    record_event(
        "appeal.pas_update_skipped",
        actor=actor,
        obj=determination.case,
        summary={"determination_id": determination.pk, "reason": "no PAS ClaimResponse hook on this build"},
    )
    return False
