"""PAS (Da Vinci Prior Authorization Support) records: client systems, submissions, ClaimResponse
history, subscriptions and their notification deliveries."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class PasClient(models.Model):
    """A registered provider system. Its OAuth2 application (client credentials) and its service user
    (the actor of what it submits) are created with it by `pas_client_create` / the admin."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, unique=True)
    npi = models.CharField(max_length=10, blank=True, help_text="Organization NPI of the submitting system")
    tin = models.CharField(max_length=20, blank=True, help_text="Tax identification number")
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    active = models.BooleanField(default=True, help_text="Inactive clients get 401 on every request")
    application = models.OneToOneField(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL, on_delete=models.PROTECT, related_name="pas_client"
    )
    service_user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pas_client")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SubmissionStatus(models.TextChoices):
    PENDED = "pended", "Pended for review"
    DECIDED = "decided", "Decided"
    CANCELLED = "cancelled", "Cancelled by the submitter"


class PasSubmission(models.Model):
    """One PAS Claim (by its identifier, per client) and the case it created. Updates point at the
    submission they amend and share its case."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(PasClient, on_delete=models.PROTECT, related_name="submissions")
    claim_system = models.CharField(max_length=200)
    claim_value = models.CharField(max_length=200)
    bundle_identifier = models.CharField(max_length=200, blank=True)
    case = models.ForeignKey("reviews.Case", on_delete=models.PROTECT, related_name="pas_submissions")
    amends = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="amendments")
    kind = models.CharField(max_length=10, default="submit")  # submit | update | cancel
    request_bundle = models.JSONField(help_text="The request Bundle as received (without inline attachment data)")
    items = models.JSONField(default=list, help_text="[{sequence, code, system, quantity, start, end, cancelled}]")
    refs = models.JSONField(default=dict, help_text="fullUrls of claim, patient, insurer, provider; claim type")
    received_at = models.DateTimeField()
    intake_gaps = models.JSONField(
        default=list, blank=True, help_text="[{expression, message}]: what the request lacked, for the reviewer"
    )
    content_digest = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 of what UR Desk took from the request (duplicate detection)"
    )

    class Meta:
        ordering = ["received_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "claim_system", "claim_value"], name="one_submission_per_claim_id"
            )
        ]

    def __str__(self) -> str:
        return f"{self.client}: {self.claim_value}"


class ClaimResponseRecord(models.Model):
    """One version of a case's ClaimResponse (history rows: pended, then final, amended, cancelled).
    Written once; a new state is a new row."""

    class Kind(models.TextChoices):
        PENDED = "pended", "Pended (A4)"
        INFO_REQUESTED = "info_requested", "Pended for information (A4)"
        FINAL = "final", "Final decision"
        CANCELLED = "cancelled", "Cancelled"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    submission = models.ForeignKey(PasSubmission, on_delete=models.PROTECT, related_name="responses")
    case = models.ForeignKey("reviews.Case", on_delete=models.PROTECT, related_name="claim_responses")
    version = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    outcome_codes = models.CharField(max_length=100, help_text="Review action per item, e.g. 'A1,A1,A6'")
    determination = models.ForeignKey(
        "reviews.Determination", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    letter = models.ForeignKey("reviews.Letter", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    bundle = models.JSONField(help_text="The PAS response Bundle (ClaimResponse first)")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "version"]
        constraints = [models.UniqueConstraint(fields=["case", "version"], name="one_claim_response_per_version")]

    def __str__(self) -> str:
        return f"{self.case} ClaimResponse v{self.version} ({self.kind})"


class PasSubscription(models.Model):
    """An R4 backport topic-based Subscription (rest-hook, full-resource) of one client."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "requested"
        ACTIVE = "active", "active"
        ERROR = "error", "error"
        OFF = "off", "off"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(PasClient, on_delete=models.PROTECT, related_name="subscriptions")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    endpoint = models.URLField(max_length=500)
    headers = models.JSONField(default=list, blank=True, help_text="channel.header values sent with each notification")
    filter_org = models.CharField(max_length=200, blank=True)
    resource = models.JSONField(help_text="The Subscription as created (status kept in `status`)")
    events_since_start = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.client}: {self.endpoint}"


class NotificationDelivery(models.Model):
    """One rest-hook notification of a ClaimResponse version to one subscription."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed (retries exhausted)"

    subscription = models.ForeignKey(PasSubscription, on_delete=models.PROTECT, related_name="deliveries")
    response = models.ForeignKey(ClaimResponseRecord, on_delete=models.PROTECT, related_name="deliveries")
    event_number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # When the retry after a failed attempt is due (its task's countdown). A pending delivery whose
    # retry is overdue by the sweeper's grace period lost its message (Redis restarted empty, a
    # flushed queue) and is sent again by the sweeper.
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["subscription", "response"], name="one_delivery_per_response")]
