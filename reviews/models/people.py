from __future__ import annotations

from django.conf import settings
from django.db import models

from vocabulary import CREDENTIAL_SATISFIES, CredentialKind


class ReviewerProfile(models.Model):
    """A reviewer's professional identity: printed on letters and checked before a denial."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile")
    display_name = models.CharField(max_length=200)
    credentials = models.CharField(max_length=100, help_text="As printed after the name, e.g. 'PT, DPT'")
    credential_kind = models.CharField(
        max_length=30, choices=CredentialKind.choices(), default=CredentialKind.NONE.value
    )
    specialty = models.CharField(max_length=200, blank=True)
    license_number = models.CharField(max_length=50, blank=True)
    npi = models.CharField(max_length=10, blank=True, help_text="The reviewer's NPI (sent in PAS ClaimResponses)")
    phone = models.CharField(max_length=40, blank=True, help_text="Direct line for peer-to-peer discussion")
    email = models.EmailField(blank=True)

    def __str__(self) -> str:
        return f"{self.display_name}, {self.credentials}"

    def can_sign_denial(self, required: str) -> bool:
        return self.credential_kind in CREDENTIAL_SATISFIES.get(required, {required})
