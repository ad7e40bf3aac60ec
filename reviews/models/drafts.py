from __future__ import annotations

from django.conf import settings
from django.db import models

from .cases import Case


class ReviewDraft(models.Model):
    """What a reviewer typed into the review form and has not saved yet (autosaved, server-side).

    The raw form fields as typed, so that nothing is lost even when they do not validate yet;
    deleted when the review is saved. One per case and reviewer.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="review_drafts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="one_review_draft_per_user")]

    def __str__(self) -> str:
        return f"Review draft of {self.case.reference}"
