from __future__ import annotations

from django.conf import settings
from django.db import models

from criteria.engine import result_from_dict
from criteria.engine.types import EngineResult
from vocabulary import DETERMINATION_DECISIONS, Decision

from .cases import Case


class Recommendation(models.Model):
    """A stored engine result. One row per (case, input hash): recomputing the same input reuses it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recommendations")
    input_hash = models.CharField(max_length=64)
    criteria_version = models.ForeignKey(
        "criteria.CriteriaVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="recommendations"
    )
    engine_version = models.CharField(max_length=20)
    decision = models.CharField(max_length=10, choices=Decision.choices())
    requested_visits = models.PositiveIntegerField(default=0)
    approved_visits = models.PositiveIntegerField(default=0)
    result = models.JSONField(help_text="The engine result as JSON (lines, findings, citations)")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["case", "input_hash"], name="one_recommendation_per_input")]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.decision} ({self.input_hash[:8]})"

    @property
    def engine_result(self) -> EngineResult:
        """The stored result, typed: the only reader of `result` (tests/test_result_access.py guards it).

        Read with the engine's own deserialiser; a result stored by an older engine has `figures` None
        (screens then ask to re-run the recommendation). Columns fill in keys a sparse row lacks.
        """
        stored = self.result if isinstance(self.result, dict) else {}
        columns = {
            "decision": self.decision,
            "requested_visits": self.requested_visits,
            "approved_visits": self.approved_visits,
            "criteria_version_id": self.criteria_version_id,
            "engine_version": self.engine_version,
            "input_hash": self.input_hash,
        }
        # Parsed once per instance while the stored dict (the same object) and the columns stay as they are.
        key = (id(stored), tuple(columns.values()))
        cached = self.__dict__.get("_engine_result")
        if cached is not None and cached[0] == key and cached[1] is stored:
            result: EngineResult = cached[2]
            return result
        result = result_from_dict({**columns, **stored})
        self.__dict__["_engine_result"] = (key, stored, result)
        return result


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class RecommendationJob(models.Model):
    """One request to compute a recommendation; its status lives here, not in Redis."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recommendation_jobs")
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True)
    error = models.TextField(blank=True)
    recommendation = models.ForeignKey(Recommendation, null=True, blank=True, on_delete=models.SET_NULL)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class DeterminationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted for signature"
    SIGNED = "signed", "Signed"
    SUPERSEDED = "superseded", "Superseded by an amendment"


class Determination(models.Model):
    """The reviewer's decision: the recommendation accepted, or overridden with a reason."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="determinations")
    recommendation = models.ForeignKey(Recommendation, on_delete=models.PROTECT, related_name="determinations")
    version = models.PositiveSmallIntegerField(default=1)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    decision = models.CharField(max_length=10, choices=Decision.choices(DETERMINATION_DECISIONS))
    approved_visits = models.PositiveIntegerField(default=0)
    lines = models.JSONField(help_text="[{code, descriptor, decision, approved_visits, reason}]")
    overridden = models.BooleanField(default=False)
    override_code = models.CharField(
        max_length=60, blank=True, help_text="The coded override reason (criteria.OverrideReason.code) of the version"
    )
    override_wording = models.TextField(
        blank=True, help_text="What the letter prints for the override: the code's letter wording when decided"
    )
    override_note = models.TextField(blank=True, help_text="The reviewer's internal note; never printed in a letter")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="determinations")
    decided_at = models.DateTimeField()
    status = models.CharField(max_length=12, choices=DeterminationStatus.choices, default=DeterminationStatus.SUBMITTED)

    class Meta:
        ordering = ["-decided_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["case", "version"], name="one_determination_per_version")]

    def __str__(self) -> str:
        return f"{self.case.reference} v{self.version}: {self.decision}"
