from __future__ import annotations

import uuid
from typing import Any, NoReturn, TypeVar

from django.conf import settings
from django.db import models

from .decisions import Determination

_M = TypeVar("_M", bound=models.Model)


class SigningIdentity(models.Model):
    """A reviewer's signing certificate, issued by the app's own CA. The key is encrypted at rest."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signing_identity")
    certificate_pem = models.TextField()
    encrypted_private_key_pem = models.TextField()
    serial_number = models.CharField(max_length=64)
    not_after = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)


class ImmutableLetterError(Exception):
    """Raised on any attempt to change or delete a stored (signed) letter."""


class SignedQuerySet(models.QuerySet[_M]):
    """Signed documents are written once: bulk updates and deletes are refused (letters, notices)."""

    changed_message = "Signed letters cannot be changed; issue an amendment instead."
    deleted_message = "Signed letters cannot be deleted."

    def update(self, **kwargs: Any) -> NoReturn:
        raise ImmutableLetterError(self.changed_message)

    def delete(self) -> NoReturn:
        raise ImmutableLetterError(self.deleted_message)

    def bulk_update(self, objs: Any, fields: Any, batch_size: Any = None) -> NoReturn:
        # Refuse before Django opens its savepoint-less atomic block (an error there poisons the caller's).
        raise ImmutableLetterError(self.changed_message)

    # _raw_delete is what the deletion Collector uses for fast deletes.
    def _raw_delete(self, using: Any) -> NoReturn:
        raise ImmutableLetterError(self.deleted_message)


class NoticeQuerySet(SignedQuerySet[_M]):
    changed_message = "Signed notices cannot be changed."
    deleted_message = "Signed notices cannot be deleted."


class SignedDocument(models.Model):
    """A signed PDF stored once (letters, notices): its bytes, digest and signing time. A row that exists
    in the database is never rewritten or deleted; the queryset refuses bulk changes the same way."""

    changed_message = SignedQuerySet.changed_message
    deleted_message = SignedQuerySet.deleted_message

    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveIntegerField()
    signed_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Only an INSERT is allowed.
        if not self._state.adding:
            raise ImmutableLetterError(self.changed_message)
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ImmutableLetterError(self.deleted_message)


class SignedNotice(SignedDocument):
    """A signed notice (request for information, appeal decision, extension notice)."""

    changed_message = NoticeQuerySet.changed_message
    deleted_message = NoticeQuerySet.deleted_message

    class Meta:
        abstract = True


class LetterQuerySet(SignedQuerySet["Letter"]):
    pass


class Letter(SignedDocument):
    """A signed determination letter. Never changed or deleted once stored.

    An amendment is a new Letter (version + 1) whose `supersedes` points at the previous one.
    """

    class Status(models.TextChoices):
        GENERATED = "generated", "Generated"
        VOIDED = "voided", "Voided"

    determination = models.OneToOneField(Determination, on_delete=models.PROTECT, related_name="letter")
    case = models.ForeignKey("reviews.Case", on_delete=models.PROTECT, related_name="letters")
    version = models.PositiveSmallIntegerField()
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signed_letters")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.GENERATED)
    void_reason = models.TextField(blank=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["case", "version"]
        constraints = [models.UniqueConstraint(fields=["case", "version"], name="one_letter_per_version")]

    def __str__(self) -> str:
        return f"{self.case.reference} letter v{self.version}"

    @property
    def is_superseded(self) -> bool:
        return hasattr(self, "superseded_by")


class InformationRequestQuerySet(NoticeQuerySet["InformationRequestLetter"]):
    pass


class InformationRequestLetter(SignedNotice):
    """The signed request-for-information notice of a pend (to the provider). Never changed once stored.

    It prints only the items requested, the date to answer by and the clock rule: nothing internal.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pend_request = models.OneToOneField("reviews.PendRequest", on_delete=models.PROTECT, related_name="letter")
    case = models.ForeignKey("reviews.Case", on_delete=models.PROTECT, related_name="information_requests")
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["signed_at", "id"]

    def __str__(self) -> str:
        return f"{self.case.reference} request for information {self.signed_at:%Y-%m-%d}"
