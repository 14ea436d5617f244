"""Noise the checks made on a set of unseen published stories (issue 9, set G), and the
slips they must still catch: a word and its plural or possessive are not one name spelled
two ways, a dotted abbreviation does not lend its last letter to a name, and a hedge whose
own sentence says whose word it is needs no flag. Every story here is written for the
test."""

from __future__ import annotations

import pytest

from benchmarks.checks_quality import finding_id
from review.checks import default_rule_ids, input_from_text, run_checks
from review.checks.cast import cast_of
from review.checks.document import Document


def findings(text: str, rule_id: str) -> list[str]:
    data, _ = input_from_text(text)
    enabled = default_rule_ids() | {rule_id}
    return [f.quote for f in run_checks(data, enabled=enabled) if f.rule_id == rule_id]


SPELLINGS = "names.two-spellings"


@pytest.mark.parametrize(
    "text",
    [
        # a family in the plural, and its possessive
        "Tyra Harlowe runs the farm with her husband.\nHarlowe said the harvest was late.\n"
        "Both Harlowes were at the market on Sunday.",
        "Tyra Harlowe runs the farm with her husband.\nHarlowe said the harvest was late.\n"
        "Neighbours praised Harlowes' barn.",
        # a common noun, singular and plural, after a dotted abbreviation
        "The U.S. Marines landed at dawn, a spokesman said.\nThe landing was the first in "
        "a decade.\nHis father, a retired Marine officer, watched.",
    ],
)
def test_a_plural_or_possessive_is_not_a_second_spelling(text):
    assert findings(text, SPELLINGS) == []


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # one person, vouched by a verb of saying: the trailing s is a slip, not a plural
        (
            "Fatima Idris, a teacher, said prices had doubled.\n“We sell what we can,” "
            "Idriss said by phone.",
            "Idriss",
        ),
        # a courtesy title and the apostrophe in the wrong place: "Mr Alber's" for Albers
        (
            "Former chief Bernie Albers denies fraud.\nMr Albers pleaded not guilty.\n"
            "Mr Alber's sister sat in court.",
            "Alber",
        ),
    ],
)
def test_a_one_person_slip_at_the_end_of_a_name_is_still_caught(text, wrong):
    assert findings(text, SPELLINGS) == [wrong]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Marines landed at dawn, a spokesman said.",
        "The D.C. Council voted on Monday.",
        "U.N. Security Council members met in private.",
    ],
)
def test_the_letters_of_a_dotted_abbreviation_name_no_one(text):
    doc = Document(input_from_text(text)[0])
    assert cast_of(doc).people == {}


def test_a_middle_initial_still_joins_the_name():
    doc = Document(input_from_text("John F. Kennedy spoke in Dallas.")[0])
    assert list(cast_of(doc).people) == ["John F Kennedy"]


HEDGE = "claims.hedge"


@pytest.mark.parametrize(
    "text",
    [
        "Six workers allegedly fired for joining the union were rehired, according to "
        "their lawyers.",
        "According to police, the suspect allegedly fled north.",
        "The suspect allegedly fled north, police said on Tuesday.",
        "The councillor allegedly took bribes, prosecutors alleged.",
        "The suspect allegedly fled, leaving his car behind, witnesses told reporters.",
        "The council allegedly misspent the grant, a report by the auditor found.",
        "A report by the auditor found the council allegedly misspent the grant.",
        "The money was reportedly moved offshore, the Valley Courier reported.",
    ],
)
def test_a_hedge_attributed_in_its_own_sentence_is_not_flagged(text):
    assert findings(text, HEDGE) == []


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("The suspect allegedly fled north.", "allegedly"),
        ("The suspect reportedly fled north and crossed the border.", "reportedly"),
        # someone speaks in the sentence, but not about the hedged claim
        ("The suspect allegedly stole the car, and his brother said he was sorry.", "allegedly"),
        ("The mayor, who allegedly took bribes, said he would resign.", "allegedly"),
    ],
)
def test_a_hedge_nobody_stands_behind_is_still_flagged(text, hedge):
    assert findings(text, HEDGE) == [hedge]


def test_the_same_line_twice_in_one_story_has_two_finding_ids():
    line = "(Credit: screenshot by Ana Ortiz/Valley Courier)"
    first = finding_id("story", "dangling.promo", line, None, line, 3)
    second = finding_id("story", "dangling.promo", line, None, line, 9)
    assert first != second
    # without an index (proselint's findings, and judgement files made before) the id is
    # the one it always was
    assert finding_id("story", "dangling.promo", line, None, line) not in (first, second)
