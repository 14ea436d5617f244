"""Claims that need a named source or a check: vague attribution, hedges, second-hand
sourcing, superlatives, figures, and quotations with no speaker.

Quoted words are the speaker's and are left alone (except by the quotation rule): the
desk checks what the story asserts, not what someone is quoted as saying.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from review.checks import lexicon as lx
from review.checks.base import MAJOR, MINOR, Finding, Rule
from review.checks.document import Document

KIND = "unverified-claim"
_I = re.IGNORECASE
_NOT_DATE = (
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)

_VAGUE_WHO = (
    r"officials|authorities|sources|insiders|experts|analysts|observers|critics|"
    r"(?:some|many|several|other) people|people close to \w+|others"
)
_VAGUE = re.compile(
    rf"\b(?:(?:some|many|several|unnamed|anonymous|unidentified|senior|top|local|state|"
    rf"federal|government|administration|city|county|company|school|other)\s+)*"
    rf"(?:{_VAGUE_WHO})\s+(?:have\s+|had\s+|also\s+)?"
    rf"(?:said|say|says|told|claim|claimed|believe|believed|suggest|suggested|indicated)\b"
    rf"|\bsaid\s+(?:some\s+|several\s+|senior\s+|two\s+|three\s+)?(?:officials|sources|"
    rf"authorities|insiders)\b"
    rf"|\b(?:sources?|people|persons?|someone|those)\s+(?:close\s+to|familiar\s+with|"
    rf"briefed\s+on|with\s+knowledge\s+of)\b"
    rf"|\baccording\s+to\s+(?:(?:a|an|one|two|several)\s+)?(?:unnamed\s+|anonymous\s+|"
    rf"senior\s+)?(?:sources?|officials?|insiders?|people|a\s+person)\b"
    rf"|\b(?:spoke|speaking)\s+on\s+(?:the\s+)?condition\s+of\s+anonymity\b"
    rf"|\b(?:asked|declined)\s+not\s+to\s+be\s+(?:named|identified)\b"
    rf"|\bit\s+is\s+(?:widely\s+)?(?:believed|understood|thought)\s+that\b",
    _I,
)
_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|supposedly|rumou?red)\b"
    r"|\b(?:is|are|was|were)\s+(?:said|believed|thought|alleged|rumou?red)\s+to\b"
    r"|\breports\s+(?:suggest|say|said|indicate)\b",
    _I,
)
_MEDIA = (
    r"Times|Post|News|Journal|Herald|Tribune|Sentinel|Gazette|Chronicle|Examiner|Observer|"
    r"Press|Magazine|Radio|Reuters|Bloomberg|Telegraph|Guardian|Star|Globe|Daily"
)
# an outlet's name: capitalised words, dotted initials allowed, no sentence-final period
_OUTLET = r"[A-Z][\w’'&-]*(?:\.[A-Za-z][\w’'&-]*)*(?:\s[A-Z][\w’'&-]*(?:\.[A-Za-z][\w’'&-]*)*)*"
_SECOND_HAND = re.compile(
    rf"\b(?:cited|obtained|reviewed)\s+by\s+(?:the\s+|The\s+)?{_NOT_DATE}{_OUTLET}"
    rf"|\b(?:as\s+|first\s+|originally\s+)?reported\s+(?:by|in)\s+(?:the\s+|The\s+)?"
    rf"{_NOT_DATE}{_OUTLET}"
    rf"|\btold\s+(?:the\s+|The\s+)?(?:[A-Z][\w’'&.-]*\s){{0,3}}(?:{_MEDIA})\b"
    rf"|\bin\s+an\s+interview\s+with\s+(?:the\s+|The\s+)?{_OUTLET}"
    rf"|\baccording\s+to\s+(?:a|an)\s+(?:\w+\s+){{0,2}}?(?:report|story|article|post)\s+"
    rf"(?:in|by|from)\s+(?:the\s+|The\s+)?{_OUTLET}",
)
_SUPERLATIVE = re.compile(
    r"\b(?:the|its|their|his|her)\s+(?:(?:single|second|third|nation[’']s|country[’']s|"
    r"world[’']s|state[’']s|city[’']s|region[’']s)\s+)?"
    r"(?:largest|biggest|deadliest|costliest|worst|highest|lowest|fastest|slowest|oldest|"
    r"youngest|richest|poorest|longest|greatest|smallest|tallest|heaviest|hottest|coldest|"
    r"wettest|driest|busiest|strongest|weakest|safest|first-ever|most-\w+|best-selling|"
    r"most\s+(?!recent\b|likely\b|important\b|of\b|part\b)[a-z]+)\b"
    r"|\b(?:unprecedented|record-(?:breaking|setting)|all-time\s+(?:high|low)|"
    r"record\s+(?:high|low|number|levels?))\b",
    _I,
)

_SPELLED = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|dozens|hundreds|thousands|"
    r"millions|billions"
)
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)"
)
_UNITS = (
    r"people|persons|students|children|kids|adults|victims|deaths|dead|injured|residents|"
    r"workers|employees|officers|deputies|members|voters|patients|cases|seconds|minutes|"
    r"hours|days|weeks|months|years|decades|miles|kilometers|feet|foot|inches|meters|acres|"
    r"tons|pounds|dollars|euros|times|homes|houses|buildings|schools|jobs|votes|shots|rounds|"
    r"arrests|families|soldiers|troops|lives|points"
)
_FIGURE = re.compile(
    rf"[$€£¥]\s?(?:{_NUM})(?:\s?(?:million|billion|trillion|thousand))?"
    rf"|\b(?:{_NUM})\s?(?:%|percent\b|per\s+cent\b)"
    rf"|\b(?:{_NUM})\s(?:million|billion|trillion)(?:\s[A-Z]?[a-z]+)?\b"
    rf"|\b{_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?\b(?:,\s\d{{4}}\b)?"
    rf"|\b\d{{1,2}}(?::\d{{2}})?\s?[ap]\.m\."
    rf"|(?:\b(?:{_NUM})|\b(?:{_SPELLED}))(?:[\s-](?:[a-z]+[\s-]){{0,2}}?)(?:{_UNITS})\b"
    rf"|\b(?:{_SPELLED})\s+(?:percent|million|billion)\b"
    rf"|(?<![\w.,$-])(?:{_NUM})\b(?![-.,]?\w)",
)
_IDENTIFIER_BEFORE = re.compile(r"(?:[A-Za-z]-|\b([A-Z][\w’'.]*) )$")


def _spans(pattern: re.Pattern[str], doc: Document, rule: Rule, message) -> Iterator[Finding]:
    for index, sentence in enumerate(doc.sentences):
        if doc.headline_like[index]:
            continue
        text = doc.unquoted_text(index)
        for match in pattern.finditer(text):
            yield rule.at(sentence, match.start(), match.end(), message(match.group()))


def check_vague(doc: Document) -> Iterator[Finding]:
    yield from _spans(
        _VAGUE,
        doc,
        VAGUE,
        lambda words: (
            f"“{words}” does not say who: name the source, or say why they cannot "
            "be named, and check the claim with a second source."
        ),
    )


def check_hedges(doc: Document) -> Iterator[Finding]:
    yield from _spans(
        _HEDGE,
        doc,
        HEDGE,
        lambda words: (
            f"“{words}” passes on a claim without standing behind it: find who "
            "reported or alleges it and attribute it, or confirm it and drop the hedge."
        ),
    )


def check_second_hand(doc: Document) -> Iterator[Finding]:
    yield from _spans(
        _SECOND_HAND,
        doc,
        SECOND_HAND,
        lambda words: (
            f"“{words}”: the fact comes from another outlet's reporting. "
            "Check it against the original record or credit the outlet clearly."
        ),
    )


def check_superlatives(doc: Document) -> Iterator[Finding]:
    yield from _spans(
        _SUPERLATIVE,
        doc,
        SUPERLATIVE,
        lambda words: (
            f"“{words}” is stated as fact: check it against a source (records, "
            "rankings) or attribute it."
        ),
    )


def check_figures(doc: Document) -> Iterator[Finding]:
    for index, sentence in enumerate(doc.sentences):
        if doc.headline_like[index]:
            continue
        text = doc.unquoted_text(index)
        figures = []
        for match in _FIGURE.finditer(text):
            start = match.start()
            before = _IDENTIFIER_BEFORE.search(text[max(0, start - 40) : start])
            if match.group()[0].isdigit() and before:
                word = before.group(1)
                if word is None or word.lower() not in lx.COMMON_OPENERS:
                    continue  # "Building 12", "AR-15": names, not figures
            figures.append(match.group())
        if figures:
            listed = "; ".join(figures)
            yield FIGURES.at(
                sentence,
                None,
                None,
                f"Check the figures against the source: {listed}.",
            )


_ATTRIBUTION = re.compile(
    r"\b(?:" + "|".join(sorted(lx.SPEECH_VERBS)) + r"|called|described|put\s+it)\b|:\s*$", _I
)


def check_quotes(doc: Document) -> Iterator[Finding]:
    """A quotation standing alone (its sentences hold little besides it) with no speaker
    in those sentences or in an introducing sentence just before it."""
    for quotation in doc.quotations:
        indexes = sorted({index for index, _, _ in quotation.pieces})
        quoted_words = sum(len(doc.sentences[i].text[a:b].split()) for i, a, b in quotation.pieces)
        if quoted_words < 4:
            continue  # scare quotes and titles
        outside = [doc.unquoted_text(i) for i in indexes]
        if any(len(_words(text)) >= 3 or _ATTRIBUTION.search(text) for text in outside):
            continue  # the sentence says who, or the quotation is part of a longer sentence
        first = indexes[0]
        group = doc.paragraph_of[first]
        index, start, end = quotation.pieces[0]
        if first != group[0]:
            before = first - 1
            if not doc.quoted[before] and _ATTRIBUTION.search(doc.sentences[before].text):
                continue  # "The mayor said:" or "She echoed that on Monday." introduces it
            attribution = doc.unquoted_text(before).strip(" ,.")
            if doc.quoted[before] and _ATTRIBUTION.search(attribution):
                # A quote continuing after '"…," Ortiz said.' is usually the same speaker's
                # (AP style), but a change of speaker there is a classic misattribution: ask,
                # gently.
                yield QUOTE.at(
                    doc.sentences[index],
                    start,
                    end,
                    f"This quotation follows one attributed with “{attribution}”; confirm it "
                    "is the same speaker's words, or say who said it.",
                    severity="minor",
                )
                continue
        yield QUOTE.at(
            doc.sentences[index],
            start,
            end,
            "This quotation names no speaker in it or next to it; say who said it "
            "(“…,” the official said) so it can be checked.",
        )


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text)


VAGUE = Rule(
    id="claims.vague-attribution",
    kind=KIND,
    severity=MAJOR,
    description="Anonymous or vague attribution: “officials said”, “sources close to”.",
    check=check_vague,
    flags=(
        "The plant will close in June, [[officials said]] Tuesday.",
        "[[People familiar with]] the talks expect a deal.",
        "The deal is off, [[according to sources]].",
    ),
    passes=(
        "The plant will close in June, said Mayor Ana Ortiz.",
        "Officials at the plant met on Tuesday.",
        "“Sources close to the mayor are wrong,” Ortiz said.",
    ),
)
HEDGE = Rule(
    id="claims.hedge",
    kind=KIND,
    severity=MAJOR,
    description="Hedged claims: “reportedly”, “allegedly”, “is said to”.",
    check=check_hedges,
    flags=(
        "The suspect [[reportedly]] fled north.",
        "The senator [[is said to]] favour the bill.",
    ),
    passes=("The suspect fled north, police said.", "Reports of the fire came at noon."),
)
SECOND_HAND = Rule(
    id="claims.second-hand",
    kind=KIND,
    severity=MAJOR,
    description="Facts taken from another outlet's reporting or records it cited.",
    check=check_second_hand,
    flags=(
        "The budget rose 4%, according to figures [[cited by the Daily Ledger]].",
        "The mayor [[told the Riverside Herald]] she would run.",
    ),
    passes=(
        "The budget rose 4%, according to city records.",
        "The mayor told voters she would run.",
    ),
)
SUPERLATIVE = Rule(
    id="claims.superlative",
    kind=KIND,
    severity=MINOR,
    description="Superlatives stated as fact: “the largest”, “the deadliest”.",
    check=check_superlatives,
    flags=("It was [[the deadliest]] flood in the valley.", "Sales hit a [[record high]]."),
    passes=(
        "“It was the worst day of my life,” she said.",
        "The most recent figures came out Monday.",
    ),
)
FIGURES = Rule(
    id="claims.figures",
    kind=KIND,
    severity=MINOR,
    description="Figures worth checking: counts of people, money, percentages, durations, dates.",
    check=check_figures,
    flags=(
        "The storm killed 12 people and cost $4.5 million.",
        "The cap applies to about 3.2 million Californians.",
        "The trial began on Oct. 3, 2022, and lasted nine days.",
    ),
    passes=("The bus stopped at Gate 12 on Route 9.", "He called it a catch-22.", "No one came."),
)
QUOTE = Rule(
    id="claims.unattributed-quote",
    kind=KIND,
    severity=MAJOR,
    description="A quotation with no speaker named in it or next to it.",
    check=check_quotes,
    flags=(
        "The council voted 5-4.\n[[“This is a disgrace to the whole city.”]]",
        "“We will rebuild,” Ortiz said.\n[[“Nobody is leaving this town for good.”]]",
    ),
    passes=(
        "“We will rebuild every house on this street,” Ortiz said.",
        "The chief answered on Monday:\n“Nobody is leaving this town for good.”",
        "Ortiz called the vote “a disgrace.”",
        "“We will rebuild.\nEvery house will stand again,” Ortiz said.",
    ),
)

RULES = (VAGUE, HEDGE, SECOND_HAND, SUPERLATIVE, FIGURES, QUOTE)
