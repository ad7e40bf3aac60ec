"""Django admin for the reviews models. Signed and computed records (letters, determinations,
recommendations, signing identities) are read-only here; every admin change writes an audit event."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest

from audit.admin import ReadOnlyAdmin
from audit.services import record_event

from .models import (
    Case,
    ClinicalDocument,
    ClinicalReview,
    Determination,
    Diagnosis,
    DocumentPage,
    Letter,
    Member,
    PendRequest,
    PriorEpisode,
    Provider,
    Recommendation,
    RecommendationJob,
    ReviewerProfile,
    ServiceRequest,
    SigningIdentity,
    Visit,
)
from .services.record_edits import case_is_decided, diagnosis_code_problem, record_change


class AuditedAdmin(admin.ModelAdmin):
    """Records admin saves and deletes in the audit trail (field names only, never values)."""

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record_event(
            "admin.changed" if change else "admin.created",
            actor=request.user,
            obj=obj,
            summary={"fields": sorted(form.changed_data)},
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        record_event("admin.deleted", actor=request.user, obj=obj, summary={"pk": obj.pk})
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            record_event("admin.deleted", actor=request.user, obj=obj, summary={"pk": obj.pk})
        super().delete_queryset(request, queryset)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


# ---------------------------------------------------------------- a case's record: frozen once decided


def _decided(case: Case | None) -> bool:
    return case is not None and case.pk is not None and case_is_decided(case)


class DiagnosisForm(ModelForm):
    """The importer's check on the code, next to the field (the service checks it again)."""

    class Meta:
        model = Diagnosis
        fields = ("case", "position", "code", "primary")

    def clean_code(self) -> str:
        code = str(self.cleaned_data.get("code") or "")
        problem = diagnosis_code_problem(code)
        if problem:
            raise forms.ValidationError(f"{problem}.")
        return code


class RecordInline(admin.TabularInline):
    """An inline of the case page: read-only once the case is decided; saved by CaseAdmin through the service."""

    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not _decided(obj if isinstance(obj, Case) else None) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not _decided(obj if isinstance(obj, Case) else None) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not _decided(obj if isinstance(obj, Case) else None) and super().has_delete_permission(request, obj)


class RecordAdmin(AuditedAdmin):
    """A row of a case's record: read-only once its case is decided; saved and deleted through
    reviews.services.record_edits (checks, stale recommendation, audit event)."""

    def _case(self, obj: Model | None) -> Case | None:
        if obj is None:
            return None
        return obj if isinstance(obj, Case) else getattr(obj, "case", None)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not _decided(self._case(obj)) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not _decided(self._case(obj)) and super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        case = self._case(obj)
        assert case is not None
        record_change(case=case, obj=obj, actor=request.user, fields=form.changed_data)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        case = self._case(obj)
        assert case is not None
        record_change(case=case, obj=obj, actor=request.user, delete=True)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            if _decided(self._case(obj)):
                messages.error(request, f"{obj} was not deleted: its case is decided.")
                continue
            self.delete_model(request, obj)


# ---------------------------------------------------------------- people


@admin.register(Member)
class MemberAdmin(AuditedAdmin):
    list_display = ("member_id", "family_name", "given_name", "birth_date", "plan")
    search_fields = ("member_id", "family_name", "given_name")
    list_filter = ("plan", "sex")


@admin.register(Provider)
class ProviderAdmin(AuditedAdmin):
    list_display = ("name", "npi", "specialty")
    search_fields = ("name", "npi")
    list_filter = ("specialty",)


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(AuditedAdmin):
    list_display = ("display_name", "credentials", "credential_kind", "user", "specialty")
    list_select_related = ("user",)
    search_fields = ("display_name", "user__username", "license_number")
    list_filter = ("credential_kind",)
    autocomplete_fields = ("user",)


# ---------------------------------------------------------------- cases


class DiagnosisInline(RecordInline):
    model = Diagnosis
    form = DiagnosisForm
    fields = ("position", "code", "description", "primary")
    readonly_fields = ("description",)  # the official title, set from the code


class VisitInline(RecordInline):
    model = Visit
    fields = ("date", "kind", "services", "pain_nprs", "function_pct", "side_documented", "page")


class PriorEpisodeInline(RecordInline):
    model = PriorEpisode
    fields = ("start_date", "end_date", "visits", "discharge_function_pct", "discharge_note")


class ServiceRequestInline(RecordInline):
    model = ServiceRequest
    template = "admin/edit_inline/stacked.html"
    can_delete = False


class DeterminationInline(ReadOnlyInline):
    model = Determination
    fields = ("version", "decision", "approved_visits", "overridden", "reviewer", "decided_at", "status")
    readonly_fields = fields


class LetterInline(ReadOnlyInline):
    model = Letter
    fk_name = "case"
    fields = ("version", "status", "sha256", "signer", "signed_at")
    readonly_fields = fields


