from __future__ import annotations

from django.conf import settings
from django.db import models

from .decisions import Determination


class SigningIdentity(models.Model):
    """A reviewer's signing certificate, issued by the app's own CA. The key is encrypted at rest."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signing_identity")
    certificate_pem = models.TextField()
    encrypted_private_key_pem = models.TextField()
    serial_number = models.CharField(max_length=64)
    not_after = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)


class Letter(models.Model):
    """A signed determination letter. Never changed or deleted once stored."""

    class Status(models.TextChoices):
        GENERATED = "generated", "Generated"
        VOIDED = "voided", "Voided"

    determination = models.OneToOneField(Determination, on_delete=models.PROTECT, related_name="letter")
    case = models.ForeignKey("reviews.Case", on_delete=models.PROTECT, related_name="letters")
    version = models.PositiveSmallIntegerField()
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveIntegerField()
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signed_letters")
    signed_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.GENERATED)
    void_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "version"]
        constraints = [models.UniqueConstraint(fields=["case", "version"], name="one_letter_per_version")]

    def __str__(self) -> str:
        return f"{self.case.reference} letter v{self.version}"
