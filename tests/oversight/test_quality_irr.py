from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from oversight import services
from oversight.irr import cohens_kappa, percent_agreement
from oversight.models import GoldStandardCase, IRRAssessment, QualityAuditSample, QualityReview
from tests.support import make_user

from .builders import make_decision

pytestmark = pytest.mark.django_db
T0 = datetime(2025, 5, 5, 9, 0, tzinfo=UTC)


def test_kappa_matches_a_worked_example() -> None:
    # 10 pairs, 8 agree; gold: 5 approve / 5 deny; rater: 5 approve / 5 deny -> p_e = .5, kappa = .6
    pairs = [("approve", "approve")] * 4 + [("deny", "deny")] * 4 + [("approve", "deny"), ("deny", "approve")]
    assert percent_agreement(pairs) == 80.0
    assert cohens_kappa(pairs) == 0.6
    assert cohens_kappa([("approve", "approve")] * 3) is None  # one category: undefined
    assert cohens_kappa([]) is None and percent_agreement([]) is None


def test_quality_sample_draw_per_reviewer_and_review(reviewer: User, reviewer2: User, supervisor: User) -> None:
    for _ in range(4):
        make_decision(reviewer=reviewer, decision="approve", received_at=T0, hours=5)
    make_decision(reviewer=reviewer2, decision="deny", received_at=T0, hours=5)
    make_decision(reviewer=reviewer2, decision="deny", received_at=T0, hours=5, signed=False)  # not signed
    make_decision(reviewer=supervisor, decision="deny", received_at=T0, hours=5)  # own: never sampled
    drawn = services.quality_sample_draw(month=date(2025, 5, 1), per_reviewer=2, drawn_by=supervisor)
    by = sorted(s.reviewer.username for s in drawn)
    assert by == ["reviewer", "reviewer", "reviewer2"]
    again = services.quality_sample_draw(month=date(2025, 5, 1), per_reviewer=2, drawn_by=supervisor)
    assert again == []  # quota already met
    with pytest.raises(ValidationError) as exc:
        services.quality_review_record(sample=drawn[0], auditor=supervisor, verdict="disagree", notes=" ")
    assert "notes" in exc.value.message_dict
    services.quality_review_record(sample=drawn[0], auditor=supervisor, verdict="disagree", notes="Missed red flag")
    assert QualityReview.objects.get().verdict == "disagree"
    assert AuditEvent.objects.filter(action="quality.reviewed").count() == 1


def test_quality_pages(client: Client, reviewer: User, supervisor: User) -> None:
    make_decision(reviewer=reviewer, decision="approve", received_at=T0, hours=5)
    client.force_login(supervisor)
    response = client.post(reverse("oversight:quality"), {"month": "2025-05", "per_reviewer": "3"})
    assert response.status_code == 302
    sample = QualityAuditSample.objects.get()
    page = client.get(reverse("oversight:quality"), {"month": "2025-05"})
    assert page.context["results"][0]["sampled"] == 1
    url = reverse("oversight:quality_review", args=[sample.public_id])
    assert client.get(url).status_code == 200
    viewed = AuditEvent.objects.filter(action="case.viewed", object_id=str(sample.determination.case.public_id))
    assert viewed.filter(summary__view="quality_review").exists()  # the page shows the case: a PHI access
    bad = client.post(url, {"verdict": "disagree", "notes": ""})
    assert "Explain the disagreement" in bad.content.decode()
    assert client.post(url, {"verdict": "agree", "notes": ""}).status_code == 302
    page = client.get(reverse("oversight:quality"))
    assert page.context["results"][0]["agreement_pct"] == 100.0


