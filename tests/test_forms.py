"""The forms read the request; service errors land on them through one helper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from review.forms import (
    ID_MAX,
    ArticleImportForm,
    ConflictForm,
    ExportOptionsForm,
    FlagForm,
    SentenceEditForm,
    SentenceRevertForm,
    add_service_errors,
)


def test_a_service_error_on_a_field_the_form_has_goes_beside_it():
    form = ArticleImportForm(data={"title": "T", "text": "Some text."})
    assert form.is_valid()
    add_service_errors(form, ValidationError({"slug": "Taken.", "elsewhere": "Odd."}))
    assert form.errors["slug"] == ["Taken."]
    assert form.non_field_errors() == ["Odd."]


def test_a_service_error_on_no_field_goes_where_the_view_says():
    form = ArticleImportForm(data={"title": "T", "text": "Some text."})
    form.is_valid()
    add_service_errors(form, ValidationError("Binary."), field="text")
    assert form.errors["text"] == ["Binary."]
    other = ArticleImportForm(data={"title": "T", "text": "Some text."})
    other.is_valid()
    add_service_errors(other, ValidationError("Binary."))
    assert other.non_field_errors() == ["Binary."]


def test_text_fields_keep_spaces_make_line_ends_lf_and_leave_controls_to_the_service():
    form = SentenceEditForm(data={"text": " Two\r\nlines\x00 ", "expected_version": "3"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"text": " Two\nlines\x00 ", "expected_version": 3, "reason": ""}


@pytest.mark.parametrize("value", ["", "abc", "-1", "1.5"])
def test_an_edit_without_a_usable_version_is_refused_by_the_form(value):
    form = SentenceEditForm(data={"text": "New.", "expected_version": value})
    assert not form.is_valid()
    assert "version you edited is missing" in form.errors["expected_version"][0]


@pytest.mark.parametrize("value", ["0", "-3", "x", str(ID_MAX + 1), ""])
def test_ids_are_positive_and_fit_a_database_column(value):
    form = SentenceRevertForm(data={"history_id": value, "expected_version": "1"})
    assert not form.is_valid()
    assert form.errors["history_id"] == ["Pick a version from the sentence's history."]


def test_the_conflict_form_reads_the_choice_and_leaves_the_version_optional():
    form = ConflictForm(data={"choice": "theirs", "record": "7"})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["record"], form.cleaned_data["expected_version"]) == (7, None)
    assert not ConflictForm(data={"choice": "both", "record": "7"}).is_valid()


def test_the_flag_form_returns_a_sentence_of_its_own_story_only(make_article):
    mine, other = make_article("One. Two."), make_article("Three. Four.")
    theirs = other.sentences.first()
    form = FlagForm(
        data={"sentence": str(theirs.pk), "kind": "style"}, kinds=[], assignees=[], article=mine
    )
    assert not form.is_valid()
    assert form.errors["sentence"] == [FlagForm.NO_SENTENCE]
    own = mine.sentences.first()
    form = FlagForm(data={"sentence": str(own.pk)}, kinds=[], assignees=[], article=mine)
    form.is_valid()
    assert form.cleaned_data["sentence"] == own


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("on", True), (" Yes ", True), ("0", False), ("no", False), ("", False)],
)
def test_export_options_leave_closed_flags_out_only_when_asked_plainly(value, expected):
    assert ExportOptionsForm.open_only_from({"open_only": value}) is expected
    assert ExportOptionsForm.open_only_from({}) is False


def test_no_view_reads_the_posted_form_by_hand():
    """Forms read the request: a view that indexes request.POST skips their cleaning."""
    views = Path(__file__).resolve().parents[1] / "review" / "views"
    by_hand = re.compile(r"request\.POST(\[|\.get\()")
    found = [
        f"{path.name}:{number}"
        for path in sorted(views.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if by_hand.search(line)
    ]
    assert found == []


@pytest.mark.parametrize("value", [None, "", "2", "3", "missing"])
def test_the_desks_select_draws_the_same_html_as_djangos(value):
    """Same options, same escaping, the first matching option selected."""
    from django import forms

    from review.forms import ListSelect

    choices = [("", "Nobody"), ("2", "Ana <Díaz> & co"), ("3", "Bo"), ("3", "Bo again")]
    attrs = {"id": "fu-assignee", "required": True}
    mine = ListSelect(choices=choices).render("assignee", value, attrs)
    djangos = forms.Select(choices=choices).render("assignee", value, attrs)

    def tags(html: str) -> str:  # Django's option template ends each option with a newline
        return re.sub(r">\s+<", "><", html)

    assert tags(mine) == tags(djangos)
    assert "&lt;Díaz&gt; &amp; co" in mine
    assert mine.count(" selected") == (0 if value == "missing" else 1)
