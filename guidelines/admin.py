from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.functional import cached_property

from audit.services import record_event

from .models import (
    CITED_HELP,
    CITED_SOURCE_FIELDS,
    STABLE_CITATION_MESSAGE,
    GuidelineSource,
    Recommendation,
    cited_recommendation_ids,
)

CITED_MESSAGE = "{citation_id} is cited by a published criteria version and cannot be deleted."
# The recommendation fields a published version reads that an admin form offers (key and source: the form
# refuses changing them for every saved recommendation, with STABLE_CITATION_MESSAGE).
CITED_TEXT_FIELDS = ("statement", "strength", "verification")
CITED_SOURCE_HELP = (
    "A published criteria version cites recommendations of this source, so the fields that make up its citation "
    "are read-only. To change them, add a new recommendation with a new key (under a new source if the reference "
    "itself changes) and cite it from a new draft criteria version."
)


def _cited(obj: Recommendation | GuidelineSource | None) -> bool:
    """obj.is_cited_by_locked_version, computed once per object (the admin asks several times a request)."""
    if obj is None or obj.pk is None:
        return False
    if not hasattr(obj, "_cited_by_locked_version"):
        obj._cited_by_locked_version = obj.is_cited_by_locked_version  # type: ignore[union-attr]
    return bool(obj._cited_by_locked_version)  # type: ignore[union-attr]


