from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from vocabulary import ReviewType, Urgency


class InvalidTransition(Exception):
    """A case status change the state machine does not allow."""


class Member(models.Model):
    member_id = models.CharField(max_length=50, unique=True)
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    birth_date = models.DateField(null=True, blank=True, help_text="Empty only when a PAS request did not send it")
    sex = models.CharField(max_length=20)
    plan = models.CharField(max_length=100)

    def __str__(self) -> str:
        return f"{self.family_name}, {self.given_name} ({self.member_id})"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class Provider(models.Model):
    npi = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=200)
    specialty = models.CharField(max_length=100, blank=True)

    def __str__(self) -> str:
        return f"{self.name} (NPI {self.npi})"


class CaseStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    IN_REVIEW = "in_review", "In review"
    PENDED = "pended", "Pended for information"
    REFERRED = "referred", "Referred for second-level review"
    RECOMMENDATION_READY = "recommendation_ready", "Recommendation ready"
    DETERMINED = "determined", "Determined"
    REOPENED = "reopened", "Reopened"
    AMENDED = "amended", "Amended"
    WITHDRAWN = "withdrawn", "Withdrawn by the requester"


# The case state machine: status -> statuses it may move to.
TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStatus.RECEIVED: frozenset(
        {CaseStatus.IN_REVIEW, CaseStatus.PENDED, CaseStatus.REFERRED, CaseStatus.WITHDRAWN}
    ),
    CaseStatus.IN_REVIEW: frozenset(
        {CaseStatus.RECOMMENDATION_READY, CaseStatus.PENDED, CaseStatus.REFERRED, CaseStatus.WITHDRAWN}
    ),
    CaseStatus.RECOMMENDATION_READY: frozenset(
        {CaseStatus.IN_REVIEW, CaseStatus.DETERMINED, CaseStatus.PENDED, CaseStatus.REFERRED, CaseStatus.WITHDRAWN}
    ),
    CaseStatus.PENDED: frozenset({CaseStatus.IN_REVIEW, CaseStatus.WITHDRAWN}),
    # Referred to a second-level reviewer: taking it up returns the case to where it was
    # (in review, or recommendation ready when a recommendation was ready). The due time never moves.
    CaseStatus.REFERRED: frozenset({CaseStatus.IN_REVIEW, CaseStatus.RECOMMENDATION_READY, CaseStatus.WITHDRAWN}),
    CaseStatus.DETERMINED: frozenset({CaseStatus.REOPENED}),
    CaseStatus.REOPENED: frozenset({CaseStatus.IN_REVIEW, CaseStatus.RECOMMENDATION_READY, CaseStatus.AMENDED}),
    CaseStatus.AMENDED: frozenset({CaseStatus.REOPENED}),
    # A request its submitter cancelled before a decision (PAS certificationType 3). Final.
    CaseStatus.WITHDRAWN: frozenset(),
}
OPEN_STATUSES = frozenset(
    {
        CaseStatus.RECEIVED,
        CaseStatus.IN_REVIEW,
        CaseStatus.PENDED,
        CaseStatus.REFERRED,
        CaseStatus.RECOMMENDATION_READY,
        CaseStatus.REOPENED,
    }
)

# CMS-0057-F decision time frames.
DUE_WINDOWS = {Urgency.EXPEDITED: timedelta(hours=72), Urgency.STANDARD: timedelta(days=7)}


class CaseQuerySet(models.QuerySet["Case"]):
    def open(self) -> CaseQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def for_reviewer(self, user: Any) -> CaseQuerySet:
        return self.filter(assigned_reviewer=user)

    def with_queue_data(self) -> CaseQuerySet:
        return self.select_related("member", "provider", "assigned_reviewer", "request").prefetch_related(
            models.Prefetch("diagnoses", queryset=Diagnosis.objects.filter(primary=True), to_attr="primary_dx")
        )


