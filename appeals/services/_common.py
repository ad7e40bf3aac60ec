from __future__ import annotations

from typing import Any

from reviews.models import ReviewerProfile

from ..rules import Candidate


def candidate_for(user: Any) -> Candidate:
    profile = ReviewerProfile.objects.filter(user=user).first()
    return Candidate(
        user_id=user.pk,
        name=profile.display_name if profile else (user.get_full_name() or user.username),
        credential_kind=profile.credential_kind if profile else "none",
        specialty=profile.specialty if profile else "",
        active=bool(user.is_active),
    )


def specialty_of(user: Any) -> str:
    profile = ReviewerProfile.objects.filter(user=user).first() if user is not None else None
    return profile.specialty if profile else ""
