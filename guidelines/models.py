"""Guideline sources and the recommendation statements that findings and letters cite.

A recommendation's `citation_id` (`<source key>/<recommendation key>`, e.g. `acr-oa-2019/manual-therapy`)
is a stable identifier: criteria versions, engine findings and letters reference it, so it never changes.
Statements are written in our own words; `verification` keeps the provenance tag of the fact
(V verified in the source, P partly verified, U unverified).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

KEY_VALIDATOR = RegexValidator(r"^[a-z0-9][a-z0-9-]*$", "Use lowercase letters, digits and hyphens.")
STABLE_CITATION_MESSAGE = (
    "The citation id {citation_id} is cited by criteria and letters and never changes; "
    "add a new recommendation instead of renaming or moving this one."
)


class Verification(models.TextChoices):
    VERIFIED = "V", "V — verified in the source"
    PARTLY = "P", "P — partly verified"
    UNVERIFIED = "U", "U — unverified, check before relying on it"


class Licence(models.TextChoices):
    PUBLIC = "public", "Public"
    LICENSED = "licensed", "Licensed (proprietary)"


class GuidelineSource(models.Model):
    class Kind(models.TextChoices):
        CPG = "cpg", "Clinical practice guideline"
        CONSENSUS = "consensus", "Consensus statement"
        APPROPRIATENESS = "appropriateness", "Appropriateness criteria"
        PAYER_POLICY = "payer_policy", "Payer policy"
        BENCHMARK = "benchmark", "Benchmark"
        STUDY = "study", "Study / measurement paper"

    key = models.SlugField(max_length=60, unique=True, validators=[KEY_VALIDATOR])
    authors = models.CharField(max_length=500, blank=True)
    title = models.CharField(max_length=400)
    publisher = models.CharField(max_length=300, blank=True, help_text="Journal or publishing body, with volume/pages")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    doi = models.CharField(max_length=120, blank=True)
    url = models.URLField(max_length=500, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CPG)
    licence = models.CharField(max_length=10, choices=Licence.choices, default=Licence.PUBLIC)
    verification = models.CharField(max_length=1, choices=Verification.choices, default=Verification.UNVERIFIED)
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.key}: {self.title}"

    @property
    def citation_text(self) -> str:
        """The full reference: authors. title. publisher year. doi / url."""
        parts = [p for p in (self.authors, self.title) if p]
        text = ". ".join(p.rstrip(".") for p in parts) + "."
        venue = " ".join(p for p in (self.publisher, str(self.year) if self.year else "") if p)
        if venue:
            text += f" {venue.rstrip('.')}."
        if self.doi:
            text += f" doi:{self.doi}"
        elif self.url:
            text += f" {self.url}"
        return text.strip()


class Recommendation(models.Model):
    source = models.ForeignKey(GuidelineSource, on_delete=models.PROTECT, related_name="recommendations")
    key = models.SlugField(max_length=80, validators=[KEY_VALIDATOR])
    citation_id = models.CharField(max_length=150, unique=True, editable=False)
    statement = models.TextField(help_text="In our own words; never a quotation of licensed text")
    strength = models.CharField(max_length=120, blank=True, help_text="Strength or grade as the source states it")
    population = models.CharField(max_length=300, blank=True)
    conditions = models.CharField(max_length=300, blank=True, help_text="Related conditions / ICD-10 codes")
    services = models.CharField(max_length=300, blank=True, help_text="Related CPT/HCPCS codes, comma-separated")
    verification = models.CharField(max_length=1, choices=Verification.choices, default=Verification.UNVERIFIED)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["citation_id"]
        constraints = [models.UniqueConstraint(fields=["source", "key"], name="one_recommendation_key_per_source")]

    def __str__(self) -> str:
        return self.citation_id

    def save(self, *args: object, **kwargs: object) -> None:
        citation_id = f"{self.source.key}/{self.key}"
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("citation_id", flat=True).first()
            if stored is not None and stored != citation_id:
                raise ValidationError({"key": STABLE_CITATION_MESSAGE.format(citation_id=stored)})
        self.citation_id = citation_id
        super().save(*args, **kwargs)  # type: ignore[arg-type]
