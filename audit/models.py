from __future__ import annotations

from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    """Audit events are never updated or deleted."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: object) -> int:
        raise AppendOnlyError("Audit events cannot be updated.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events cannot be deleted.")

    def bulk_create(self, *args: object, **kwargs: object) -> list[AuditEvent]:
        raise AppendOnlyError("Audit events are written one at a time by audit.services.record_event.")

    def bulk_update(self, *args: object, **kwargs: object) -> int:
        raise AppendOnlyError("Audit events cannot be updated.")

    def update_or_create(self, *args: object, **kwargs: object) -> tuple[AuditEvent, bool]:
        raise AppendOnlyError("Audit events cannot be updated.")


class AuditEvent(models.Model):
    """One entry of the append-only, HMAC-chained audit trail. Written only by audit.services.record_event."""

    sequence = models.BigIntegerField(unique=True)
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="audit_events"
    )
    actor_username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=80, db_index=True)  # namespaced: "case.viewed"
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=80, blank=True, db_index=True)
    summary = models.JSONField(default=dict, blank=True)  # {"before": ..., "after": ..., ...}: no PHI values
    request_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    prev_mac = models.CharField(max_length=64)
    mac = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["sequence"]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be updated.")
        if not getattr(self, "_chain_write", False):
            raise AppendOnlyError("Audit events are written only by audit.services.record_event.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditChainHead(models.Model):
    """A single row holding the last sequence and MAC; locked while an event is appended."""

    last_sequence = models.BigIntegerField(default=0)
    last_mac = models.CharField(max_length=64, default="0" * 64)