def test_irr_full_cycle_with_failure_and_retest(
    client: Client, reviewer: User, reviewer2: User, supervisor: User
) -> None:
    dets = [
        make_decision(reviewer=reviewer2, decision=d, received_at=T0, hours=5)
        for d in ("approve", "deny", "approve", "partial")
    ]
    own = make_decision(reviewer=reviewer, decision="approve", received_at=T0, hours=5)
    client.force_login(supervisor)
    for det in [*dets, own]:
        client.post(reverse("oversight:irr_gold_mark"), {"determination": det.pk})
    assert GoldStandardCase.objects.count() == 5
    client.post(reverse("oversight:irr"), {"reviewer": reviewer.pk, "pass_threshold_pct": "90"})
    assessment = IRRAssessment.objects.get(reviewer=reviewer)
    assert assessment.gold_cases.count() == 4  # their own determination is left out

    client.force_login(reviewer)
    work = client.get(reverse("oversight:irr_work"))
    assert work.status_code == 200
    answers = {"approve": "approve", "deny": "deny", "partial": "deny"}  # 3 of 4 agree
    for gold in assessment.gold_cases.order_by("id"):
        url = reverse("oversight:irr_case", args=[assessment.public_id, gold.public_id])
        page = client.get(url)
        html = page.content.decode()
        assert gold.determination.case.member.family_name not in html  # blinded
        assert gold.determination.case.reference not in html
        client.post(url, {"decision": answers[gold.decision], "approved_visits": "8"})
    assessment.refresh_from_db()
    assert assessment.completed_at and float(assessment.agreement_pct) == 75.0 and assessment.passed is False
    assert assessment.kappa is not None
    # reviewers cannot reach the supervisor pages, nor another reviewer's assessment
    assert client.get(reverse("oversight:irr")).status_code == 403
    client.force_login(reviewer2)
    first_gold = assessment.gold_cases.first()
    assert first_gold is not None
    assert (
        client.get(reverse("oversight:irr_case", args=[assessment.public_id, first_gold.public_id])).status_code == 404
    )

    client.force_login(supervisor)
    page = client.get(reverse("oversight:irr"))
    assert page.context["results"][0]["latest"].pk == assessment.pk
    client.post(reverse("oversight:irr_retest", args=[assessment.public_id]))
    retest = IRRAssessment.objects.get(retest_of=assessment)
    assert retest.pass_threshold_pct == 90
    with pytest.raises(ValidationError):
        services.irr_assessment_create(reviewer=reviewer, created_by=supervisor, retest_of=assessment)


def test_configurable_threshold_passes_at_75(reviewer: User, reviewer2: User, supervisor: User) -> None:
    golds = [
        services.gold_standard_mark(
            determination=make_decision(reviewer=reviewer2, decision=d, received_at=T0, hours=5), marked_by=supervisor
        )
        for d in ("approve", "deny", "approve", "deny")
    ]
    a = services.irr_assessment_create(reviewer=reviewer, created_by=supervisor, pass_threshold_pct=75)
    for g, answer in zip(golds, ("approve", "deny", "approve", "approve"), strict=True):
        services.irr_attempt_submit(assessment=a, gold=g, reviewer=reviewer, decision=answer, approved_visits=8)
    a.refresh_from_db()
    assert a.passed is True and float(a.agreement_pct) == 75.0 and float(a.kappa) == 0.5


def test_quality_draw_colliding_with_another_draw_is_a_message_and_saves_nothing(
    reviewer: User, supervisor: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    det = make_decision(reviewer=reviewer, decision="approve", received_at=T0, hours=5)
    other = make_user("supervisor_b", "supervisor")
    month = det.decided_at.date().replace(day=1)
    original = services._rng.sample

    def sample_then_collide(population: list[int], k: int) -> list[int]:
        # Another supervisor's draw commits the same determination between our query and our insert.
        QualityAuditSample.objects.create(determination=det, reviewer=reviewer, month=month, drawn_by=other)
        return original(population, k)

    monkeypatch.setattr(services._rng, "sample", sample_then_collide)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.quality_sample_draw(month=month, per_reviewer=1, drawn_by=supervisor)
    assert "at the same time" in exc.value.message_dict["month"][0]
    assert AuditEvent.objects.count() == before  # no sample_drawn event for a draw that saved nothing


def test_irr_test_cases_keep_their_numbers_after_an_answer(
    client: Client, reviewer: User, reviewer2: User, supervisor: User
) -> None:
    """Was: after answering test case 1, the former test case 2 was relabelled 'Test case 1'."""
    client.force_login(supervisor)
    for d in ("approve", "deny", "approve"):
        det = make_decision(reviewer=reviewer2, decision=d, received_at=T0, hours=5)
        client.post(reverse("oversight:irr_gold_mark"), {"determination": det.pk})
    client.post(reverse("oversight:irr"), {"reviewer": reviewer.pk, "pass_threshold_pct": "90"})
    assessment = IRRAssessment.objects.get(reviewer=reviewer)
    golds = list(assessment.gold_cases.order_by("pk"))
    client.force_login(reviewer)
    first = reverse("oversight:irr_case", args=[assessment.public_id, golds[0].public_id])
    client.post(first, {"decision": golds[0].decision, "approved_visits": "8"})
    html = client.get(reverse("oversight:irr_work")).content.decode()
    second = reverse("oversight:irr_case", args=[assessment.public_id, golds[1].public_id])
    assert f'<a href="{second}">Test case 2</a>' in html
    assert "Test case 1<" not in html
