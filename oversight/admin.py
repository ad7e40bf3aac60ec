from __future__ import annotations

from django.contrib import admin

from audit.admin import ReadOnlyAdmin  # oversight records are created through the supervisor pages

from .models import GoldStandardCase, IRRAssessment, IRRAttempt, QualityAuditSample, QualityReview


@admin.register(QualityAuditSample)
class QualityAuditSampleAdmin(ReadOnlyAdmin):
    list_display = ("determination", "reviewer", "month", "drawn_by", "drawn_at")
    list_filter = ("month",)
    list_select_related = ("determination__case", "reviewer", "drawn_by")


@admin.register(QualityReview)
class QualityReviewAdmin(ReadOnlyAdmin):
    list_display = ("sample", "verdict", "auditor", "reviewed_at")
    list_filter = ("verdict",)
    list_select_related = ("sample__determination__case", "auditor")


@admin.register(GoldStandardCase)
class GoldStandardCaseAdmin(ReadOnlyAdmin):
    list_display = ("determination", "decision", "approved_visits", "marked_by", "marked_at", "active")
    list_filter = ("active", "decision")
    list_select_related = ("determination__case", "marked_by")


@admin.register(IRRAssessment)
class IRRAssessmentAdmin(ReadOnlyAdmin):
    list_display = ("reviewer", "created_at", "completed_at", "agreement_pct", "kappa", "passed")
    list_filter = ("passed",)
    list_select_related = ("reviewer",)


@admin.register(IRRAttempt)
class IRRAttemptAdmin(ReadOnlyAdmin):
    list_display = ("assessment", "gold", "reviewer", "decision", "approved_visits", "agrees", "submitted_at")
    list_filter = ("agrees",)
    list_select_related = ("assessment__reviewer", "gold__determination__case", "reviewer")
