"""The seed article as the segmenter will cut it: 22 sentences in 9 paragraphs.

Kept here (not read through review.text.segment) so the rule tests do not depend on the
segmenter; test_seed_article also checks the file still matches this list.
"""

from __future__ import annotations

from review.checks import RULES, CheckInput, CheckSentence

# The story tests look at every rule, those off by default too (their levels are tested
# on their own): a story's planted errors include ones a desk may switch on.
EVERY_RULE = frozenset(rule.id for rule in RULES)

SEED_PARAGRAPHS = [
    [
        "An armed officer on duty when a gunman killed 17 people at a Florida school on Feb. 14 "
        "found a safe spot outside the building — and did absolutely “nothing,” officials said "
        "Thursday.",
        "Scot Peterson, who was the last line of defense at Marjory Stoneman Douglas High "
        "School, resigned and subsequently retired after a video surfaced of him outside the "
        "school.",
    ],
    [
        "Broward County Sheriff Scott Israel, who previously suspended the officer without pay "
        "said, “What I saw was a deputy arrive at the west side of Building 12, take up a "
        "position and he never went in.”",
        "Meanwhile, former student, Nikolas Cruz, 19, was reportedly inside for approximately "
        "six minutes, gunning down students with an AR-15-style assault weapon.",
    ],
    ["nikolas cruz"],
    ["Nikolas Cruz appears in court on Feb. 19, 2018, in Ft. Lauderdale, FL."],
    [
        "Despite resigning, Scot believed he did a good job.",
        "According to the president of the Broward Sheriff’s Office Deputies Association, “He "
        "believed he did a good job calling in the location, setting up the perimeter, and "
        "calling in the description (of Cruz),” said the union official, Jim Bell.",
    ],
    [
        "During a press conference, the union head said he didn’t want to second-guess Scott — "
        "but strongly suggested that failing to take on Nikolas was a mistake.",
        "“We have to act, even if that means risking our lives to save many, many more lives.",
        "I would demand that from our union members,” said Jim.",
        "“You’re listening to an execution every time you hear the rifle shot.”",
    ],
    [
        "School superintendent Robert Runcie echoed the same sentiment on Thursday.",
        "“I’m in shock and I’m outraged to no end that he could have made a difference in all "
        "this.",
        "It’s really disturbing that we had a law enforcement individual there specifically "
        "for this reason, and he did not engage.",
        "He did not do his job.",
        "It’s one of the most unbelievable things I’ve ever heard.”",
    ],
    [
        "The 6-foot-five-inch Illinois native had worked as a school safety officer since 2009 "
        "and made a base annual salary of $75,673.72 as of 2016, according to sheriff’s office "
        "records cited by the Sun-Sentinel.",
        "According to a 2017 performance review, he was considered a trusted officer who "
        "“values his position and takes pride in protecting the students, faculty, and staff "
        "at his school.”",
    ],
    ["Have a tip?", "Send it to us!", "Email In Touch at"],
]

SEED_SENTENCES = [s for paragraph in SEED_PARAGRAPHS for s in paragraph]


def seed_input(registry: tuple[str, ...] = ()) -> CheckInput:
    sentences = []
    for number, paragraph in enumerate(SEED_PARAGRAPHS):
        for text in paragraph:
            position = len(sentences)
            sentences.append(CheckSentence(position, position, number, text))
    return CheckInput(tuple(sentences), registry)


def sentences_input(paragraphs: list[list[str]], registry: tuple[str, ...] = ()) -> CheckInput:
    """CheckInput from paragraphs given as lists of sentences."""
    sentences = []
    for number, paragraph in enumerate(paragraphs):
        for text in paragraph:
            sentences.append(CheckSentence(len(sentences), len(sentences), number, text))
    return CheckInput(tuple(sentences), registry)
