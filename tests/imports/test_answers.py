"""Reading a reporter's answers out of a returned desk export (pure: no database)."""

from __future__ import annotations

from review.exports import docx as docx_export
from review.imports.answers import DeskFlag, read_answers
from review.imports.docx_reader import read_docx
from tests.docx_factories import WordAnswer
from tests.export_factories import sample_article

LIMIT = 10_000_000


def desk(article) -> dict[int, DeskFlag]:
    return {f.number: DeskFlag(f.number, f.status, f.suggestion) for f in article.flags}


def answers_of(data: bytes, article, *, matched: bool = True):
    return read_answers(
        read_docx(data, max_bytes=LIMIT, max_unpacked=LIMIT), desk(article), matched=matched
    )


def test_an_untouched_export_holds_no_answers():
    article = sample_article()
    answers = answers_of(docx_export.render(article), article)
    assert (answers.replies, answers.done, answers.decisions, answers.new_threads) == (
        [],
        [],
        [],
        [],
    )
    # The open suggestion is still a tracked change: undecided, read as the desk's words.
    assert len(answers.undecided) == 2
    assert answers.story.paragraphs[0].startswith("Scot Peterson resigned")


def test_a_threaded_reply_and_a_flat_one_on_the_same_words_both_answer_their_flag():
    article = sample_article()
    word = WordAnswer(docx_export.render(article))
    word.reply(2, "Word thread.", author="Rita Reporter")
    word.reply(5, "LibreOffice, no thread.", author="Rita Reporter", threaded=False)
    answers = answers_of(word.bytes(), article)
    assert [(n, c.text) for n, c in answers.replies] == [
        (5, "LibreOffice, no thread."),
        (2, "Word thread."),
    ]
    assert answers.new_threads == []


def test_the_desks_own_replies_are_not_answers_even_flat():
    article = sample_article()
    word = WordAnswer(docx_export.render(article))
    # As LibreOffice 7.4 saves them: the desk's replies lose their thread.
    for entry in word.extended:
        entry.attrib.pop("{http://schemas.microsoft.com/office/word/2012/wordml}paraIdParent", None)
    answers = answers_of(word.bytes(), article)
    assert answers.replies == [] and answers.new_threads == []


def test_accepted_and_rejected_changes_are_read_from_the_words_left():
    article = sample_article()
    word = WordAnswer(docx_export.render(article))
    word.accept(1)
    assert answers_of(word.bytes(), article).decisions == [(1, "accepted")]
    word = WordAnswer(docx_export.render(article))
    word.reject(1)
    assert answers_of(word.bytes(), article).decisions == [(1, "rejected")]


def test_done_only_answers_for_an_open_flag():
    article = sample_article()
    word = WordAnswer(docx_export.render(article))
    word.done(2)
    answers = answers_of(word.bytes(), article)
    assert [n for n, _ in answers.done] == [2]  # #4 is resolved already: exported done


def test_without_the_stories_mark_every_comment_is_new():
    article = sample_article()
    answers = answers_of(docx_export.render(article), article, matched=False)
    assert len(answers.new_threads) == 6  # the flags' own comments, read as new ones
    assert answers.undecided == frozenset()
