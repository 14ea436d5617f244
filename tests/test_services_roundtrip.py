"""The reporter's answer to a desk export comes back: every answer lands where it belongs,
once, as one change in the timeline."""

from __future__ import annotations

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