class Case(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=50, unique=True)
    review_type = models.CharField(max_length=20, choices=ReviewType.choices())
    urgency = models.CharField(max_length=20, choices=Urgency.choices())
    received_at = models.DateTimeField()
    due_at = models.DateTimeField(db_index=True)
    status = models.CharField(max_length=30, choices=CaseStatus.choices, default=CaseStatus.RECEIVED, db_index=True)
    assigned_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="assigned_cases"
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="cases")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="cases")

    # Clinical presentation (the `clinical` block of ur-case/1).
    onset = models.CharField(max_length=20, default="unknown")
    onset_date = models.DateField(null=True, blank=True)
    mechanism = models.CharField(max_length=200, null=True, blank=True)
    surgery = models.CharField(max_length=200, null=True, blank=True)
    symptom_duration_months = models.PositiveIntegerField(null=True, blank=True)
    activity_level = models.CharField(max_length=30, null=True, blank=True)
    affected_side = models.CharField(max_length=20, null=True, blank=True)
    irritability = models.CharField(max_length=20, null=True, blank=True)
    red_flags = models.JSONField(default=list, blank=True)
    imaging = models.JSONField(default=list, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["assigned_reviewer", "due_at"])]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args: object, **kwargs: object) -> None:
        if self.received_at and not self.due_at:
            self.due_at = self.compute_due_at()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def compute_due_at(self) -> datetime:
        return self.received_at + DUE_WINDOWS[Urgency(self.urgency)]

    def can_transition_to(self, new_status: str) -> bool:
        return new_status in TRANSITIONS.get(self.status, frozenset())

    def transition_to(self, new_status: str) -> str:
        """Move to `new_status` in memory (the caller saves); returns the old status."""
        if not self.can_transition_to(new_status):
            raise InvalidTransition(f"A case cannot move from '{self.status}' to '{new_status}'.")
        old, self.status = self.status, new_status
        return old

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def line_of_business(self) -> str:
        plan = (self.member.plan or "").lower()
        if "medicare" in plan:
            return "medicare_advantage"
        if "medicaid" in plan:
            return "medicaid"
        return "commercial"


class Diagnosis(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="diagnoses")
    code = models.CharField(max_length=10)
    description = models.CharField(max_length=300, blank=True)
    primary = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(primary=True), name="one_primary_diagnosis_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.description}".strip()


class ServiceRequest(models.Model):
    """What the provider asks for (the `request` block)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="request")
    services = models.JSONField(default=list, help_text="CPT/HCPCS codes in request order")
    visits = models.PositiveIntegerField()
    frequency_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    start_date = models.DateField()
    end_date = models.DateField()
    planned_frequency_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    planned_duration_weeks = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="request_end_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.visits} visits"


class PriorEpisode(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="prior_episodes")
    start_date = models.DateField()
    end_date = models.DateField()
    visits = models.PositiveIntegerField()
    discharge_function_pct = models.PositiveSmallIntegerField(null=True, blank=True)
    discharge_note = models.TextField(null=True, blank=True)
    page = models.PositiveIntegerField(null=True, blank=True)  # the record page that describes it

    class Meta:
        ordering = ["start_date", "id"]


class Visit(models.Model):
    KINDS = ["evaluation", "treatment", "progress_note", "re_evaluation", "discharge"]

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="visits")
    date = models.DateField()
    kind = models.CharField(max_length=20, choices=[(k, k.replace("_", " ")) for k in KINDS])
    services = models.JSONField(default=list, blank=True)
    pain_nprs = models.PositiveSmallIntegerField(null=True, blank=True)
    function_pct = models.PositiveSmallIntegerField(null=True, blank=True)
    side_documented = models.CharField(max_length=20, null=True, blank=True)
    note = models.TextField(null=True, blank=True)
    page = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["date", "id"]


class ClinicalReview(models.Model):
    """The reviewer's structured findings (the `documentation` block). One per case."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="clinical_review")
    functional_deficits = models.JSONField(default=list, blank=True)
    objective_impairments = models.JSONField(default=list, blank=True)
    reported_improvement_pct = models.SmallIntegerField(null=True, blank=True)
    goals_short_term_met = models.PositiveSmallIntegerField(null=True, blank=True)
    goals_short_term_total = models.PositiveSmallIntegerField(null=True, blank=True)
    goals_long_term_met = models.PositiveSmallIntegerField(null=True, blank=True)
    goals_long_term_total = models.PositiveSmallIntegerField(null=True, blank=True)
    participation = models.BooleanField(null=True, blank=True)
    adherence = models.BooleanField(null=True, blank=True)
    outcome_measures = models.JSONField(default=list, blank=True, help_text="[{name, date, score}]")
    strength_measured_objectively = models.BooleanField(null=True, blank=True)
    exercise_parameters_documented = models.BooleanField(null=True, blank=True)
    gap_explanation = models.TextField(null=True, blank=True)
    evidence = models.JSONField(default=list, blank=True, help_text="[{finding, page}]")

    # Fields the import pre-filled and no reviewer has confirmed yet.
    prefilled_fields = models.JSONField(default=list, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Review of {self.case.reference}"


class PendRequest(models.Model):
    """'Request more information': the case waits for the listed items."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="pend_requests")
    items = models.JSONField(default=list)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    # The clock (reviews.pend_clock): the rule applied, the due time before and after, and the date the
    # request for information asks the provider to answer by. Empty on pends made before the workflow.
    clock_rule = models.CharField(max_length=20, blank=True)
    due_before = models.DateTimeField(null=True, blank=True)
    due_after = models.DateTimeField(null=True, blank=True)
    respond_by = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    received_documents = models.JSONField(default=list, blank=True, help_text="ClinicalDocument ids received")

    class Meta:
        ordering = ["-requested_at"]
