"""The checks on American newspaper copy as it is published: institutional attribution,
hedges a body passes on, captions known by their credit, link lists, section heads in
sentence case, AP's % sign asked for once. Every story here is written for the test."""

from __future__ import annotations

import pytest

from review.checks import input_from_text, run_checks
from tests.checks.seed import EVERY_RULE


def flags(text: str, rule: str) -> list:
    data, _ = input_from_text(text)
    return [f for f in run_checks(data, enabled=EVERY_RULE) if f.rule_id == rule]


def quotes(text: str, rule: str) -> list[str]:
    return [f.quote for f in flags(text, rule)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Valley Power officials said 300 homes lost service.",
        "Agency officials said the pipes were replaced in 2019.",
        "Transit Authority officials said the line would reopen Monday.",
    ],
)
def test_officials_of_a_named_organisation_are_its_attribution(sentence):
    story = f"The storm hit overnight.\n\n{sentence}\n\nCrews worked until dawn."
    assert quotes(story, "claims.vague-attribution") == []


def test_officials_already_introduced_are_not_anonymous_again():
    story = (
        "Water Board officials met on Monday.\n\n"
        "The board replaced 40 valves last year, the officials said."
    )
    assert quotes(story, "claims.vague-attribution") == []


def test_a_government_body_is_queried_once_per_story():
    story = (
        "American officials said the talks would resume.\n\n"
        "American officials said the envoy had left.\n\n"
        "American officials have argued for months that the deal was close.\n\n"
        "Analysts said the talks could fail."
    )
    found = flags(story, "claims.vague-attribution")
    assert [(f.quote, f.severity) for f in found] == [
        ("officials said", "minor"),
        ("Analysts said", "major"),
    ]


def test_a_hedge_the_police_pass_on_is_attributed_a_bare_one_is_not():
    attributed = "Harbor police said the van was believed to belong to a courier."
    bare = "The van was believed to belong to a courier."
    assert quotes(attributed, "claims.hedge") == []
    assert quotes(bare, "claims.hedge") == ["was believed to"]


def test_a_superlative_of_esteem_is_a_judgement_a_measured_one_a_record():
    judged = "The choir is the country’s most admired, and it sings at noon."
    measured = "The port is the world’s busiest container terminal."
    assert quotes(judged, "claims.superlative") == []
    assert quotes(measured, "claims.superlative") == ["the world’s busiest"]


def test_a_section_head_is_not_a_record_stated_as_fact():
    story = "The river rose.\n\nThe worst floods on record\n\nThe water reached the square by noon."
    assert quotes(story, "claims.superlative") == []


@pytest.mark.parametrize(
    "caption",
    [
        "Volunteers fill sandbags by the levee. (Ana Ruiz/The Valley Courier)",
        "Volunteers fill sandbags by the levee. (Valley Wire)",
        "Volunteers fill sandbags by the levee Credit: Ana Ruiz/Valley Wire",
        "Volunteers fill sandbags by the levee. Credit Ana M. Ruiz/The Valley Courier",
        "A new pump house will open in spring. Source: Supplied",
        "The levee at dawn Tom Lee/Valley Wire",
    ],
)
def test_a_caption_is_known_by_its_credit(caption):
    story = f"The river rose overnight.\n\n{caption}\n\nThe water reached the square by noon."
    assert flags(story, "dangling.caption"), caption
    assert quotes(story, "dangling.no-end") == []


@pytest.mark.parametrize(
    "paragraph",
    [
        "The clinic will treat patients with HIV/Aids.",
        "The loan came from Credit Suisse.",
        "Turnout was 4/5 of the roll (the highest since 1990).",
    ],
)
def test_body_copy_with_a_slash_or_a_bank_is_not_a_caption(paragraph):
    story = f"The river rose overnight.\n\n{paragraph}\n\nThe water reached the square."
    assert flags(story, "dangling.caption") == []


def test_the_links_under_a_read_more_heading_are_page_furniture():
    story = (
        "The council voted 5-2 to close the pool.\n\n"
        "Read more:\n\n"
        "Why the pool cost twice the estimate\n\n"
        "Five things to know about the vote"
    )
    assert quotes(story, "dangling.promo") == [
        "Read more:",
        "Why the pool cost twice the estimate",
        "Five things to know about the vote",
    ]


