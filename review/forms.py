"""Every form of the desk's pages: thin, they read the request; the services decide.

Forms parse what the browser sent (ids, versions, line ends) and return domain values from
`clean_<field>`; the rules themselves live in the services, whose ValidationErrors
`add_service_errors` shows on the form. Choices come from lists the page already loaded
(kinds, assignable people), so rendering a form costs no queries.
"""

from __future__ import annotations

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError

from review.models import Flag, FlagKind, Sentence
from review.services.articles import decode_manuscript
from review.services.conflicts import CHOICES as CONFLICT_CHOICES
from review.services.docx_import import is_docx

ID_MAX = 2**63 - 1  # the largest id a 64-bit column holds; larger numbers find nothing


def add_service_errors(form: forms.Form, exc: ValidationError, *, field: str | None = None):
    """Show a service's ValidationError on `form`.

    Errors the service tied to a field the form has go beside that field, those tied to
    other fields above the form; an error tied to no field goes on `field` (None: above).
    """
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, exc)


class IdField(forms.IntegerField):
    """A database id: a whole number from 1 to the largest a 64-bit column holds.

    `missing` is the one sentence shown for anything else (absent, not a number, too big).
    """

    def __init__(self, *, missing: str = "", min_value: int = 1, **kwargs):
        if missing:
            kwargs["error_messages"] = dict.fromkeys(
                ("required", "invalid", "min_value", "max_value"), missing
            )
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(min_value=min_value, **kwargs)


class VersionField(IdField):
    """The version of a row the user saw (0 and up), so a save never overwrites unseen work."""

    def __init__(self, **kwargs):
        super().__init__(min_value=0, **kwargs)


class TextField(forms.CharField):
    """Text kept as typed (no stripping), with the browser's CRLF line ends made LF.

    Null and other control characters are left for the service to refuse, with its own
    message (the rule lives there, for every caller).
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)
        self.validators = [
            v
            for v in self.validators
            if not isinstance(v, validators.ProhibitNullCharactersValidator)
        ]

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


# Stories: import, revise, move through the workflow ------------------------------------


class ManuscriptForm(forms.Form):
    """A story's text, from an uploaded .txt file or pasted; `cleaned_data["manuscript"]`.

    A Word document (.docx) is not decoded here: its bytes are `cleaned_data["docx"]` (and
    "manuscript" is None), for the Word import to read with its comments.
    """

    file = forms.FileField(
        required=False, help_text="A Word document (.docx) or a plain-text (.txt) file, UTF-8."
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        strip=False,  # the text is kept exactly as given, whitespace included
        help_text="Or paste the story.",
    )
    missing_message = "Choose a .docx or .txt file, or paste the story's text."

    def clean(self):
        data = super().clean()
        upload, pasted = data.get("file"), data.get("text") or ""
        if upload and pasted.strip():
            raise ValidationError("Choose a file or paste text, not both.", code="both")
        data["docx"] = None
        if upload:
            raw = upload.read()
            if is_docx(upload.name, raw):
                data["docx"], data["manuscript"] = raw, None
                return data
            try:
                data["manuscript"] = decode_manuscript(raw)
            except ValidationError as exc:
                self.add_error("file", exc)
        elif pasted.strip():
            # Browsers send form text with CRLF line ends; the story's own are LF.
            data["manuscript"] = pasted.replace("\r\n", "\n")
        else:
            raise ValidationError(self.missing_message, code="empty")
        return data


class ArticleImportForm(ManuscriptForm):
    title = forms.CharField(
        max_length=300,
        required=False,
        help_text="Required for text; a Word document's first heading or title by default.",
    )
    slug = forms.SlugField(
        max_length=120, required=False, help_text="Leave empty to make one from the title."
    )
    run_checks = forms.BooleanField(
        required=False, initial=True, label="Run the automatic checks after import"
    )
    field_order = ["title", "slug", "file", "text", "run_checks"]

    def clean(self):
        data = super().clean()
        if not data.get("docx") and not (data.get("title") or "").strip():
            self.add_error("title", "Give the story a title.")
        return data


class ReviseForm(ManuscriptForm):
    reason = forms.CharField(required=False, max_length=80, help_text="What changed, briefly.")
    run_checks = forms.BooleanField(required=False, initial=True, label="Re-run the checks")
    missing_message = "Choose a .docx or .txt file, or paste the revised text."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = "Or paste the revised story."


class TransitionForm(forms.Form):
    """A workflow step's note, and the reason to go past open blockers (steps that check them)."""

    note = forms.CharField(required=False)
    override_reason = forms.CharField(required=False)


class ExportOptionsForm(forms.Form):
    """An export's options, from the download link's query or the "prepare" form's POST.

    Only an explicit yes leaves closed flags out: a stray value exports everything, which is
    the safe way to be wrong for a reporter who must see every flag.
    """

    open_only = forms.CharField(required=False)

    def clean_open_only(self) -> bool:
        return self.cleaned_data["open_only"].strip().lower() in {"1", "true", "yes", "on"}

    @classmethod
    def open_only_from(cls, data) -> bool:
        form = cls(data)
        return form.is_valid() and form.cleaned_data["open_only"]


# Flags and their threads ----------------------------------------------------------------


SEVERITY_CHOICES = [("", "Kind's default"), *Flag.Severity.choices]


