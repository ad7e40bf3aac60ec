"""The one vocabulary: pure, complete, and the stores and forms take their choices from it."""

from __future__ import annotations

import typing
from typing import Any

from guidelines.models import Recommendation as GuidelineRecommendation
from oversight.forms import IRRAnswerForm
from oversight.models import GoldStandardCase, IRRAttempt
from reviews.forms import DecisionForm
from reviews.models import Determination, Recommendation, ReviewerProfile
from vocabulary import (
    ADVERSE_DECISIONS,
    APPROVED_DECISIONS,
    CREDENTIAL_SATISFIES,
    DENIAL_CREDENTIALS,
    DETERMINATION_DECISIONS,
    DOCUMENTATION_FIELDS,
    FINDING_LABELS,
    REVIEW_FIELDS,
    CredentialKind,
    Decision,
    DecisionValue,
    Verification,
)


def test_the_engines_decision_literal_is_the_vocabularys() -> None:
    from criteria.engine.types import Decision as EngineDecision

    assert EngineDecision is DecisionValue
    assert set(typing.get_args(DecisionValue)) == {d.value for d in Decision}


def test_terms_are_their_stored_strings_with_labels() -> None:
    assert Decision.DENY.value == "deny" and str(Decision.DENY) == "deny" and Decision("partial") is Decision.PARTIAL
    assert Decision.PARTIAL.label == "Partial approval"
    assert Verification.choices()[0] == ("V", "V — verified in the source")
    assert Verification.values() == {"V", "P", "U"}
    assert CredentialKind.PHYSICAL_THERAPIST.in_sentence == "licensed physical therapist"
    assert CredentialKind.PHYSICIAN.in_sentence == "physician (MD/DO)"


def test_decision_sets() -> None:
    assert set(DETERMINATION_DECISIONS) == {"approve", "partial", "deny"}  # pend is an action, not a decision
    assert set(ADVERSE_DECISIONS) == {"deny", "partial"}
    assert set(APPROVED_DECISIONS) == {"approve", "partial"}
    assert set(CREDENTIAL_SATISFIES) == set(DENIAL_CREDENTIALS)
    assert all(CredentialKind.PHYSICIAN in kinds for kinds in CREDENTIAL_SATISFIES.values())


def test_documentation_fields_match_the_schema_and_the_review_model() -> None:
    import json

    from reviews.case_format import SCHEMA_PATH
    from reviews.models import ClinicalReview

    schema = json.loads(SCHEMA_PATH.read_text())
    documented = schema["properties"]["documentation"]["properties"]
    assert set(DOCUMENTATION_FIELDS) == set(documented)
    model_fields = {f.name for f in ClinicalReview._meta.get_fields()}
    assert set(REVIEW_FIELDS) <= model_fields
    assert "evidence" not in FINDING_LABELS and {"red_flags", "irritability"} <= set(FINDING_LABELS)


def test_models_and_forms_take_their_choices_from_the_vocabulary() -> None:
    def choices(model: Any, name: str) -> list[tuple[str, str]]:
        return list(model._meta.get_field(name).choices)

    assert choices(Recommendation, "decision") == Decision.choices()
    for model in (Determination, GoldStandardCase, IRRAttempt):
        assert choices(model, "decision") == Decision.choices(DETERMINATION_DECISIONS)
    assert choices(ReviewerProfile, "credential_kind") == CredentialKind.choices()
    assert choices(GuidelineRecommendation, "verification") == Verification.choices()
    decision_fields: list[Any] = [DecisionForm().fields["decision"], IRRAnswerForm().fields["decision"]]
    assert list(decision_fields[0].choices)[1:] == Decision.choices(DETERMINATION_DECISIONS)
    assert list(decision_fields[1].choices) == Decision.choices(DETERMINATION_DECISIONS)
