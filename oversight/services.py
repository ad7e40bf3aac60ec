"""Oversight writes: quality-audit samples and verdicts, gold-standard marking, IRR assessments and attempts."""

from __future__ import annotations

import random
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from audit.services import record_event
from reviews.models import Determination
from reviews.models.decisions import DeterminationStatus
from vocabulary import DETERMINATION_DECISIONS, Decision

from .irr import cohens_kappa, percent_agreement
from .models import GoldStandardCase, IRRAssessment, IRRAttempt, QualityAuditSample, QualityReview, Verdict

_rng = random.SystemRandom()


def month_bounds(month: date) -> tuple[datetime, datetime]:
    first = month.replace(day=1)
    nxt = first.replace(year=first.year + 1, month=1) if first.month == 12 else first.replace(month=first.month + 1)
    return (
        timezone.make_aware(datetime.combine(first, time.min)),
        timezone.make_aware(datetime.combine(nxt, time.min)),
    )


@transaction.atomic
def quality_sample_draw(*, month: date, per_reviewer: int, drawn_by: Any) -> list[QualityAuditSample]:
    """Draw up to `per_reviewer` signed determinations per reviewer decided in `month`, at random, not yet drawn."""
    if per_reviewer < 1 or per_reviewer > 50:
        raise ValidationError({"per_reviewer": "Choose between 1 and 50 determinations per reviewer."})
    start, end = month_bounds(month)
    candidates = (
        Determination.objects.filter(status=DeterminationStatus.SIGNED, decided_at__gte=start, decided_at__lt=end)
        .filter(quality_sample__isnull=True)
        .exclude(reviewer=drawn_by)  # nobody audits their own decisions
        .values_list("id", "reviewer_id")
    )
    by_reviewer: dict[int, list[int]] = {}
    for det_id, reviewer_id in candidates:
        by_reviewer.setdefault(reviewer_id, []).append(det_id)
    already = {
        r: n
        for r, n in QualityAuditSample.objects.filter(month=month.replace(day=1))
        .values_list("reviewer_id")
        .annotate(n=Count("id"))
    }
    samples = []
    try:
        with transaction.atomic():
            for reviewer_id, det_ids in sorted(by_reviewer.items()):
                want = max(0, per_reviewer - already.get(reviewer_id, 0))
                for det_id in _rng.sample(det_ids, min(want, len(det_ids))):
                    samples.append(
                        QualityAuditSample.objects.create(
                            determination_id=det_id,
                            reviewer_id=reviewer_id,
                            month=month.replace(day=1),
                            drawn_by=drawn_by,
                        )
                    )
    except IntegrityError as exc:  # another supervisor drew one of these determinations at the same moment
        raise ValidationError(
            {"month": "Another supervisor drew samples for this month at the same time; reload and try again."}
        ) from exc
    record_event(
        "quality.sample_drawn",
        actor=drawn_by,
        object_type="oversight.qualityauditsample",
        summary={
            "month": f"{month:%Y-%m}",
            "per_reviewer": per_reviewer,
            "drawn": [s.determination_id for s in samples],
        },
    )
    return samples


def quality_sample_add_overturned(*, determination: Determination, actor: Any) -> QualityAuditSample | None:
    """An appeal overturned `determination`: it enters the quality-audit sample (once), whatever the random draw."""
    existing = QualityAuditSample.objects.filter(determination=determination).first()
    if existing is not None:
        return None
    decided = timezone.localtime(determination.decided_at).date()
    sample = QualityAuditSample.objects.create(
        determination=determination,
        reviewer_id=determination.reviewer_id,
        month=decided.replace(day=1),
        reason="appeal_overturned",
        drawn_by=actor,
    )
    record_event(
        "quality.sample_added",
        actor=actor,
        obj=sample,
        summary={"determination_id": determination.pk, "reason": "appeal_overturned"},
    )
    return sample


@transaction.atomic
def quality_review_record(*, sample: QualityAuditSample, auditor: Any, verdict: str, notes: str) -> QualityReview:
    """Record a supervisor's agree/disagree verdict on a sampled determination (disagreements need notes)."""
    notes = (notes or "").strip()
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": "Choose agree or disagree."})
    if verdict == Verdict.DISAGREE and not notes:
        raise ValidationError({"notes": "Explain the disagreement in the notes."})
    if sample.reviewer_id == auditor.pk:
        raise ValidationError({"verdict": "You cannot audit your own determination."})
    # Lock the sample so two supervisors recording at once get a message, not a constraint error.
    QualityAuditSample.objects.select_for_update().filter(pk=sample.pk).first()
    if QualityReview.objects.filter(sample=sample).exists():
        raise ValidationError({"verdict": "This sample has already been reviewed."})
    review = QualityReview.objects.create(sample=sample, auditor=auditor, verdict=verdict, notes=notes)
    record_event(
        "quality.reviewed",
        actor=auditor,
        obj=sample,
        summary={"determination_id": sample.determination_id, "verdict": verdict},
    )
    return review


