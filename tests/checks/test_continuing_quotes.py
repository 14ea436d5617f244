"""A story the rules were not written against: a state bill, quotes continued AP-style."""

from __future__ import annotations

from pathlib import Path

from review.checks import run_checks
from review.checks.base import CheckInput, CheckSentence
from review.text.segment import segment

STORY = (Path(__file__).parent / "insulin_story.txt").read_text(encoding="utf-8")


def findings():
    spans = segment(STORY)
    sentences = tuple(
        CheckSentence(i, i, s.paragraph, STORY[s.start : s.end]) for i, s in enumerate(spans)
    )
    return run_checks(CheckInput(sentences))


def test_a_quote_continuing_after_its_attribution_is_only_a_minor_question():
    quotes = [f for f in findings() if f.rule_id == "claims.unattributed-quote"]
    assert [f.quote for f in quotes] == [
        '"Today, in this state, they won\'t have to."',
        '"But it\'s only a start."',
    ]
    assert {f.severity for f in quotes} == {"minor"}
    assert "Delgado said" in quotes[0].message


def test_figures_keep_their_multiplier_and_noun():
    figures = [f for f in findings() if f.rule_id == "claims.figures"]
    assert any("3.2 million Californians" in f.message for f in figures)
    assert any("$4 million" in f.message for f in figures)


def test_named_speakers_and_the_dateline_raise_no_name_or_style_flags():
    kinds = {f.kind for f in findings()}
    assert "name-spelling" not in kinds
    assert "style" not in kinds


def test_the_newsletter_line_is_flagged_as_promo():
    promo = [f for f in findings() if f.rule_id == "dangling.promo"]
    assert [f.quote for f in promo] == ["Sign up for our Politics newsletter here."]
