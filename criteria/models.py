"""Criteria sets, their versions and everything a version holds.

A published (or retired) version never changes: every model here refuses save()/delete() of rows
that belong to one, their querysets refuse update()/delete()/bulk_create() touching them, and
citation (M2M) changes are refused by an m2m_changed receiver (criteria/signals.py). Editing means
cloning into a new draft (criteria.services.version_clone). The one permitted change to a published
version is closing it when a newer one is published, done only through `_retirement_allowed()`.
A set's name and key are part of its versions' labels, so they are frozen once it has a published or
retired version (CriteriaSet.save() and its queryset refuse the change). Library text that published
versions cite is frozen by guidelines.models in the same way.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models

from guidelines.models import PublishedVersionImmutable  # the one family for published content (re-exported)
from vocabulary import DEFAULT_DENIAL_CREDENTIAL, DENIAL_CREDENTIALS, CredentialKind, Verification

LOCKED_STATUSES = ("published", "retired")

_retiring: contextvars.ContextVar[bool] = contextvars.ContextVar("criteria_retiring", default=False)
# Set while CriteriaSet bulk_update() (which checked each row's actual changes) runs its inner update() calls.
_set_bulk_checked: contextvars.ContextVar[bool] = contextvars.ContextVar("criteria_set_bulk_checked", default=False)


@contextlib.contextmanager
def _retirement_allowed() -> Iterator[None]:
    """Internal: lets version_publish close the previous version (status -> retired, effective_to)."""
    token = _retiring.set(True)
    try:
        yield
    finally:
        _retiring.reset(token)


# ---------------------------------------------------------------- querysets


class CriteriaVersionQuerySet(models.QuerySet["CriteriaVersion"]):
    def update(self, **kwargs: Any) -> int:
        if self.filter(status__in=LOCKED_STATUSES).exists():
            retire_only = set(kwargs) <= {"status", "effective_to"} and kwargs.get("status", "retired") == "retired"
            if not (_retiring.get() and retire_only):
                raise PublishedVersionImmutable("A published criteria version cannot be changed; clone it to a draft.")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(status__in=LOCKED_STATUSES).exists():
            raise PublishedVersionImmutable("A published criteria version cannot be deleted.")
        return super().delete()


class VersionItemQuerySet(models.QuerySet[Any]):
    def _touches_locked(self) -> bool:
        return self.filter(version__status__in=LOCKED_STATUSES).exists()

    def update(self, **kwargs: Any) -> int:
        if self._touches_locked():
            raise PublishedVersionImmutable("Items of a published criteria version cannot be changed.")
        if "version" in kwargs or "version_id" in kwargs:
            target = kwargs.get("version_id", getattr(kwargs.get("version"), "pk", kwargs.get("version")))
            if target is not None and CriteriaVersion.objects.filter(pk=target, status__in=LOCKED_STATUSES).exists():
                raise PublishedVersionImmutable("Items cannot be moved into a published criteria version.")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self._touches_locked():
            raise PublishedVersionImmutable("Items of a published criteria version cannot be deleted.")
        return super().delete()

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[Any]:
        objs = list(objs)
        version_ids = {o.version_id for o in objs}
        if CriteriaVersion.objects.filter(pk__in=version_ids, status__in=LOCKED_STATUSES).exists():
            raise PublishedVersionImmutable("Items cannot be added to a published criteria version.")
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs: Any, *args: Any, **kwargs: Any) -> int:
        objs = list(objs)
        pks = [o.pk for o in objs]
        if self.model.objects.filter(pk__in=pks, version__status__in=LOCKED_STATUSES).exists():
            raise PublishedVersionImmutable("Items of a published criteria version cannot be changed.")
        return super().bulk_update(objs, *args, **kwargs)


SET_LABEL_FIELDS = ("key", "name")
SET_RENAME_MESSAGE = (
    "Criteria set {key} has a published criteria version, whose label includes the set's name, so its {field} "
    "cannot change. Create a new criteria set (new key and name) and publish its versions there instead."
)


class CriteriaSetQuerySet(models.QuerySet["CriteriaSet"]):
    def _locked_ids(self, ids: Any) -> list[int]:
        return sorted(
            CriteriaVersion.objects.filter(criteria_set_id__in=list(ids), status__in=LOCKED_STATUSES)
            .values_list("criteria_set_id", flat=True)
            .distinct()
        )

    def _refuse(self, pk: int, field: str) -> None:
        key = CriteriaSet._base_manager.filter(pk=pk).values_list("key", flat=True).first()
        raise PublishedVersionImmutable(SET_RENAME_MESSAGE.format(key=key, field=field))

    def update(self, **kwargs: Any) -> int:
        fields = [f for f in SET_LABEL_FIELDS if f in kwargs]
        if fields and not _set_bulk_checked.get():
            locked = self._locked_ids(self.values_list("pk", flat=True))
            if locked:
                self._refuse(locked[0], fields[0])
        return super().update(**kwargs)

    def bulk_update(self, objs: Any, fields: Any, *args: Any, **kwargs: Any) -> int:
        objs, fields = list(objs), list(fields)
        written = [f for f in SET_LABEL_FIELDS if f in fields]
        if written:
            stored = {r["pk"]: r for r in CriteriaSet._base_manager.filter(pk__in=[o.pk for o in objs]).values(
                "pk", *written)}  # fmt: skip
            changed = {o.pk: [f for f in written if stored[o.pk][f] != getattr(o, f)] for o in objs if o.pk in stored}
            locked = self._locked_ids(pk for pk, names in changed.items() if names)
            if locked:
                self._refuse(locked[0], changed[locked[0]][0])
        token = _set_bulk_checked.set(True)
        try:
            return super().bulk_update(objs, fields, *args, **kwargs)
        finally:
            _set_bulk_checked.reset(token)


# ---------------------------------------------------------------- set and version


class CriteriaSet(models.Model):
    key = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    objects = CriteriaSetQuerySet.as_manager()

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        fields = [f for f in SET_LABEL_FIELDS if update_fields is None or f in update_fields]
        if self.pk is not None and fields:
            stored = CriteriaSet._base_manager.filter(pk=self.pk).values(*SET_LABEL_FIELDS).first()
            changed = [f for f in fields if stored is not None and stored[f] != getattr(self, f)]
            if stored is not None and changed and self.has_locked_version:
                raise PublishedVersionImmutable(SET_RENAME_MESSAGE.format(key=stored["key"], field=changed[0]))
        super().save(*args, **kwargs)

    @property
    def has_locked_version(self) -> bool:
        """Whether a version of the set is published or retired (its name and key are then frozen)."""
        return self.pk is not None and self.versions.filter(status__in=LOCKED_STATUSES).exists()


class CriteriaVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Retired"

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    effective_from = models.DateField(null=True, blank=True)
    effective_to = models.DateField(null=True, blank=True, help_text="Inclusive; empty = open-ended")
    change_summary = models.TextField(blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    cloned_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="clones")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Decision-policy parameters (names as criteria.engine.types.PolicyParams).
    episode_gap_days = models.PositiveIntegerField(default=60, validators=[MinValueValidator(1)])
    lookback_months = models.PositiveIntegerField(default=12, validators=[MinValueValidator(1)])
    alternative_dx_months = models.PositiveIntegerField(default=3, validators=[MinValueValidator(1)])
    older_adult_age = models.PositiveIntegerField(default=50, validators=[MinValueValidator(1)])
    plan_advisory_ratio = models.FloatField(default=1.0, validators=[MinValueValidator(0.1)])
    denial_credential = models.CharField(
        max_length=20, choices=CredentialKind.choices(DENIAL_CREDENTIALS), default=DEFAULT_DENIAL_CREDENTIAL.value
    )

    objects = CriteriaVersionQuerySet.as_manager()

    class Meta:
        ordering = ["criteria_set__key", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "number"], name="one_criteria_version_number_per_set"),
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True)
                | models.Q(effective_from__isnull=True)
                | models.Q(effective_to__gte=models.F("effective_from")),
                name="criteria_version_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criteria_set.name} v{self.number} ({self.get_status_display().lower()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._stored_status() in LOCKED_STATUSES:
            raise PublishedVersionImmutable(
                f"Criteria version {self.pk} is {self._stored_status()}; clone it to a draft."
            )
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self._stored_status() in LOCKED_STATUSES:
            raise PublishedVersionImmutable(f"Criteria version {self.pk} is published and cannot be deleted.")
        return super().delete(*args, **kwargs)

    @property
    def is_locked(self) -> bool:
        return self.status in LOCKED_STATUSES

    @property
    def label(self) -> str:
        eff = f" (effective {self.effective_from.isoformat()})" if self.effective_from else " (draft)"
        return f"{self.criteria_set.name} v{self.number}{eff}"

    def _stored_status(self) -> str | None:
        if self.pk is None:
            return None
        return type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()


# ---------------------------------------------------------------- version items


class VersionItem(models.Model):
    """Base for everything a version holds: refuses writes when its version is published or retired."""

    version = models.ForeignKey(CriteriaVersion, on_delete=models.CASCADE, related_name="+")

    objects = VersionItemQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._check_writable()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self._check_writable()
        return super().delete(*args, **kwargs)

    def _check_writable(self) -> None:
        version_ids = {self.version_id}
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("version_id", flat=True).first()
            if stored is not None:
                version_ids.add(stored)
        if CriteriaVersion.objects.filter(pk__in=version_ids, status__in=LOCKED_STATUSES).exists():
            raise PublishedVersionImmutable("This item belongs to a published criteria version; clone it to a draft.")


SCOPE_VALIDATOR = RegexValidator(
    r"^\s*[A-Z][0-9A-Z.]*\*?(\s*[, ]\s*[A-Z][0-9A-Z.]*\*?)*\s*$",
    "ICD-10 codes or prefixes ending in *, separated by commas (e.g. M25.55*, M16.1).",
)


class ServiceItem(VersionItem):
    class Status(models.TextChoices):
        ESTABLISHED = "established", "Established"
        EXPERIMENTAL = "experimental_investigational", "Experimental / investigational"
        NOT_COVERED = "not_covered", "Not covered"

    version = models.ForeignKey(CriteriaVersion, on_delete=models.CASCADE, related_name="services")
    code = models.CharField(max_length=10)
    descriptor = models.CharField(max_length=300, help_text="In our own words (CPT descriptors are AMA copyright)")
    plain_words = models.CharField(
        max_length=120,
        blank=True,
        help_text="What the member reads instead of the code, e.g. 'exercise therapy' (no codes or acronyms)",
    )
    timed = models.BooleanField(default=True, help_text="Billed per 15 minutes")
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.ESTABLISHED)
    notes = models.TextField(blank=True)
    citations = models.ManyToManyField("guidelines.Recommendation", blank=True, related_name="+")

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="one_service_code_per_version")]

    def __str__(self) -> str:
        return self.code


class VisitBenchmark(VersionItem):
    version = models.ForeignKey(CriteriaVersion, on_delete=models.CASCADE, related_name="benchmarks")
    key = models.SlugField(max_length=60, help_text="Stable key within the version, e.g. hip-pain")
    label = models.CharField(max_length=200)
    icd_scope = models.CharField(max_length=300, validators=[SCOPE_VALIDATOR])
    visits = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    percentile = models.PositiveSmallIntegerField(null=True, blank=True)
    period_days = models.PositiveIntegerField(null=True, blank=True)
    source = models.CharField(max_length=200)
    licence = models.CharField(
        max_length=10, choices=[("public", "Public"), ("licensed", "Licensed")], default="public"
    )
    verification = models.CharField(max_length=1, choices=Verification.choices(), default=Verification.UNVERIFIED.value)
    notes = models.TextField(blank=True)
    citations = models.ManyToManyField("guidelines.Recommendation", blank=True, related_name="+")

    class Meta:
        ordering = ["key"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="one_benchmark_key_per_version")]

    def __str__(self) -> str:
        return f"{self.label} ({self.icd_scope}): {self.visits}"

    @property
    def scope_list(self) -> tuple[str, ...]:
        return tuple(p for p in self.icd_scope.replace(",", " ").split() if p)


class RedFlag(VersionItem):
    version = models.ForeignKey(CriteriaVersion, on_delete=models.CASCADE, related_name="red_flags")
    key = models.SlugField(max_length=60)
    label = models.CharField(max_length=200)
    indicators = models.TextField(blank=True)
    verification = models.CharField(max_length=1, choices=Verification.choices(), default=Verification.UNVERIFIED.value)
    citations = models.ManyToManyField("guidelines.Recommendation", blank=True, related_name="+")

    class Meta:
        ordering = ["key"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="one_red_flag_key_per_version")]

    def __str__(self) -> str:
        return self.key


class OutcomeMeasure(VersionItem):
    version = models.ForeignKey(CriteriaVersion, on_delete=models.CASCADE, related_name="outcome_measures")
    name = models.CharField(max_length=40, help_text="Canonical short name, e.g. HOOS")
    full_name = models.CharField(max_length=200)
    aliases = models.CharField(max_length=300, blank=True, help_text="Comma-separated, matched case-insensitively")
    scale = models.CharField(max_length=200, blank=True)
    mcid = models.FloatField(validators=[MinValueValidator(0)])
    higher_is_better = models.BooleanField(default=True)
    verification = models.CharField(max_length=1, choices=Verification.choices(), default=Verification.UNVERIFIED.value)
    notes = models.TextField(blank=True)
    citations = models.ManyToManyField("guidelines.Recommendation", blank=True, related_name="+")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["version", "name"], name="one_measure_name_per_version")]

    def __str__(self) -> str:
        return self.name

    @property
    def alias_list(self) -> tuple[str, ...]:
        return tuple(a.strip() for a in self.aliases.split(",") if a.strip())


class DocumentationRequirement(VersionItem):
    version = models.ForeignKey(CriteriaVersion, on_delete=models.CASCADE, related_name="documentation_requirements")
    key = models.SlugField(max_length=60)
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)
    citations = models.ManyToManyField("guidelines.Recommendation", blank=True, related_name="+")

    class Meta:
        ordering = ["order", "key"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="one_doc_requirement_key_per_version")]

    def __str__(self) -> str:
        return self.key


class RuleCitation(VersionItem):
    """The citations a finding of `rule_id` carries by default under this version."""

    version = models.ForeignKey(CriteriaVersion, on_delete=models.CASCADE, related_name="rule_citations")
    rule_id = models.CharField(
        max_length=80, validators=[RegexValidator(r"^[a-z_]+\.[a-z_]+$", "e.g. visits.benchmark_exceeded")]
    )
    citations = models.ManyToManyField("guidelines.Recommendation", blank=True, related_name="+")

    class Meta:
        ordering = ["rule_id"]
        constraints = [models.UniqueConstraint(fields=["version", "rule_id"], name="one_rule_citation_per_version")]

    def __str__(self) -> str:
        return self.rule_id


DECISIONS_VALIDATOR = RegexValidator(
    r"^\s*(approve|partial|deny)(\s*,\s*(approve|partial|deny))*\s*$",
    "One or more of approve, partial, deny, separated by commas.",
)


class OverrideReason(VersionItem):
    """A coded reason a reviewer may give for overriding the engine's recommendation under this version.

    The reviewer picks the code; the letter prints `letter_wording` (plain words a member reads), never
    anything the reviewer typed. Published with the version and copied by clone like every item.
    """

    version = models.ForeignKey(CriteriaVersion, on_delete=models.CASCADE, related_name="override_reasons")
    code = models.SlugField(max_length=60, help_text="Stable code within the version, e.g. home-program-sufficient")
    label = models.CharField(max_length=200, help_text="What the reviewer picks from the list")
    letter_wording = models.TextField(
        help_text="The sentence the letter prints, in plain words for the member (no codes or internal terms)"
    )
    decisions = models.CharField(
        max_length=40,
        validators=[DECISIONS_VALIDATOR],
        default="approve, partial, deny",
        help_text="The decisions this reason may explain: approve, partial, deny (comma-separated)",
    )
    order = models.PositiveSmallIntegerField(default=0)
    citations = models.ManyToManyField("guidelines.Recommendation", blank=True, related_name="+")

    class Meta:
        ordering = ["order", "code"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="one_override_code_per_version")]

    def __str__(self) -> str:
        return f"{self.code}: {self.label}"

    @property
    def decision_list(self) -> tuple[str, ...]:
        return tuple(d.strip() for d in self.decisions.split(",") if d.strip())


ITEM_MODELS: tuple[type[VersionItem], ...] = (
    ServiceItem,
    VisitBenchmark,
    RedFlag,
    OutcomeMeasure,
    DocumentationRequirement,
    RuleCitation,
    OverrideReason,
)
