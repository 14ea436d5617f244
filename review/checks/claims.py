"""Claims that need a named source: vague attribution, hedges, second-hand sourcing,
records stated as fact; quotations with no speaker live in quotes.py, figures that
contradict each other in consistency.py (figures alone go on the facts worksheet).

Quoted words are the speaker's and are left alone (except by the quotation rule): the
desk checks what the story asserts, not what someone is quoted as saying.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from review.checks import lexicon as lx
from review.checks.base import MAJOR, MINOR, Finding, Rule
from review.checks.document import Document
from review.checks.quotes import QUOTE
from review.checks.records import attributed, superlatives_in

KIND = "unverified-claim"
_I = re.IGNORECASE
_NOT_DATE = (
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)

_VAGUE_WHO = (
    r"officials|authorities|sources|insiders|experts|analysts|observers|critics|diplomats|"
    r"aides|advisers|advisors|"
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


def _spans(pattern: re.Pattern[str], doc: Document, rule: Rule, message) -> Iterator[Finding]:
    for index, sentence in enumerate(doc.sentences):
        if doc.headline_like[index]:
            continue
        text = doc.unquoted_text(index)
        for match in pattern.finditer(text):
            yield rule.at(sentence, match.start(), match.end(), message(match.group()))


# "officials"/"authorities" qualified by the body they speak for are institutional
# attribution, which AP accepts ("Pentagon officials said", "county officials said"): a
# minor nudge to name the person. Bare, or with a word that hides who ("senior", "some"),
# it is anonymous: major.
_BODY_WHO = re.compile(r"\b(officials|authorities)\b", _I)
_ANONYMOUS = lx.words(
    "some many several unnamed anonymous unidentified senior top other two three four"
)
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:[’'-][^\W\d_]+)*) $")


def _names_a_body(text: str, match: re.Match[str]) -> bool:
    who = _BODY_WHO.search(match.group())
    if who is None or match.group().lower().startswith("said"):
        return False
    words = match.group()[: who.start()].lower().split()
    if any(w in _ANONYMOUS for w in words):
        return False
    if words:
        return True  # "city officials", "federal authorities"
    before = _WORD_BEFORE.search(text, 0, match.start())
    if before is None:
        return False
    word = before.group(1)
    return word.lower() not in lx.COMMON_OPENERS and word.lower() not in _ANONYMOUS


def check_vague(doc: Document) -> Iterator[Finding]:
    for index, sentence in enumerate(doc.sentences):
        if doc.headline_like[index]:
            continue
        text = doc.unquoted_text(index)
        for match in _VAGUE.finditer(text):
            words = match.group()
            if _names_a_body(text, match):
                yield VAGUE.at(
                    sentence,
                    match.start(),
                    match.end(),
                    f"“{words}” names the body but not the person: name the official if "
                    "you can, or say why they cannot be named.",
                    severity=MINOR,
                )
                continue
            yield VAGUE.at(
                sentence,
                match.start(),
                match.end(),
                f"“{words}” does not say who: name the source, or say why they cannot "
                "be named, and check the claim with a second source.",
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
    """A record or ranking against the world, stated by the story on nobody's word."""
    for index, sentence in enumerate(doc.sentences):
        if doc.headline_like[index]:
            continue
        text = doc.unquoted_text(index)
        claims = [s for s in superlatives_in(text) if s.against_world]
        if not claims or attributed(text):
            continue
        for claim in claims:
            yield SUPERLATIVE.at(
                sentence,
                claim.start,
                claim.end,
                f"“{claim.words}” is a record or ranking stated as fact: check it against a "
                "source (records, rankings) or say whose claim it is.",
            )


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
        "Talks have stalled, [[diplomats said]].",
        "The road will reopen Friday, [[senior county officials said]].",
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
    description="Records and rankings stated as fact with no source: “the world's largest”.",
    check=check_superlatives,
    flags=(
        "It was [[the deadliest]] flood in the valley.",
        "Sales hit [[a record]] high.",
        "It is [[the world's largest]] maker of lifts.",
        "She became [[the first]] woman to lead the club.",
        "It is [[Britain's oldest]] lighthouse.",
    ),
    passes=(
        "“It was the worst day of my life,” she said.",
        "The most recent figures came out Monday.",
        "She was the youngest of seven children.",
        "The chief said the northern flank remained the biggest concern.",
        "It was the biggest night of her career.",
        "He scored in the first half.",
        "It is the world's largest maker of lifts, according to the trade body.",
        "The largest of the three firms lost money.",
    ),
)
RULES = (VAGUE, HEDGE, SECOND_HAND, SUPERLATIVE, QUOTE)
