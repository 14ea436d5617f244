"""Flags and comments in the admin: bulk resolve and assign go through the same services.

Neither is ever deleted. On a flag's page only what flag_update changes is editable (kind,
severity, note, suggestion, assignee), and saving calls it, so the admin gets the same checks
and notifications as the review page; where the flag sits and how it was closed are read-only.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from review.models import Comment, Flag
from review.selectors.review import assignable_users
from review.services import flags as flag_services


class CommentInline(admin.TabularInline):
    """The thread, read-only: a reply changes only through comment_edit, by its author, and
    the thread then marks it edited; the admin never rewrites anyone's words silently."""

    model = Comment
    fields = ("author", "body", "created_at", "edited_at", "deleted_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # replies are written on the review page, by their authors

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        queryset=assignable_users(), required=False, empty_label="Nobody (unassign)"
    )


def _each(modeladmin, request, queryset, action, verb: str) -> None:
    """Apply `action` to every flag in one transaction: a refused flag is skipped (its
    service's savepoint undoes only itself), a crash undoes the whole batch."""
    done, refused = 0, []
    with transaction.atomic():
        for flag in queryset.select_related("kind"):
            try:
                action(flag)
            except (ValidationError, PermissionDenied) as exc:
                text = "; ".join(getattr(exc, "messages", [str(exc)]))
                refused.append(f"{flag.label}: {text}")
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


# The fields flag_update changes; everything else on a flag is set by the services that raise,
# re-anchor and close it.
FLAG_EDITABLE = ("kind", "severity", "note", "suggestion", "assignee")


def _changes(current: Flag, data: dict) -> dict:
    """The editable fields whose submitted value differs from the flag as stored."""
    return {
        name: data[name]
        for name in FLAG_EDITABLE
        if name in data and data[name] != getattr(current, name)
    }


def _messages(exc: ValidationError | PermissionDenied) -> list[str]:
    return list(getattr(exc, "messages", None) or [str(exc)])


class FlagAdminForm(forms.ModelForm):
    """Checks the changes with flag_update's own rules, so refusals show beside the fields."""

    actor = None  # set per request by FlagAdmin.get_form

    class Meta:
        model = Flag
        fields = FLAG_EDITABLE

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or self.errors:
            return cleaned
        # Compared with the row as stored, not the instance: a revert from the history page
        # starts from an old version of the flag.
        current = Flag.objects.select_related("kind").get(pk=self.instance.pk)
        self.flag_changes = _changes(current, cleaned)
        if self.flag_changes:
            try:
                flag_services.flag_update_check(flag=current, actor=self.actor, **self.flag_changes)
            except PermissionDenied as exc:
                raise ValidationError(_messages(exc), code="permission") from None
        return cleaned


@admin.register(Flag)
class FlagAdmin(SimpleHistoryAdmin):
    form = FlagAdminForm
    list_display = ("__str__", "kind", "status", "severity", "assignee", "article", "origin")
    list_filter = ("kind", "status", "severity", "assignee", "article", "anchor")
    search_fields = ("note", "quote", "suggestion", "resolution_note")
    list_select_related = ("kind", "assignee", "article")
    readonly_fields = (
        "article",
        "sentence",
        "anchor",
        "start",
        "end",
        "quote",
        "prefix",
        "suffix",
        "status",
        "resolved_by",
        "resolved_at",
        "resolution_note",
        "evidence",
        "origin",
        "fingerprint",
        "created_by",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": FLAG_EDITABLE}),
        (
            "Where",
            {"fields": ("article", "sentence", "anchor", "start", "end", "quote")},
        ),
        (
            "Status",
            {"fields": ("status", "resolved_by", "resolved_at", "resolution_note", "evidence")},
        ),
        (
            "Origin",
            {
                "fields": (
                    "origin",
                    "fingerprint",
                    "prefix",
                    "suffix",
                    "created_by",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )
    inlines = [CommentInline]
    actions = [resolve_selected, assign_selected]

    def has_add_permission(self, request) -> bool:
        return False  # flags are raised on sentences, on the review page or by the checks

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # flags are never deleted: resolve or dismiss them

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.actor = request.user  # a class made for this request
        return form

    def save_model(self, request, obj, form, change):
        """Apply the changed fields through flag_update (permission, state, assignee checks,
        notifications, history); the form has already run the same checks."""
        changes = getattr(form, "flag_changes", {})
        if not changes:
            return
        try:
            flag_services.flag_update(flag=obj, actor=request.user, **changes)
        except (ValidationError, PermissionDenied) as exc:
            # Someone closed the flag between the form's check and this save, for instance.
            obj._admin_refused = True
            self.message_user(
                request, "Not changed: " + " ".join(_messages(exc)), level=messages.ERROR
            )

    def log_change(self, request, obj, message):
        if getattr(obj, "_admin_refused", False):
            return None
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if getattr(obj, "_admin_refused", False):
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)


@admin.register(Comment)
class CommentAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "author", "flag", "created_at", "edited_at", "deleted_at")
    list_filter = ("created_at", "deleted_at")
    search_fields = ("body", "flag__quote")
    list_select_related = ("author", "flag__kind")
    readonly_fields = ("flag", "author", "created_at", "updated_at", "edited_at", "deleted_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # Read-only (the admin shows it with its history): only its author edits a reply,
        # through comment_edit on the review page, which marks it edited.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # authors delete their replies on the review page, which leaves a marker
