"""Word-level diffs: plain data that joins back into both texts."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from review.text.worddiff import (
    DELETE,
    EQUAL,
    INSERT,
    WORK_LIMIT,
    DiffStats,
    Segment,
    changed,
    tokenize,
    word_diff,
)


def old_of(segments: list[Segment]) -> str:
    return "".join(s.text for s in segments if s.op != INSERT)


def new_of(segments: list[Segment]) -> str:
    return "".join(s.text for s in segments if s.op != DELETE)


def test_a_changed_word_is_one_deletion_and_one_insertion():
    assert word_diff("Scot Petersen said", "Scot Peterson said") == [
        Segment(EQUAL, "Scot "),
        Segment(DELETE, "Petersen"),
        Segment(INSERT, "Peterson"),
        Segment(EQUAL, " said"),
    ]


def test_identical_texts_have_no_changes():
    segments = word_diff("Nothing changed here.", "Nothing changed here.")
    assert segments == [Segment(EQUAL, "Nothing changed here.")]
    assert not changed(segments)


def test_an_added_clause_is_one_insertion():
    segments = word_diff("He stayed outside.", "He stayed outside, the report said.")
    assert [s for s in segments if s.is_change] == [Segment(INSERT, ", the report said")]


def test_replacing_several_words_reads_as_one_replacement():
    segments = word_diff("a b c", "x y c")
    assert segments == [Segment(DELETE, "a b"), Segment(INSERT, "x y"), Segment(EQUAL, " c")]


def test_from_nothing_everything_is_inserted_and_to_nothing_everything_is_deleted():
    assert word_diff("", "New text.") == [Segment(INSERT, "New text.")]
    assert word_diff("Old text.", "") == [Segment(DELETE, "Old text.")]
    assert word_diff("", "") == []


def test_html_stays_plain_data_for_the_template_to_escape():
    segments = word_diff("safe", "<script>alert(1)</script>")
    assert new_of(segments) == "<script>alert(1)</script>"


texts = st.text(alphabet=st.sampled_from("ab cd.,\n\u00e9Z"), max_size=60)


@given(texts, texts)
def test_the_segments_always_rebuild_both_texts(old, new):
    segments = word_diff(old, new)
    assert old_of(segments) == old
    assert new_of(segments) == new
    assert all(s.text for s in segments)
    for a, b in pairwise(segments):
        assert a.op != b.op


# The cost is bounded: the search stops at WORK_LIMIT steps and shows one replacement.


def test_two_long_texts_that_share_no_word_give_up_within_the_limit_as_one_replacement():
    stats = DiffStats()
    segments = word_diff("a " * 2000, "b " * 2000, stats=stats)
    assert stats.gave_up
    assert stats.work <= WORK_LIMIT + 4000  # the limit, plus at most one run of matches
    assert [s.op for s in segments] == [DELETE, INSERT, EQUAL]
    assert old_of(segments) == "a " * 2000 and new_of(segments) == "b " * 2000


def test_a_stats_object_shared_by_several_diffs_gives_each_its_own_limit():
    stats = DiffStats()
    word_diff("a " * 2000, "b " * 2000, stats=stats)
    assert word_diff("a b", "a c", stats=stats) == [
        Segment(EQUAL, "a "),
        Segment(DELETE, "b"),
        Segment(INSERT, "c"),
    ]


def test_the_work_stays_at_the_limit_however_long_the_texts_grow():
    works = []
    for words in (2000, 8000):
        stats = DiffStats()
        word_diff("the a " * words, "a the " * words, stats=stats)
        works.append(stats.work)
    # Four times the words cost no more work than the limit allows (quadratic would be 16×).
    assert max(works) <= WORK_LIMIT + 2 * 2 * 8000
    assert works[1] <= works[0] + 2 * 2 * 8000


def test_a_small_edit_in_a_long_text_costs_work_in_proportion_to_the_edit():
    stats = DiffStats()
    old = "word " * 3000
    new = "word " * 1500 + "changed " + "word " * 1500
    segments = word_diff(old, new, stats=stats)
    assert not stats.gave_up
    assert stats.work < 100
    assert [s for s in segments if s.is_change] == [Segment(INSERT, "changed ")]


def test_whitespace_is_never_compared_on_its_own():
    # Runs of spaces matched against runs of spaces were what made difflib cubic; here each
    # word or mark carries the whitespace after it.
    assert tokenize("a  b,\tc") == ["a  ", "b", ",\t", "c"]
    assert tokenize("  lead") == ["  ", "lead"]


@given(texts, texts, st.integers(min_value=0, max_value=30))
def test_the_segments_rebuild_both_texts_even_when_the_search_gives_up(old, new, limit):
    segments = word_diff(old, new, limit=limit)
    assert old_of(segments) == old
    assert new_of(segments) == new
    assert all(s.text for s in segments)
    for a, b in pairwise(segments):
        assert a.op != b.op
