"""Flags and comments in the admin: bulk resolve and assign go through the same services."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from review.models import Comment, Flag
from review.selectors.review import assignable_users
from review.services import flags as flag_services
from review.services.common import save_tracked


class CommentInline(admin.TabularInline):
    model = Comment
    fields = ("author", "body", "created_at", "edited_at", "deleted_at")
    readonly_fields = ("author", "created_at", "edited_at", "deleted_at")
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # replies are written on the review page, by their authors


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        queryset=assignable_users(), required=False, empty_label="Nobody (unassign)"
    )


def _each(modeladmin, request, queryset, action, verb: str) -> None:
    done, refused = 0, []
    for flag in queryset.select_related("kind"):
        try:
            action(flag)
        except (ValidationError, PermissionDenied) as exc:
            text = "; ".join(getattr(exc, "messages", [str(exc)]))
            refused.append(f"#{flag.pk}: {text}")
        else:
            done += 1
    if done:
        modeladmin.message_user(request, f"{verb} {done} flag{'s' if done != 1 else ''}.")
    if refused:
        modeladmin.message_user(
            request, "Not changed: " + " · ".join(refused[:10]), level=messages.WARNING
        )


@admin.action(description="Resolve selected flags")
def resolve_selected(modeladmin, request, queryset):
    _each(
        modeladmin,
        request,
        queryset,
        lambda flag: flag_services.flag_resolve(
            flag=flag, actor=request.user, note="Resolved in bulk from the admin."
        ),
        "Resolved",
    )


@admin.action(description="Assign selected flags…")
def assign_selected(modeladmin, request, queryset):
    """An intermediate page choosing the person; applying calls flag_update for each flag."""
    form = AssignForm(request.POST if "apply" in request.POST else None)
    if "apply" in request.POST and form.is_valid():
        person = form.cleaned_data["assignee"]
        _each(
            modeladmin,
            request,
            queryset,
            lambda flag: flag_services.flag_update(flag=flag, actor=request.user, assignee=person),
            "Assigned" if person else "Unassigned",
        )
        return None
    return TemplateResponse(
        request,
        "review/flags/admin_assign.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": "Assign flags",
            "form": form,
            "flags": queryset.select_related("kind", "article"),
            "opts": modeladmin.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        },
    )


@admin.register(Flag)
class FlagAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "kind", "status", "severity", "assignee", "article", "origin")
    list_filter = ("kind", "status", "severity", "assignee", "article", "anchor")
    search_fields = ("note", "quote", "suggestion", "resolution_note")
    list_select_related = ("kind", "assignee", "article")
    raw_id_fields = ("sentence",)
    readonly_fields = (
        "article",
        "status",
        "quote",
        "prefix",
        "suffix",
        "start",
        "end",
        "origin",
        "fingerprint",
        "created_by",
        "created_at",
        "updated_at",
        "resolved_by",
        "resolved_at",
    )
    inlines = [CommentInline]
    actions = [resolve_selected, assign_selected]

    def has_add_permission(self, request) -> bool:
        return False  # flags are raised on sentences, on the review page or by the checks

    def save_model(self, request, obj, form, change):
        save_tracked(obj, actor=request.user, reason="edited in admin")

    def save_formset(self, request, form, formset, change):
        for comment in formset.save(commit=False):
            save_tracked(comment, actor=request.user, reason="edited in admin")


@admin.register(Comment)
class CommentAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "author", "flag", "created_at", "edited_at", "deleted_at")
    list_filter = ("created_at", "deleted_at")
    search_fields = ("body", "flag__quote")
    list_select_related = ("author", "flag__kind")
    readonly_fields = ("flag", "author", "created_at", "updated_at", "edited_at", "deleted_at")

    def has_add_permission(self, request) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        save_tracked(obj, actor=request.user, reason="edited in admin")
