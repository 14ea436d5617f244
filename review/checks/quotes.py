"""Quotations with no speaker: the one claims rule that reads quoted words.

A quotation may run over several sentences and, AP style, over several paragraphs; it is
checked as a whole, and a quotation that goes on after its attribution is the same
speaker's unless the attribution itself is in doubt.
"""

from __future__ import annotations

from collections.abc import Iterator

from review.checks.base import MAJOR, MINOR, Finding, Rule
from review.checks.cast import cast_of
from review.checks.document import Document
from review.checks.speakers import speeches

KIND = "unverified-claim"


def check_quotes(doc: Document) -> Iterator[Finding]:
    """A quotation standing alone (its sentences hold little besides it) whose speaker is
    not named in it, in a sentence introducing it, or by the speech it continues.

    A quotation that goes on after '"…," Ortiz said.' is Ortiz's (AP style) and is left
    alone, unless that attribution names the speaker by a first name only ('said Jim.'):
    then who said the rest is open to doubt, and the rule asks, gently."""
    cast = cast_of(doc)
    for speech in speeches(doc):
        quotation = speech.quotation
        index, start, end = quotation.pieces[0]
        quoted_words = sum(len(doc.sentences[i].text[a:b].split()) for i, a, b in quotation.pieces)
        if speech.how == "continues" and _first_name_only(cast, speech.named_by):
            yield QUOTE.at(
                doc.sentences[index],
                start,
                end,
                f"This quotation follows one attributed to “{speech.named_by}”, a first name "
                "only; confirm who said it and name the speaker by surname.",
                severity=MINOR,
            )
            continue
        if speech.how or quoted_words < 4:
            continue  # attributed, or scare quotes and titles
        yield QUOTE.at(
            doc.sentences[index],
            start,
            end,
            "This quotation names no speaker in it or next to it; say who said it "
            "(“…,” the official said) so it can be checked.",
        )


def _first_name_only(cast, words: str) -> bool:
    """ "said Jim" when Jim is only someone's first name in the story (a person the story
    introduced as one: "Merrill" of "Merrill Lynch" is a firm's short name)."""
    if " " in words or words not in cast.by_first or words in cast.by_last:
        return False
    alone = [m.names[0] for m in cast.single_mentions]
    surnames = {p.last for p in cast.by_first[words]}
    return alone.count(words) < 3 or any(s in alone for s in surnames)


QUOTE = Rule(
    id="claims.unattributed-quote",
    kind=KIND,
    severity=MAJOR,
    description="A quotation with no speaker named in it or next to it.",
    check=check_quotes,
    default_enabled=False,
    why=(
        "Off by default: of 6 findings judged on real BBC copy (2 of them held-out), none "
        "was real and all were defensible: published quotations it finds have the speaker "
        "implied by the sentence before, or are one person's words compiled. Planted "
        "quotations with no speaker are all caught when it is on."
    ),
    flags=(
        "The council voted 5-4.\n[[“This is a disgrace to the whole city.”]]",
        "Ana Ortiz runs the shelter.\n\n“We will rebuild,” said Ana.\n"
        "[[“Nobody is leaving this town for good.”]]",
        "The river rose overnight.\n\n[[“We lost the barn and the hay.]]\n\n"
        "“Nobody is leaving this town for good.”",
    ),
    passes=(
        "“We will rebuild every house on this street,” Ortiz said.",
        "“We will rebuild,” Ortiz said.\n“Nobody is leaving this town for good.”",
        "The chief answered on Monday:\n“Nobody is leaving this town for good.”",
        "The chief answered on Monday:\n\n“Nobody is leaving this town for good.”",
        "Ortiz called the vote “a disgrace.”",
        "“We will rebuild.\nEvery house will stand again,” Ortiz said.",
        "“We lost the barn,” Ortiz said.\n“The hay went too.\n\n"
        "“Nobody is leaving this town for good.\n\n“We will rebuild every house.”",
    ),
)