@transaction.atomic
def gold_standard_mark(*, determination: Determination, marked_by: Any) -> GoldStandardCase:
    """Mark a signed determination as a gold-standard IRR case; its decision is the reference answer."""
    if determination.status != DeterminationStatus.SIGNED:
        raise ValidationError({"determination": "Only signed determinations can be gold-standard cases."})
    gold, created = GoldStandardCase.objects.get_or_create(
        determination=determination,
        defaults={
            "decision": determination.decision,
            "approved_visits": determination.approved_visits,
            "marked_by": marked_by,
        },
    )
    if not created and not gold.active:
        gold.active = True
        gold.save(update_fields=["active"])
    record_event("irr.gold_marked", actor=marked_by, obj=gold, summary={"determination_id": determination.pk})
    return gold


@transaction.atomic
def gold_standard_retire(*, gold: GoldStandardCase, by: Any) -> GoldStandardCase:
    """Stop using a gold case in new assessments (existing assessments keep it)."""
    gold.active = False
    gold.save(update_fields=["active"])
    record_event("irr.gold_retired", actor=by, obj=gold)
    return gold


@transaction.atomic
def irr_assessment_create(
    *, reviewer: Any, created_by: Any, pass_threshold_pct: int = 90, retest_of: IRRAssessment | None = None
) -> IRRAssessment:
    """Assign every active gold case (not decided by `reviewer`) to a reviewer, as a new test or a retest."""
    if not 1 <= pass_threshold_pct <= 100:
        raise ValidationError({"pass_threshold_pct": "The pass threshold is a percentage between 1 and 100."})
    if retest_of is not None:
        if retest_of.reviewer_id != reviewer.pk:
            raise ValidationError({"retest_of": "A retest is for the same reviewer."})
        if retest_of.passed is not False:
            raise ValidationError({"retest_of": "A retest follows a failed, completed assessment."})
        if IRRAssessment.objects.filter(retest_of=retest_of).exists():
            raise ValidationError({"retest_of": "A retest of this assessment already exists."})
    if IRRAssessment.objects.filter(reviewer=reviewer, completed_at__isnull=True).exists():
        raise ValidationError({"reviewer": "This reviewer already has an assessment in progress."})
    gold = list(GoldStandardCase.objects.filter(active=True).exclude(determination__reviewer=reviewer))
    if not gold:
        raise ValidationError({"reviewer": "No active gold-standard cases this reviewer has not decided themselves."})
    assessment = IRRAssessment.objects.create(
        reviewer=reviewer, created_by=created_by, pass_threshold_pct=pass_threshold_pct, retest_of=retest_of
    )
    assessment.gold_cases.set(gold)
    record_event(
        "irr.assessment_created",
        actor=created_by,
        obj=assessment,
        summary={
            "reviewer_id": reviewer.pk,
            "gold_cases": len(gold),
            "threshold_pct": pass_threshold_pct,
            "retest_of": str(retest_of.public_id) if retest_of else None,
        },
    )
    return assessment


def _score(assessment: IRRAssessment) -> tuple[float | None, float | None]:
    pairs = list(assessment.attempts.values_list("gold__decision", "decision"))
    return percent_agreement(pairs), cohens_kappa(pairs)


@transaction.atomic
def irr_attempt_submit(
    *, assessment: IRRAssessment, gold: GoldStandardCase, reviewer: Any, decision: str, approved_visits: int
) -> IRRAttempt:
    """Record a blinded re-decision; when the last gold case is answered, score the assessment."""
    assessment = IRRAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.reviewer_id != reviewer.pk:
        raise ValidationError({"assessment": "This assessment belongs to another reviewer."})
    if assessment.completed_at is not None:
        raise ValidationError({"assessment": "This assessment is already complete."})
    if not assessment.gold_cases.filter(pk=gold.pk).exists():
        raise ValidationError({"gold": "This case is not part of the assessment."})
    if decision not in DETERMINATION_DECISIONS:
        raise ValidationError({"decision": "Choose approve, partial or deny."})
    if approved_visits < 0:
        raise ValidationError({"approved_visits": "Approved visits cannot be negative."})
    if IRRAttempt.objects.filter(assessment=assessment, gold=gold).exists():
        raise ValidationError({"gold": "You have already answered this case."})
    attempt = IRRAttempt.objects.create(
        assessment=assessment,
        gold=gold,
        reviewer=reviewer,
        decision=decision,
        approved_visits=approved_visits if decision != Decision.DENY else 0,
        agrees=decision == gold.decision,
    )
    record_event("irr.attempt_submitted", actor=reviewer, obj=assessment, summary={"gold": str(gold.public_id)})
    if assessment.attempts.count() == assessment.gold_cases.count():
        agreement, kappa = _score(assessment)
        assessment.completed_at = timezone.now()
        assessment.agreement_pct = Decimal(str(agreement)) if agreement is not None else None
        assessment.kappa = Decimal(str(kappa)) if kappa is not None else None
        assessment.passed = agreement is not None and agreement >= assessment.pass_threshold_pct
        assessment.save(update_fields=["completed_at", "agreement_pct", "kappa", "passed"])
        record_event(
            "irr.assessment_completed",
            actor=reviewer,
            obj=assessment,
            summary={"agreement_pct": agreement, "kappa": kappa, "passed": assessment.passed},
        )
    return attempt
