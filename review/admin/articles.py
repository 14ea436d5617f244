from __future__ import annotations

from django.contrib import admin
from django.db import transaction
from simple_history.admin import SimpleHistoryAdmin

from review.models import Article, FlagKind, Sentence
from review.services.articles import clean_title
from review.services.common import save_tracked

# What the admin may change on an article; the text, status and version change through the
# review page's services only.
ARTICLE_EDITABLE = ("title", "slug", "source_name")


class SentenceInline(admin.TabularInline):
    model = Sentence
    fields = ("position", "paragraph", "text", "version")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ("position",)

    def has_add_permission(self, request, obj=None) -> bool:
        # Sentences come from the import and from edits, which keep the text invariant.
        return False


def _article_actions() -> list:
    """Admin actions contributed by other areas (checks, exports)."""
    from review.admin.checks import run_checks_action
    from review.admin.exports import export_zip_action

    return [run_checks_action, export_zip_action]


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ("title", "slug", "status", "version", "created_by", "created_at")
    list_filter = ("status", "created_at")
    search_fields = ("title", "slug", "source_name")
    readonly_fields = (
        "original_text",
        "version",
        "status",
        "status_note",
        "status_changed_by",
        "status_changed_at",
        "created_by",
        "created_at",
        "updated_at",
    )
    fields = (*ARTICLE_EDITABLE, *readonly_fields)
    inlines = [SentenceInline]
    date_hierarchy = "created_at"
    actions = _article_actions()

    def has_add_permission(self, request) -> bool:
        # New stories go through the import page, which segments them and runs the checks.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Deleting a story would take its sentences, flags and threads with it; flags are
        # never deleted.
        return False

    def save_model(self, request, obj, form, change):
        """Write only the fields the form edits, onto the row as it is now.

        `obj` was loaded before the form was validated; saving it whole would write back a
        status or version another editor changed meanwhile (and record it in history).
        """
        with transaction.atomic():
            current = Article.objects.select_for_update().get(pk=obj.pk)
            for name in ARTICLE_EDITABLE:
                setattr(current, name, getattr(obj, name))
            current.title = clean_title(current.title)  # the import's rule: one line
            save_tracked(
                current,
                actor=request.user,
                reason="edited in admin",
                update_fields=[*ARTICLE_EDITABLE, "updated_at"],
            )
        for name in ("status", "version", "updated_at"):  # what the response shows is current
            setattr(obj, name, getattr(current, name))


@admin.register(Sentence)
class SentenceAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "article", "paragraph", "position", "version")
    list_filter = ("article",)
    search_fields = ("text", "article__title")
    list_select_related = ("article",)
    readonly_fields = ("article", "paragraph", "position", "text", "separator", "version")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # Text changes go through the editing service so versions, flags and history stay right.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Removing a sentence goes through the editing service (an empty edit), which keeps the
        # text invariant and orphans its flags instead of losing them.
        return False


@admin.register(FlagKind)
class FlagKindAdmin(SimpleHistoryAdmin):
    list_display = ("name", "slug", "colour", "default_severity", "active", "order")
    list_editable = ("active", "order")
    list_filter = ("active", "default_severity")
    search_fields = ("name", "slug", "description")

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.slug in FlagKind.FIXED_SLUGS:
            return False  # the five fixed slugs are a contract exports and checks rely on
        return super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.slug in FlagKind.FIXED_SLUGS:
            return ("slug",)
        return ()

    def save_model(self, request, obj, form, change):
        save_tracked(obj, actor=request.user, reason="edited in admin")
