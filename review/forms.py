from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from review.services.articles import decode_manuscript
from review.services.docx_import import is_docx


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
