"""Who may hear a peer-to-peer or decide an appeal (pure: plain values in, reasons out).

- An appeal goes to someone who did not make the decision under appeal (NCQA UM 8/9; ERISA
  2560.503-1(h)(3)(v)), of the same or a similar specialty as the treating clinician.
- A Medicare Advantage reconsideration of an adverse medical-necessity decision is decided by a
  physician (42 CFR 422.590(g)(2)).
- A peer-to-peer is with the reviewer who decided, or another reviewer of the same specialty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from vocabulary import CredentialKind


@dataclass(frozen=True)
class Candidate:
    user_id: int
    name: str
    credential_kind: str  # vocabulary.CredentialKind values
    specialty: str
    active: bool = True


def normalise_specialty(text: str) -> str:
    text = re.sub(r"\([^)]*\)", " ", (text or "").lower())
    return re.sub(r"[^a-z&]+", " ", text).strip()


def specialty_group(text: str, groups: Mapping[str, Sequence[str]]) -> str | None:
    """The configured group whose terms occur in `text`; None when no group matches."""
    norm = normalise_specialty(text)
    if not norm:
        return None
    for group, terms in groups.items():
        if any(term in norm for term in terms):
            return group
    return None


def similar_specialty(a: str, b: str, groups: Mapping[str, Sequence[str]]) -> bool:
    if normalise_specialty(a) and normalise_specialty(a) == normalise_specialty(b):
        return True
    ga = specialty_group(a, groups)
    return ga is not None and ga == specialty_group(b, groups)


def appeal_assignment_refusals(
    candidate: Candidate,
    *,
    original_decider_id: int,
    physician_required: bool,
    required_specialty: str,
    groups: Mapping[str, Sequence[str]],
) -> list[str]:
    """Every reason `candidate` may not decide this appeal (empty: they may)."""
    reasons = []
    if not candidate.active:
        reasons.append(f"{candidate.name} is not an active user.")
    if candidate.user_id == original_decider_id:
        reasons.append(f"{candidate.name} made the decision under appeal; an appeal must go to someone else.")
    if physician_required and candidate.credential_kind != CredentialKind.PHYSICIAN:
        reasons.append(
            f"{candidate.name} is not a physician; a Medicare Advantage reconsideration of a medical-necessity "
            "denial must be decided by a physician (42 CFR 422.590(g)(2))."
        )
    if not similar_specialty(candidate.specialty, required_specialty, groups):
        reasons.append(
            f"{candidate.name}'s specialty ({candidate.specialty or 'none recorded'}) is not the same as or similar "
            f"to {required_specialty or 'the specialty of the case'}."
        )
    return reasons


def p2p_peer_refusals(
    candidate: Candidate,
    *,
    deciding_reviewer_id: int | None,
    deciding_specialty: str,
    groups: Mapping[str, Sequence[str]],
) -> list[str]:
    """Why `candidate` may not hold this peer-to-peer (empty: they may)."""
    if not candidate.active:
        return [f"{candidate.name} is not an active user."]
    if deciding_reviewer_id is not None and candidate.user_id == deciding_reviewer_id:
        return []
    if not similar_specialty(candidate.specialty, deciding_specialty, groups):
        return [
            f"{candidate.name}'s specialty ({candidate.specialty or 'none recorded'}) differs from the deciding "
            f"reviewer's ({deciding_specialty or 'none recorded'}); the discussion must be with the reviewer who "
            "decided or a reviewer of the same specialty."
        ]
    return []
