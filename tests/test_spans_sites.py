"""review.text.spans gives the answers of the eight places that decide spans today, where they
agree, and pins down where they disagree (issue 10, §7).

When a site switches to the module, its half of the comparison goes; the documented
disagreements then become plain tests of spans.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from review.exports.common import paragraph_pieces
from review.exports.data import ExportParagraph, ExportSentence
from review.models import Flag, Sentence
from review.selectors.exports import _span as export_span
from review.selectors.history import highlight as history_highlight
from review.services.flags import span_of
from review.templatetags.review_tags import highlight_segments
from review.text import spans

TEXT = "Officials said the deputy did nothing at all."
span = st.tuples(st.integers(-2, len(TEXT) + 4), st.integers(-2, len(TEXT) + 4))
maybe_span = span | st.just((None, None))


def page_flag(pk, start, end):
    kind = SimpleNamespace(colour="#aabbcc", name="Kind")
    return SimpleNamespace(
        pk=pk,
        start=start,
        end=end,
        quote=spans.quote_of(TEXT, start, end) if spans.fits(TEXT, start, end) else "",
        status="open",
        kind=kind,
        get_status_display=lambda: "Open",
    )


def spans_cut(text, flags):
    marks = [
        spans.mark(text, f.start, f.end, spans.quote_of(text, f.start, f.end), f) for f in flags
    ]
    return spans.cut(text, marks)


@given(st.lists(maybe_span, max_size=4))
def test_the_page_highlight_agrees_where_spans_fit_and_falls_back_to_the_sentence_where_not(
    raw,
):
    flags = [page_flag(n, s, e) for n, (s, e) in enumerate(raw)]
    fitting = [f for f in flags if spans.fits(TEXT, f.start, f.end)]
    ours = spans_cut(TEXT, fitting)
    theirs = highlight_segments(TEXT, fitting)
    assert [(p.text, {f.pk for f in p.items}) for p in ours] == [
        (p.text, {f.pk for f in p.flags}) for p in theirs
    ]
    # Disagreement: a span sticking out of its sentence. The tag clamps it and paints part of
    # the sentence; the exports paint the whole sentence. One rule now: the whole sentence.
    for f in flags:
        if spans.fits(TEXT, f.start, f.end) or f.start is None or f.end is None:
            continue
        where = spans.shown(TEXT, f.start, f.end, "the words")
        assert (where.start, where.end, where.whole) == (0, len(TEXT), True)
        assert where.state == spans.OUTDATED


@given(span | st.just((None, None)) | st.tuples(st.integers(0, 9), st.none()))
def test_the_export_span_is_the_one_shown_whatever_the_state(raw):
    # This site now asks the module: the span and the state are spans.shown's.
    start, end = raw
    sentence = ExportSentence(0, 0, TEXT, " ", 0)
    for quote in (spans.quote_of(TEXT, start, end), "other words"):
        flag = SimpleNamespace(start=start, end=end, quote=quote)
        assert export_span(flag, sentence) == spans.shown(TEXT, start, end, quote)


@given(st.lists(maybe_span, max_size=4))
def test_the_history_snapshot_marks_the_same_characters_where_spans_fit(raw):
    flags = [page_flag(n, s, e) for n, (s, e) in enumerate(raw)]
    fitting = [f for f in flags if spans.fits(TEXT, f.start, f.end)]

    def flagged_chars(pieces, is_flagged):
        out = []
        for p in pieces:
            out.extend([is_flagged(p)] * len(p.text))
        return out

    ours = flagged_chars(spans_cut(TEXT, fitting), lambda p: bool(p.marks))
    theirs = flagged_chars(history_highlight(TEXT, fitting), lambda p: p.flagged)
    assert ours == theirs


@given(maybe_span)
def test_a_new_flag_gets_the_services_span_except_that_spaces_at_its_ends_are_dropped(raw):
    start, end = raw
    sentence = Sentence(text=TEXT)
    try:
        theirs = span_of(sentence, start, end)
    except ValidationError:
        theirs = None
    try:
        ours = spans.check_new(TEXT, start, end)
    except spans.SpanError:
        ours = None
    if theirs is None or ours is None:
        assert theirs == ours
        return
    # Disagreement: the service keeps spaces at either end in the quote (the page's script
    # trims them; a URL or a form post does not). One rule now: trimmed.
    if theirs != (None, None):
        assert ours in ((None, None), spans.trim(TEXT, *theirs))
    else:
        assert ours == (None, None)


def test_the_paragraph_cut_of_the_exports_is_the_same_cut():
    # This site now asks the module: innermost first, the number breaking ties.
    sentences = (ExportSentence(0, 0, "Ab cd.", " ", 0), ExportSentence(1, 0, "Ef gh.", "", 7))
    paragraph = ExportParagraph(0, sentences)
    flags = [
        SimpleNamespace(id=1, abs_start=0, abs_end=13, whole=False),
        SimpleNamespace(id=2, abs_start=3, abs_end=9, whole=False),
    ]
    article = SimpleNamespace(text="Ab cd. Ef gh. Next paragraph.")
    theirs = paragraph_pieces(article, paragraph, flags, {1: 1, 2: 2})
    ours = spans.cut(
        "Ab cd. Ef gh.",
        [spans.Mark(f.abs_start, f.abs_end, f.id) for f in flags],
        order=lambda m: m.item,
    )
    assert [(p.text, p.start, p.end, p.flag_ids) for p in theirs] == [
        (p.text, p.start, p.end, p.items) for p in ours
    ]
    assert next(p for p in theirs if p.start == 3).flag_ids == (2, 1)


def test_in_the_exports_a_word_flag_is_innermost_over_a_whole_sentence_flag():
    sentences = (ExportSentence(0, 0, "Ab cd.", "", 0),)
    flags = [
        SimpleNamespace(id=1, abs_start=0, abs_end=6, whole=True),  # raised first, #1
        SimpleNamespace(id=2, abs_start=0, abs_end=6, whole=False),  # the same words, #2
    ]
    pieces = paragraph_pieces(
        SimpleNamespace(text="Ab cd."), ExportParagraph(0, sentences), flags, {1: 1, 2: 2}
    )
    assert [p.flag_ids for p in pieces] == [(2, 1)]


def test_the_annotation_context_is_the_flags_own_context_rule():
    from review.exports import annotation_json
    from tests.export_factories import plain_article

    text = "x" * 50 + " the words " + "y" * 50
    article = plain_article([[text]], [(0, "the words", {})])
    target = annotation_json.annotation(article, article.flags[0])["target"]
    quote = target["selector"][0]
    prefix, suffix = spans.context_of(text, 51, 60)
    assert (quote["exact"], quote["prefix"], quote["suffix"]) == ("the words", prefix, suffix)


@pytest.mark.parametrize(
    ("start", "end", "anchor"),
    [
        (None, None, "attached"),
        (2, None, "attached"),
        (4, 2, "outdated"),
        (3, 3, "attached"),
        (3, 3, "outdated"),
        (0, 999, "attached"),
        (0, 999, "outdated"),
        (0, 9, "attached"),
    ],
)
def test_the_model_accepts_exactly_the_stored_spans_spans_accepts(make_article, start, end, anchor):
    article = make_article("Officials said the deputy did nothing. Next.")
    sentence = article.sentences.get(position=0)
    flag = Flag(article=article, sentence=sentence, start=start, end=end, anchor=anchor)
    try:
        flag.clean()
        theirs = None
    except ValidationError:
        theirs = "refused"
    problem = spans.stored_span_problem(sentence.text, start, end, anchor)
    assert (problem is not None) == (theirs == "refused")


def test_the_32_characters_of_context_are_one_number():
    from review.exports import annotation_json
    from review.services import checks, flags
    from review.text import anchor

    assert anchor.CONTEXT == annotation_json.CONTEXT_CHARS == spans.CONTEXT
    # The services ask the module for the context instead of keeping a number of their own.
    assert not hasattr(checks, "CONTEXT") and not hasattr(flags, "CONTEXT_CHARS")


@pytest.mark.django_db
def test_a_flag_raised_by_hand_keeps_the_modules_context(make_article, editor):
    from review.services.flags import flag_create

    words = "word " * 30
    article = make_article(f"{words}Officials said it was fine {words}end.")
    sentence = article.sentences.get()
    start = sentence.text.index("Officials")
    flag = flag_create(sentence=sentence, kind="other", actor=editor, start=start, end=start + 14)
    assert flag.quote == "Officials said"
    assert (flag.prefix, flag.suffix) == spans.context_of(sentence.text, start, start + 14)
    assert len(flag.prefix) == len(flag.suffix) == spans.CONTEXT