class RecommendationForm(forms.ModelForm):
    """Refuses renaming or moving a saved recommendation: its citation id is a stable identifier.

    No Meta: the admin builds it from the ModelAdmin's / inline's own `fields`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "stance" in self.fields:
            self.fields["stance"].required = False  # left empty: neutral

    def clean_stance(self) -> str:
        return str(self.cleaned_data.get("stance") or "neutral")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.pk is not None:
            for field in ("key", "source"):
                if field in self.fields and field in self.changed_data:
                    self.add_error(field, STABLE_CITATION_MESSAGE.format(citation_id=self.instance.citation_id))
        return cleaned


class RecommendationFormSet(BaseInlineFormSet):
    """Refuses deleting a recommendation that a published criteria version cites (a clear error, not a 500),
    and shows the fields such a recommendation must keep as disabled (read-only) inputs."""

    @cached_property
    def _cited_ids(self) -> set[int]:
        if self.instance.pk is None:
            return set()
        return cited_recommendation_ids(self.get_queryset().values_list("pk", flat=True))

    def _construct_form(self, i: int, **kwargs: Any) -> forms.Form:
        form = super()._construct_form(i, **kwargs)  # type: ignore[misc]  # Django's (private) formset hook
        if form.instance.pk is not None and form.instance.pk in self._cited_ids:
            for name in CITED_TEXT_FIELDS:
                if name in form.fields:
                    form.fields[name].disabled = True  # posted values are ignored; the stored value is kept
                    form.fields[name].help_text = CITED_HELP
        return form

    def clean(self) -> None:
        super().clean()
        for f in self.forms:
            if self._should_delete_form(f) and f.instance.pk and f.instance.is_cited_by_locked_version:  # type: ignore[attr-defined]
                raise ValidationError(CITED_MESSAGE.format(citation_id=f.instance.citation_id))


def _record_recommendation_deleted(request: HttpRequest, pk: int, citation_id: str) -> None:
    record_event(
        "guidelines.recommendation_deleted",
        actor=request.user,
        object_type=Recommendation._meta.label_lower,
        object_id=str(pk),
        summary={"citation_id": citation_id},
    )


class RecommendationInline(admin.StackedInline):
    model = Recommendation
    form = RecommendationForm
    formset = RecommendationFormSet
    extra = 0
    fields = (
        ("key", "citation_id"),
        "statement",
        ("strength", "verification"),
        "population",
        ("conditions", "services"),
        ("body_regions", "populations"),
        ("age_min", "age_max", "lines_of_business"),
        ("stance", "pinpoint"),
    )
    readonly_fields = ("citation_id",)


@admin.register(GuidelineSource)
class GuidelineSourceAdmin(admin.ModelAdmin):
    list_display = ("key", "title", "year", "kind", "licence", "verification")
    list_filter = ("kind", "licence", "verification")
    search_fields = ("key", "title", "authors", "doi", "recommendations__statement")
    inlines = (RecommendationInline,)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # Django 6 default; silences its warning
    fields = ("key", "authors", "title", "publisher", "year", "doi", "url", "kind", "licence", "verification", "notes")

    def get_readonly_fields(self, request: HttpRequest, obj: GuidelineSource | None = None) -> Any:
        if _cited(obj):
            return CITED_SOURCE_FIELDS  # key, and everything of the full citation a published version shows
        return ("key",) if obj is not None else ()  # the key is part of every citation id

    def get_fieldsets(self, request: HttpRequest, obj: GuidelineSource | None = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if _cited(obj):
            fieldsets = [(name, {**opts, "description": CITED_SOURCE_HELP}) for name, opts in fieldsets]
        return fieldsets

    def save_model(self, request: HttpRequest, obj: GuidelineSource, form: forms.ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record_event(
            "guidelines.source_changed" if change else "guidelines.source_created",
            actor=request.user,
            obj=obj,
            summary={"key": obj.key, "fields": sorted(form.changed_data)},
        )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        deleted = [(f.instance.pk, f.instance.citation_id) for f in formset.deleted_forms if f.instance.pk]
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            record_event(
                "guidelines.recommendation_created",
                actor=request.user,
                obj=obj,
                summary={"citation_id": obj.citation_id},
            )
        for obj, fields in formset.changed_objects:
            record_event(
                "guidelines.recommendation_changed",
                actor=request.user,
                obj=obj,
                summary={"citation_id": obj.citation_id, "fields": sorted(fields)},
            )
        for pk, citation_id in deleted:
            _record_recommendation_deleted(request, pk, citation_id)

    def delete_model(self, request: HttpRequest, obj: GuidelineSource) -> None:
        record_event("guidelines.source_deleted", actor=request.user, obj=obj, summary={"key": obj.key})
        super().delete_model(request, obj)


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ("citation_id", "strength", "verification", "stance", "body_regions", "lines_of_business")
    list_filter = ("verification", "stance", "source__kind", "source__licence")
    list_select_related = ("source",)
    search_fields = ("citation_id", "statement", "conditions", "services")
    form = RecommendationForm
    fields = ("source", "key", "citation_id", "statement", "strength", "verification", "population", "conditions",
              "services", "body_regions", "age_min", "age_max", "populations", "lines_of_business", "stance",
              "pinpoint")  # fmt: skip
    readonly_fields = ("citation_id",)
    raw_id_fields = ("source",)

    def get_readonly_fields(self, request: HttpRequest, obj: Recommendation | None = None) -> Any:
        if _cited(obj):
            return (*self.readonly_fields, *CITED_TEXT_FIELDS)
        return self.readonly_fields

    def get_fieldsets(self, request: HttpRequest, obj: Recommendation | None = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if _cited(obj):
            fieldsets = [(name, {**opts, "description": CITED_HELP}) for name, opts in fieldsets]
        return fieldsets

    def save_model(self, request: HttpRequest, obj: Recommendation, form: forms.ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record_event(
            "guidelines.recommendation_changed" if change else "guidelines.recommendation_created",
            actor=request.user,
            obj=obj,
            summary={"citation_id": obj.citation_id, "fields": sorted(form.changed_data)},
        )

    def has_delete_permission(self, request: HttpRequest, obj: Recommendation | None = None) -> bool:
        if obj is not None and obj.is_cited_by_locked_version:
            return False  # published criteria cite it (criteria.signals refuses the delete anyway)
        return super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> Any:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # a bulk delete would hit recommendations published criteria cite
        return actions

    def delete_model(self, request: HttpRequest, obj: Recommendation) -> None:
        pk, citation_id = obj.pk, obj.citation_id
        super().delete_model(request, obj)
        _record_recommendation_deleted(request, pk, citation_id)
