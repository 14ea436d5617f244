"""The names registry and the automatic checks' switches in the admin.

The CheckRule list shows, per rule, how many flags it raised and how editors closed them,
so a noisy rule (many dismissals) stands out and can be switched off.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from simple_history.admin import SimpleHistoryAdmin

from review.checks import RULES_BY_ID
from review.constants import ORIGIN_CHECK_PREFIX
from review.models import CheckRule, Flag, Name
from review.services.checks import checkrule_sync, checks_run
from review.services.common import save_tracked


@admin.register(Name)
class NameAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "verified_by", "verified_at", "note")
    search_fields = ("full_name", "note")
    readonly_fields = ("verified_by", "verified_at")
    list_select_related = ("verified_by",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.verified_by = request.user
        save_tracked(obj, actor=request.user, reason="changed in the admin")


def _count(**filters) -> Coalesce:
    """Flags of the row's rule matching `filters`, as one correlated subquery."""
    flags = (
        Flag.objects.filter(
            origin=Concat(Value(ORIGIN_CHECK_PREFIX), OuterRef("rule_id")), **filters
        )
        .order_by()
        .values("origin")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(flags, output_field=IntegerField()), 0)


@admin.register(CheckRule)
class CheckRuleAdmin(SimpleHistoryAdmin):
    list_display = (
        "rule_id",
        "kind",
        "description",
        "level",
        "enabled",
        "raised",
        "open_now",
        "resolved",
        "dismissed",
        "dismissed_share",
    )
    list_editable = ("enabled",)
    list_filter = ("enabled",)
    readonly_fields = ("rule_id", "kind", "description", "level", "why")
    fields = ("rule_id", "kind", "description", "level", "why", "enabled", "note")
    ordering = ("rule_id",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                raised_count=_count(),
                open_count=_count(status=Flag.Status.OPEN),
                resolved_count=_count(status=Flag.Status.RESOLVED),
                dismissed_count=_count(status=Flag.Status.DISMISSED),
            )
        )

    def changelist_view(self, request, extra_context=None):
        checkrule_sync(actor=request.user)  # rules added in code appear without a migration
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request) -> bool:
        return False  # rules live in code; rows are their switches

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        reason = "rule switched on" if obj.enabled else "rule switched off"
        save_tracked(obj, actor=request.user, reason=reason)

    @admin.display(description="kind")
    def kind(self, obj) -> str:
        rule = RULES_BY_ID.get(obj.rule_id)
        return rule.kind if rule else "(no longer in code)"

    @admin.display(description="what it checks")
    def description(self, obj) -> str:
        rule = RULES_BY_ID.get(obj.rule_id)
        return rule.description if rule else ""

    @admin.display(description="out of the box")
    def level(self, obj) -> str:
        rule = RULES_BY_ID.get(obj.rule_id)
        if rule is None:
            return "(no longer in code)"
        return "on" if rule.default_enabled else f"off (demoted): {rule.why}"

    @admin.display(description="why (measured on real copy)")
    def why(self, obj) -> str:
        rule = RULES_BY_ID.get(obj.rule_id)
        return rule.why if rule else ""

    @admin.display(description="raised", ordering="raised_count")
    def raised(self, obj) -> int:
        return obj.raised_count

    @admin.display(description="open", ordering="open_count")
    def open_now(self, obj) -> int:
        return obj.open_count

    @admin.display(description="resolved", ordering="resolved_count")
    def resolved(self, obj) -> int:
        return obj.resolved_count

    @admin.display(description="dismissed", ordering="dismissed_count")
    def dismissed(self, obj) -> int:
        return obj.dismissed_count

    @admin.display(description="dismissed share")
    def dismissed_share(self, obj) -> str:
        closed = obj.resolved_count + obj.dismissed_count
        return f"{100 * obj.dismissed_count / closed:.0f}%" if closed else "–"


@admin.action(description="Re-run the automatic checks")
def run_checks_action(modeladmin, request, queryset):
    """For ArticleAdmin.actions: re-run the checks on each selected article."""
    created = closed = 0
    # All the selected articles or none: a refusal or a crash part-way undoes the batch.
    try:
        with transaction.atomic():
            for article in queryset:
                result = checks_run(article=article, actor=request.user)
                created += result.created
                closed += result.closed
    except (PermissionDenied, ValidationError) as exc:
        modeladmin.message_user(request, f"{article.slug}: {exc}", level=messages.ERROR)
        return
    modeladmin.message_user(
        request,
        f"Checked {queryset.count()} article(s): {created} new flags, {closed} closed.",
    )


__all__ = ["CheckRuleAdmin", "NameAdmin", "run_checks_action"]
