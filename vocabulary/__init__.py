"""The words UR Desk writes in many places, defined once: decisions, credentials, verification tags,
review type, urgency, the documentation fields of ur-case/1.

Pure (no Django, no I/O), so the engine's boundary (criteria/engine/) can use it as well as the
models (``choices=Decision.choices()``), forms, services and oversight. Each word is a ``Term``: a
``StrEnum`` member that *is* its stored string (``Decision.DENY == "deny"``) and carries a label.
Strictly typed (mypy ``strict`` in pyproject.toml), at the bottom of the import layers.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Literal, Self

__all__ = [
    "ADVERSE_DECISIONS",
    "APPROVED_DECISIONS",
    "CREDENTIAL_SATISFIES",
    "DEFAULT_DENIAL_CREDENTIAL",
    "DENIAL_CREDENTIALS",
    "DETERMINATION_DECISIONS",
    "DOCUMENTATION_FIELDS",
    "DOCUMENTATION_LABELS",
    "FINDING_LABELS",
    "GOAL_FIELDS",
    "GOAL_KEYS",
    "REFERRAL_CREDENTIALS",
    "REVIEW_FIELDS",
    "CredentialKind",
    "Decision",
    "DecisionValue",
    "LineOfBusiness",
    "ReferralReason",
    "ReviewType",
    "Term",
    "Urgency",
    "Verification",
]


class Term(StrEnum):
    """A stored word with its label: ``Decision.PARTIAL == "partial"``, ``Decision.PARTIAL.label``."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value
        return member

    @classmethod
    def choices(cls, members: Iterable[Term] | None = None) -> list[tuple[str, str]]:
        """(value, label) pairs for a Django field's or form's ``choices=`` (all members, or `members`)."""
        return [(m.value, m.label) for m in (cls if members is None else members)]

    @classmethod
    def values(cls) -> frozenset[str]:
        return frozenset(m.value for m in cls)


# ----------------------------------------------------------------- decisions

# The engine's typed spelling of a decision (criteria.engine.types.Decision is this Literal).
DecisionValue = Literal["approve", "partial", "deny", "pend"]


class Decision(Term):
    """What the engine recommends, and (approve/partial/deny) what a person determines."""

    APPROVE = "approve", "Approve"
    PARTIAL = "partial", "Partial approval"
    DENY = "deny", "Deny"
    PEND = "pend", "Pend"


# A person's determination: pending is an action on the case (a request for information), not a decision.
DETERMINATION_DECISIONS: tuple[Decision, ...] = (Decision.APPROVE, Decision.PARTIAL, Decision.DENY)
# Decisions adverse to the member: only a reviewer holding the criteria's denial credential may sign them.
ADVERSE_DECISIONS: frozenset[Decision] = frozenset({Decision.DENY, Decision.PARTIAL})
# Decisions that approve visits (all or some of them).
APPROVED_DECISIONS: frozenset[Decision] = frozenset({Decision.APPROVE, Decision.PARTIAL})


# ----------------------------------------------------------------- credentials


class CredentialKind(Term):
    """A reviewer's clinical licence (ReviewerProfile.credential_kind)."""

    PHYSICIAN = "physician", "Physician (MD/DO)"
    PHYSICAL_THERAPIST = "physical_therapist", "Licensed physical therapist"
    NURSE = "nurse", "Registered nurse"
    NONE = "none", "No clinical licence"

    @property
    def in_sentence(self) -> str:
        """The label inside a sentence: "must be signed by a licensed physical therapist"."""
        return self.label[:1].lower() + self.label[1:]


# What a criteria version may require to sign a denial (CriteriaVersion.denial_credential).
DENIAL_CREDENTIALS: tuple[CredentialKind, ...] = (CredentialKind.PHYSICAL_THERAPIST, CredentialKind.PHYSICIAN)
DEFAULT_DENIAL_CREDENTIAL = CredentialKind.PHYSICAL_THERAPIST
# Which reviewer credential kinds satisfy a required denial credential.
CREDENTIAL_SATISFIES: dict[str, frozenset[CredentialKind]] = {
    CredentialKind.PHYSICIAN: frozenset({CredentialKind.PHYSICIAN}),
    CredentialKind.PHYSICAL_THERAPIST: frozenset({CredentialKind.PHYSICIAN, CredentialKind.PHYSICAL_THERAPIST}),
}


# ----------------------------------------------------------------- provenance


class Verification(Term):
    """The provenance tag of a fact in the criteria and the guideline library."""

    VERIFIED = "V", "V — verified in the source"
    PARTLY = "P", "P — partly verified"
    UNVERIFIED = "U", "U — unverified, check before relying on it"


# ----------------------------------------------------------------- cases


class ReviewType(Term):
    PROSPECTIVE = "prospective", "Prospective"
    CONCURRENT = "concurrent", "Concurrent"
    RETROSPECTIVE = "retrospective", "Retrospective"


class Urgency(Term):
    STANDARD = "standard", "Standard"
    EXPEDITED = "expedited", "Expedited"


class LineOfBusiness(Term):
    """The member's coverage (Case.line_of_business, read from the plan name); it sets the clocks."""

    MEDICARE_ADVANTAGE = "medicare_advantage", "Medicare Advantage"
    COMMERCIAL = "commercial", "Commercial"
    MEDICAID = "medicaid", "Medicaid"


class ReferralReason(Term):
    """Why a reviewer refers a case to a second-level (PT or physician) reviewer."""

    RED_FLAG = "red_flag", "Red flag: needs physician review"
    DENIAL_CREDENTIAL = "denial_credential", "An adverse decision needs a credential I do not hold"
    COMPLEXITY = "complexity", "Clinical complexity"


# Who a case may be referred to: the credentials that may sign a denial.
REFERRAL_CREDENTIALS: tuple[CredentialKind, ...] = DENIAL_CREDENTIALS


# The `documentation` block of ur-case/1 (the reviewer's structured findings), in form order, with labels.
DOCUMENTATION_LABELS: dict[str, str] = {
    "functional_deficits": "Functional deficits",
    "objective_impairments": "Objective impairments",
    "reported_improvement_pct": "Reported improvement",
    "goals": "Goals",
    "participation": "Participation",
    "adherence": "Adherence",
    "outcome_measures": "Outcome measures",
    "strength_measured_objectively": "Objective strength",
    "exercise_parameters_documented": "Exercise parameters",
    "gap_explanation": "Gap explanation",
    "evidence": "Evidence",
}
DOCUMENTATION_FIELDS: tuple[str, ...] = tuple(DOCUMENTATION_LABELS)
# The keys of `documentation.goals`; the review stores each as a `goals_<key>` field (REVIEW_FIELDS).
GOAL_KEYS: tuple[str, ...] = ("short_term_met", "short_term_total", "long_term_met", "long_term_total")
GOAL_FIELDS: tuple[str, ...] = tuple(f"goals_{key}" for key in GOAL_KEYS)
# The documentation as the stored review's fields (goals flattened), in form order.
REVIEW_FIELDS: tuple[str, ...] = tuple(
    field for name in DOCUMENTATION_FIELDS for field in (GOAL_FIELDS if name == "goals" else (name,))
)
# What a piece of record evidence can support: the findings (documentation less `evidence` itself) and
# the two clinical fields the review edits.
FINDING_LABELS: dict[str, str] = {
    **{k: v for k, v in DOCUMENTATION_LABELS.items() if k != "evidence"},
    "red_flags": "Red flags",
    "irritability": "Irritability",
}
