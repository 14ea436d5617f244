"""Word-level diffs: plain data that joins back into both texts."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from review.text.worddiff import DELETE, EQUAL, INSERT, Segment, changed, word_diff


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
