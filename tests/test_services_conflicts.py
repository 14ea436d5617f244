"""Edit conflicts: a record of their own origin, settled by one service."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError

from review.models import Flag
from review.selectors.articles import current_text
from review.services.common import save_tracked
from review.services.conflicts import EditConflict, conflict_settle
from review.services.editing import sentence_edit
from review.services.flags import flag_create, flag_update

TEXT = "Scot Petersen stayed outside. He did not go in.\n\nThe report came later."

migration = importlib.import_module("review.migrations.0004_conflict_origin")


@pytest.fixture
def article(make_article):
    return make_article(TEXT, slug="story")


def at(article, position: int):
    return article.sentences.get(position=position)


@pytest.fixture
def conflict(article, editor, copy_editor) -> EditConflict:
    """The copy editor lost a race on the first sentence to the editor."""
    s = at(article, 0)
    sentence_edit(sentence=s, text="Theirs.", expected_version=1, actor=editor)
    with pytest.raises(EditConflict) as caught:
        sentence_edit(sentence=s, text="Mine.", expected_version=1, actor=copy_editor)
    return caught.value


def test_a_lost_race_is_kept_as_a_record_of_origin_conflict(conflict, copy_editor):
    record = Flag.objects.get(pk=conflict.record.pk)
    assert (record.origin, record.is_conflict, record.is_auto) == ("conflict", True, False)
    assert (record.suggestion, record.status, record.created_by) == ("Mine.", "open", copy_editor)
    assert record.note.startswith("Edit conflict:")
    assert record.history.get().history_change_reason == "edit conflict: unsaved text kept"


def test_a_flag_whose_note_reads_like_a_conflict_is_not_one(article, copy_editor):
    flag = flag_create(
        sentence=at(article, 0), kind="style", actor=copy_editor, note="Edit conflict: typed."
    )
    assert not flag.is_conflict
    with pytest.raises(ValidationError) as caught:
        conflict_settle(record=flag, choice="theirs", actor=copy_editor)
    assert caught.value.code == "stale"
    flag.refresh_from_db()
    assert flag.status == "open"


def test_taking_theirs_dismisses_the_record_and_keeps_the_saved_text(
    article, conflict, copy_editor
):
    record = conflict_settle(record=conflict.record, choice="theirs", actor=copy_editor)
    assert (record.status, record.resolution_note) == (
        "dismissed",
        "Kept the other editor's version.",
    )
    assert at(article, 0).text == "Theirs."


def test_taking_theirs_twice_changes_nothing_more(article, conflict, copy_editor):
    conflict_settle(record=conflict.record, choice="theirs", actor=copy_editor)
    rows = conflict.record.history.count()
    record = conflict_settle(record=conflict.record, choice="theirs", actor=copy_editor)
    assert record.status == "dismissed"
    assert conflict.record.history.count() == rows


def test_keeping_mine_saves_it_and_resolves_the_record(article, conflict, copy_editor):
    record = conflict_settle(
        record=conflict.record,
        choice="mine",
        text="Mine.",
        expected_version=2,
        actor=copy_editor,
        reason="my wording",
    )
    s = at(article, 0)
    assert (s.text, record.status, record.resolution_note) == (
        "Mine.",
        "resolved",
        "Kept my version.",
    )
    assert s.history.first().history_change_reason == "edited after a conflict: my wording"


def test_a_hand_merge_is_saved_and_says_so(article, conflict, copy_editor):
    record = conflict_settle(
        record=conflict.record,
        choice="merge",
        text="Theirs and mine.",
        expected_version=2,
        actor=copy_editor,
    )
    s = at(article, 0)
    assert (s.text, record.resolution_note) == ("Theirs and mine.", "Merged by hand.")
    assert s.history.first().history_change_reason == "edited after a conflict (merged by hand)"


def test_editing_the_records_note_keeps_it_a_conflict(article, conflict, copy_editor):
    flag_update(flag=conflict.record, actor=copy_editor, note="Look at this one tomorrow.")
    record = Flag.objects.get(pk=conflict.record.pk)
    assert record.is_conflict
    settled = conflict_settle(record=record, choice="theirs", actor=copy_editor)
    assert settled.status == "dismissed"


@pytest.mark.parametrize("choice", ["mine", "merge"])
def test_saving_needs_the_version_that_was_compared(article, conflict, copy_editor, choice):
    with pytest.raises(ValidationError) as caught:
        conflict_settle(record=conflict.record, choice=choice, text="Mine.", actor=copy_editor)
    assert caught.value.code == "version"
    assert at(article, 0).text == "Theirs."


def test_an_unknown_choice_is_refused(conflict, copy_editor):
    with pytest.raises(ValidationError) as caught:
        conflict_settle(record=conflict.record, choice="both", actor=copy_editor)
    assert caught.value.code == "choice"


def test_a_third_edit_meanwhile_is_a_new_conflict_and_its_record_is_kept(
    article, conflict, editor, copy_editor
):
    s = at(article, 0)
    sentence_edit(sentence=s, text="A third text.", expected_version=2, actor=editor)
    with pytest.raises(EditConflict) as caught:
        conflict_settle(
            record=conflict.record,
            choice="mine",
            text="Mine.",
            expected_version=2,
            actor=copy_editor,
        )
    assert at(article, 0).text == "A third text."
    again = Flag.objects.get(pk=caught.value.record.pk)
    assert (again.is_conflict, again.suggestion, again.status) == (True, "Mine.", "open")
    conflict.record.refresh_from_db()
    assert conflict.record.status == "open"  # the first record waits for the answer too


def test_keeping_mine_when_the_sentence_is_gone_says_so(article, editor, copy_editor):
    first, second = at(article, 0), at(article, 1)
    sentence_edit(
        sentence=first, text="Scot Petersen stayed outside and", expected_version=1, actor=editor
    )
    with pytest.raises(EditConflict) as caught:
        sentence_edit(sentence=second, text="He went in.", expected_version=1, actor=copy_editor)
    before = current_text(article)
    with pytest.raises(ValidationError) as refused:
        conflict_settle(
            record=caught.value.record,
            choice="mine",
            text="He went in.",
            expected_version=1,
            actor=copy_editor,
        )
    assert refused.value.code == "gone"
    assert current_text(article) == before


def test_keeping_mine_needs_a_role_that_edits_text(article, conflict, fact_checker):
    with pytest.raises(PermissionDenied):
        conflict_settle(
            record=conflict.record,
            choice="mine",
            text="Mine.",
            expected_version=2,
            actor=fact_checker,
        )
    assert at(article, 0).text == "Theirs."


# The data migration: records made before conflicts had their own origin.


def test_the_migration_finds_old_records_by_their_history_not_their_note(
    article, conflict, copy_editor
):
    old = Flag.objects.get(pk=conflict.record.pk)
    old.origin = "editor"  # as sentence_edit wrote them before
    save_tracked(old, actor=copy_editor, reason="as before the migration")
    lookalike = flag_create(
        sentence=at(article, 1), kind="other", actor=copy_editor, note="Edit conflict: typed."
    )
    migration.mark_conflict_records(apps, None)
    old.refresh_from_db()
    lookalike.refresh_from_db()
    assert (old.origin, lookalike.origin) == ("conflict", "editor")
    assert set(old.history.values_list("origin", flat=True)) == {"conflict"}
    migration.unmark_conflict_records(apps, None)
    old.refresh_from_db()
    assert old.origin == "editor"
    assert set(old.history.values_list("origin", flat=True)) == {"editor"}


# What the conflict page shows when a settle is refused: a sentence that says what to do.


def test_a_settle_of_something_that_is_not_a_conflict_says_to_reload(article, copy_editor):
    from review.services.conflicts import CONFLICT_STALE

    flag = flag_create(sentence=at(article, 0), kind="style", actor=copy_editor)
    with pytest.raises(ValidationError) as caught:
        conflict_settle(record=flag, choice="theirs", actor=copy_editor)
    assert caught.value.messages == [CONFLICT_STALE]


def test_a_settle_without_the_compared_version_says_to_reload(conflict, copy_editor):
    from review.services.conflicts import VERSION_MISSING

    with pytest.raises(ValidationError) as caught:
        conflict_settle(record=conflict.record, choice="mine", text="Mine.", actor=copy_editor)
    assert caught.value.messages == [VERSION_MISSING]


def test_an_unknown_choice_asks_which_version_to_keep(conflict, copy_editor):
    with pytest.raises(ValidationError) as caught:
        conflict_settle(record=conflict.record, choice="both", actor=copy_editor)
    assert caught.value.messages == ["Choose which version to keep."]


def test_keeping_mine_on_a_gone_sentence_says_where_the_text_is(article, editor, copy_editor):
    from review.services.conflicts import SENTENCE_GONE

    first, second = at(article, 0), at(article, 1)
    sentence_edit(
        sentence=first, text="Scot Petersen stayed outside and", expected_version=1, actor=editor
    )
    with pytest.raises(EditConflict) as caught:
        sentence_edit(sentence=second, text="He went in.", expected_version=1, actor=copy_editor)
    with pytest.raises(ValidationError) as refused:
        conflict_settle(
            record=caught.value.record,
            choice="mine",
            text="He went in.",
            expected_version=1,
            actor=copy_editor,
        )
    assert refused.value.messages == [SENTENCE_GONE]


# What the conflict page shows: both texts, who saved theirs and when, and the record.


def test_a_conflict_knows_the_starting_text_even_from_a_freshly_loaded_sentence(
    article, editor, copy_editor
):
    stale_version = at(article, 0).version
    sentence_edit(sentence=at(article, 0), text="Theirs.", expected_version=1, actor=editor)
    with pytest.raises(EditConflict) as caught:
        sentence_edit(
            sentence=at(article, 0),  # loaded now, after theirs: only its pk is trusted
            text="Mine.",
            expected_version=stale_version,
            actor=copy_editor,
        )
    conflict = caught.value
    assert (conflict.base, conflict.yours, conflict.theirs) == (
        "Scot Petersen stayed outside.",
        "Mine.",
        "Theirs.",
    )
    assert conflict.expected_version == 1
    theirs = at(article, 0).history.first()
    assert (conflict.theirs_by, conflict.theirs_at) == (editor, theirs.history_date)
    assert str(conflict).startswith("Someone else saved this sentence while you were editing it.")


def test_the_record_says_who_saved_what_and_quotes_the_sentence_as_it_is_now(conflict, copy_editor):
    record = Flag.objects.get(pk=conflict.record.pk)
    assert record.note == (
        "Edit conflict: copyed edited version 1, but editor had saved version 2 meanwhile. "
        "The unsaved text is kept as this flag's suggestion; accept it to use it, or dismiss "
        "the flag once the text is settled."
    )
    assert (record.quote, record.start, record.end, record.anchor) == (
        "Theirs.",
        None,
        None,
        "attached",
    )
    assert (record.kind.slug, record.severity) == ("other", "major")


def test_the_record_of_a_merged_away_sentence_quotes_the_text_it_started_from(
    article, editor, copy_editor
):
    first, second = at(article, 0), at(article, 1)
    sentence_edit(
        sentence=first, text="Scot Petersen stayed outside and", expected_version=1, actor=editor
    )
    with pytest.raises(EditConflict) as caught:
        sentence_edit(sentence=second, text="He went in.", expected_version=1, actor=copy_editor)
    record = Flag.objects.get(pk=caught.value.record.pk)
    assert (record.sentence, record.quote, record.anchor) == (None, "He did not go in.", "orphaned")
    assert "editor removed or merged the sentence meanwhile." in record.note


# The editor whose text lost.


def conflict_notes(user):
    from review.models import Notification

    return list(Notification.objects.filter(recipient=user, reason="conflict"))


def test_keeping_mine_tells_the_editor_whose_saved_text_it_replaced(
    article, conflict, editor, copy_editor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record = conflict_settle(
            record=conflict.record,
            choice="mine",
            text="Mine.",
            expected_version=2,
            actor=copy_editor,
        )
    assert at(article, 0).text == "Mine."
    (note,) = conflict_notes(editor)
    assert (note.actor, note.flag, note.read_at) == (copy_editor, record, None)
    assert note.history.get().history_change_reason == "notify: conflict"
    assert conflict_notes(copy_editor) == []  # never the one who chose
    (message,) = mailoutbox
    assert message.to == [editor.email]
    assert "copyed replaced your text" in message.subject


def test_a_hand_merge_tells_the_other_editor_too(article, conflict, editor, copy_editor):
    conflict_settle(
        record=conflict.record,
        choice="merge",
        text="Theirs and mine.",
        expected_version=2,
        actor=copy_editor,
    )
    assert len(conflict_notes(editor)) == 1


def test_taking_theirs_tells_nobody(article, conflict, editor, copy_editor):
    conflict_settle(record=conflict.record, choice="theirs", actor=copy_editor)
    assert conflict_notes(editor) == conflict_notes(copy_editor) == []


def test_a_settle_that_loses_a_new_race_tells_nobody(article, conflict, editor, copy_editor):
    # A third save after the comparison: the settle is refused as a new conflict.
    sentence_edit(sentence=at(article, 0), text="Third.", expected_version=2, actor=editor)
    with pytest.raises(EditConflict):
        conflict_settle(
            record=conflict.record,
            choice="mine",
            text="Mine.",
            expected_version=2,
            actor=copy_editor,
        )
    assert conflict_notes(editor) == []


def test_accepting_the_records_suggestion_tells_the_editor_whose_text_it_replaced(
    article, conflict, editor, copy_editor, fact_checker
):
    from review.services.editing import suggestion_accept

    suggestion_accept(flag=conflict.record, actor=copy_editor)
    assert at(article, 0).text == "Mine."
    (note,) = conflict_notes(editor)
    assert (note.actor, note.flag_id) == (copy_editor, conflict.record.pk)


def test_accepting_an_ordinary_suggestion_tells_nobody_of_a_conflict(article, editor, copy_editor):
    from review.services.editing import suggestion_accept

    sentence_edit(sentence=at(article, 0), text="Theirs.", expected_version=1, actor=editor)
    flag = flag_create(
        sentence=at(article, 0), kind="style", actor=copy_editor, suggestion="Better."
    )
    suggestion_accept(flag=flag, actor=copy_editor)
    assert conflict_notes(editor) == []


def test_the_last_author_is_whoever_saved_last_even_within_one_moment(article, editor, copy_editor):
    from review.services.common import one_change
    from review.services.conflicts import last_author

    s = at(article, 0)
    with one_change(reason="answers"):  # one moment for every history row written inside
        for actor, text in ((editor, "Theirs."), (copy_editor, "Mine.")):
            s.text = text
            save_tracked(s, actor=actor)
    assert last_author(s) == copy_editor


def test_a_sentence_without_history_has_no_last_author(article):
    from review.services.conflicts import last_author

    s = at(article, 0)
    s.history.all().delete()  # a row written before the desk kept history
    assert last_author(s) is None
