"""Three-way paragraph merge: the reporter's edits land on the desk's current text."""

from __future__ import annotations

from review.imports.merge import Conflict, merge, rebuild

BASE = ["One.", "Two.", "Three."]


def texts(merged) -> list[str]:
    return [i.text for i in merged.items]


def test_when_the_desk_left_the_text_alone_the_reporters_version_is_the_result():
    theirs = ["One, edited.", "Two.", "New paragraph.", "Three."]
    merged = merge(BASE, theirs, BASE)
    assert texts(merged) == theirs
    assert merged.conflicts == []
    assert merged.changed


def test_a_deleted_paragraph_is_deleted():
    assert texts(merge(BASE, ["One.", "Three."], BASE)) == ["One.", "Three."]


def test_edits_on_both_sides_in_different_paragraphs_both_land():
    ours = ["One (desk).", "Two.", "Three."]
    theirs = ["One.", "Two.", "Three (reporter)."]
    merged = merge(BASE, theirs, ours)
    assert texts(merged) == ["One (desk).", "Two.", "Three (reporter)."]
    assert merged.conflicts == []


def test_both_changing_one_paragraph_keeps_the_desks_and_reports_the_reporters():
    ours = ["One.", "Two (desk).", "Three."]
    theirs = ["One.", "Two (reporter).", "Three."]
    merged = merge(BASE, theirs, ours)
    assert texts(merged) == ours
    assert merged.conflicts == [Conflict(1, "Two (reporter).")]
    assert not merged.changed


def test_the_same_change_on_both_sides_is_no_conflict():
    ours = theirs = ["One.", "Two, fixed.", "Three."]
    merged = merge(BASE, theirs, ours)
    assert texts(merged) == ours and merged.conflicts == []


def test_what_word_cannot_carry_is_no_edit():
    ours = ["One.\r\nStill one.", "Two\x0c."]
    merged = merge(ours, ["One.\nStill one.", "Two."], ours)
    assert not merged.changed
    assert rebuild(merged, ours, ["\n\n", "\n"]) == "One.\r\nStill one.\n\nTwo\x0c.\n"


def test_rebuild_keeps_the_desks_paragraph_breaks():
    ours = ["One.", "Two.", "Three."]
    merged = merge(ours, ["One.", "Two!", "Three.", "Four."], ours)
    assert rebuild(merged, ours, ["\n\n\n", "\n\n", "\n"]) == "One.\n\n\nTwo!\n\nThree.\n\nFour.\n"


def test_neighbouring_paragraphs_merge_each_on_its_own():
    ours = ["One (desk).", "Two.", "Three."]
    theirs = ["One (reporter).", "Two (reporter).", "Three."]
    merged = merge(BASE, theirs, ours)
    assert texts(merged) == ["One (desk).", "Two (reporter).", "Three."]
    assert merged.conflicts == [Conflict(0, "One (reporter).")]
