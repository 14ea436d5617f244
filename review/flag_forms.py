"""Thin forms for the review page: they read the request, the services decide.

Choices come from lists the page already loaded (kinds, assignable people), so rendering a
form costs no queries; `clean_<field>` returns domain objects.
"""

from __future__ import annotations

from django import forms

from review.models import Flag, FlagKind

SEVERITY_CHOICES = [("", "Kind's default"), *Flag.Severity.choices]


class _PeopleAndKinds(forms.Form):
    def __init__(self, *args, kinds: list[FlagKind], assignees: list, **kwargs):
        kwargs.setdefault("auto_id", f"{self.prefix_id}-%s")
        super().__init__(*args, **kwargs)
        self._kinds = {kind.slug: kind for kind in kinds}
        self._people = {str(user.pk): user for user in assignees}
        if "kind" in self.fields:
            self.fields["kind"].choices = [(kind.slug, kind.name) for kind in kinds]
        self.fields["assignee"].choices = [("", "Nobody")] + [
            (str(user.pk), user.get_full_name() or user.get_username()) for user in assignees
        ]

    def clean_kind(self) -> FlagKind:
        return self._kinds[self.cleaned_data["kind"]]

    def clean_assignee(self):
        return self._people.get(self.cleaned_data.get("assignee") or "")


class FlagForm(_PeopleAndKinds):
    prefix_id = "ff"

    sentence = forms.IntegerField(widget=forms.HiddenInput)
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    kind = forms.ChoiceField()
    severity = forms.ChoiceField(choices=SEVERITY_CHOICES, required=False)
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What is wrong; @name notifies a colleague.",
    )
    suggestion = forms.CharField(
        required=False, label="Suggested fix", help_text="Replacement text for the words."
    )
    assignee = forms.ChoiceField(required=False, label="Assign to")


class FlagUpdateForm(_PeopleAndKinds):
    prefix_id = "fu"

    kind = forms.ChoiceField()
    severity = forms.ChoiceField(choices=Flag.Severity.choices)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    suggestion = forms.CharField(required=False, label="Suggested fix")
    assignee = forms.ChoiceField(required=False, label="Assign to")


class ResolveForm(forms.Form):
    note = forms.CharField(required=False, label="Resolution note")
    evidence = forms.CharField(required=False, help_text="A source URL or text backing the fix.")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "rs-%s")
        super().__init__(*args, **kwargs)


class DismissForm(forms.Form):
    reason = forms.CharField(
        label="Reason for dismissing",
        error_messages={"required": "Say why the flag is dismissed, so colleagues can follow."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "ds-%s")
        super().__init__(*args, **kwargs)


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Reply",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write something before sending."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "cm-%s")
        super().__init__(*args, **kwargs)
