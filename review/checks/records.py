"""Superlatives, records and rankings: where a story claims something is the biggest, the
first or a record, and whether it says against what and on whose word.

Every superlative goes on the facts worksheet. Only a claim against the world (the
world's, a country's, ever, in history, on record, a record, the first to …) stated by the
story itself, with no attribution in its sentence, is a flag: "the biggest night of her
career" is a figure of speech, "the largest of the three" ranks the story's own data, and
"the largest, according to the census" already says whose word it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from review.checks import lexicon as lx

_I = re.IGNORECASE
_SUPER_WORDS = (
    r"largest|biggest|deadliest|costliest|worst|best|highest|lowest|fastest|slowest|oldest|"
    r"youngest|richest|poorest|longest|shortest|greatest|smallest|tallest|heaviest|hottest|"
    r"coldest|wettest|driest|busiest|strongest|weakest|safest|most\s[a-z]{3,20}|least\s[a-z]{3,20}|"
    r"best-selling|most-[a-z]{3,20}|first-ever|first|only"
)
# "the world's largest", "Britain's biggest", "the largest", "its first"
_SUPERLATIVE = re.compile(
    r"\b(?P<det>the|its|their|his|her|a|an)\s"
    r"(?:(?P<scope_owner>world|nation|country|state|city|region|continent|sport|game|"
    r"league|industry|planet|galaxy|universe|company|firm|party)['’]s\s)?"
    r"(?:(?:single|second|third|fourth|fifth|very|all-time|ever)\s)?"
    rf"(?P<sup>{_SUPER_WORDS})\b"
    r"|(?<![\w’'])(?P<place>(?-i:[A-Z][a-z]{2,20}))['’]s\s"
    r"(?:(?:second|third|single)\s)?(?P<sup2>largest|biggest|deadliest|oldest|richest|"
    r"busiest|longest|tallest|highest|lowest|first|only)\b"
    r"|\b(?P<record>(?:set|sets|setting|broke|breaks|break|breaking|smashed|smashes|"
    r"equalled|equaled|equals|beat|beats|a\snew)\s(?:a\s|the\s|his\s|her\s|"
    r"their\s)?(?:world|british|european|national|olympic|all-time|club|course|"
    r"championship|commonwealth|us|uk|personal|\w+)?\s?record\b"
    r"|a\srecord(?=\s(?:[$£€¥\d]|high|low|loss|losses|profit|profits|deficit|surplus|"
    r"number|sum|fee|amount|level|year|month|quarter|turnout|crowd|total|figure|score|"
    r"time|fine|price|haul|fall|rise|increase|drop)\b)"
    r"|record(?:-breaking|-setting|-high|-low)?\s(?:high|low|levels?|numbers?|profits?|"
    r"losses|highs|lows|turnout|temperatures?|prices?|demand|deficits?|surplus|"
    r"amounts?|sums?|figures?|fees?|totals?|crowds?|fines?|\d)"
    r"|all-time\s(?:high|low)|unprecedented|record-breaking)\b",
    _I,
)
# What follows a superlative and makes it a claim against the world.
_WORLD_SCOPE = re.compile(
    r"(?:\s[\w’'-]{1,20}){0,4}?\s(?:ever\b|in\s(?:the\s)?(?:world|history|country|nation|"
    r"uk|us|europe|britain|america|asia|africa)\b|on\srecord\b|"
    r"of\sall\stime\b|since\srecords\sbegan\b|to\sdate\b|"
    r"in\s(?:its|their|the|our)\s(?:[\w’'-]{1,20}['’]s\s)?history\b)",
    _I,
)
# "the first woman to lead", "the youngest player to win": a record by what was done.
_TO_SCOPE = re.compile(
    r"(?:\s(?!(?:they|we|he|she|i|you|it|is|was|are|were|be|been)\b)[\w’'-]{1,20}){1,3}?"
    r"\s(?:ever\s)?to\s(?:be|have|win|reach|hold|become|take|make|get|score|claim|lead|beat|"
    r"run|use|offer|sell|launch|receive|earn|top|go|enter|play|appear|join|sign|set|break)\b"
    r"|\s(?:ever|-ever)\b",
    _I,
)
_OWN = frozenset({"his", "her", "their", "its", "our", "my", "your"})


# Superlatives that measure (checkable against records) rather than judge.
_MEASURED = re.compile(
    r"largest|biggest|deadliest|costliest|highest|lowest|fastest|slowest|oldest|youngest|"
    r"richest|poorest|longest|shortest|smallest|tallest|heaviest|hottest|coldest|wettest|"
    r"driest|busiest|best-selling|most-\w+|most\s(?:expensive|popular|successful|visited|"
    r"watched|capped|decorated|common|widely|valuable|populous)",
    _I,
)
# Adjectives of esteem: "the world's most beautiful bay" is a judgement, not a record.
_JUDGED = lx.words("""
    important outstanding beautiful famous celebrated renowned prestigious influential
    iconic promising exciting interesting remarkable impressive significant respected
    admired notorious talented gifted brilliant spectacular magnificent stunning memorable
    prominent distinguished acclaimed revered beloved cherished fascinating
    """)
# A place, period or population that a measured superlative ranks within.
_ANY_SCOPE = re.compile(
    r"(?:\s(?!(?:is|was|are|were|has|had|came|rose|fell|went|will|would)\b)[\w’'-]{1,20}){0,3}?"
    r"\s(?:in|since|for|among)\s(?:the\s)?(?:[A-Z][\w’'-]{1,20}|\d{4}|"
    r"records|decades?|years?|world|country|nation|state|region|city|valley|county|league|"
    r"history|industry|sector|market|division)\b"
)
# A superlative over the story's own data, or a figure of speech.
_NOT_A_CLAIM = re.compile(
    r"(?:\s[\w’'-]{1,20}){0,3}?\s(?:of|among|in)\s(?:the\s)?(?:\d+|two|three|four|five|six|"
    r"seven|eight|nine|ten|these|those|them|us|all)\b"
    r"|(?:\s[\w’'-]{1,20}){0,3}?\sof\s(?:his|her|their|my|our|your|its)\s(?:career|life|lives|"
    r"time|reign|tenure|season|days|youth|childhood)\b"
    r"|\s(?:concerns?|challenges?|problems?|priority|priorities|worry|worries|fears?|"
    r"questions?|issues?|hurdles?|obstacles?|regrets?|surprises?|lessons?|threats?|risks?|"
    r"mistakes?|thing|things|way|ways|chance|hope|option|choice|time|half|round|quarter|"
    r"leg|set|game|day|week|month|year|minute|hour|place|step|stage|test|match|innings|"
    r"person|people|one|ones|bit|part|moment|night|word|words)\b",
    _I,
)
_ATTRIBUTED = re.compile(
    r"\b(?:said|says|say|told|tells|according\s+to|claimed|claims|believes|believed|"
    r"estimated|estimates|figures\s+(?:have\s+)?(?:show|showed|shown|from)|"
    r"data\s+(?:have\s+)?(?:show|showed|shown|from)|declared?|declaring|named|ranked|rated|"
    r"(?:report|survey|study|research|analysis|census|statistics)\s+(?:by|from|found|"
    r"shows?|showed|suggests?|published)|described|calls|called|dubbed|billed|hailed|"
    r"branded|considered|regarded|thought|reportedly|reckons|insists|argues|added)\b",
    _I,
)
_ONLY_OR_FIRST = re.compile(r"first|only", _I)
_NEGATED = re.compile(r"\b(?:not|never|no\s+longer|hardly)\s+(?:be\s+)?$", _I)


@dataclass(frozen=True, slots=True)
class Superlative:
    start: int
    end: int
    words: str
    against_world: bool  # a claim about the world, not the story's own data or an idiom


def superlatives_of(doc, index: int) -> list[Superlative]:
    """superlatives_in a Document's sentence with its quotations blanked, read once."""
    cache = doc.cache.setdefault("superlatives", {})
    if index not in cache:
        cache[index] = superlatives_in(doc.unquoted_text(index))
    return cache[index]


