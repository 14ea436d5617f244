"""Reverting a sentence or the whole text: a change like any other, itself revertible."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from review.models import Flag, Sentence
from review.selectors.articles import current_text
from review.services.editing import EditConflict, sentence_edit
from review.services.flags import flag_create
from review.services.revert import article_revert, sentence_revert, text_as_of
from review.services.workflow import article_approve, article_publish, article_submit

TEXT = "Scot Petersen stayed outside. He did not go in.\n\nThe report came later."


@pytest.fixture
def article(make_article):
    return make_article(TEXT)


def at(article, position):
    return article.sentences.get(position=position)


def edit(sentence, text, actor):
    sentence.refresh_from_db()
    return sentence_edit(
        sentence=sentence, text=text, expected_version=sentence.version, actor=actor
    )


def test_a_sentence_goes_back_to_an_earlier_version(article, editor, copy_editor):
    s = at(article, 0)
    first = s.history.get()
    edit(s, "Scot Peterson stayed outside.", editor)
    edit(s, "Scot Peterson waited outside.", editor)
    s.refresh_from_db()
    sentence_revert(
        sentence=s, history_id=first.history_id, expected_version=s.version, actor=copy_editor
    )
    s.refresh_from_db()
    assert (s.text, s.version) == ("Scot Petersen stayed outside.", 4)
    row = s.history.first()
    assert row.history_user == copy_editor
    assert row.history_change_reason.startswith("reverted to version 1 of ")


def test_a_revert_can_itself_be_reverted(article, editor):
    s = at(article, 0)
    edit(s, "Scot Peterson stayed outside.", editor)
    edited = s.history.first()
    s.refresh_from_db()
    sentence_revert(
        sentence=s,
        history_id=s.history.last().history_id,
        expected_version=s.version,
        actor=editor,
    )
    s.refresh_from_db()
    sentence_revert(
        sentence=s, history_id=edited.history_id, expected_version=s.version, actor=editor
    )
    s.refresh_from_db()
    assert s.text == "Scot Peterson stayed outside."
    assert s.history.count() == 4


def test_a_sentence_revert_goes_through_the_version_check(article, editor):
    s = at(article, 0)
    original = s.history.get().history_id
    edit(s, "Scot Peterson stayed outside.", editor)
    with pytest.raises(EditConflict):
        sentence_revert(sentence=s, history_id=original, expected_version=1, actor=editor)


def test_a_version_of_another_sentence_is_refused(article, editor):
    other = at(article, 1).history.get().history_id
    with pytest.raises(ValidationError, match="does not belong"):
        sentence_revert(sentence=at(article, 0), history_id=other, expected_version=1, actor=editor)


def test_viewers_cannot_revert(article, viewer):
    s = at(article, 0)
    with pytest.raises(PermissionDenied):
        sentence_revert(
            sentence=s, history_id=s.history.get().history_id, expected_version=1, actor=viewer
        )


def test_the_whole_text_goes_back_to_a_moment_and_forward_again(article, editor, copy_editor):
    imported_at = timezone.now()
    edit(at(article, 0), "Scot Peterson stayed outside. Nobody went in.", editor)
    edit(at(article, 3), "", editor)
    after_edits = timezone.now()
    edited_text = current_text(article)
    article.refresh_from_db()
    article_revert(
        article=article, when=imported_at, expected_version=article.version, actor=copy_editor
    )
    assert current_text(article) == TEXT
    article.refresh_from_db()
    assert article.history.first().history_change_reason.startswith("reverted the text to")
    assert article.history.first().history_user == copy_editor
    article_revert(
        article=article, when=after_edits, expected_version=article.version, actor=editor
    )
    assert current_text(article) == edited_text


def test_a_whole_text_revert_keeps_unchanged_sentences_and_their_flags(article, editor):
    keep = at(article, 2)
    flag = flag_create(sentence=keep, kind="other", actor=editor, start=4, end=10)
    before = timezone.now()
    edit(at(article, 0), "Changed.", editor)
    article.refresh_from_db()
    article_revert(article=article, when=before, expected_version=article.version, actor=editor)
    assert Sentence.objects.filter(pk=keep.pk).exists()
    assert keep.history.count() == 1
    flag.refresh_from_db()
    assert (flag.sentence_id, flag.anchor, flag.history.count()) == (keep.pk, "attached", 1)


def test_an_orphaned_flag_reattaches_when_its_words_come_back(article, editor):
    s = at(article, 0)
    flag = flag_create(sentence=s, kind="other", actor=editor, start=21, end=28)
    assert flag.quote == "outside"
    before = timezone.now()
    edit(s, "Scot Petersen stayed.", editor)
    flag.refresh_from_db()
    assert flag.anchor == Flag.Anchor.ORPHANED
    article.refresh_from_db()
    article_revert(article=article, when=before, expected_version=article.version, actor=editor)
    flag.refresh_from_db()
    assert flag.anchor == Flag.Anchor.ATTACHED
    assert flag.sentence.text[flag.start : flag.end] == "outside"


def test_a_whole_text_revert_refuses_a_stale_version(article, editor):
    before = timezone.now()
    edit(at(article, 0), "Changed.", editor)
    with pytest.raises(ValidationError, match="now version 2"):
        article_revert(article=article, when=before, expected_version=1, actor=editor)


def test_reverting_to_the_current_text_is_refused(article, editor):
    with pytest.raises(ValidationError, match="nothing to revert"):
        article_revert(article=article, when=timezone.now(), expected_version=1, actor=editor)


def test_text_as_of_rebuilds_each_earlier_state(article, editor):
    states = [(timezone.now(), current_text(article))]
    for text in ("One. Two.", "One and two", ""):
        edit(at(article, 1), text, editor) if text else edit(at(article, 0), text, editor)
        states.append((timezone.now(), current_text(article)))
    for when, text in states:
        assert text_as_of(article, when) == text


# Approved and published stories are locked until reopened.


def approve(article, editor, *, publish=False):
    article_submit(article=article, actor=editor)
    article_approve(article=article, actor=editor)
    if publish:
        article_publish(article=article, actor=editor)


def test_a_sentence_of_an_approved_story_cannot_be_reverted(article, editor):
    s = at(article, 0)
    original = s.history.get().history_id
    edit(s, "Scot Peterson stayed outside.", editor)
    approve(article, editor)
    s.refresh_from_db()
    with pytest.raises(ValidationError, match="This story is approved; reopen it") as exc:
        sentence_revert(sentence=s, history_id=original, expected_version=s.version, actor=editor)
    assert exc.value.code == "locked"
    s.refresh_from_db()
    assert s.text == "Scot Peterson stayed outside."


def test_the_text_of_a_published_story_cannot_be_reverted(article, editor):
    before = timezone.now()
    edit(at(article, 0), "Changed.", editor)
    article.refresh_from_db()
    approve(article, editor, publish=True)
    with pytest.raises(ValidationError, match="This story is published; reopen it") as exc:
        article_revert(article=article, when=before, expected_version=article.version, actor=editor)
    assert exc.value.code == "locked"
    assert current_text(article).startswith("Changed.")


# What a revert records and says.


def test_a_sentence_revert_names_the_version_and_its_local_time_and_the_reason(
    article, editor, settings
):
    settings.TIME_ZONE = "Europe/Paris"
    s = at(article, 0)
    first = s.history.get()
    edit(s, "Scot Peterson stayed outside.", editor)
    s.refresh_from_db()
    sentence_revert(
        sentence=s,
        history_id=first.history_id,
        expected_version=s.version,
        actor=editor,
        reason="The court papers say Petersen.",
    )
    label = timezone.localtime(first.history_date).strftime("%Y-%m-%d %H:%M:%S")
    assert s.history.first().history_change_reason == (
        f"reverted to version 1 of {label}: The court papers say Petersen."
    )


def test_a_removed_sentence_cannot_be_reverted_to_its_removal(article, editor):
    s = at(article, 1)
    edit(s, "", editor)
    removal = Sentence.history.get(id=s.pk, history_type="-")
    with pytest.raises(ValidationError) as refused:
        sentence_revert(sentence=s, history_id=removal.history_id, expected_version=2, actor=editor)
    assert refused.value.messages == [
        "That version does not belong to this sentence; pick one from its history."
    ]
    assert not Flag.objects.exists()  # no conflict record either


def test_a_whole_text_revert_records_the_local_moment_and_the_reason_on_every_row(
    article, editor, settings
):
    settings.TIME_ZONE = "Europe/Paris"
    before = timezone.now()
    edit(at(article, 0), "Changed.", editor)
    article.refresh_from_db()
    article_revert(
        article=article,
        when=before,
        expected_version=article.version,
        actor=editor,
        reason="  The edit was wrong. ",
    )
    why = (
        f"reverted the text to {timezone.localtime(before).strftime('%Y-%m-%d %H:%M:%S')}"
        ": The edit was wrong."
    )
    assert article.history.first().history_change_reason == why
    assert at(article, 0).history.first().history_change_reason == why


def test_a_whole_text_revert_without_a_reason_names_only_the_moment(article, editor):
    before = timezone.now()
    edit(at(article, 0), "Changed.", editor)
    article.refresh_from_db()
    article_revert(article=article, when=before, expected_version=article.version, actor=editor)
    label = timezone.localtime(before).strftime("%Y-%m-%d %H:%M:%S")
    assert article.history.first().history_change_reason == f"reverted the text to {label}"


def test_a_long_revert_reason_is_cut_to_what_history_holds(article, editor):
    before = timezone.now()
    edit(at(article, 0), "Changed.", editor)
    article.refresh_from_db()
    article_revert(
        article=article,
        when=before,
        expected_version=article.version,
        actor=editor,
        reason="x" * 200,
    )
    reasons = [
        article.history.first().history_change_reason,
        at(article, 0).history.first().history_change_reason,
    ]
    assert [len(r) for r in reasons] == [100, 100]


def test_a_whole_text_revert_updates_the_callers_article_version(article, editor):
    before = timezone.now()
    edit(at(article, 0), "Changed.", editor)
    article.refresh_from_db()
    article_revert(article=article, when=before, expected_version=2, actor=editor)
    assert article.version == 3


def test_a_revert_to_the_future_is_refused(article, editor):
    with pytest.raises(ValidationError) as refused:
        article_revert(
            article=article,
            when=timezone.now() + timezone.timedelta(minutes=5),
            expected_version=1,
            actor=editor,
        )
    assert refused.value.messages == ["Pick a moment in the past to revert to."]


def test_a_revert_to_before_the_story_existed_is_refused(article, editor):
    with pytest.raises(ValidationError) as refused:
        article_revert(
            article=article,
            when=article.created_at - timezone.timedelta(minutes=5),
            expected_version=1,
            actor=editor,
        )
    assert refused.value.messages == [
        "The story had no text at that moment; pick a later point in its history."
    ]
    assert current_text(article) == TEXT


def test_a_viewer_is_told_who_can_revert_the_text(article, viewer):
    from review.permissions import EDIT_DENIED

    with pytest.raises(PermissionDenied) as refused:
        article_revert(article=article, when=timezone.now(), expected_version=1, actor=viewer)
    assert str(refused.value) == EDIT_DENIED


def test_a_revert_bringing_back_words_an_editor_resolved_reopens_their_flag(make_article, editor):
    from review.constants import PROBLEM_BACK
    from review.services.checks import checks_run
    from review.services.flags import flag_resolve

    article = make_article("The owner reportedly wants to sell the land.")
    checks_run(article=article, actor=editor)
    flag = Flag.objects.get(article=article, origin="check:claims.hedge")
    flag_resolve(flag=flag, actor=editor, note="Reworded.")
    before = timezone.now()
    edit(at(article, 0), "The owner wants to sell the land.", editor)
    flag.refresh_from_db()
    assert (flag.status, flag.anchor) == (Flag.Status.RESOLVED, Flag.Anchor.ORPHANED)
    article.refresh_from_db()
    article_revert(article=article, when=before, expected_version=article.version, actor=editor)
    flag.refresh_from_db()
    assert (flag.status, flag.anchor) == (Flag.Status.OPEN, Flag.Anchor.ATTACHED)
    assert flag.history.first().history_change_reason == PROBLEM_BACK
