from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from audit.services import record_event

from .models import GuidelineSource, Recommendation


class RecommendationInline(admin.StackedInline):
    model = Recommendation
    extra = 0
    fields = (
        ("key", "citation_id"),
        "statement",
        ("strength", "verification"),
        "population",
        ("conditions", "services"),
    )
    readonly_fields = ("citation_id",)


@admin.register(GuidelineSource)
class GuidelineSourceAdmin(admin.ModelAdmin):
    list_display = ("key", "title", "year", "kind", "licence", "verification")
    list_filter = ("kind", "licence", "verification")
    search_fields = ("key", "title", "authors", "doi", "recommendations__statement")
    inlines = (RecommendationInline,)

    def get_readonly_fields(self, request: HttpRequest, obj: GuidelineSource | None = None) -> Any:
        return ("key",) if obj is not None else ()  # the key is part of every citation id

    def save_model(self, request: HttpRequest, obj: GuidelineSource, form: forms.ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record_event(
            "guidelines.source_changed" if change else "guidelines.source_created",
            actor=request.user,
            obj=obj,
            summary={"key": obj.key, "fields": sorted(form.changed_data)},
        )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        for f in formset.forms:
            if f.instance.pk and f.has_changed():
                record_event(
                    "guidelines.recommendation_changed",
                    actor=request.user,
                    obj=f.instance,
                    summary={"citation_id": f.instance.citation_id, "fields": sorted(f.changed_data)},
                )


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ("citation_id", "strength", "verification")
    list_filter = ("verification", "source__kind", "source__licence")
    list_select_related = ("source",)
    search_fields = ("citation_id", "statement", "conditions", "services")
    readonly_fields = ("citation_id",)
    raw_id_fields = ("source",)

    def save_model(self, request: HttpRequest, obj: Recommendation, form: forms.ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record_event(
            "guidelines.recommendation_changed" if change else "guidelines.recommendation_created",
            actor=request.user,
            obj=obj,
            summary={"citation_id": obj.citation_id, "fields": sorted(form.changed_data)},
        )
