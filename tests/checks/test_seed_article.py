"""The engine on the seed article: the flags a careful copy editor would raise, and not
the ones an editor would throw out."""

from __future__ import annotations

from collections import Counter

import pytest

from review.checks import run_checks
from review.checks.facts import extract_facts
from tests.checks.seed import EVERY_RULE, SEED_SENTENCES, seed_input
from tests.conftest import SEED


@pytest.fixture(scope="module")
def findings():
    return run_checks(seed_input(), enabled=EVERY_RULE)


def _on(findings, sentence_start: str, kind: str | None = None):
    index = next(i for i, s in enumerate(SEED_SENTENCES) if s.startswith(sentence_start))
    return [f for f in findings if f.key == index and (kind is None or f.kind == kind)]


def test_the_sentence_list_matches_the_seed_file():
    text = SEED.read_text(encoding="utf-8")
    assert len(SEED_SENTENCES) == 22
    position = 0
    for sentence in SEED_SENTENCES:
        position = text.index(sentence, position) + len(sentence)


def test_an_ambiguous_scott_is_flagged(findings):
    (flag,) = _on(findings, "During a press", "name-spelling")[:1]
    assert flag.quote == "Scott"
    assert "Israel" in flag.message and "Peterson" in flag.message


def test_first_name_references_are_flagged_with_the_surname(findings):
    during = {f.quote: f for f in _on(findings, "During a press", "name-spelling")}
    assert during["Nikolas"].suggestion == "Cruz"
    (jim,) = _on(findings, "I would demand", "name-spelling")
    assert (jim.quote, jim.suggestion) == ("Jim", "Bell")
    (scot,) = _on(findings, "Despite resigning", "name-spelling")
    assert scot.quote == "Scot"


def test_the_lower_case_name_line_is_flagged(findings):
    flags = _on(findings, "nikolas cruz")
    kinds = {f.kind for f in flags}
    assert {"name-spelling", "dangling-text"} <= kinds
    assert any(f.suggestion == "Nikolas Cruz" for f in flags)


def test_scott_israel_is_not_a_misspelling_of_anyone(findings):
    assert _on(findings, "Broward County Sheriff", "name-spelling") == []


def test_the_runcie_quotation_raises_no_name_flags(findings):
    for start in (
        "School superintendent",
        "“I’m in shock",
        "It’s really",
        "He did not do",
        "It’s one",
    ):
        assert _on(findings, start, "name-spelling") == []


def test_unverified_claims(findings):
    first = _on(findings, "An armed officer", "unverified-claim")
    assert any(f.quote == "officials said" for f in first)
    assert any(f.quote == "reportedly" for f in _on(findings, "Meanwhile", "unverified-claim"))
    salary = _on(findings, "The 6-foot", "unverified-claim")
    assert any(f.rule_id == "claims.second-hand" and "cited by" in f.quote for f in salary)
    execution = _on(findings, "“You’re listening", "unverified-claim")
    assert [f.rule_id for f in execution] == ["claims.unattributed-quote"]


def test_figures_are_not_flags_but_facts_on_the_worksheet(findings):
    assert not [f for f in findings if f.rule_id == "claims.figures"]
    facts = {(f.kind, f.text) for f in extract_facts(seed_input())}
    assert {
        ("count", "17 people"),
        ("date", "Feb. 14"),
        ("weekday", "Thursday"),
        ("age", "19"),
        ("duration", "six minutes"),
        ("date", "Feb. 19, 2018"),
        ("year", "2009"),
        ("money", "$75,673.72"),
        ("year", "2016"),
    } <= facts


def test_the_stray_caption_is_leftover_text(findings):
    (caption,) = _on(findings, "Nikolas Cruz appears", "dangling-text")
    assert caption.rule_id == "dangling.caption" and caption.start is None


def test_dangling_text_and_promo(findings):
    assert _on(findings, "Email In Touch at", "dangling-text")
    assert _on(findings, "Have a tip?", "dangling-text")
    assert _on(findings, "Send it to us!", "dangling-text")


def test_house_style(findings):
    salary = _on(findings, "The 6-foot", "style")
    assert any(f.quote == "6-foot-five-inch" and f.suggestion == "6-foot-5" for f in salary)
    (clause,) = _on(findings, "Broward County Sheriff", "style")
    assert clause.quote.startswith("who previously suspended")
    assert clause.suggestion.endswith("without pay,")
    caption = {f.quote: f.suggestion for f in _on(findings, "Nikolas Cruz appears", "style")}
    assert caption == {"Ft.": "Fort", "FL": "Fla."}


def test_quiet_sentences_stay_quiet(findings):
    for start in ("Scot Peterson, who", "School superintendent", "He did not do his job."):
        assert _on(findings, start) == []


def test_counts_by_kind(findings):
    counts = Counter(f.kind for f in findings)
    assert counts == {
        "name-spelling": 5,
        "unverified-claim": 4,
        "dangling-text": 5,
        "style": 4,
    }


def test_a_registered_spelling_is_suggested_for_a_near_variant():
    data = seed_input(registry=("Scott Peterson",))
    flags = [f for f in run_checks(data, enabled=EVERY_RULE) if f.rule_id == "names.two-spellings"]
    assert [(f.quote, f.suggestion) for f in flags] == [("Scot Peterson", "Scott Peterson")]


def test_out_of_the_box_the_seed_keeps_its_name_claim_dangling_and_style_flags():
    found = run_checks(seed_input())  # the rules on by default only
    kinds = {f.kind for f in found}
    assert kinds == {"name-spelling", "unverified-claim", "dangling-text", "style"}
    names = {(f.rule_id, f.quote) for f in found if f.kind == "name-spelling"}
    assert ("names.ambiguous-first-name", "Scott") in names
    assert ("names.lower-case", "nikolas cruz") in names
    assert not [f for f in found if f.rule_id == "names.first-name"]
