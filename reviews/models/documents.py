from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from .cases import Case


def document_upload_to(instance: ClinicalDocument, filename: str) -> str:
    # Never a user-supplied path: a random name under the case's opaque id.
    suffix = ".tif" if filename.lower().endswith((".tif", ".tiff")) else ".pdf"
    return f"records/{instance.case.public_id}/{uuid.uuid4().hex}{suffix}"


class ClinicalDocument(models.Model):
    """An uploaded medical record (PDF or TIFF fax). Text is read per page in a task (OCR where needed)."""

    class ExtractionStatus(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=document_upload_to)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    extraction_status = models.CharField(
        max_length=10, choices=ExtractionStatus.choices, default=ExtractionStatus.PENDING
    )
    extraction_error = models.TextField(blank=True)
    pages_done = models.PositiveIntegerField(default=0)  # progress while the pages are read
    # extraction.to_payload() of this document's pages: suggestions, each with its page (in this document)
    suggestions = models.JSONField(default=dict, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class DocumentPage(models.Model):
    document = models.ForeignKey(ClinicalDocument, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    ocr = models.BooleanField(default=False)  # the text came from OCR of a page image

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="one_row_per_page")]


class SuggestionDecision(models.Model):
    """A person's decision on one finding suggested from the record (accepted, edited or rejected).

    Suggestions themselves live in ClinicalDocument.suggestions; nothing reaches the review (and so
    the engine) until a reviewer accepts or edits it here.
    """

    class Status(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        EDITED = "edited", "Accepted with an edit"
        REJECTED = "rejected", "Rejected"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="suggestion_decisions")
    key = models.CharField(max_length=200)  # document public id + source path
    finding = models.CharField(max_length=50)
    page = models.PositiveIntegerField()  # record page
    status = models.CharField(max_length=10, choices=Status.choices)
    value = models.JSONField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "key"], name="one_decision_per_suggestion")]
