"""Flags follow their words: re-anchoring as pure text, no database."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from review.text.anchor import (
    ATTACHED,
    ORPHANED,
    OUTDATED,
    Quote,
    TextMap,
    context_of,
    find,
    locate,
    reanchor,
)

OLD = "Deputy Scot Petersen said he stayed outside. Petersen later resigned."


def quote_on(text: str, words: str, nth: int = 0) -> Quote:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    prefix, suffix = context_of(text, start, start + len(words))
    return Quote(words, prefix, suffix, start, start + len(words))


def spot(new: str, words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = new.index(words, start + 1)
    return start, start + len(words)


def test_unchanged_text_keeps_the_flag_where_it_was():
    q = quote_on(OLD, "stayed outside")
    placement = reanchor(q, OLD, OLD)
    assert (placement.state, placement.start, placement.end) == (ATTACHED, q.start, q.end)


def test_words_added_before_the_quote_move_it_along():
    new = "Former Broward deputy Scot Petersen said he stayed outside. Petersen later resigned."
    placement = reanchor(quote_on(OLD, "Petersen"), OLD, new)
    assert placement.state == ATTACHED
    assert (placement.start, placement.end) == spot(new, "Petersen")


def test_words_removed_after_the_quote_leave_it_in_place():
    new = "Deputy Scot Petersen said he stayed. Petersen later resigned."
    placement = reanchor(quote_on(OLD, "Deputy"), OLD, new)
    assert (placement.state, placement.start, placement.end) == (ATTACHED, 0, 6)


def test_the_second_of_two_identical_words_stays_on_the_second():
    new = "Deputy Scot Petersen, 58, said he stayed outside. Petersen later resigned."
    placement = reanchor(quote_on(OLD, "Petersen", nth=1), OLD, new)
    assert placement.state == ATTACHED
    assert (placement.start, placement.end) == spot(new, "Petersen", nth=1)


def test_changed_words_make_the_flag_outdated_over_their_replacement():
    new = "Deputy Scot Peterson said he stayed outside. Petersen later resigned."
    placement = reanchor(quote_on(OLD, "Scot Petersen"), OLD, new)
    assert placement.state == OUTDATED
    assert new[placement.start : placement.end] == "Scot Peterson"


def test_a_fix_does_not_send_the_flag_to_another_occurrence_with_other_surroundings():
    new = "Deputy Scot Peterson said he stayed outside. Petersen later resigned."
    placement = reanchor(quote_on(OLD, "Petersen"), OLD, new)
    assert placement.state == OUTDATED
    assert new[placement.start : placement.end] == "Peterson"


def test_deleted_words_orphan_the_flag():
    new = "Deputy Scot Petersen said. Petersen later resigned."
    placement = reanchor(quote_on(OLD, "stayed outside"), OLD, new)
    assert (placement.state, placement.start, placement.end) == (ORPHANED, None, None)


def test_deleting_everything_orphans_every_flag():
    for words in ("Deputy", "stayed outside", "resigned."):
        assert reanchor(quote_on(OLD, words), OLD, "").state == ORPHANED


def test_words_moved_to_another_place_are_found_there():
    old = "He stayed outside the building. Nobody knows why."
    new = "Nobody knows why. He stayed outside the building."
    placement = reanchor(quote_on(old, "outside the building"), old, new)
    assert placement.state == ATTACHED
    assert (placement.start, placement.end) == spot(new, "outside the building")


def test_a_sentence_split_keeps_its_flags_on_their_words():
    old = "Peterson stayed outside and he later resigned from the force."
    new = "Peterson stayed outside. He later resigned from the force."
    placement = reanchor(quote_on(old, "resigned from the force"), old, new)
    assert placement.state == ATTACHED
    assert new[placement.start : placement.end] == "resigned from the force"


def test_two_sentences_merged_keep_the_flags_of_both():
    old = "He stayed outside. He resigned."
    new = "He stayed outside and resigned."
    assert reanchor(quote_on(old, "stayed outside"), old, new).state == ATTACHED
    placement = reanchor(quote_on(old, "resigned"), old, new)
    assert (placement.start, placement.end) == spot(new, "resigned")


def test_prefix_and_suffix_pick_the_right_occurrence_when_the_position_is_unknown():
    text = "the cat sat. the dog sat. the bird sat."
    q = Quote("sat", prefix="the dog ", suffix=". the bird")
    assert locate(q, text)[0] == text.index("dog sat") + 4
    assert find(q, text).state == ATTACHED


def test_a_strict_search_refuses_an_occurrence_with_other_surroundings():
    q = Quote("sat", prefix="the fish ", suffix="!")
    assert find(q, "the cat sat. the dog sat.").state == ORPHANED


def test_a_missing_quote_is_orphaned_by_a_strict_search():
    assert find(Quote("absent"), "present text").state == ORPHANED
    assert find(Quote(""), "present text").state == ORPHANED


def test_text_map_maps_points_through_insertions_and_deletions():
    tm = TextMap("a b c", "a X b c")
    assert tm.map_point(2) == 4
    assert tm.map_range(2, 3) == (4, 5)
    assert TextMap("a b c", "a c").map_range(2, 3) is None


def test_context_is_cut_at_the_ends_of_the_text():
    assert context_of("abcdef", 0, 2, size=3) == ("", "cde")
    assert context_of("abcdef", 4, 6, size=3) == ("bcd", "")


# Property tests: hypothesis builds texts from words that cannot collide with the quote.
word = st.text(alphabet="abcdefg", min_size=1, max_size=6)
words = st.lists(word, min_size=0, max_size=8).map(" ".join)
quote_words = st.text(alphabet="XYZ", min_size=1, max_size=6)
inserted = st.lists(st.text(alphabet="pqrs", min_size=1, max_size=5), min_size=1, max_size=4).map(
    " ".join
)


@given(words, quote_words, words)
def test_any_quote_in_unchanged_text_stays_put(before, q, after):
    text = f"{before} {q} {after}"
    quote = quote_on(text, q)
    placement = reanchor(quote, text, text)
    assert (placement.state, placement.start, placement.end) == (ATTACHED, quote.start, quote.end)


@given(words, quote_words, words, inserted, st.booleans())
def test_inserting_words_elsewhere_moves_the_quote_exactly(before, q, after, extra, front):
    text = f"{before} {q} {after}"
    quote = quote_on(text, q)
    new = f"{extra} {text}" if front else f"{text} {extra}"
    placement = reanchor(quote, text, new)
    assert placement.state == ATTACHED
    assert new[placement.start : placement.end] == q
    shift = len(extra) + 1 if front else 0
    assert placement.start == quote.start + shift


@given(words, quote_words, words)
def test_removing_the_quote_orphans_it_when_it_appears_nowhere_else(before, q, after):
    text = f"{before} {q} {after}"
    new = f"{before} {after}"
    assume(q not in new)
    assert reanchor(quote_on(text, q), text, new).state == ORPHANED


@given(words, quote_words, words, quote_words)
def test_changing_the_quote_outdates_it_over_the_new_words(before, q, after, replacement):
    assume(replacement != q and q not in replacement)
    text = f"{before} {q} {after}"
    new = f"{before} {replacement} {after}"
    assume(q not in new)
    placement = reanchor(quote_on(text, q), text, new)
    assert placement.state == OUTDATED
    assert replacement in new[placement.start : placement.end]


@given(st.text(alphabet="ab .X", max_size=40), st.text(alphabet="ab .X", max_size=40), st.data())
def test_a_placement_is_always_inside_the_new_text_and_attached_means_the_same_words(
    old, new, data
):
    assume(old.strip())
    start = data.draw(st.integers(0, len(old) - 1))
    end = data.draw(st.integers(start + 1, len(old)))
    exact = old[start:end]
    prefix, suffix = context_of(old, start, end)
    placement = reanchor(Quote(exact, prefix, suffix, start, end), old, new)
    if placement.state == ORPHANED:
        assert placement.start is None
        return
    assert 0 <= placement.start <= placement.end <= len(new)
    if placement.state == ATTACHED:
        assert new[placement.start : placement.end] == exact
