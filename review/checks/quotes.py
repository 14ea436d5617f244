"""Quotations with no speaker: the one claims rule that reads quoted words.

A quotation may run over several sentences and, AP style, over several paragraphs; it is
checked as a whole, and a quotation that goes on after its attribution is the same
speaker's unless the attribution itself is in doubt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from review.checks import lexicon as lx
from review.checks.base import MAJOR, MINOR, Finding, Rule
from review.checks.cast import cast_of
from review.checks.document import Document, Quotation

KIND = "unverified-claim"
_I = re.IGNORECASE

_ATTRIBUTION = re.compile(
    r"\b(?:" + "|".join(sorted(lx.SPEECH_VERBS)) + r"|called|described|put\s+it)\b|:\s*$", _I
)


_VERBS = "|".join(sorted(lx.SPEECH_VERBS))
# the one-word speaker of an attribution: "Ortiz said" or "said Ortiz" (not "said Ana Ortiz")
_SPEAKER = re.compile(
    rf"\b([A-Z][^\W\d_]+(?:[’'-][^\W\d_]+)*)\s+(?:{_VERBS})\b"
    rf"|\b(?:{_VERBS})\s+([A-Z][^\W\d_]+(?:[’'-][^\W\d_]+)*)\b(?!\s+[A-Z])"
)


def _chains(doc: Document) -> list[list[Quotation]]:
    """Quotations grouped so that one running over several paragraphs (AP style: each
    continued paragraph reopens with a quotation mark, only the last one closes) is one."""
    chains: list[list[Quotation]] = []
    for quotation in doc.quotations:
        if chains and _continues(doc, chains[-1][-1], quotation):
            chains[-1].append(quotation)
        else:
            chains.append([quotation])
    return chains


def _continues(doc: Document, previous: Quotation, quotation: Quotation) -> bool:
    if not previous.open_end:
        return False
    last_paragraph = doc.paragraph_of[previous.pieces[-1][0]]
    index, start, _ = quotation.pieces[0]
    return index == last_paragraph[-1] + 1 and not doc.sentences[index].text[:start].strip()


def _speaks(doc: Document, quotation: Quotation) -> bool:
    """The quotation's own sentences say who speaks, or it sits inside a longer sentence."""
    indexes = {index for index, _, _ in quotation.pieces}
    return any(
        len(_words(text)) >= 3 or _ATTRIBUTION.search(text)
        for text in (doc.unquoted_text(i) for i in indexes)
    )


def _first_name_speaker(doc: Document, attribution: str) -> str | None:
    """The speaker of "…," said Jim. when "Jim" is only someone's first name."""
    cast = cast_of(doc)
    for match in _SPEAKER.finditer(attribution):
        name = match.group(1) or match.group(2)
        if name in cast.by_first and name not in cast.by_last:
            return name
    return None


def check_quotes(doc: Document) -> Iterator[Finding]:
    """A quotation standing alone (its sentences hold little besides it) with no speaker
    in those sentences, in an introducing sentence just before it or, for a quotation
    running over several paragraphs, in any of its paragraphs.

    A quotation that goes on after '"…," Ortiz said.' is Ortiz's (AP style) and is left
    alone, unless that attribution names the speaker by a first name only ('said Jim.'):
    then who said the rest is open to doubt, and the rule asks, gently."""
    for chain in _chains(doc):
        quoted_words = sum(
            len(doc.sentences[i].text[a:b].split()) for q in chain for i, a, b in q.pieces
        )
        if quoted_words < 4:
            continue  # scare quotes and titles
        if any(_speaks(doc, quotation) for quotation in chain):
            continue
        index, start, end = chain[0].pieces[0]
        group = doc.paragraph_of[index]
        if index != group[0]:
            before = index - 1
            if not doc.quoted[before] and _ATTRIBUTION.search(doc.sentences[before].text):
                continue  # "The mayor said:" or "She echoed that on Monday." introduces it
            attribution = doc.unquoted_text(before).strip(" ,.")
            if doc.quoted[before] and _ATTRIBUTION.search(attribution):
                name = _first_name_speaker(doc, attribution)
                if name is not None:
                    yield QUOTE.at(
                        doc.sentences[index],
                        start,
                        end,
                        f"This quotation follows one attributed to “{name}”, a first name "
                        "only; confirm who said it and name the speaker by surname.",
                        severity=MINOR,
                    )
                continue
        elif index > 0 and doc.unquoted_text(index - 1).rstrip().endswith(":"):
            continue  # the paragraph before ends "Ortiz said:" and introduces it
        yield QUOTE.at(
            doc.sentences[index],
            start,
            end,
            "This quotation names no speaker in it or next to it; say who said it "
            "(“…,” the official said) so it can be checked.",
        )


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text)


QUOTE = Rule(
    id="claims.unattributed-quote",
    kind=KIND,
    severity=MAJOR,
    description="A quotation with no speaker named in it or next to it.",
    check=check_quotes,
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