class ListSelect(forms.Select):
    """A select of flat choices, drawn by one loop (review/widgets/select.html).

    Django's Select builds a dictionary per option and renders two templates for each; a
    thread's "Assign to" lists every colleague, and the thread is redrawn after each action
    on it, so that cost was paid on most writes. Same HTML, no option groups."""

    template_name = "review/widgets/select.html"

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)  # not ChoiceWidget's
        chosen = set(context["widget"]["value"])
        flat = []
        for key, label in self.choices:
            text = str(key)
            flat.append((text, label, text in chosen))
            chosen.discard(text)  # one value: only its first option is selected, as Django's
        context["widget"]["flat_choices"] = flat
        return context


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


# Text where "@name" notifies: mentions.js offers the desk's people as it is typed.
MENTIONS_TEXTAREA = {"rows": 3, "data-mentions": ""}


class FlagForm(_PeopleAndKinds):
    """A new flag. Bound, it needs the `article`: `clean_sentence` returns its Sentence."""

    prefix_id = "ff"
    NO_SENTENCE = "Choose a sentence of this story to flag."

    sentence = IdField(widget=forms.HiddenInput)
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    kind = forms.ChoiceField(widget=ListSelect)
    severity = forms.ChoiceField(choices=SEVERITY_CHOICES, required=False, widget=ListSelect)
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs=MENTIONS_TEXTAREA),
        help_text="What is wrong; @name notifies a colleague.",
    )
    suggestion = forms.CharField(
        required=False, label="Suggested fix", help_text="Replacement text for the words."
    )
    assignee = forms.ChoiceField(required=False, label="Assign to", widget=ListSelect)

    def __init__(self, *args, article=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._article = article

    def clean_sentence(self) -> Sentence:
        sentence = Sentence.objects.filter(
            article=self._article, pk=self.cleaned_data["sentence"]
        ).first()
        if sentence is None:
            raise ValidationError(self.NO_SENTENCE, code="sentence")
        return sentence


class FlagUpdateForm(_PeopleAndKinds):
    prefix_id = "fu"

    kind = forms.ChoiceField(widget=ListSelect)
    severity = forms.ChoiceField(choices=Flag.Severity.choices, widget=ListSelect)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs=MENTIONS_TEXTAREA))
    suggestion = forms.CharField(required=False, label="Suggested fix")
    assignee = forms.ChoiceField(required=False, label="Assign to", widget=ListSelect)


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


class FactVerifyForm(forms.Form):
    """Verify a fact on the worksheet; where it was checked is optional."""

    source = TextField(label="Source", help_text="Where you checked it: a URL or a note.")


class FactWrongForm(forms.Form):
    """Mark a fact wrong: what is wrong becomes the note of the flag it raises."""

    note = TextField(
        required=True,
        label="What is wrong",
        error_messages={"required": "Say what is wrong with it, so the reporter can put it right."},
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Reply",
        widget=forms.Textarea(attrs=MENTIONS_TEXTAREA),
        error_messages={"required": "Write something before sending."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "cm-%s")
        super().__init__(*args, **kwargs)


class CommentEditForm(forms.Form):
    """A reply's new text; whether it may be empty is the service's to say."""

    body = forms.CharField(required=False)


class SuggestionRejectForm(forms.Form):
    reason = forms.CharField(required=False)


class NameVerifyForm(forms.Form):
    """The spelling to register; empty means the flag's own suggestion or words."""

    full_name = forms.CharField(required=False)


# The text: edits, conflicts, reverts ----------------------------------------------------


class SentenceEditForm(forms.Form):
    text = TextField()  # empty removes the sentence
    expected_version = VersionField(
        missing="The version you edited is missing; reload the story and edit again."
    )
    reason = forms.CharField(required=False)


class ConflictForm(forms.Form):
    """The answer to an edit conflict; the service checks the record and the version."""

    choice = forms.ChoiceField(choices=[(c, c) for c in CONFLICT_CHOICES])
    record = IdField()
    text = TextField()
    expected_version = VersionField(required=False)
    reason = forms.CharField(required=False)


REVERT_VERSION_MISSING = "The version you saw is missing; reload the page and revert again."


class SentenceRevertForm(forms.Form):
    history_id = IdField(missing="Pick a version from the sentence's history.")
    expected_version = VersionField(missing=REVERT_VERSION_MISSING)
    reason = forms.CharField(required=False)


class ArticleRevertForm(forms.Form):
    as_of = forms.CharField(required=False)  # a moment or a history id: the selector reads it
    expected_version = VersionField(missing=REVERT_VERSION_MISSING)
    reason = forms.CharField(required=False)


class AnswersForm(forms.Form):
    """The .docx a reporter sent back: the desk's export with their answers in it."""

    file = forms.FileField(
        label="Word document (.docx)",
        help_text="The file the desk exported, as the reporter saved it in Word or LibreOffice.",
    )
    run_checks = forms.BooleanField(
        required=False, initial=True, label="Re-run the checks if the text changed"
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        data = upload.read()
        if not is_docx(upload.name, data):
            raise ValidationError(
                "This is not a Word document; upload the .docx the reporter sent back (a "
                "revised plain-text draft goes to “Upload a revision”).",
                code="not_docx",
            )
        upload.data = data
        return upload
