from __future__ import annotations

from django.contrib import admin

from audit.admin import ReadOnlyAdmin  # appeals records are written only by appeals.services

from .models import Appeal, Extension, IREForwarding, NoticeLetter, P2PWindow, PeerToPeer


@admin.register(PeerToPeer)
class PeerToPeerAdmin(ReadOnlyAdmin):
    list_display = ("case", "status", "outcome", "peer", "requested_at", "call_at")
    list_filter = ("status", "outcome")
    list_select_related = ("case", "peer")


@admin.register(P2PWindow)
class P2PWindowAdmin(ReadOnlyAdmin):
    list_display = ("p2p", "starts_at", "ends_at", "status")
    list_select_related = ("p2p__case",)


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ("case", "original_case", "requester_kind", "kind", "urgency", "status", "outcome", "due_at")
    list_filter = ("status", "outcome", "kind", "line_of_business")
    list_select_related = ("case", "original_case")


@admin.register(Extension)
class ExtensionAdmin(ReadOnlyAdmin):
    list_display = ("case", "days", "reason_kind", "previous_due_at", "new_due_at", "extended_by")
    list_select_related = ("case", "extended_by")


@admin.register(NoticeLetter)
class NoticeLetterAdmin(ReadOnlyAdmin):
    list_display = ("case", "kind", "signer", "signed_at", "size")
    list_filter = ("kind",)
    list_select_related = ("case", "signer")
    exclude = ("pdf",)


@admin.register(IREForwarding)
class IREForwardingAdmin(ReadOnlyAdmin):
    list_display = ("appeal", "forwarded_at", "forwarded_by", "size", "sha256")
    list_select_related = ("appeal__case", "forwarded_by")
    exclude = ("packet",)
