"""Fixtures for appeals tests: a decided case (real determination + signed letter), an appeals reviewer."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from reviews.models import Case, Determination, Member
from reviews.services.determinations import determination_submit
from tests.reviews.letters_support import deny_result, import_seed, make_recommendation


def decide_denial(reviewer: Any, *, plan: str, review_type: str, capture: Any) -> tuple[Case, Determination]:
    case = import_seed("seed-deny-hip-restart.json", reviewer)
    Case.objects.filter(pk=case.pk).update(review_type=review_type)
    Member.objects.filter(pk=case.member_id).update(plan=plan)
    case.refresh_from_db()
    rec = make_recommendation(case, deny_result())
    Case.objects.filter(pk=case.pk).update(status="recommendation_ready")
    case.refresh_from_db()
    with capture(execute=True):
        det = determination_submit(case=case, reviewer=reviewer, recommendation=rec)
    case.refresh_from_db()
    det.refresh_from_db()
    return case, det


@pytest.fixture
def ma_denial(letters_env: None, reviewer: User, django_capture_on_commit_callbacks: Any) -> tuple[Case, Determination]:
    """SEED-0002's denial as a Medicare Advantage pre-service (concurrent) case, decided and signed."""
    return decide_denial(
        reviewer, plan="Medicare Advantage HMO", review_type="concurrent", capture=django_capture_on_commit_callbacks
    )


@pytest.fixture
def commercial_denial(
    letters_env: None, reviewer: User, django_capture_on_commit_callbacks: Any
) -> tuple[Case, Determination]:
    return decide_denial(
        reviewer, plan="Commercial PPO", review_type="concurrent", capture=django_capture_on_commit_callbacks
    )
