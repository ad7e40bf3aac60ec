"""Reviews domain models, one module per area."""

from .cases import (
    Case,
    CaseStatus,
    ClinicalReview,
    Diagnosis,
    InvalidTransition,
    Member,
    PendRequest,
    PriorEpisode,
    Provider,
    ServiceRequest,
    Visit,
)
from .decisions import Determination, Recommendation, RecommendationJob
from .documents import ClinicalDocument, DocumentPage
from .drafts import ReviewDraft
from .letters import InformationRequestLetter, Letter, SigningIdentity
from .people import ReviewerProfile
from .referrals import Referral

__all__ = [
    "Case",
    "CaseStatus",
    "ClinicalDocument",
    "ClinicalReview",
    "Determination",
    "Diagnosis",
    "DocumentPage",
    "InformationRequestLetter",
    "InvalidTransition",
    "Letter",
    "Member",
    "PendRequest",
    "PriorEpisode",
    "Provider",
    "Recommendation",
    "Referral",
    "RecommendationJob",
    "ReviewDraft",
    "ReviewerProfile",
    "ServiceRequest",
    "SigningIdentity",
    "Visit",
]
