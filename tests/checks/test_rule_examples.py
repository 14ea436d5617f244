"""Every rule's own examples are its tests: each `flags` example raises that rule (on the
[[marked]] words when marked), each `passes` example raises nothing from it."""

from __future__ import annotations

import pytest

from review.checks import RULES, RULES_BY_ID, input_from_text, run_checks
from review.checks.document import Document

FLAG_CASES = [(rule.id, text) for rule in RULES for text in rule.flags]
PASS_CASES = [(rule.id, text) for rule in RULES for text in rule.passes]


def _findings(rule_id: str, text: str):
    data, marked = input_from_text(text)
    return list(RULES_BY_ID[rule_id].run(Document(data))), marked


@pytest.mark.parametrize(("rule_id", "text"), FLAG_CASES)
def test_rule_flags_its_example(rule_id, text):
    findings, marked = _findings(rule_id, text)
    assert findings, f"{rule_id} raised nothing on {text!r}"
    quotes = {f.quote for f in findings}
    for words in marked:
        assert words in quotes, f"{rule_id} flagged {quotes}, not {words!r}"


@pytest.mark.parametrize(("rule_id", "text"), PASS_CASES)
def test_rule_leaves_its_counter_example_alone(rule_id, text):
    findings, _ = _findings(rule_id, text)
    assert findings == [], f"{rule_id} flagged {[f.quote for f in findings]} in {text!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_is_described_and_has_examples_both_ways(rule):
    assert rule.description and "\n" not in rule.description
    assert rule.kind in {"name-spelling", "unverified-claim", "dangling-text", "style"}
    assert rule.severity in {"blocker", "major", "minor"}
    assert rule.flags and rule.passes


def test_findings_carry_the_exact_words_and_a_message():
    data, _ = input_from_text("The suspect reportedly fled north.")
    (finding,) = run_checks(data)
    sentence = data.sentences[0]
    assert sentence.text[finding.start : finding.end] == finding.quote == "reportedly"
    assert finding.rule_id == "claims.hedge" and finding.kind == "unverified-claim"
    assert "attribute" in finding.message


def test_rules_can_be_skipped_by_id():
    data, _ = input_from_text("The suspect reportedly fled north.")
    assert run_checks(data, skip={"claims.hedge"}) == []


def test_rule_ids_are_unique_and_stable_slugs():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert all(rule_id == rule_id.lower() and " " not in rule_id for rule_id in ids)


def test_a_rule_off_by_default_says_why_in_numbers():
    off = [rule for rule in RULES if not rule.default_enabled]
    assert off, "the noise budget demoted at least the plain first-name rule"
    for rule in off:
        assert "held-out" in rule.why and any(c.isdigit() for c in rule.why)


def test_rules_off_by_default_do_not_run_unless_enabled():
    text = "Priya Nair, a chef, opened the bistro.\nLater, Priya bought the fish."
    data, _ = input_from_text(text)
    assert not [f for f in run_checks(data) if f.rule_id == "names.first-name"]
    enabled = {rule.id for rule in RULES}
    assert [f.quote for f in run_checks(data, enabled=enabled) if f.rule_id == "names.first-name"]
