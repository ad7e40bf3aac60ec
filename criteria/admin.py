"""The criteria admin's editing tool: drafts are edited inline; published versions are read-only."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from audit.services import record_event

from .forms import PublishForm
from .models import (
    SET_LABEL_FIELDS,
    CriteriaSet,
    CriteriaVersion,
    DocumentationRequirement,
    OutcomeMeasure,
    OverrideReason,
    RedFlag,
    RuleCitation,
    ServiceItem,
    VisitBenchmark,
)
from .services import _next_number, item_change_record, version_clone, version_publish


class LockedInlineMixin:
    """Inline rows of a published/retired version are shown read-only."""

    extra = 0
    autocomplete_fields: ClassVar[list[str] | tuple[str, ...]] = ("citations",)

    def _locked(self, obj: CriteriaVersion | None) -> bool:
        return obj is not None and obj.is_locked

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._locked(obj) and super().has_add_permission(request, obj)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._locked(obj) and super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._locked(obj) and super().has_delete_permission(request, obj)  # type: ignore[misc]


class ServiceInline(LockedInlineMixin, admin.TabularInline):
    model = ServiceItem
    fields = ("code", "descriptor", "plain_words", "timed", "status", "citations", "notes")


class BenchmarkInline(LockedInlineMixin, admin.StackedInline):
    model = VisitBenchmark
    fields = (
        ("key", "label"),
        ("icd_scope", "visits", "percentile", "period_days"),
        ("source", "licence", "verification"),
        "citations",
        "notes",
    )


class RedFlagInline(LockedInlineMixin, admin.TabularInline):
    model = RedFlag
    fields = ("key", "label", "indicators", "verification", "citations")


class OutcomeMeasureInline(LockedInlineMixin, admin.TabularInline):
    model = OutcomeMeasure
    fields = ("name", "full_name", "aliases", "scale", "mcid", "higher_is_better", "verification", "citations")


class DocumentationInline(LockedInlineMixin, admin.TabularInline):
    model = DocumentationRequirement
    fields = ("order", "key", "text", "citations")


class RuleCitationInline(LockedInlineMixin, admin.TabularInline):
    model = RuleCitation
    fields = ("rule_id", "citations")


class OverrideReasonInline(LockedInlineMixin, admin.StackedInline):
    model = OverrideReason
    fields = (("order", "code", "decisions"), "label", "letter_wording")
    autocomplete_fields = ()


SET_LOCKED_HELP = (
    "This set has a published criteria version, whose label includes the set's name, so its key and name are "
    "read-only. To publish under another name, create a new criteria set."
)


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ("key", "name")
    search_fields = ("key", "name")
    fields = ("key", "name", "description")

    def _locked(self, obj: CriteriaSet | None) -> bool:
        if obj is None or obj.pk is None:
            return False
        if not hasattr(obj, "_has_locked_version"):
            obj._has_locked_version = obj.has_locked_version  # type: ignore[attr-defined]
        return bool(obj._has_locked_version)  # type: ignore[attr-defined]

    def get_readonly_fields(self, request: HttpRequest, obj: CriteriaSet | None = None) -> Any:
        return SET_LABEL_FIELDS if self._locked(obj) else ()

    def get_fieldsets(self, request: HttpRequest, obj: CriteriaSet | None = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if self._locked(obj):
            fieldsets = [(name, {**opts, "description": SET_LOCKED_HELP}) for name, opts in fieldsets]
        return fieldsets

    def save_model(self, request: HttpRequest, obj: CriteriaSet, form: forms.ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record_event(
            "criteria.set_changed" if change else "criteria.set_created",
            actor=request.user,
            obj=obj,
            summary={"key": obj.key, "fields": sorted(form.changed_data)},
        )


@admin.register(CriteriaVersion)
class CriteriaVersionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "number", "status", "effective_from", "effective_to", "approved_by", "diff_link")
    list_filter = ("criteria_set", "status")
    list_select_related = ("criteria_set", "approved_by")
    search_fields = (
        "change_summary",
        "criteria_set__key",
        "criteria_set__name",
        "services__code",
        "benchmarks__icd_scope",
    )
    actions = ("clone_to_draft", "publish_selected")
    inlines = (
        ServiceInline,
        BenchmarkInline,
        RedFlagInline,
        OutcomeMeasureInline,
        DocumentationInline,
        RuleCitationInline,
        OverrideReasonInline,
    )
    readonly_fields = ("number", "status", "effective_from", "effective_to", "change_summary", "approved_by",
                       "approved_at", "cloned_from", "created_by", "created_at", "diff_link")  # fmt: skip
    fieldsets = (
        (None, {"fields": ("criteria_set", "number", "status", "diff_link")}),
        (
            "Effective range and approval",
            {
                "fields": (
                    "effective_from",
                    "effective_to",
                    "change_summary",
                    "approved_by",
                    "approved_at",
                    "cloned_from",
                    "created_by",
                    "created_at",
                )
            },
        ),  # fmt: skip
        (
            "Decision-policy parameters",
            {
                "fields": (
                    "episode_gap_days",
                    "lookback_months",
                    "alternative_dx_months",
                    "older_adult_age",
                    "plan_advisory_ratio",
                    "denial_credential",
                )
            },
        ),  # fmt: skip
    )

    def get_readonly_fields(self, request: HttpRequest, obj: CriteriaVersion | None = None) -> Any:
        if obj is not None and obj.is_locked:
            return [f.name for f in obj._meta.concrete_fields if f.name != "id"] + ["diff_link"]
        if obj is not None:
            return (*self.readonly_fields, "criteria_set")
        return self.readonly_fields

    def has_change_permission(self, request: HttpRequest, obj: CriteriaVersion | None = None) -> bool:
        if obj is not None and obj.is_locked:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: CriteriaVersion | None = None) -> bool:
        if obj is not None and obj.is_locked:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> Any:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # a queryset delete would hit published versions
        return actions

    @admin.display(description="Diff")
    def diff_link(self, obj: CriteriaVersion) -> str:
        previous = (
            CriteriaVersion.objects.filter(criteria_set_id=obj.criteria_set_id, number__lt=obj.number)
            .order_by("-number")
            .first()
        )
        if previous is None or obj.pk is None:
            return "—"
        url = reverse("criteria:diff") + f"?a={previous.pk}&b={obj.pk}"
        return format_html('<a href="{}">Diff with v{}</a>', url, previous.number)

    # ------------------------------------------------------------ saving (drafts only) + audit

    def save_model(self, request: HttpRequest, obj: CriteriaVersion, form: forms.ModelForm, change: bool) -> None:
        if not change:
            obj.number = _next_number(obj.criteria_set)
            obj.created_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)
        if change:
            record_event(
                "criteria.version_changed",
                actor=request.user,
                obj=obj,
                summary={"version_id": obj.pk, "fields": sorted(form.changed_data)},
            )
        else:
            record_event(
                "criteria.version_created",
                actor=request.user,
                obj=obj,
                summary={"version_id": obj.pk, "number": obj.number, "via": "admin"},
            )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        instances = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            item_change_record(actor=request.user, item=deleted, change="deleted")
            deleted.delete()
        changed = {f.instance.pk: f.changed_data for f in formset.forms if f.instance.pk}
        for inst in instances:
            is_new = inst.pk is None
            inst.save()
            item_change_record(
                actor=request.user, item=inst, change="added" if is_new else "changed", fields=changed.get(inst.pk, [])
            )
        formset.save_m2m()
        for f in formset.forms:
            if f.instance.pk and "citations" in f.changed_data and f.instance not in instances:
                item_change_record(actor=request.user, item=f.instance, change="changed", fields=["citations"])

    def delete_model(self, request: HttpRequest, obj: CriteriaVersion) -> None:
        record_event("criteria.version_deleted", actor=request.user, obj=obj, summary={"version_id": obj.pk})
        super().delete_model(request, obj)

    # ------------------------------------------------------------ actions

    @admin.action(description="Clone to new draft", permissions=["add"])
    def clone_to_draft(self, request: HttpRequest, queryset: QuerySet[CriteriaVersion]) -> None:
        for version in queryset.select_related("criteria_set"):
            clone = version_clone(version=version, actor=request.user)
            self.message_user(request, f"Cloned v{version.number} to draft v{clone.number}.", messages.SUCCESS)

    @admin.action(description="Publish…", permissions=["change"])
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[CriteriaVersion]) -> HttpResponse | None:
        drafts = list(queryset.filter(status=CriteriaVersion.Status.DRAFT))
        if len(drafts) != 1 or queryset.count() != 1:
            self.message_user(request, "Select exactly one draft version to publish.", messages.ERROR)
            return None
        return HttpResponseRedirect(reverse("admin:criteria_criteriaversion_publish", args=[drafts[0].pk]))

    def get_urls(self) -> list[Any]:
        custom = [
            path(
                "<int:pk>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="criteria_criteriaversion_publish",
            ),
        ]
        return custom + super().get_urls()

    @staticmethod
    def _is_replayed_publish(request: HttpRequest, version: CriteriaVersion) -> bool:
        """The same user posting the same publish form for a version they already published."""
        if version.status != CriteriaVersion.Status.PUBLISHED or version.approved_by_id != request.user.pk:
            return False
        form = PublishForm(request.POST)
        return bool(
            form.is_valid()
            and form.cleaned_data["effective_from"] == version.effective_from
            and (form.cleaned_data["change_summary"] or "").strip() == version.change_summary
        )

    def publish_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        version = get_object_or_404(CriteriaVersion.objects.select_related("criteria_set"), pk=pk)
        if request.method == "POST" and self._is_replayed_publish(request, version):
            # A resent form (double click, browser retry): the first publish is the result.
            messages.success(request, f"Published v{version.number}.")
            return HttpResponseRedirect(reverse("admin:criteria_criteriaversion_changelist"))
        if not self.has_change_permission(request, version):
            messages.error(request, "Only a draft can be published, by a user allowed to change criteria.")
            return HttpResponseRedirect(reverse("admin:criteria_criteriaversion_changelist"))
        form = PublishForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                version_publish(
                    version=version,
                    actor=request.user,
                    change_summary=form.cleaned_data["change_summary"],
                    effective_from=form.cleaned_data["effective_from"],
                )
            except ValidationError as exc:
                for field, errs in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                messages.success(request, f"Published v{version.number}.")
                return HttpResponseRedirect(reverse("admin:criteria_criteriaversion_changelist"))
        previous = (
            CriteriaVersion.objects.filter(criteria_set=version.criteria_set, status=CriteriaVersion.Status.PUBLISHED)
            .order_by("-effective_from")
            .first()
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Publish {version.label}",
            "version": version,
            "previous": previous,
            "form": form,
        }
        return TemplateResponse(request, "admin/criteria/publish.html", context)
