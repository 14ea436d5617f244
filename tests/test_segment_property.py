"""Properties of the segmenter on arbitrary text: the spans always rebuild the text exactly."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from review.text.segment import segment, split_sentences

# Characters the segmenter gives meaning to, so random text hits its rules often.
SYMBOLS = list(".!?…‽,;:\"'“”‘’«»()[]{}•⁃◦-—–$%&@/0123456789")
WORDS = ["a", "b", "I", "A", "S", "U", "e", "p", "m", "x", "Mr", "Dr", "Co", "Fla", "No", "Ft"]
WORDS += ["The", "He", "said", "U.S", "a.m", "p.m", "Jan", "Inc", "St", "1.", "2.", "“Why?”"]
SPACES = [" ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "\u00a0", "\u2028", "\u2029", "\x0c"]
PHRASES = [" . . .", "...", ". . . .", " she", " Smith asked", "\n- ", "\n1. "]
PUNCTUATION_HEAVY = st.lists(st.sampled_from(SYMBOLS + WORDS + SPACES + PHRASES), max_size=80).map(
    "".join
)
WHITESPACE = st.text(alphabet=" \t\n\r\x0b\x0c\u00a0\u2028\u2029\u3000\x85\x1c", max_size=20)
ANY_TEXT = st.text(max_size=300)


def check_invariants(text: str) -> None:
    spans = segment(text)
    if not text.strip():
        assert spans == []
        return
    assert spans, "text with a visible character has at least one sentence"
    assert spans[0].start == 0
    assert spans[-1].sep_end == len(text)
    assert "".join(text[s.start : s.sep_end] for s in spans) == text
    for i, s in enumerate(spans):
        sentence, separator = text[s.start : s.end], text[s.end : s.sep_end]
        assert sentence, f"empty sentence at {i}"
        assert not sentence[-1].isspace(), f"sentence {i} ends with whitespace"
        assert separator == "" or separator.isspace()
        if i:
            assert not sentence[0].isspace(), f"sentence {i} starts with whitespace"
    for a, b in itertools.pairwise(spans):
        assert a.sep_end == b.start
        assert b.paragraph - a.paragraph in (0, 1)
        assert a.end < a.sep_end, "sentences inside the text are separated by whitespace"
    assert spans[0].paragraph == 0
    assert split_sentences(text) == [text[s.start : s.end] for s in spans]


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_it_rebuilds_any_text_exactly(text):
    check_invariants(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(PUNCTUATION_HEAVY, max_size=4).map("".join))
def test_it_rebuilds_punctuation_heavy_text_exactly(text):
    check_invariants(text)


@settings(max_examples=200, deadline=None)
@given(WHITESPACE, st.lists(st.tuples(PUNCTUATION_HEAVY, WHITESPACE), max_size=5), WHITESPACE)
def test_it_rebuilds_text_with_any_whitespace_between_pieces(lead, pieces, trail):
    check_invariants(lead + "".join(p + w for p, w in pieces) + trail)


@settings(max_examples=200, deadline=None)
@given(st.lists(PUNCTUATION_HEAVY.filter(str.strip), min_size=1, max_size=6))
def test_it_starts_a_new_paragraph_after_every_blank_line(paragraphs):
    # Paragraph text without blank lines of its own, joined by blank lines.
    parts = [" ".join(p.split()) for p in paragraphs]
    parts = [p for p in parts if p]
    text = "\n\n".join(parts)
    spans = segment(text)
    if parts:
        assert spans[-1].paragraph == len(parts) - 1


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Gov.", "U.S.", "Ft.", "p.m.", "Jr.", "J."]), max_size=8))
def test_it_never_returns_a_sentence_made_only_of_whitespace(words):
    text = " ".join(words)
    for sentence in split_sentences(text):
        assert sentence.strip()
