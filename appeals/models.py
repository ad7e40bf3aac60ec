"""Peer-to-peer discussions, appeals (reconsiderations), time-frame extensions and their notices.

Everything here points down at reviews (a case, a determination); reviews never points up here.
An appeal is a case of its own (`Appeal.case`, a copy of the contested case's record) linked to
the determination it contests; it is decided here, not by the prior-authorization decision flow.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from reviews.models.letters import NoticeQuerySet, SignedNotice


class P2PStatus(models.TextChoices):
    OFFERED = "offered", "Call windows offered"
    COMPLETED = "completed", "Discussion held"
    MISSED = "missed", "Missed (no call in any offered window)"


class P2POutcome(models.TextChoices):
    UPHELD = "upheld", "Decision upheld"
    CHANGED = "changed", "Decision to change"


class WindowStatus(models.TextChoices):
    OFFERED = "offered", "Offered"
    HELD = "held", "Call held"
    MISSED = "missed", "Missed"


class PeerToPeer(models.Model):
    """The treating provider asks to discuss a case with the reviewer, before or after the decision."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("reviews.Case", on_delete=models.PROTECT, related_name="peer_to_peers")
    # The determination discussed; null when the provider asked before the case was decided.
    determination = models.ForeignKey(
        "reviews.Determination", null=True, blank=True, on_delete=models.PROTECT, related_name="peer_to_peers"
    )
    provider_contact = models.CharField(max_length=200, help_text="Who will take the call for the treating provider")
    provider_phone = models.CharField(max_length=40)
    peer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="peer_to_peers")
    status = models.CharField(max_length=12, choices=P2PStatus.choices, default=P2PStatus.OFFERED, db_index=True)
    outcome = models.CharField(max_length=10, choices=P2POutcome.choices, blank=True)
    notes = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    call_at = models.DateTimeField(null=True, blank=True, help_text="When the discussion took place")
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="completed") | ~models.Q(outcome=""), name="completed_p2p_has_outcome"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="missed") | models.Q(outcome=""), name="missed_p2p_has_no_outcome"
            ),
        ]

    def __str__(self) -> str:
        return f"Peer-to-peer on {self.case.reference} ({self.status})"

    @property
    def before_determination(self) -> bool:
        return self.determination_id is None

    @property
    def request_to_call_hours(self) -> float | None:
        if self.call_at is None:
            return None
        return round((self.call_at - self.requested_at).total_seconds() / 3600, 1)


class P2PWindow(models.Model):
    """One call window offered to the provider; a window nobody called in is recorded as missed."""

    p2p = models.ForeignKey(PeerToPeer, on_delete=models.CASCADE, related_name="windows")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=WindowStatus.choices, default=WindowStatus.OFFERED)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="p2p_window_ends_after_start"
            )
        ]


class RequesterKind(models.TextChoices):
    MEMBER = "member", "Member"
    REPRESENTATIVE = "representative", "Member's representative"
    PROVIDER = "provider", "Treating provider"


class AppealKind(models.TextChoices):
    PRE_SERVICE = "pre_service", "Pre-service"
    PAYMENT = "payment", "Payment (retrospective)"


class AppealStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    ASSIGNED = "assigned", "Assigned"
    DECIDED = "decided", "Decided"
    FORWARDED_TO_IRE = "forwarded_to_ire", "Forwarded to the independent review entity"


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    OVERTURNED = "overturned", "Overturned"
    PARTLY_OVERTURNED = "partly_overturned", "Partly overturned"


