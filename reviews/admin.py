"""Django admin for the reviews models. Signed and computed records (letters, determinations,
recommendations, signing identities) are read-only here; every admin change writes an audit event."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
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


class DiagnosisInline(admin.TabularInline):
    model = Diagnosis
    extra = 0
    fields = ("position", "code", "description", "primary")


class VisitInline(admin.TabularInline):
    model = Visit
    extra = 0
    fields = ("date", "kind", "services", "pain_nprs", "function_pct", "side_documented", "page")


class PriorEpisodeInline(admin.TabularInline):
    model = PriorEpisode
    extra = 0
    fields = ("start_date", "end_date", "visits", "discharge_function_pct", "discharge_note")


class ServiceRequestInline(admin.StackedInline):
    model = ServiceRequest
    extra = 0
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
class CaseAdmin(AuditedAdmin):
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
        if {"urgency", "received_at"} & set(form.changed_data):
            obj.due_at = obj.compute_due_at()
        super().save_model(request, obj, form, change)


@admin.register(Diagnosis)
class DiagnosisAdmin(AuditedAdmin):
    list_display = ("case", "code", "description", "primary", "position")
    list_select_related = ("case",)
    search_fields = ("case__reference", "code", "description")
    list_filter = ("primary",)
    raw_id_fields = ("case",)


@admin.register(ServiceRequest)
class ServiceRequestAdmin(AuditedAdmin):
    list_display = ("case", "visits", "start_date", "end_date", "frequency_per_week", "duration_weeks")
    list_select_related = ("case",)
    search_fields = ("case__reference",)
    raw_id_fields = ("case",)


@admin.register(Visit)
class VisitAdmin(AuditedAdmin):
    list_display = ("case", "date", "kind", "pain_nprs", "function_pct", "side_documented", "page")
    list_select_related = ("case",)
    search_fields = ("case__reference",)
    list_filter = ("kind", "side_documented")
    raw_id_fields = ("case",)


@admin.register(PriorEpisode)
class PriorEpisodeAdmin(AuditedAdmin):
    list_display = ("case", "start_date", "end_date", "visits", "discharge_function_pct")
    list_select_related = ("case",)
    search_fields = ("case__reference",)
    raw_id_fields = ("case",)


@admin.register(ClinicalReview)
class ClinicalReviewAdmin(AuditedAdmin):
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