@admin.register(Case)
class CaseAdmin(RecordAdmin):
    list_display = (
        "reference",
        "status",
        "urgency",
        "review_type",
        "due_at",
        "assigned_reviewer",
        "member",
        "provider",
    )
    list_select_related = ("member", "provider", "assigned_reviewer")
    list_filter = ("status", "urgency", "review_type", "assigned_reviewer")
    search_fields = ("reference", "member__member_id", "member__family_name", "provider__npi", "provider__name")
    date_hierarchy = "received_at"
    autocomplete_fields = ("member", "provider", "assigned_reviewer")
    # Status moves only through the state machine (services); due_at is computed from urgency and receipt.
    readonly_fields = ("public_id", "status", "due_at", "created_at", "updated_at")
    inlines = [
        ServiceRequestInline,
        DiagnosisInline,
        VisitInline,
        PriorEpisodeInline,
        DeterminationInline,
        LetterInline,
    ]
    fieldsets = (
        (None, {"fields": ("reference", "public_id", "status", "assigned_reviewer")}),
        ("Review", {"fields": ("review_type", "urgency", "received_at", "due_at")}),
        ("Parties", {"fields": ("member", "provider")}),
        (
            "Clinical presentation",
            {
                "fields": (
                    "onset",
                    "onset_date",
                    "mechanism",
                    "surgery",
                    "symptom_duration_months",
                    "activity_level",
                    "affected_side",
                    "irritability",
                    "red_flags",
                    "imaging",
                )
            },
        ),
        ("Record", {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        if not change:  # a new case: nothing decided, nothing to make stale; due_at from urgency and receipt
            obj.due_at = obj.compute_due_at()
            AuditedAdmin.save_model(self, request, obj, form, change)
            return
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: Any, change: bool) -> None:
        """Every inline row goes through the same service as the row's own admin page."""
        case = form.instance
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            record_change(case=case, obj=obj, actor=request.user, delete=True)
        changed = {id(f.instance): f.changed_data for f in formset.forms}
        for obj in instances:
            record_change(case=case, obj=obj, actor=request.user, fields=changed.get(id(obj), ()))
        formset.save_m2m()

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        AuditedAdmin.delete_model(self, request, obj)


@admin.register(Diagnosis)
class DiagnosisAdmin(RecordAdmin):
    form = DiagnosisForm
    readonly_fields = ("description",)
    list_display = ("case", "code", "description", "primary", "position")
    list_select_related = ("case",)
    search_fields = ("case__reference", "code", "description")
    list_filter = ("primary",)
    raw_id_fields = ("case",)


@admin.register(ServiceRequest)
class ServiceRequestAdmin(RecordAdmin):
    list_display = ("case", "visits", "start_date", "end_date", "frequency_per_week", "duration_weeks")
    list_select_related = ("case",)
    search_fields = ("case__reference",)
    raw_id_fields = ("case",)


@admin.register(Visit)
class VisitAdmin(RecordAdmin):
    list_display = ("case", "date", "kind", "pain_nprs", "function_pct", "side_documented", "page")
    list_select_related = ("case",)
    search_fields = ("case__reference",)
    list_filter = ("kind", "side_documented")
    raw_id_fields = ("case",)


@admin.register(PriorEpisode)
class PriorEpisodeAdmin(RecordAdmin):
    list_display = ("case", "start_date", "end_date", "visits", "discharge_function_pct")
    list_select_related = ("case",)
    search_fields = ("case__reference",)
    raw_id_fields = ("case",)


@admin.register(ClinicalReview)
class ClinicalReviewAdmin(RecordAdmin):
    list_display = ("case", "participation", "adherence", "reported_improvement_pct", "confirmed_by", "updated_at")
    list_select_related = ("case", "confirmed_by")
    search_fields = ("case__reference",)
    list_filter = ("participation", "adherence", "strength_measured_objectively", "exercise_parameters_documented")
    raw_id_fields = ("case", "confirmed_by")
    readonly_fields = ("updated_at",)


@admin.register(PendRequest)
class PendRequestAdmin(AuditedAdmin):
    list_display = ("case", "requested_by", "requested_at", "resolved_at")
    list_select_related = ("case", "requested_by")
    search_fields = ("case__reference",)
    list_filter = ("resolved_at",)
    raw_id_fields = ("case", "requested_by")


# ---------------------------------------------------------------- decisions (computed or signed: read-only)


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = (
        "case",
        "decision",
        "requested_visits",
        "approved_visits",
        "criteria_version",
        "engine_version",
        "created_at",
    )
    list_select_related = ("case", "criteria_version")
    search_fields = ("case__reference", "input_hash")
    list_filter = ("decision", "engine_version")


@admin.register(RecommendationJob)
class RecommendationJobAdmin(ReadOnlyAdmin):
    list_display = ("case", "status", "attempts", "requested_by", "created_at", "finished_at")
    list_select_related = ("case", "requested_by")
    search_fields = ("case__reference",)
    list_filter = ("status",)


@admin.register(Determination)
class DeterminationAdmin(ReadOnlyAdmin):
    list_display = ("case", "version", "decision", "approved_visits", "overridden", "reviewer", "decided_at", "status")
    list_select_related = ("case", "reviewer")
    search_fields = ("case__reference",)
    list_filter = ("decision", "overridden", "status")


@admin.register(Letter)
class LetterAdmin(ReadOnlyAdmin):
    list_display = ("case", "version", "status", "signer", "signed_at", "size", "sha256")
    list_select_related = ("case", "signer")
    search_fields = ("case__reference", "sha256")
    list_filter = ("status",)
    exclude = ("pdf",)  # the signed bytes are downloaded from the letter page, not shown here


@admin.register(SigningIdentity)
class SigningIdentityAdmin(ReadOnlyAdmin):
    list_display = ("user", "serial_number", "not_after", "created_at")
    list_select_related = ("user",)
    search_fields = ("user__username", "serial_number")
    exclude = ("encrypted_private_key_pem",)


# ---------------------------------------------------------------- documents


@admin.register(ClinicalDocument)
class ClinicalDocumentAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "case", "page_count", "extraction_status", "uploaded_by", "uploaded_at")
    list_select_related = ("case", "uploaded_by")
    search_fields = ("case__reference", "sha256")
    list_filter = ("extraction_status",)
    exclude = ("file",)  # records are streamed after an access check, never linked from the admin


@admin.register(DocumentPage)
class DocumentPageAdmin(ReadOnlyAdmin):
    list_display = ("document", "number")
    list_select_related = ("document",)
    search_fields = ("document__case__reference",)
