"""Guideline sources and the recommendation statements that findings and letters cite.

A recommendation's `citation_id` (`<source key>/<recommendation key>`, e.g. `acr-oa-2019/manual-therapy`)
is a stable identifier: criteria versions, engine findings and letters reference it, so it never changes.
Statements are written in our own words; `verification` keeps the provenance tag of the fact
(V verified in the source, P partly verified, U unverified).

Published criteria never change in place, and a published version's snapshot, criteria book and letters
read library text: so once a published or retired version cites a recommendation, the fields they read
(CITED_RECOMMENDATION_FIELDS, and CITED_SOURCE_FIELDS of its source) are refused by save(), update()
and bulk_update(). Fields nothing published reads stay editable.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from vocabulary import Verification

from .applicability import Applicability, split_list

KEY_VALIDATOR = RegexValidator(r"^[a-z0-9][a-z0-9-]*$", "Use lowercase letters, digits and hyphens.")
STABLE_CITATION_MESSAGE = (
    "The citation id {citation_id} is cited by criteria and letters and never changes; "
    "add a new recommendation instead of renaming or moving this one."
)


# What criteria.snapshot (CitationRef), reviews.letters.content, reviews.views.recommendation and the
# criteria book (templates/criteria/_citations.html) read of a cited recommendation and of its source.
CITED_RECOMMENDATION_FIELDS = ("source", "key", "citation_id", "statement", "strength", "verification")
CITED_SOURCE_FIELDS = ("key", "authors", "title", "publisher", "year", "doi", "url", "licence")
CITED_RECOMMENDATION_MESSAGE = (
    "Recommendation {citation_id} is cited by a published criteria version, so its {field} cannot change. "
    "Add a new recommendation with a new key instead and cite it from a new draft criteria version."
)
CITED_SOURCE_MESSAGE = (
    "Guideline source {key} has recommendations cited by a published criteria version, so its {field} cannot "
    "change. Add a new recommendation with a new key (under a new source if the reference itself changes) "
    "instead and cite it from a new draft criteria version."
)
CITED_HELP = (
    "Cited by a published criteria version: read-only. To change it, add a new recommendation with a new key "
    "and cite it from a new draft criteria version."
)


class PublishedVersionImmutable(Exception):
    """Raised on any attempt to change a published or retired criteria version, its contents, or the library
    text it cites. The one exception family for published content; criteria.models re-exports it (the library
    sits below criteria, so the family is defined here)."""


class CitedByPublishedCriteria(PublishedVersionImmutable):
    """Raised on a change to library text that a published or retired criteria version cites."""


# Who cites the library is known only above it: criteria registers its lookups in CriteriaConfig.ready(),
# so guidelines imports nothing from criteria. A lookup returns those of the given ids that published
# or retired criteria cite.
CitationLookup = Callable[[list[int]], set[int]]
_source_lookups: list[CitationLookup] = []
_recommendation_lookups: list[CitationLookup] = []


def register_citation_lookups(*, sources: CitationLookup, recommendations: CitationLookup) -> None:
    """Register an app that cites the library (idempotent: ready() may run twice)."""
    if sources not in _source_lookups:
        _source_lookups.append(sources)
    if recommendations not in _recommendation_lookups:
        _recommendation_lookups.append(recommendations)


def _attnames(model: type[models.Model], fields: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in fields:
        field = model._meta.get_field(name)
        assert isinstance(field, models.Field), name  # concrete fields only
        out[name] = field.attname
    return out


def _changed(obj: models.Model, stored: dict[str, Any], fields: dict[str, str]) -> list[str]:
    return [name for name, attname in fields.items() if stored[attname] != getattr(obj, attname)]


def _written(fields: dict[str, str], update_fields: Iterable[str] | None) -> dict[str, str]:
    if update_fields is None:
        return fields
    names = set(update_fields)
    return {f: a for f, a in fields.items() if f in names or a in names}


def cited_source_ids(source_ids: Iterable[int]) -> set[int]:
    """Those of `source_ids` with a recommendation a published or retired criteria version cites."""
    ids = list(source_ids)
    return set().union(*(lookup(ids) for lookup in _source_lookups))


def cited_recommendation_ids(recommendation_ids: Iterable[int]) -> set[int]:
    """Those of `recommendation_ids` that a published or retired criteria version cites."""
    ids = list(recommendation_ids)
    return set().union(*(lookup(ids) for lookup in _recommendation_lookups))


# Set while bulk_update() (which checked each row's actual changes itself) runs its inner update() calls.
_bulk_checked: contextvars.ContextVar[bool] = contextvars.ContextVar("guidelines_bulk_checked", default=False)


class CitedTextQuerySet(models.QuerySet[Any]):
    """Refuses update()/bulk_update() of the cited-text fields of rows a published criteria version cites."""

    locked_fields: tuple[str, ...] = ()

    def _cited_pks(self, pks: Iterable[int]) -> set[int]:
        raise NotImplementedError

    def _refusal(self, pk: int, field: str) -> str:
        raise NotImplementedError

    def update(self, **kwargs: Any) -> int:
        locked = list(_written(_attnames(self.model, self.locked_fields), kwargs))
        if locked and not _bulk_checked.get():
            cited = self._cited_pks(self.values_list("pk", flat=True))
            if cited:
                raise CitedByPublishedCriteria(self._refusal(min(cited), locked[0]))
        return super().update(**kwargs)

    def bulk_update(self, objs: Iterable[Any], fields: Iterable[str], *args: Any, **kwargs: Any) -> int:
        objs, fields = list(objs), list(fields)
        written = _written(_attnames(self.model, self.locked_fields), fields)
        if written:
            rows = self.model._base_manager.filter(pk__in=[o.pk for o in objs]).values("pk", *written.values())
            stored = {r["pk"]: r for r in rows}
            changed = {o.pk: names for o in objs if o.pk in stored and (names := _changed(o, stored[o.pk], written))}
            cited = self._cited_pks(changed) if changed else set()
            if cited:
                pk = min(cited)
                raise CitedByPublishedCriteria(self._refusal(pk, changed[pk][0]))
        token = _bulk_checked.set(True)
        try:
            return super().bulk_update(objs, fields, *args, **kwargs)
        finally:
            _bulk_checked.reset(token)


class GuidelineSourceQuerySet(CitedTextQuerySet):
    locked_fields = CITED_SOURCE_FIELDS

    def _cited_pks(self, pks: Iterable[int]) -> set[int]:
        return cited_source_ids(pks)

    def _refusal(self, pk: int, field: str) -> str:
        key = self.model._base_manager.filter(pk=pk).values_list("key", flat=True).first()
        return CITED_SOURCE_MESSAGE.format(key=key, field=field)


class RecommendationQuerySet(CitedTextQuerySet):
    locked_fields = CITED_RECOMMENDATION_FIELDS

    def _cited_pks(self, pks: Iterable[int]) -> set[int]:
        return cited_recommendation_ids(pks)

    def _refusal(self, pk: int, field: str) -> str:
        citation_id = self.model._base_manager.filter(pk=pk).values_list("citation_id", flat=True).first()
        return CITED_RECOMMENDATION_MESSAGE.format(citation_id=citation_id, field=field)


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
    verification = models.CharField(max_length=1, choices=Verification.choices(), default=Verification.UNVERIFIED.value)
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GuidelineSourceQuerySet.as_manager()

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.key}: {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            fields = _written(_attnames(type(self), CITED_SOURCE_FIELDS), kwargs.get("update_fields"))
            stored = type(self)._base_manager.filter(pk=self.pk).values(*{"key", *fields.values()}).first()
            changed = _changed(self, stored, fields) if stored is not None else []
            if stored is not None and changed and self.is_cited_by_locked_version:
                raise CitedByPublishedCriteria(CITED_SOURCE_MESSAGE.format(key=stored["key"], field=changed[0]))
        super().save(*args, **kwargs)

    @property
    def citation_text(self) -> str:
        """The full reference: authors. title. publisher year. doi / url."""
        parts = [p for p in (self.authors, self.title) if p]
        text = ". ".join(p.rstrip(".") for p in parts) + "."
        # No doubled year: "Br J Sports Med 2020;54(9):504-511" already carries it.
        year = str(self.year) if self.year and str(self.year) not in self.publisher else ""
        venue = " ".join(p for p in (self.publisher, year) if p)
        if venue:
            text += f" {venue.rstrip('.')}."
        if self.doi:
            text += f" doi:{self.doi}"
        elif self.url:
            text += f" {self.url}"
        return text.strip()

    @property
    def is_cited_by_locked_version(self) -> bool:
        """Whether a published or retired criteria version cites one of its recommendations."""
        return self.pk is not None and bool(cited_source_ids([self.pk]))


class Recommendation(models.Model):
    source = models.ForeignKey(GuidelineSource, on_delete=models.PROTECT, related_name="recommendations")
    key = models.SlugField(max_length=80, validators=[KEY_VALIDATOR])
    citation_id = models.CharField(max_length=150, unique=True, editable=False)
    statement = models.TextField(help_text="In our own words; never a quotation of licensed text")
    strength = models.CharField(max_length=120, blank=True, help_text="Strength or grade as the source states it")
    population = models.CharField(max_length=300, blank=True)
    conditions = models.CharField(max_length=300, blank=True, help_text="Related conditions / ICD-10 codes")
    services = models.CharField(max_length=300, blank=True, help_text="Related CPT/HCPCS codes, comma-separated")
    verification = models.CharField(max_length=1, choices=Verification.choices(), default=Verification.UNVERIFIED.value)
    # Machine-readable applicability (guidelines.applicability): letters cite a recommendation only
    # for a patient it applies to. Empty lists mean "any".
    body_regions = models.CharField(
        max_length=120,
        blank=True,
        validators=[
            RegexValidator(
                r"^\s*(?:(?:hip|knee|lumbar|cervical|shoulder|ankle_foot|lower_limb|any)\s*(?:,\s*|$))*$",
                "Comma-separated: hip, knee, lumbar, cervical, shoulder, ankle_foot, lower_limb or any.",
            )
        ],
        help_text="Comma-separated body regions (hip, knee, lumbar, cervical, shoulder, ankle_foot, lower_limb, any)",
    )
    age_min = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Youngest age it applies to")
    age_max = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Oldest age it applies to")
    populations = models.CharField(
        max_length=120,
        blank=True,
        validators=[
            RegexValidator(
                r"^\s*(?:(?:oa|non_arthritic|post_operative|traumatic)\s*(?:,\s*|$))*$",
                "Comma-separated: oa, non_arthritic, post_operative or traumatic.",
            )
        ],
        help_text="Comma-separated populations (oa, non_arthritic, post_operative, traumatic); empty = any",
    )
    lines_of_business = models.CharField(
        max_length=120,
        blank=True,
        validators=[
            RegexValidator(
                r"^\s*(?:(?:medicare_advantage|commercial|medicaid)\s*(?:,\s*|$))*$",
                "Comma-separated: medicare_advantage, commercial or medicaid.",
            )
        ],
        help_text="Comma-separated lines of business it may be cited for; empty = any",
    )
    stance = models.CharField(
        max_length=10,
        choices=[("supports", "Supports"), ("against", "Against"), ("neutral", "Neutral")],
        default="neutral",
        help_text="Toward the services it names: supports, recommends against, or neutral (a rule or measure)",
    )
    pinpoint = models.CharField(
        max_length=60, blank=True, help_text="Section within the source, e.g. §220.2 or Table 1 C4"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["citation_id"]
        constraints = [models.UniqueConstraint(fields=["source", "key"], name="one_recommendation_key_per_source")]

    def __str__(self) -> str:
        return self.citation_id

    def save(self, *args: Any, **kwargs: Any) -> None:
        citation_id = f"{self.source.key}/{self.key}"
        if self.pk is not None:
            text_fields = _attnames(type(self), ("statement", "strength", "verification"))
            fields = _written(text_fields, kwargs.get("update_fields"))
            stored = type(self)._base_manager.filter(pk=self.pk).values("citation_id", *fields.values()).first()
            if stored is not None and stored["citation_id"] != citation_id:
                raise ValidationError({"key": STABLE_CITATION_MESSAGE.format(citation_id=stored["citation_id"])})
            changed = _changed(self, stored, fields) if stored is not None else []
            if stored is not None and changed and self.is_cited_by_locked_version:
                raise CitedByPublishedCriteria(
                    CITED_RECOMMENDATION_MESSAGE.format(citation_id=stored["citation_id"], field=changed[0])
                )
        self.citation_id = citation_id
        super().save(*args, **kwargs)

    @property
    def is_cited_by_locked_version(self) -> bool:
        """Whether a published or retired criteria version cites this recommendation."""
        return self.pk is not None and bool(cited_recommendation_ids([self.pk]))

    @property
    def applicability(self) -> Applicability:
        return Applicability(
            body_regions=split_list(self.body_regions),
            age_min=self.age_min,
            age_max=self.age_max,
            populations=split_list(self.populations),
            lines_of_business=split_list(self.lines_of_business),
            stance=self.stance,
        )
