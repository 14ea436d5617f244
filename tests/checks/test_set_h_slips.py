"""Noise seen on set H (unseen published stories, read once), fixed generally. The stories
here are written for the test."""

from __future__ import annotations

import pytest

from review.checks import input_from_text, run_checks

CONTRADICTION = "claims.contradicting-figures"


def quotes(text: str) -> list[str]:
    data, _ = input_from_text(text)
    return [f.quote for f in run_checks(data) if f.rule_id == CONTRADICTION]


@pytest.mark.parametrize(
    "text",
    [
        "Only 27 of the 245 jobs at the mill will go.\n\nThe union said these 27 jobs "
        "were the most skilled.",
        "Three out of 12 staff were arrested.\n\nThe 3 staff arrested were later released.",
        "The firm will cut 40 of its 300 jobs.\n\nThe 40 jobs are in the packing hall.",
    ],
)
def test_a_part_of_a_count_said_again_is_not_a_second_value(text):
    assert quotes(text) == []


def test_a_count_that_disagrees_is_still_flagged_beside_a_part():
    text = (
        "A gunman killed 17 people at the school.\n\n"
        "Nine of the 17 people killed were students.\n\n"
        "The 16 people killed were named on Friday."
    )
    assert quotes(text) == ["16 people"]
