"""The facts worksheet's extraction: every checkable fact, with its exact words, a value a
checker can compare, a short label and an identity that survives re-extraction."""

from __future__ import annotations

from review.checks import CheckInput, CheckSentence
from review.checks.facts import FACT_KINDS, extract_facts, rematch
from review.text.segment import segment

UK_STORY = """Shares in Halvorsen Foods fell 12% after the firm said profits had dropped to £3.2bn.

The company, which employs 4,500 people in Scotland, will close two plants over 18 months.

Chief executive Ana de la Vega, 54, said on Tuesday 14 March 2023 that the cuts were "painful \
but necessary".

It is the largest restructuring in the firm's history."""

US_STORY = """A gunman killed 17 people at a Florida school on Feb. 14, officials said Thursday.

Nikolas Cruz, 19, was inside for about six minutes, police said.

"We will rebuild," said Principal Ty Thompson.

The district spent $3bn on buildings in 2017."""


def facts_of(text: str):
    spans = segment(text)
    data = CheckInput(
        tuple(CheckSentence(i, i, s.paragraph, text[s.start : s.end]) for i, s in enumerate(spans))
    )
    return data, extract_facts(data)


def by_kind(facts, kind):
    return [(f.text, f.value, f.unit) for f in facts if f.kind == kind]


def test_money_keeps_its_unit_and_multiplier():
    _, facts = facts_of(US_STORY)
    (money,) = [f for f in facts if f.kind == "money"]
    assert (money.text, money.value, money.unit) == ("$3bn", 3e9, "USD")
    assert money.label == "Money: $3bn (3,000,000,000 USD)"
    _, facts = facts_of(UK_STORY)
    assert ("£3.2bn", 3.2e9, "GBP") in by_kind(facts, "money")


def test_percentages_counts_ages_and_durations():
    _, facts = facts_of(UK_STORY)
    assert ("12%", 12.0, "%") in by_kind(facts, "percent")
    assert ("4,500 people", 4500.0, "people") in by_kind(facts, "count")
    assert ("18 months", 18.0, "months") in by_kind(facts, "duration")
    (age,) = [f for f in facts if f.kind == "age"]
    assert (age.text, age.value, age.detail) == ("54", 54.0, "Ana de la Vega")
    assert age.label == "Age: 54 (Ana de la Vega)"


def test_dates_with_and_without_a_year_and_weekdays():
    _, facts = facts_of(UK_STORY)
    assert ("14 March 2023", "2023-03-14", "") in by_kind(facts, "date")
    assert ("Tuesday", "Tuesday", "") in by_kind(facts, "weekday")
    _, facts = facts_of(US_STORY)
    (date,) = [f for f in facts if f.kind == "date"]
    assert (date.text, date.value, date.label) == (
        "Feb. 14",
        "--02-14",
        "Date: Feb. 14 (no year given)",
    )
    assert ("2017", "2017", "") in by_kind(facts, "year")


def test_people_with_their_roles_and_quotes_with_their_speakers():
    _, facts = facts_of(UK_STORY)
    people = {f.value: f.detail for f in facts if f.kind == "person"}
    assert people["Ana de la Vega"] == "Chief executive"
    _, facts = facts_of(US_STORY)
    (quote,) = [f for f in facts if f.kind == "quote"]
    assert quote.text == '"We will rebuild,"'
    assert quote.value == "Ty Thompson" and quote.label.endswith("(Ty Thompson)")


def test_records_and_rankings_are_facts_too():
    _, facts = facts_of(UK_STORY)
    assert [f.text for f in facts if f.kind == "superlative"] == ["the largest"]


def test_every_fact_points_at_its_exact_words():
    for story in (UK_STORY, US_STORY):
        data, facts = facts_of(story)
        texts = {s.key: s.text for s in data.sentences}
        for fact in facts:
            assert fact.kind in FACT_KINDS and fact.label and fact.fingerprint and fact.anchor
            assert texts[fact.key][fact.start : fact.end] == fact.text


def test_fingerprints_are_stable_and_rematch_after_an_edit_elsewhere():
    data, before = facts_of(UK_STORY)
    _, again = facts_of(UK_STORY)
    assert [f.fingerprint for f in before] == [f.fingerprint for f in again]
    assert len({f.fingerprint for f in before}) == len(before)
    edited = CheckInput(
        tuple(
            CheckSentence(s.key, s.position, s.paragraph, s.text.replace("Scotland", "Wales"))
            for s in data.sentences
        )
    )
    after = extract_facts(edited)
    matched = rematch([(f.fingerprint, f.anchor) for f in before], after)
    count_before = next(f for f in before if f.text == "4,500 people")
    count_after = next(f for f in after if f.text == "4,500 people")
    assert count_after.fingerprint != count_before.fingerprint  # its sentence changed
    assert matched[count_after.fingerprint] == count_before.fingerprint  # same fact
    assert len(matched) == len(after)


def test_a_changed_figure_is_a_new_fact():
    data, before = facts_of(US_STORY)
    edited = CheckInput(
        tuple(
            CheckSentence(s.key, s.position, s.paragraph, s.text.replace("17 people", "16 people"))
            for s in data.sentences
        )
    )
    after = extract_facts(edited)
    matched = rematch([(f.fingerprint, f.anchor) for f in before], after)
    new = next(f for f in after if f.text == "16 people")
    assert new.fingerprint not in matched


def test_quoted_superlatives_are_the_speakers_and_not_facts_of_the_story():
    _, facts = facts_of('"It was the best day of my life," she said.')
    assert not [f for f in facts if f.kind == "superlative"]
