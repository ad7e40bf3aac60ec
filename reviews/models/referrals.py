from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from vocabulary import REFERRAL_CREDENTIALS, CredentialKind, ReferralReason

from .cases import Case


class Referral(models.Model):
    """A case sent to a second-level reviewer (a named PT or physician, or the pool of that credential).

    Open until the second-level reviewer takes it up (`taken_at`). The referring reviewer keeps read
    access to the case (reviews.permissions) but no longer works it. The note is internal: it is
    shown to the second-level reviewer and never reaches a letter or the audit summary.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=30, choices=ReferralReason.choices())
    note = models.TextField(blank=True)
    to_credential = models.CharField(
        max_length=30,
        choices=CredentialKind.choices(REFERRAL_CREDENTIALS),
        help_text="The credential the second-level reviewer must hold",
    )
    to_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty: the pool of reviewers holding the credential",
    )
    from_status = models.CharField(max_length=30)
    created_at = models.DateTimeField(auto_now_add=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    taken_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(taken_at__isnull=True), name="one_open_referral_per_case"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.reference} referred ({self.reason})"

    @property
    def is_open(self) -> bool:
        return self.taken_at is None

    @property
    def to_pool(self) -> bool:
        return self.to_reviewer_id is None
