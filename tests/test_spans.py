"""The span rules in one place (review.text.spans): pure, no database."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from review.text import spans
from review.text.spans import (
    ATTACHED,
    CONTEXT,
    DETACHED,
    OUTDATED,
    Mark,
    SpanError,
    check_new,
    clamp,
    context_of,
    cut,
    fits,
    innermost_at,
    mark,
    quote_of,
    requested,
    shown,
    state_of,
    stored_span_problem,
)

TEXT = "Officials said the 6-foot-five-inch deputy did nothing."


def at(words: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


# Fitting, clamping, the span of a new flag.


def test_a_span_fits_when_it_names_characters_of_the_sentence():
    assert fits(TEXT, 0, 9)
    assert fits(TEXT, None, None)  # the whole sentence
    assert fits(TEXT, 0, len(TEXT))


@pytest.mark.parametrize(
    ("start", "end"), [(3, 3), (5, 2), (-1, 4), (0, len(TEXT) + 1), (None, 4), (4, None)]
)
def test_empty_reversed_outside_or_half_spans_do_not_fit(start, end):
    assert not fits(TEXT, start, end)


def test_clamp_squeezes_a_span_into_the_text():
    assert clamp("abc", -4, 2) == (0, 2)
    assert clamp("abc", 1, 99) == (1, 3)
    assert clamp("abc", 7, 9) == (3, 3)
    assert clamp("abc", 2, 1) == (2, 2)


def test_a_new_flag_drops_the_spaces_at_either_end_of_its_words():
    start, end = at(" said the ")
    assert check_new(TEXT, start, end) == at("said the")


def test_a_new_flag_over_the_whole_sentence_is_a_whole_sentence_flag():
    assert check_new(TEXT, 0, len(TEXT)) == (None, None)
    assert check_new(TEXT, None, None) == (None, None)


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        (None, 3, "both the start and the end"),
        (0, len(TEXT) + 5, "not inside this sentence"),
        (4, 4, "not inside this sentence"),
        (9, 10, "not just spaces"),
    ],
)
def test_a_new_flag_on_no_words_is_refused_with_what_to_do(start, end, words):
    with pytest.raises(SpanError) as caught:
        check_new(TEXT, start, end)
    assert words in caught.value.message
    assert caught.value.code == "span"


def test_a_requested_span_that_cannot_be_flagged_is_none_not_the_whole_sentence():
    assert requested(TEXT, 0, 500) is None
    assert requested(TEXT, *at("deputy")) == at("deputy")
    assert requested(TEXT, None, None) == (None, None)


def test_the_quote_is_the_words_at_the_span_or_the_sentence():
    assert quote_of(TEXT, *at("deputy")) == "deputy"
    assert quote_of(TEXT, None, None) == TEXT


def test_context_is_the_same_32_characters_everywhere():
    assert CONTEXT == 32
    long = "x" * 50 + "WORD" + "y" * 50
    prefix, suffix = context_of(long, 50, 54)
    assert (prefix, suffix) == ("x" * 32, "y" * 32)
    assert context_of(TEXT, None, None) == ("", "")
    assert context_of("abcdef", 0, 2, size=3) == ("", "cde")


def test_the_anchor_module_shares_the_one_context_rule():
    from review.text import anchor

    assert anchor.CONTEXT == CONTEXT
    assert anchor.context_of is context_of


# The three states.


def test_a_flag_whose_words_are_still_there_is_attached():
    assert state_of(TEXT, *at("deputy"), "deputy") == ATTACHED
    assert state_of(TEXT, None, None, TEXT) == ATTACHED


def test_a_flag_whose_words_changed_is_outdated_never_silently_on_other_words():
    edited = TEXT.replace("deputy", "officer")
    assert state_of(edited, *at("deputy"), "deputy") == OUTDATED
    assert state_of(edited, None, None, TEXT) == OUTDATED
    assert state_of("Short.", *at("deputy"), "deputy") == OUTDATED  # span no longer fits


def test_a_flag_without_a_sentence_is_detached():
    assert state_of(None, 0, 4, "word") == DETACHED
    assert state_of(None, None, None, "") == DETACHED


def test_a_legacy_whole_sentence_flag_without_a_quote_stays_attached():
    assert state_of(TEXT, None, None, "") == ATTACHED


def test_an_outdated_flag_is_shown_where_its_words_went_or_on_the_whole_sentence():
    edited = TEXT.replace("deputy", "officer")
    start, end = at("officer", edited)
    where = shown(edited, start, end, "deputy")
    assert (where.state, where.start, where.end, where.whole) == (OUTDATED, start, end, False)
    gone = shown("Short.", 20, 30, "deputy")
    assert (gone.state, gone.start, gone.end, gone.whole) == (OUTDATED, 0, 6, True)


def test_a_detached_flag_is_shown_nowhere():
    where = shown(None, 0, 4, "word")
    assert where.state == DETACHED
    assert not where.visible


@pytest.mark.parametrize(
    ("start", "end", "state", "problem"),
    [
        (None, None, ATTACHED, None),
        (2, None, ATTACHED, "half"),
        (4, 2, OUTDATED, "order"),
        (-1, 2, ATTACHED, "order"),
        (3, 3, ATTACHED, "order"),
        (3, 3, OUTDATED, None),  # an outdated flag's words may be all gone
        (0, 999, ATTACHED, "outside"),
        (0, 999, OUTDATED, None),
        (0, 9, ATTACHED, None),
    ],
)
def test_what_may_be_stored_on_a_flag(start, end, state, problem):
    assert stored_span_problem(TEXT, start, end, state) == problem


# Cutting a sentence at flag boundaries.


def test_pieces_rebuild_the_text_and_know_their_flags_innermost_first():
    whole = mark(TEXT, None, None, TEXT, "claim")
    style = mark(TEXT, *at("6-foot-five-inch"), "6-foot-five-inch", "style")
    wide = mark(TEXT, *at("the 6-foot-five-inch deputy"), "the 6-foot-five-inch deputy", "wide")
    pieces = cut(TEXT, [whole, wide, style])
    assert "".join(p.text for p in pieces) == TEXT
    inner = next(p for p in pieces if p.text == "6-foot-five-inch")
    assert inner.items == ("style", "wide", "claim")
    assert next(p for p in pieces if p.text.startswith("Officials")).whole
    assert not inner.whole


def test_overlapping_flags_both_survive_the_cut():
    a = Mark(0, 14, "a")
    b = Mark(10, 25, "b")
    pieces = cut(TEXT, [a, b])
    assert [p.items for p in pieces] == [("a",), ("a", "b"), ("b",), ()]
    assert [(p.start, p.end) for p in pieces] == [(0, 10), (10, 14), (14, 25), (25, len(TEXT))]


def test_ties_between_equal_spans_keep_the_order_asked_for():
    a, b = Mark(0, 9, "first"), Mark(0, 9, "second")
    assert cut(TEXT, [a, b])[0].items == ("first", "second")
    assert cut(TEXT, [a, b], order=lambda m: m.item != "second")[0].items == ("second", "first")


def test_a_paragraph_is_cut_with_absolute_offsets():
    pieces = cut("cd ef", [Mark(12, 14, "x"), None, Mark(0, 99, "beyond")], base=10)
    assert [(p.start, p.end, p.text, p.items) for p in pieces] == [
        (10, 12, "cd", ("beyond",)),
        (12, 14, " e", ("x", "beyond")),
        (14, 15, "f", ("beyond",)),
    ]


def test_an_outdated_flag_is_painted_as_outdated_and_a_detached_one_not_at_all():
    edited = TEXT.replace("deputy", "officer")
    outdated = mark(edited, *at("officer", edited), "deputy", "f")
    assert outdated.state == OUTDATED and not outdated.whole
    assert mark(None, 0, 3, "x", "g") is None


def test_a_click_opens_the_innermost_word_flag_never_the_whole_sentence_one():
    whole = mark(TEXT, None, None, TEXT, "claim")
    style = mark(TEXT, *at("6-foot-five-inch"), "6-foot-five-inch", "style")
    pos = TEXT.index("five")
    assert [m.item for m in innermost_at([whole, style], pos)] == ["style", "claim"]
    assert [m.item for m in innermost_at([whole, style], 0)] == ["claim"]


def test_the_span_alignment_and_placing_modules_import_nothing_from_django():
    from review.text import align, placing

    for module in (spans, align, placing):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert "import django" not in source and "from django" not in source


@given(
    text=st.text(min_size=0, max_size=40),
    raw=st.lists(st.tuples(st.integers(-5, 50), st.integers(-5, 50), st.booleans()), max_size=6),
)
def test_cutting_always_rebuilds_the_text_and_each_piece_lists_exactly_its_covers(text, raw):
    given_marks = [Mark(min(s, e), max(s, e), n, whole=w) for n, (s, e, w) in enumerate(raw)]
    pieces = cut(text, given_marks)
    assert "".join(p.text for p in pieces) == text
    for piece in pieces:
        assert piece.text == text[piece.start : piece.end]
        expected = {m.item for m in given_marks if m.start <= piece.start and piece.end <= m.end}
        assert set(piece.items) == expected
        keys = [spans.innermost_key(m) for m in piece.marks]
        assert keys == sorted(keys)


@given(
    text=st.text(alphabet="ab .", min_size=1, max_size=20),
    start=st.integers(-3, 25) | st.none(),
    end=st.integers(-3, 25) | st.none(),
)
def test_a_new_span_either_is_refused_or_names_words_that_fit(text, start, end):
    try:
        got = check_new(text, start, end)
    except SpanError:
        return
    assert fits(text, *got)
    if got != (None, None):
        words = quote_of(text, *got)
        assert words.strip() == words and words
        assert state_of(text, *got, words) == ATTACHED
