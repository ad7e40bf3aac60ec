"""Supervisor oversight: quality-audit samples and reviews, gold-standard cases and IRR assessments."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from vocabulary import DETERMINATION_DECISIONS, Decision


class Verdict(models.TextChoices):
    AGREE = "agree", "Agree"
    DISAGREE = "disagree", "Disagree"


class QualityAuditSample(models.Model):
    """A signed determination drawn at random for a supervisor to audit (per reviewer, per month)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    determination = models.OneToOneField(
        "reviews.Determination", on_delete=models.PROTECT, related_name="quality_sample"
    )
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    month = models.DateField(help_text="First day of the month the determination was decided in")
    # Drawn at random, or entered because an appeal overturned the determination.
    reason = models.CharField(
        max_length=20,
        choices=[("random", "Random draw"), ("appeal_overturned", "Overturned on appeal")],
        default="random",
    )
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["month", "reviewer_id", "id"]
        indexes = [models.Index(fields=["month", "reviewer"])]

    def __str__(self) -> str:
        return f"QA sample {self.month:%Y-%m} determination {self.determination_id}"


class QualityReview(models.Model):
    """A supervisor's verdict on one sampled determination."""

    sample = models.OneToOneField(QualityAuditSample, on_delete=models.PROTECT, related_name="review")
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    notes = models.TextField(blank=True)
    reviewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(verdict="disagree") | ~models.Q(notes=""), name="disagree_needs_notes"
            )
        ]


class GoldStandardCase(models.Model):
    """A determination a supervisor marked as the reference answer for inter-rater reliability tests."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    determination = models.OneToOneField("reviews.Determination", on_delete=models.PROTECT, related_name="gold")
    # copied at marking time: the gold answer never moves
    decision = models.CharField(max_length=10, choices=Decision.choices(DETERMINATION_DECISIONS))
    approved_visits = models.PositiveIntegerField(default=0)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["marked_at", "id"]

    def __str__(self) -> str:
        return f"Gold standard {self.public_id}"


class IRRAssessment(models.Model):
    """One reviewer's IRR test: every active gold case at creation, worked blinded. A failure allows a retest."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="irr_assessments")
    gold_cases = models.ManyToManyField(GoldStandardCase, related_name="assessments")
    pass_threshold_pct = models.PositiveSmallIntegerField(
        default=90, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    retest_of = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="retest")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    agreement_pct = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    kappa = models.DecimalField(max_digits=5, decimal_places=3, null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"IRR assessment {self.public_id}"


class IRRAttempt(models.Model):
    """A blinded re-decision of a gold case by a reviewer within an assessment."""

    assessment = models.ForeignKey(IRRAssessment, on_delete=models.PROTECT, related_name="attempts")
    gold = models.ForeignKey(GoldStandardCase, on_delete=models.PROTECT, related_name="attempts")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=10, choices=Decision.choices(DETERMINATION_DECISIONS))
    approved_visits = models.PositiveIntegerField(default=0)
    agrees = models.BooleanField()
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [models.UniqueConstraint(fields=["assessment", "gold"], name="one_attempt_per_gold_case")]
