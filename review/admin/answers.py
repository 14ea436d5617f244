"""The round trip's ledger in the admin: which reporter's answers were applied, from which
file, by whom. Read only: the ledger is written by review/services/roundtrip.py alone."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from review.models import ReporterAnswer


@admin.register(ReporterAnswer)
class ReporterAnswerAdmin(SimpleHistoryAdmin):
    list_display = ("applied_at", "article", "kind", "flag", "author_name", "file_name", "summary")
    list_filter = ("kind",)
    search_fields = ("article__slug", "author_name", "file_name", "summary")
    list_select_related = ("article", "flag")
    readonly_fields = [f.name for f in ReporterAnswer._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
