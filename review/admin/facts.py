"""The facts worksheet in the admin: read-only, with each fact's history.

Facts are found by the checks and ticked off on the review page (review.services.facts), so
the admin lists and searches them, links each to its story and flag, and shows who checked
what and when; it adds, changes and deletes nothing (a write here would skip the services'
rules and leave no reason in the history).
"""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from review.models import StoryFact


@admin.register(StoryFact)
class StoryFactAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "kind", "status", "anchor", "checked_by", "checked_at", "article")
    list_filter = ("status", "kind", "anchor", "article")
    search_fields = ("quote", "label", "source", "note")
    list_select_related = ("article", "checked_by")
    fieldsets = (
        (None, {"fields": ("article", "number", "kind", "label", "detail")}),
        ("Where", {"fields": ("sentence", "start", "end", "quote", "anchor")}),
        ("Checked", {"fields": ("status", "source", "note", "checked_by", "checked_at", "flag")}),
        ("Identity", {"fields": ("fingerprint", "anchor_print", "created_at", "updated_at")}),
    )
    readonly_fields = tuple(f for group in fieldsets for f in group[1]["fields"])

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # the page still opens, read-only, for whoever may view it

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
