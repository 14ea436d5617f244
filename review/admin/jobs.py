"""Background jobs in the admin: read-only, to see what ran, for whom, and how it ended."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from review.models import Job


@admin.register(Job)
class JobAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "kind", "status", "article", "created_by", "created_at", "stage")
    list_filter = ("kind", "status", "created_at")
    list_select_related = ("article", "created_by")
    search_fields = ("message", "stage", "params")
    exclude = ("payload", "result")
    readonly_fields = (
        "kind",
        "status",
        "article",
        "created_by",
        "params",
        "step",
        "steps",
        "stage",
        "message",
        "result_name",
        "result_type",
        "task_id",
        "created_at",
        "updated_at",
        "started_at",
        "finished_at",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).defer("payload", "result")

    def has_add_permission(self, request) -> bool:
        return False  # jobs start from the import, checks and export pages

    def has_change_permission(self, request, obj=None) -> bool:
        return False
