"""Three British-style stories written for these tests (courtesy titles without a full
stop, "£3.2m", day-month dates, a team sheet, a family-name-first name, a particle
surname): each lists exactly what a copy editor would keep, planted errors marked."""

from __future__ import annotations

from pathlib import Path

import pytest

from review.checks import CheckInput, CheckSentence, run_checks
from review.checks.facts import extract_facts
from review.text.segment import segment
from tests.checks.seed import EVERY_RULE

ARTICLES = Path(__file__).parent / "articles_uk"


def story(name: str) -> CheckInput:
    text = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
    return CheckInput(
        tuple(
            CheckSentence(i, i, s.paragraph, text[s.start : s.end])
            for i, s in enumerate(segment(text))
        )
    )


EXPECTED = {
    "politics_council_tax": [
        # planted: the opposition leader's name misspelt with a courtesy title
        ("names.two-spellings", "Acheba"),
        # planted: impersonal attribution
        ("claims.vague-attribution", "It is understood"),
        # planted: link furniture
        ("dangling.promo", "Read more: How your council tax is spent"),
    ],
    "football_derby": [
        # planted: social-media promo; the team sheet, the club names, "boss Kenji
        # Watanabe … Watanabe told" and "van der Berg" raise nothing
        ("dangling.promo", "Follow us on Twitter for live updates from the match."),
    ],
    "business_results": [
        # planted: anonymous analysts, a ranking stated as fact, a hedge, a wrong weekday
        ("claims.vague-attribution", "Analysts said"),
        ("claims.superlative", "the country's largest"),
        ("claims.hedge", "rumoured"),
        ("claims.weekday-date", "Friday 12 March 2026"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_story_raises_exactly_what_a_copy_editor_would_keep(name):
    found = [(f.rule_id, f.quote) for f in run_checks(story(name), enabled=EVERY_RULE)]
    assert found == EXPECTED[name]


def test_a_quotation_in_its_own_paragraph_continues_the_speaker_before():
    found = run_checks(story("politics_council_tax"), enabled=EVERY_RULE)
    assert not [f for f in found if f.rule_id == "claims.unattributed-quote"]


def test_the_facts_of_the_derby_story():
    facts = {(f.kind, f.text, f.detail) for f in extract_facts(story("football_derby"))}
    assert ("money", "£25,000", "") in facts
    assert ("count", "14 arrests", "") in facts
    assert ("age", "23", "Luca van der Berg") in facts
    assert ("person", "Kenji Watanabe", "Eastbridge Rovers boss") in facts
    assert ("weekday", "Saturday", "") in facts
