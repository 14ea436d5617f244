"""The review page's highlights: pieces cut at flag boundaries, word-level flags painted."""

from __future__ import annotations

from types import SimpleNamespace

from review.templatetags.review_tags import highlight_segments


def flag(pk, start, end, colour="#111111", status="open"):
    kind = SimpleNamespace(colour=colour, name="Kind")
    return SimpleNamespace(
        pk=pk, start=start, end=end, status=status, kind=kind, get_status_display=lambda: status
    )


TEXT = "Officials said he did nothing."


def test_pieces_rebuild_the_sentence_and_know_their_flags():
    pieces = highlight_segments(TEXT, [flag(1, 0, 14), flag(2, None, None)])
    assert "".join(p.text for p in pieces) == TEXT
    assert [p.ids for p in pieces] == ["1 2", "2"]


def test_a_piece_under_only_a_whole_sentence_flag_is_underlined_not_filled():
    pieces = highlight_segments(TEXT, [flag(1, 0, 14), flag(2, None, None)])
    assert "whole" not in pieces[0].css
    assert "whole" in pieces[1].css


def test_the_word_level_flag_gives_the_fill_colour_where_flags_overlap():
    pieces = highlight_segments(
        TEXT, [flag(2, None, None, colour="#aaaaaa"), flag(1, 0, 14, colour="#bbbbbb")]
    )
    assert pieces[0].style.startswith("--hl:#bbbbbb")


def test_colours_that_are_not_hex_never_reach_the_style():
    pieces = highlight_segments(TEXT, [flag(1, 0, 4, colour="red;background:url(x)")])
    assert "url" not in pieces[0].style


def test_an_outdated_flag_is_marked_and_one_that_no_longer_fits_covers_the_sentence():
    # The same rule as the exports (spans.shown): never a clamped part of the sentence.
    moved = flag(1, 0, 14)
    moved.quote = "Sources said"  # the words it was raised on; the text now differs
    pieces = highlight_segments(TEXT, [moved])
    assert "outdated" in pieces[0].css
    sticking_out = flag(2, 20, 90)
    sticking_out.quote = "words that were longer"
    pieces = highlight_segments(TEXT, [sticking_out])
    assert [(p.text, p.whole) for p in pieces] == [(TEXT, True)]
    assert "outdated" in pieces[0].css


def test_a_flag_on_its_own_words_is_not_outdated():
    exact = flag(1, 0, 14)
    exact.quote = TEXT[:14]
    assert "outdated" not in highlight_segments(TEXT, [exact])[0].css
