"""Sentences over MAX_SENTENCE characters are cut at import, and the text still rebuilds."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from review.text.segment import MAX_SENTENCE, segment


def _pieces(text: str) -> list[str]:
    return [text[s.start : s.end] for s in segment(text)]


def check_long_text(text: str) -> None:
    spans = segment(text)
    assert "".join(text[s.start : s.sep_end] for s in spans) == text
    for a, b in pairwise(spans):
        assert a.sep_end == b.start
    for i, span in enumerate(spans):
        sentence, separator = text[span.start : span.end], text[span.end : span.sep_end]
        assert sentence and not sentence[-1].isspace()
        assert i == 0 or not sentence[0].isspace()  # the first keeps the text's lead
        assert len(sentence) <= MAX_SENTENCE
        assert separator == "" or separator.isspace()
        if separator == "" and span.sep_end < len(text):
            # only a hard cut inside a run with no whitespace leaves no separator
            assert len(sentence) == MAX_SENTENCE
            assert not any(c.isspace() for c in text[span.start : span.end + 1].lstrip())


def test_a_long_run_on_sentence_is_cut_after_a_comma():
    clause = "the council voted to keep the library open on weekends, "
    text = "In short, " + clause * 80 + "and the mayor agreed."
    pieces = _pieces(text)
    assert len(pieces) > 1
    assert all(p.endswith(",") for p in pieces[:-1])
    assert pieces[-1].endswith("and the mayor agreed.")
    check_long_text(text)


def test_a_long_sentence_without_commas_is_cut_at_a_space():
    text = "word " * 1000 + "end."
    pieces = _pieces(text)
    assert len(pieces) == 3 and all(len(p) <= MAX_SENTENCE for p in pieces)
    assert all(not p.endswith(" ") for p in pieces)
    check_long_text(text)


def test_a_run_with_no_space_is_cut_hard_and_rebuilds():
    text = "x" * (MAX_SENTENCE * 2 + 10) + " tail."
    pieces = _pieces(text)
    assert [len(p) for p in pieces[:2]] == [MAX_SENTENCE, MAX_SENTENCE]
    check_long_text(text)


def test_ordinary_sentences_are_left_alone():
    text = "The council met. " * 300
    assert all(p == "The council met." for p in _pieces(text))


def test_the_pieces_keep_their_paragraph():
    text = "First paragraph.\n\n" + "a, " * 1500 + "end.\n\nLast one."
    spans = segment(text)
    assert spans[0].paragraph == 0 and spans[-1].paragraph == 2
    assert {s.paragraph for s in spans[1:-1]} == {1}
    check_long_text(text)


WORDS = st.sampled_from(["a", "bb", "Ccc", "x" * 50, ",", ";", ".", " ", "  ", "\n", "\t"])


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, min_size=500, max_size=1500).map(" ".join))
def test_any_long_text_rebuilds_exactly_with_every_piece_within_the_limit(text):
    check_long_text(text)


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="ab ,;.\n", min_size=MAX_SENTENCE, max_size=3 * MAX_SENTENCE))
def test_long_random_text_rebuilds_exactly(text):
    check_long_text(text)
