"""One paragraph grouping for the page, the history, the exports and the checks."""

from __future__ import annotations

from dataclasses import dataclass

from review.text.paragraphs import by_paragraph


@dataclass
class Row:
    paragraph: int
    text: str


def test_runs_of_the_same_paragraph_are_grouped_in_order():
    rows = [Row(0, "a"), Row(0, "b"), Row(1, "c"), Row(3, "d"), Row(3, "e")]
    assert [[r.text for r in group] for group in by_paragraph(rows)] == [
        ["a", "b"],
        ["c"],
        ["d", "e"],
    ]


def test_a_key_reads_the_paragraph_of_anything():
    paragraphs = [0, 0, 1, 1, 1]
    assert by_paragraph(range(5), key=paragraphs.__getitem__) == [[0, 1], [2, 3, 4]]


def test_nothing_gives_no_paragraphs():
    assert by_paragraph([]) == []