class Appeal(models.Model):
    """A reconsideration of a determination: its own case (record copied, new records allowed)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.OneToOneField("reviews.Case", on_delete=models.PROTECT, related_name="appeal")
    contested = models.ForeignKey("reviews.Determination", on_delete=models.PROTECT, related_name="appeals")
    original_case = models.ForeignKey("reviews.Case", on_delete=models.PROTECT, related_name="appeals_filed")
    requester_kind = models.CharField(max_length=20, choices=RequesterKind.choices)
    requester_name = models.CharField(max_length=200)
    reason = models.TextField(help_text="Why the requester disagrees, in their words")
    kind = models.CharField(max_length=12, choices=AppealKind.choices)
    urgency = models.CharField(max_length=10)  # reviews Urgency values
    line_of_business = models.CharField(max_length=30)
    received_at = models.DateTimeField()
    due_at = models.DateTimeField(db_index=True)
    status = models.CharField(max_length=20, choices=AppealStatus.choices, default=AppealStatus.RECEIVED)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="appeals_assigned"
    )
    outcome = models.CharField(max_length=20, choices=AppealOutcome.choices, blank=True)
    approved_visits = models.PositiveIntegerField(default=0)
    rationale = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # An overturn amends the original case: the new determination (and so its new letter).
    amended_determination = models.OneToOneField(
        "reviews.Determination", null=True, blank=True, on_delete=models.PROTECT, related_name="appeal_amending"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["received", "assigned"]) | ~models.Q(outcome=""),
                name="decided_appeal_has_outcome",
            )
        ]

    def __str__(self) -> str:
        return f"Appeal {self.case.reference} of {self.original_case.reference}"

    @property
    def is_open(self) -> bool:
        return self.status in (AppealStatus.RECEIVED, AppealStatus.ASSIGNED)

    @property
    def favourable(self) -> bool:
        return self.outcome in (AppealOutcome.OVERTURNED, AppealOutcome.PARTLY_OVERTURNED)


class ExtensionReason(models.TextChoices):
    MEMBER_REQUEST = "member_request", "The member asked for more time"
    PLAN_JUSTIFICATION = (
        "plan_justification",
        "The plan needs more information and the delay is in the member's interest",
    )


class Extension(models.Model):
    """A time-frame extension of a case's decision clock (or an appeal's): reason, notice, new due time."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("reviews.Case", on_delete=models.PROTECT, related_name="extensions")
    appeal = models.ForeignKey(Appeal, null=True, blank=True, on_delete=models.PROTECT, related_name="extensions")
    reason_kind = models.CharField(max_length=20, choices=ExtensionReason.choices)
    reason = models.TextField()
    days = models.PositiveSmallIntegerField()
    previous_due_at = models.DateTimeField()
    new_due_at = models.DateTimeField()
    extended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    extended_at = models.DateTimeField()

    class Meta:
        ordering = ["extended_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(new_due_at__gt=models.F("previous_due_at")), name="extension_moves_clock_later"
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="extension_has_reason"),
        ]

    def __str__(self) -> str:
        return f"Extension of {self.case.reference} by {self.days} days"


class NoticeKind(models.TextChoices):
    APPEAL_DECISION = "appeal_decision", "Appeal decision"
    EXTENSION_NOTICE = "extension_notice", "Extension notice"


class NoticeLetterQuerySet(NoticeQuerySet["NoticeLetter"]):
    pass


class NoticeLetter(SignedNotice):
    """A signed appeal-decision letter or extension notice (PDF/A-3b, PAdES). Never changed once stored."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    case = models.ForeignKey("reviews.Case", on_delete=models.PROTECT, related_name="notice_letters")
    appeal = models.OneToOneField(
        Appeal, null=True, blank=True, on_delete=models.PROTECT, related_name="decision_letter"
    )
    extension = models.OneToOneField(Extension, null=True, blank=True, on_delete=models.PROTECT, related_name="notice")
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = NoticeLetterQuerySet.as_manager()

    class Meta:
        ordering = ["signed_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="appeal_decision", appeal__isnull=False, extension__isnull=True))
                | (models.Q(kind="extension_notice", extension__isnull=False, appeal__isnull=True)),
                name="notice_names_its_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.case.reference}"

    @property
    def filename(self) -> str:
        return f"{self.case.reference}-{self.kind.replace('_', '-')}.pdf"


class IREForwarding(models.Model):
    """A Medicare Advantage upheld denial sent to the independent review entity, with its packet (zip)."""

    appeal = models.OneToOneField(Appeal, on_delete=models.PROTECT, related_name="ire_forwarding")
    packet = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    forwarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    forwarded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"IRE packet for {self.appeal}"

    @property
    def filename(self) -> str:
        return f"{self.appeal.case.reference}-ire-packet.zip"
