"""Admin: client systems (editable: name, NPI/TIN, contact, active); submissions, ClaimResponse history
and notification deliveries read-only (supervisors see delivery status here)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from audit.admin import ReadOnlyAdmin
from audit.services import record_event

from .models import ClaimResponseRecord, NotificationDelivery, PasClient, PasSubmission, PasSubscription


@admin.register(PasClient)
class PasClientAdmin(admin.ModelAdmin):
    list_display = ("name", "npi", "tin", "contact_email", "active", "created_at")
    list_filter = ("active",)
    search_fields = ("name", "npi", "tin")
    fields = ("name", "npi", "tin", "contact_name", "contact_email", "contact_phone", "active", "client_id")
    readonly_fields = ("client_id",)

    @admin.display(description="OAuth client id")
    def client_id(self, obj: PasClient) -> str:
        return obj.application.client_id if obj.pk else "(create clients with manage.py pas_client_create)"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the secret must be generated and shown once: manage.py pas_client_create

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: PasClient, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record_event("pas.client_changed", actor=request.user, obj=obj, summary={"fields": sorted(form.changed_data)})


@admin.register(PasSubmission)
class PasSubmissionAdmin(ReadOnlyAdmin):
    list_display = ("claim_value", "client", "kind", "case", "received_at")
    list_filter = ("client", "kind")
    search_fields = ("claim_value",)


@admin.register(ClaimResponseRecord)
class ClaimResponseRecordAdmin(ReadOnlyAdmin):
    list_display = ("case", "version", "kind", "outcome_codes", "created_at")
    list_filter = ("kind",)
    exclude = ("bundle",)


@admin.register(PasSubscription)
class PasSubscriptionAdmin(ReadOnlyAdmin):
    list_display = ("public_id", "client", "status", "endpoint", "events_since_start", "created_at")
    list_filter = ("status", "client")
    exclude = ("headers",)


@admin.register(NotificationDelivery)
class NotificationDeliveryAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "subscription",
        "response",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "delivered_at",
    )
    list_filter = ("status",)
