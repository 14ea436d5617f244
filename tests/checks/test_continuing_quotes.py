"""A story the rules were not written against: a state bill, quotes continued AP-style."""

from __future__ import annotations

from pathlib import Path

from review.checks import run_checks
from review.checks.base import CheckInput, CheckSentence
from review.checks.facts import extract_facts
from review.text.segment import segment
from tests.checks.seed import EVERY_RULE

STORY = (Path(__file__).parent / "insulin_story.txt").read_text(encoding="utf-8")


def story_input() -> CheckInput:
    spans = segment(STORY)
    sentences = tuple(
        CheckSentence(i, i, s.paragraph, STORY[s.start : s.end]) for i, s in enumerate(spans)
    )
    return CheckInput(sentences)


def findings():
    return run_checks(story_input(), enabled=EVERY_RULE)


def test_a_quote_continuing_after_its_attribution_is_the_same_speakers():
    # '"…," Delgado said. "Today, in this state, they won't have to."' is AP's everyday
    # pattern: the rest is Delgado's. Asking about every one of them buried real flags.
    assert [f for f in findings() if f.rule_id == "claims.unattributed-quote"] == []


def test_a_quote_continuing_after_a_first_name_attribution_is_a_minor_question():
    text = STORY.replace('Rao said. "But', 'said Anita. "But')
    spans = segment(text)
    sentences = tuple(
        CheckSentence(i, i, s.paragraph, text[s.start : s.end]) for i, s in enumerate(spans)
    )
    found = run_checks(CheckInput(sentences), enabled=EVERY_RULE)
    quotes = [f for f in found if f.rule_id == "claims.unattributed-quote"]
    assert [(f.quote, f.severity) for f in quotes] == [('"But it\'s only a start."', "minor")]
    assert "Anita" in quotes[0].message


def test_figures_are_facts_that_keep_their_multiplier_and_noun():
    assert not [f for f in findings() if f.rule_id.startswith("claims.figure")]
    facts = {(f.kind, f.text, f.value, f.unit) for f in extract_facts(story_input())}
    assert ("count", "3.2 million Californians", 3_200_000.0, "Californian") in facts
    assert ("money", "$4 million", 4_000_000.0, "USD") in facts


def test_named_speakers_and_the_dateline_raise_no_name_or_style_flags():
    kinds = {f.kind for f in findings()}
    assert "name-spelling" not in kinds
    assert "style" not in kinds


def test_the_newsletter_line_is_flagged_as_promo():
    promo = [f for f in findings() if f.rule_id == "dangling.promo"]
    assert [f.quote for f in promo] == ["Sign up for our Politics newsletter here."]