_HINT = re.compile(r"est\b|most|least|first|only|record|unprecedented|best|worst", _I)


def superlatives_in(text: str) -> list[Superlative]:
    """Every superlative and record in `text` (a sentence with quotations blanked)."""
    out: list[Superlative] = []
    if _HINT.search(text) is None:
        return out
    for match in _SUPERLATIVE.finditer(text):
        sup = match.group("sup") or match.group("sup2") or ""
        world = bool(match.group("scope_owner") or match.group("place") or match.group("record"))
        det = (match.group("det") or "").lower()
        after = match.end()
        if _NEGATED.search(text, max(0, match.start() - 14), match.start()):
            world = False  # "is not the first", "never the biggest"
        elif sup and _ONLY_OR_FIRST.fullmatch(sup):
            # "the first half", "the only way": a claim only as "the first woman to …"
            world = (
                det not in ("a", "an")
                and det not in _OWN
                and not _NOT_A_CLAIM.match(text, after)
                and bool(_TO_SCOPE.match(text, after))
            )
            world = world or bool(match.group("place") and _TO_SCOPE.match(text, after))
        elif sup:
            if det in ("a", "an") and not match.group("scope_owner"):
                continue  # "a most unusual day": an intensifier, not a superlative
            measured = _MEASURED.fullmatch(sup) is not None
            judged = sup.lower().startswith("most ") and sup.split()[-1].lower() in _JUDGED
            if _NOT_A_CLAIM.match(text, after) or (not measured and det in _OWN):
                world = False
            elif judged and match.group("scope_owner"):
                # "the country's most important ally", "one of the world's most beautiful
                # bays": a judgement no record book holds, not a record to check
                world = False
            elif not world:
                world = bool(_WORLD_SCOPE.match(text, after)) or (
                    measured and bool(_ANY_SCOPE.match(text, after) or _TO_SCOPE.match(text, after))
                )
        out.append(Superlative(match.start(), match.end(), match.group(), world))
    return out


def attributed(text: str) -> bool:
    """The sentence says on whose word it stands."""
    return _ATTRIBUTED.search(text) is not None