def test_a_section_head_in_sentence_case_needs_no_full_stop():
    story = (
        "The river fell overnight.\n\n"
        "Why the levees along the river held far better than the engineers had expected\n\n"
        "New pumps moved the water faster."
    )
    assert quotes(story, "dangling.no-end") == []


def test_a_cut_line_that_reports_speech_still_has_no_end():
    story = (
        "The river fell overnight.\n\n"
        "Asked about the pumps on Friday, the mayor revealed that the county\n\n"
        "Crews worked until dawn."
    )
    assert quotes(story, "dangling.no-end") == ["county"]


def test_list_items_on_lines_of_their_own_need_no_full_stop():
    story = "The plan has three parts:\nNew pumps at the dam\nA higher levee\nMore sandbags"
    assert quotes(story, "dangling.no-end") == []


def test_a_said_inside_the_clause_needs_no_comma():
    inner = "The bridge, which mayor Ana Ruiz said in May had cost twice the estimate, opened."
    unclosed = "The mayor, who vetoed the zoning bill last spring said she would run."
    assert quotes(inner, "style.unclosed-clause") == []
    assert quotes(unclosed, "style.unclosed-clause") == ["who vetoed the zoning bill last spring"]


def test_percent_is_asked_about_once_and_only_where_the_story_also_uses_the_sign():
    story = (
        "Mr. Ortega said sales rose 12 percent on Jan. 5.\n\n"
        "Costs rose 4 percent, and wages 3 percent, he said."
    )
    assert flags(story, "style.abbreviations") == []  # the paper's own style throughout
    mixed = flags(story + "\n\nRents rose 2%.", "style.abbreviations")
    assert [f.quote for f in mixed] == ["12 percent"]
    assert "2 more" in mixed[0].message


def test_months_are_asked_about_only_where_the_story_writes_them_both_ways():
    spelled = "The vote is on November 8.\n\nThe count ends on December 2."
    assert quotes(spelled, "style.abbreviations") == []
    mixed = spelled + "\n\nResults are due Dec. 9 and Dec. 12."
    [found] = flags(mixed, "style.abbreviations")
    assert (found.quote, found.suggestion) == ("November", "Nov.")  # toward the usual form


def test_a_word_typed_twice_inside_a_quotation_is_flagged():
    story = "“We were hit by the the worst storm in years,” Mr. Ortega said."
    assert quotes(story, "style.doubled-word") == ["the the"]


def test_a_bulleted_item_may_end_on_the_comma_that_joins_the_list():
    story = (
        "Volunteers will be shown how to:\n\n"
        "• fill the sandbags,\n\n"
        "• stack them two deep, and\n\n"
        "• tie off the tops."
    )
    cut = "Volunteers will be shown how to fill the sandbags and"
    assert quotes(story, "dangling.unfinished") == []
    assert quotes(cut, "dangling.unfinished") == ["and"]


def test_the_authorities_are_the_state_at_large_not_a_body_named_before():
    story = "The authorities said the checkpoints would be lifted by Sunday."
    found = flags(story, "claims.vague-attribution")
    assert [(f.quote, f.severity) for f in found] == [("authorities said", "minor")]


def test_what_the_outlet_in_the_dateline_reviewed_is_its_own_reporting():
    body = "The plant will shut in May, according to a memo reviewed by Harbor Wire."
    own = f"Mill closing\n\nLAKEVILLE (Harbor Wire) — The mill will close.\n\n{body}"
    other = f"Mill closing\n\nLAKEVILLE — The mill will close.\n\n{body}"
    assert quotes(own, "claims.second-hand") == []
    assert quotes(other, "claims.second-hand") == ["reviewed by Harbor Wire"]


def test_the_signature_of_a_quoted_post_keeps_its_date_as_posted():
    story = (
        "The mayor posted the news at dawn.\n\n"
        "The bridge is open again.\n\n"
        "— Dana Pike (@danapike) January 9, 2021\n\n"
        "The bridge closed on Jan. 4, 2021."
    )
    # the post's "January 9" is as posted: the story itself writes months one way only
    assert quotes(story, "style.abbreviations") == []
