from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written only by services: viewable, never added, changed or deleted through the admin."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Events are written by audit.services.record_event and never changed."""

    list_display = ("sequence", "occurred_at", "action", "actor_username", "object_type", "object_id", "ip_address")
    list_filter = ("action", "object_type")
    search_fields = ("action", "actor_username", "object_id", "request_id")
    date_hierarchy = "occurred_at"
