"""The reporter's answer to a desk export comes back: every answer lands where it belongs,
once, as one change in the timeline."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from review.models import Article, Comment, Flag, ReporterAnswer, Sentence
from review.selectors.exports import export_file
from review.selectors.history import timeline
from review.services.comments import comment_add
from review.services.editing import sentence_edit
from review.services.flags import flag_create
from review.services.roundtrip import article_answers_apply
from review.services.workflow import article_approve, article_submit
from tests.docx_factories import WordAnswer, WordFile

pytestmark = pytest.mark.django_db

TEXT = (
    "Sheriff Scot Peterson resigned on Thursday. Officials said he did nothing.\n\n"
    "The deputy waited outside for four minutes. Students hid in classrooms.\n\n"
    "Email In Touch at"
)


def _words(sentence, words):
    start = sentence.text.index(words)
    return {"start": start, "end": start + len(words)}


@pytest.fixture
def story(make_article, editor, copy_editor):
    article = make_article(TEXT, slug="deputy", title="Deputy")
    s = {x.position: x for x in article.sentences.all()}
    flags = {
        "scot": flag_create(
            sentence=s[0],
            kind="name-spelling",
            actor=editor,
            suggestion="Scott Peterson",
            **_words(s[0], "Scot Peterson"),
        ),
        "minutes": flag_create(
            sentence=s[2],
            kind="unverified-claim",
            actor=editor,
            suggestion="six minutes",
            **_words(s[2], "four minutes"),
        ),
        "officials": flag_create(
            sentence=s[1],
            kind="unverified-claim",
            actor=editor,
            note="Which officials?",
            **_words(s[1], "Officials said"),
        ),
        "promo": flag_create(sentence=s[4], kind="dangling-text", actor=editor),
    }
    comment_add(flag=flags["officials"], actor=copy_editor, body="Please name them.")
    article.test_flags = flags
    return article


def answer(article) -> WordAnswer:
    return WordAnswer(export_file(article, "docx").data)


def apply(article, data, actor, name="deputy-answers.docx", **kw):
    return article_answers_apply(
        article=article, data=data, file_name=name, actor=actor, run_checks=False, **kw
    )


def reporters_answers(article) -> bytes:
    flags = article.test_flags
    word = answer(article)
    word.reply(
        flags["officials"].number, "The sheriff's office, on record.", author="Rita Reporter"
    )
    word.done(flags["promo"].number)
    word.accept(flags["minutes"].number)
    word.reject(flags["scot"].number)
    word.replace_text("Students hid in classrooms.", "Students hid in two classrooms.")
    word.comment_on("resigned on Thursday", "It was Friday.", author="Rita Reporter")
    return word.bytes()


def test_every_answer_lands_where_it_belongs(story, editor):
    result = apply(story, reporters_answers(story), editor)
    flags = {k: Flag.objects.get(pk=f.pk) for k, f in story.test_flags.items()}
    # The reply is in the right thread, under the Word author's name.
    reply = flags["officials"].comments.order_by("pk").last()
    assert (reply.author, reply.author_name, reply.body) == (
        None,
        "Rita Reporter",
        "The sheriff's office, on record.",
    )
    # Done resolves; accepted accepts the suggestion; rejected rejects it.
    assert flags["promo"].status == "resolved"
    assert flags["promo"].resolution_note == "Marked done in Word (deputy-answers.docx)."
    assert flags["minutes"].status == "resolved"
    assert flags["scot"].status == "dismissed"
    assert "rejected in Word (deputy-answers.docx)" in flags["scot"].resolution_note
    texts = list(
        Sentence.objects.filter(article=story).order_by("position").values_list("text", flat=True)
    )
    assert "The deputy waited outside for six minutes." in texts
    assert "Sheriff Scot Peterson resigned on Thursday." in texts  # rejected: unchanged
    assert "Students hid in two classrooms." in texts  # the edit, as a revision
    # The new comment is a new flag on its words.
    new = Flag.objects.get(article=story, origin="import")
    assert new.quote == "resigned on Thursday"
    assert new.note == "Rita Reporter in Word, 2026-12-03 08:05 UTC: It was Friday."
    assert (result.replies, result.resolved, result.accepted, result.rejected) == (1, 1, 1, 1)
    assert (result.new_flags, result.revised) == (1, True)


def test_the_round_trip_is_one_change_in_the_timeline(story, editor):
    apply(story, reporters_answers(story), editor)
    latest = timeline(story).changes[0]
    assert latest.reasons == ["answers from the reporter (deputy-answers.docx)"]
    kinds = {entry.kind for entry in latest.entries}
    assert kinds == {"article", "text", "flags", "comments"}


def test_uploading_the_same_file_again_applies_nothing_twice(story, editor):
    data = reporters_answers(story)
    apply(story, data, editor)
    counts = (Comment.objects.count(), Flag.objects.count(), Sentence.history.count())
    version = Article.objects.get(pk=story.pk).version
    again = apply(story, data, editor)
    assert again.applied == 0
    assert "Nothing new to apply from this file: it was applied on" in again.summary
    assert (Comment.objects.count(), Flag.objects.count(), Sentence.history.count()) == counts
    assert Article.objects.get(pk=story.pk).version == version


def test_a_later_save_of_the_file_applies_only_what_is_new(story, editor):
    flags = story.test_flags
    word = answer(story)
    word.reply(flags["officials"].number, "First answer.", author="Rita Reporter")
    word.comment_on("Students hid", "How many?", author="Rita Reporter")
    apply(story, word.bytes(), editor, name="v1.docx")
    word.reply(flags["officials"].number, "Second answer.", author="Rita Reporter")
    result = apply(story, word.bytes(), editor, name="v2.docx")
    bodies = list(
        Flag.objects.get(pk=flags["officials"].pk).comments.values_list("body", flat=True)
    )
    assert bodies.count("First answer.") == 1 and bodies.count("Second answer.") == 1
    assert Flag.objects.filter(origin="import").count() == 1
    # The first reply is in the thread now; the new comment was applied by the first upload.
    assert result.replies == 1 and result.already == 1


def test_the_desks_own_replies_in_the_file_are_not_answers(story, editor):
    result = apply(story, answer(story).bytes(), editor)
    assert result.applied == 0
    assert Comment.objects.count() == 1


def test_a_reply_by_a_desk_user_is_theirs(story, editor, copy_editor):
    copy_editor.email = "copy@desk.example"
    copy_editor.save()
    word = answer(story)
    word.reply(story.test_flags["officials"].number, "Named now.", author="copy@desk.example")
    apply(story, word.bytes(), editor)
    reply = Comment.objects.get(body="Named now.")
    assert (reply.author, reply.author_name) == (copy_editor, "")


def test_a_file_from_another_story_is_refused(story, make_article, editor):
    other = make_article("Another story.", slug="other")
    with pytest.raises(ValidationError, match="exported from the story “deputy”"):
        apply(other, reporters_answers(story), editor)
    assert not ReporterAnswer.objects.exists()


def test_text_the_desk_changed_since_the_export_is_merged_not_overwritten(story, editor):
    data = answer(story)
    data.replace_text("Students hid in classrooms.", "Students hid in two classrooms.")
    data.replace_text(" he did nothing.", " he waited.")
    data = data.bytes()
    # Meanwhile on the desk: the first paragraph is edited.
    first = story.sentences.get(position=1)
    sentence_edit(
        sentence=first,
        text="Officials said he did nothing at all.",
        expected_version=first.version,
        actor=editor,
    )
    result = apply(story, data, editor)
    texts = list(story.sentences.order_by("position").values_list("text", flat=True))
    assert "Students hid in two classrooms." in texts  # the reporter's, where the desk left it
    assert "Officials said he did nothing at all." in texts  # the desk's, kept
    conflict = Flag.objects.get(origin="import", severity="major")
    assert "changed on the desk too" in conflict.note and "he waited." in conflict.note
    assert result.conflicts == 1 and result.revised


def test_an_approved_story_refuses_text_answers_and_writes_nothing(story, editor):
    for flag in Flag.objects.filter(article=story):
        flag.severity = "minor"
        flag.save()
    article_submit(article=story, actor=editor)
    article_approve(article=story, actor=editor)
    word = answer(story)
    word.replace_text("Students hid in classrooms.", "Students hid.")
    word.reply(story.test_flags["officials"].number, "A reply.", author="Rita Reporter")
    with pytest.raises(ValidationError, match="reopen it"):
        apply(story, word.bytes(), editor)
    assert not Comment.objects.filter(body="A reply.").exists()
    assert not ReporterAnswer.objects.exists()


def test_a_docx_without_the_desks_mark_is_a_revision_with_new_flags(story, editor):
    word = WordFile()
    for paragraph in TEXT.split("\n\n")[:2]:
        word.paragraph(paragraph)
    runs = word.paragraph("Email ", "In Touch", " at")
    word.comment(runs[1], "Cut this?")
    result = apply(story, word.bytes(), editor)
    assert Flag.objects.filter(origin="import", quote="In Touch").exists()
    assert result.new_flags == 1 and not result.revised  # same text: nothing to revise


def test_only_editors_apply_answers(story, copy_editor):
    with pytest.raises(PermissionDenied):
        apply(story, reporters_answers(story), copy_editor)


def test_an_approved_story_takes_an_accepted_change_once_reopened(story, editor):
    from review.services.workflow import article_reopen

    for flag in Flag.objects.filter(article=story):
        flag.severity = "minor"
        flag.save()
    article_submit(article=story, actor=editor)
    article_approve(article=story, actor=editor)
    word = answer(story)
    word.accept(story.test_flags["minutes"].number)
    data = word.bytes()
    with pytest.raises(ValidationError, match="reopen it"):
        apply(story, data, editor)
    assert not ReporterAnswer.objects.exists()
    article_reopen(article=story, actor=editor)
    second = apply(story, data, editor)
    assert second.accepted == 1
    assert Flag.objects.get(pk=story.test_flags["minutes"].pk).status == "resolved"


def _ledger(article):
    return list(ReporterAnswer.objects.filter(article=article).order_by("pk"))


def test_the_ledger_says_what_each_answer_was_who_gave_it_and_where_it_landed(story, editor):
    flags = story.test_flags
    apply(story, reporters_answers(story), editor)
    rows = {row.kind: row for row in _ledger(story)}
    assert set(rows) == {"reply", "done", "accepted", "rejected", "edit", "comment"}
    reply = rows["reply"]
    assert (reply.flag_id, reply.author_name) == (flags["officials"].pk, "Rita Reporter")
    assert reply.comment.body == "The sheriff's office, on record."
    assert reply.summary.startswith("Rita Reporter")
    assert rows["accepted"].flag_id == flags["minutes"].pk
    assert rows["rejected"].flag_id == flags["scot"].pk
    assert rows["edit"].summary == "text revised" and rows["edit"].author_name == ""
    new = Flag.objects.get(article=story, origin="import")
    assert (rows["comment"].flag_id, rows["comment"].author_name) == (new.pk, "Rita Reporter")
    assert all(row.file_name == "deputy-answers.docx" for row in rows.values())
    # The accepted suggestion is closed with a note that says where it was accepted.
    minutes = Flag.objects.get(pk=flags["minutes"].pk)
    assert minutes.resolution_note == "Accepted in Word (deputy-answers.docx)."


def test_every_rejection_in_the_file_counts(story, editor):
    word = answer(story)
    word.reject(story.test_flags["scot"].number)
    word.reject(story.test_flags["minutes"].number)
    result = apply(story, word.bytes(), editor)
    assert result.rejected == 2
    assert "2 suggestions rejected" in result.summary


def test_an_accept_the_desk_made_impossible_is_reported_not_applied(story, editor):
    word = answer(story)
    word.accept(story.test_flags["minutes"].number)
    data = word.bytes()
    # Meanwhile on the desk: the suggestion's words are gone.
    third = story.sentences.get(position=2)
    sentence_edit(
        sentence=third,
        text="The deputy waited outside.",
        expected_version=third.version,
        actor=editor,
    )
    result = apply(story, data, editor)
    assert result.accepted == 0
    assert any("suggestion" in line for line in result.not_applied)
    row = ReporterAnswer.objects.get(article=story, kind="accepted")
    assert row.summary == "could not be applied"
    assert Flag.objects.get(pk=story.test_flags["minutes"].pk).status == "open"


def test_a_paragraph_both_sides_changed_is_flagged_in_that_paragraph(story, editor):
    word = answer(story)
    word.replace_text("Students hid in classrooms.", "Students hid in two classrooms.")
    data = word.bytes()
    fourth = story.sentences.get(position=3)
    sentence_edit(
        sentence=fourth,
        text="Students hid in their classrooms.",
        expected_version=fourth.version,
        actor=editor,
    )
    result = apply(story, data, editor)
    conflict = Flag.objects.get(origin="import", severity="major")
    assert result.conflicts == 1
    assert conflict.sentence.paragraph == fourth.paragraph
    assert "two classrooms" in conflict.note


def _new_comments_file(*, later_reply: bool = False, on_title: bool = False) -> bytes:
    word = WordFile()
    if on_title:
        table = word.table([["A table cell"]])
        word.comment(table.cell(0, 0).paragraphs[0].runs, "Not on the story.")
    for paragraph in TEXT.split("\n\n")[:2]:
        word.paragraph(paragraph)
    runs = word.paragraph("Email ", "In Touch", " at")
    cut = word.comment(runs[1], "Cut this?", done=True)
    word.comment(runs[1], "Or shorten it?")
    word.reply(cut, runs[1], "Yes, cut it.", author="Ed Itor")
    if later_reply:
        word.reply(
            cut,
            runs[1],
            "Really, cut it.",
            author="Ed Itor",
            when=datetime(2026, 12, 4, 9, 0, tzinfo=UTC),
        )
    return word.bytes()


def test_a_new_comments_thread_becomes_a_flag_with_its_replies_and_done_mark(story, editor):
    result = apply(story, _new_comments_file(), editor)
    cut = Flag.objects.get(article=story, origin="import", note__contains="Cut this?")
    assert Flag.objects.filter(article=story, origin="import", note__contains="shorten").exists()
    assert cut.status == "resolved"
    assert list(cut.comments.values_list("author_name", "body")) == [("Ed Itor", "Yes, cut it.")]
    assert (result.new_flags, result.replies, result.resolved) == (2, 1, 1)
    reply = ReporterAnswer.objects.get(article=story, kind="reply")
    assert (reply.flag_id, reply.comment.body, reply.author_name) == (
        cut.pk,
        "Yes, cut it.",
        "Ed Itor",
    )


def test_a_later_reply_to_an_uploaded_comment_joins_its_flag_once(story, editor):
    apply(story, _new_comments_file(), editor, name="v1.docx")
    result = apply(story, _new_comments_file(later_reply=True), editor, name="v2.docx")
    cut = Flag.objects.get(article=story, origin="import", note__contains="Cut this?")
    assert list(cut.comments.order_by("pk").values_list("body", flat=True)) == [
        "Yes, cut it.",
        "Really, cut it.",
    ]
    assert result.replies == 1 and result.new_flags == 0
    row = ReporterAnswer.objects.filter(article=story, kind="reply").order_by("pk").last()
    assert (row.flag_id, row.comment.body) == (cut.pk, "Really, cut it.")
    again = apply(story, _new_comments_file(later_reply=True), editor, name="v3.docx")
    assert again.applied == 0


def test_a_comment_off_the_story_is_reported_and_the_rest_still_land(story, editor):
    result = apply(story, _new_comments_file(on_title=True), editor)
    assert result.not_applied == ["a comment by Rita Reporter that is not on the story's text"]
    assert result.new_flags == 2
    row = ReporterAnswer.objects.get(article=story, kind="comment", flag=None)
    assert (row.summary, row.author_name) == ("not on the story's text", "Rita Reporter")


def test_a_new_comment_lands_on_its_words_when_the_desk_changed_the_text(story, editor):
    word = answer(story)
    word.comment_on("Students hid", "How many?", author="Rita Reporter")
    data = word.bytes()
    first = story.sentences.get(position=0)
    sentence_edit(
        sentence=first,
        text="Sheriff Scot Peterson, who led the office, resigned on Thursday.",
        expected_version=first.version,
        actor=editor,
    )
    apply(story, data, editor)
    new = Flag.objects.get(article=story, origin="import")
    assert new.quote == "Students hid"
    assert new.sentence.text == "Students hid in classrooms."


def test_a_later_save_counts_what_earlier_uploads_applied(story, editor):
    flags = story.test_flags
    word = answer(story)
    word.reply(flags["officials"].number, "First answer.", author="Rita Reporter")
    word.comment_on("Students hid", "How many?", author="Rita Reporter")
    apply(story, word.bytes(), editor, name="v1.docx")
    word.reply(flags["officials"].number, "Second answer.", author="Rita Reporter")
    word.done(flags["promo"].number)
    result = apply(story, word.bytes(), editor, name="v2.docx")
    assert (result.replies, result.resolved, result.already) == (1, 1, 1)


def test_a_later_save_with_more_edits_revises_again(story, editor):
    word = answer(story)
    word.replace_text("Students hid in classrooms.", "Students hid in two classrooms.")
    apply(story, word.bytes(), editor, name="v1.docx")
    word.replace_text(" he did nothing.", " he waited.")
    result = apply(story, word.bytes(), editor, name="v2.docx")
    assert result.revised and not result.conflicts
    texts = list(story.sentences.values_list("text", flat=True))
    assert "Officials said he waited." in texts and "Students hid in two classrooms." in texts


def test_a_flag_reopened_and_exported_again_takes_a_new_done_mark(story, editor):
    from review.services.flags import flag_reopen

    promo = story.test_flags["promo"]
    word = answer(story)
    word.done(promo.number)
    apply(story, word.bytes(), editor, name="first.docx")
    flag_reopen(flag=Flag.objects.get(pk=promo.pk), actor=editor, reason="Still there.")
    word = answer(Article.objects.get(pk=story.pk))
    word.done(promo.number)
    result = apply(story, word.bytes(), editor, name="second.docx")
    assert result.resolved == 1
    assert Flag.objects.get(pk=promo.pk).status == "resolved"


def test_the_callers_story_has_the_new_version_and_the_checks_run_after_a_revision(story, editor):
    word = answer(story)
    word.replace_text("Students hid in classrooms.", "Students hid in two classrooms.")
    result = article_answers_apply(
        article=story, data=word.bytes(), file_name="", actor=editor, run_checks=True
    )
    assert result.file_name == "answer.docx"
    assert story.version == Article.objects.get(pk=story.pk).version > 1
    assert Flag.objects.filter(article=story, origin__startswith="check:").exists()


def test_a_file_that_lost_its_export_moment_turns_every_difference_into_a_flag(story, editor):
    import re

    from review.exports.docx_mark import EXPORTED_AT

    word = answer(story)
    word.replace_text("Students hid in classrooms.", "Students hid in two classrooms.")
    # Saved by a program that dropped the custom property: where the file started is unknown.
    custom = word.parts["docProps/custom.xml"].decode()
    word.parts["docProps/custom.xml"] = re.sub(
        rf'(name="{EXPORTED_AT}"><vt:lpwstr>)[^<]*', r"\1", custom
    ).encode()
    first = story.sentences.get(position=1)
    sentence_edit(
        sentence=first,
        text="Officials said he did nothing at all.",
        expected_version=first.version,
        actor=editor,
    )
    result = apply(story, word.bytes(), editor)
    # Both paragraphs differ (the desk's edit too): the editors decide each, nothing is taken.
    assert not result.revised and result.conflicts == 2
    texts = list(story.sentences.order_by("position").values_list("text", flat=True))
    assert "Students hid in classrooms." in texts
    assert "Officials said he did nothing at all." in texts
    assert not ReporterAnswer.objects.filter(summary="text revised").exists()
    conflict = Flag.objects.get(origin="import", note__contains="two classrooms")
    assert conflict.sentence.text == "The deputy waited outside for four minutes."


def test_a_new_comment_on_words_the_desk_rewrote_lands_on_their_sentence(story, editor):
    word = answer(story)
    word.comment_on("Students hid", "How many?", author="Rita Reporter")
    data = word.bytes()
    fourth = story.sentences.get(position=3)
    sentence_edit(
        sentence=fourth,
        text="Pupils sheltered in classrooms.",
        expected_version=fourth.version,
        actor=editor,
    )
    apply(story, data, editor)
    new = Flag.objects.get(article=story, origin="import")
    assert new.note.endswith("How many?")
    assert new.sentence.paragraph == fourth.paragraph


def _desk_edit(story, position, text, editor):
    sentence = story.sentences.get(position=position)
    sentence_edit(sentence=sentence, text=text, expected_version=sentence.version, actor=editor)


def test_the_same_clash_in_a_later_export_is_flagged_again(story, editor):
    word = answer(story)
    word.replace_text("Students hid in classrooms.", "Students hid in two classrooms.")
    _desk_edit(story, 3, "Students hid in their classrooms.", editor)
    assert apply(story, word.bytes(), editor, name="first.docx").conflicts == 1
    # A new export of the desk's text; the reporter makes the same change, the desk another.
    word = answer(Article.objects.get(pk=story.pk))
    word.replace_text("Students hid in their classrooms.", "Students hid in two classrooms.")
    _desk_edit(story, 3, "Students hid in their own classrooms.", editor)
    result = apply(story, word.bytes(), editor, name="second.docx")
    assert result.conflicts == 1
    assert Flag.objects.filter(origin="import", note__contains="(second.docx)").count() == 1


def test_a_round_trip_without_checks_runs_none_for_its_accepted_suggestion(story, editor):
    word = answer(story)
    word.accept(story.test_flags["minutes"].number)
    result = apply(story, word.bytes(), editor)  # run_checks=False
    assert result.accepted == 1
    assert story.sentences.filter(text__contains="six minutes").exists()
    assert not Flag.objects.filter(article=story, origin__startswith="check:").exists()


def test_a_new_comment_on_words_now_written_twice_lands_on_those_its_context_names(story, editor):
    word = answer(story)
    word.comment_on("Sheriff", "Is that his title?", author="Rita Reporter")
    data = word.bytes()
    first = story.sentences.get(position=0)
    sentence_edit(
        sentence=first,
        text="Sheriff Ann Lee said Sheriff Scot Peterson resigned on Thursday.",
        expected_version=first.version,
        actor=editor,
    )
    apply(story, data, editor)
    new = Flag.objects.get(article=story, origin="import")
    # the nearer "Sheriff" is someone else; the words after the comment's tell them apart
    assert (new.quote, new.start) == ("Sheriff", len("Sheriff Ann Lee said "))
