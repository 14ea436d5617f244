"""Figures that cannot all be right: the story contradicts itself.

A figure alone is a fact to check (the facts worksheet lists it); it becomes a flag only
when the story gives two values for one count, a weekday that is not its date's, an age
that disagrees with a birth year or with another age, shares of one whole that add up to
more than 100%, or a total that its parts do not add up to.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from itertools import pairwise

from review.checks.base import MAJOR, Finding, Rule
from review.checks.cast import ages_of, cast_of
from review.checks.document import Document
from review.checks.figures import WEEKDAYS, Figure, figures_of, number_value
from review.checks.lexicon import words

KIND = "unverified-claim"

# Words beside a count that say what it counts ("17 people killed", "the 16 dead").
_EVENTS = {
    "dead": "killed killed. died dead deaths death killing lost their lives perished fatalities",
    "injured": "injured hurt wounded injuries casualties",
    "arrested": "arrested detained held charged",
    "missing": "missing unaccounted",
    "evacuated": "evacuated displaced homeless",
    "rescued": "rescued saved",
    "jobs": "jobs posts job post",
}
_EVENT_OF = {word: event for event, words in _EVENTS.items() for word in words.split()}
_HUMAN = words(
    "people person victim student child adult resident worker passenger soldier civilian "
    "pupil teacher patient officer man woman staff employee dead injured wounded"
)
# A count that is a part, a bound or an estimate does not contradict the whole.
_QUALIFIED = re.compile(
    r"(?:at\s+least|more\s+than|less\s+than|fewer\s+than|over|under|about|around|nearly|"
    r"almost|up\s+to|some|roughly|approximately|an\s+estimated|another|other|further|"
    r"additional|extra|the\s+other|a\s+further|including|among|with)\s+$",
    re.I,
)
_PART_AFTER = re.compile(r"\s+(?:of\s+(?:them|whom|those|the)|were|among|more|others)\b", re.I)
# "27 of the 245 jobs", "three out of 12 staff": the number before the count is a part of it.
_PART_BEFORE = re.compile(
    r"\b([\d,]+|[a-z]+)\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|all\s+)?$", re.I
)
_WORD = re.compile(r"[a-z]+")
_HAS_NOUN = re.compile(r"[^\W\d_]{2,}")


def _NAMED_UNIT_WERE(text: str, figure, part: re.Match) -> bool:
    """ "95 people were killed": the count names its noun, so "were" is its verb, not the
    "were" of a part ("three were children")."""
    return part.group().split()[0].lower() == "were" and bool(
        _HAS_NOUN.search(text, figure.start, figure.end)
    )


_BORN = re.compile(
    r"\bborn\s+(?:in\s+)?(?:[A-Z][a-z]+\s+)?(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?(\d{4})\b"
)
_CHANGE = re.compile(
    r"\b(?:rose|rise|rises|rising|fell|fall|falls|falling|up|down|increase[ds]?|decrease[ds]?|"
    r"grew|growth|grow|from|to|compared|than|higher|lower|cut|jump(?:ed)?|drop(?:ped)?|"
    r"gain(?:ed)?|lost|by|rate|rates|interest|inflation|margin|swing|turnout|each|every|"
    r"respectively|whereas|while|whilst|between|versus|vs)\b",
    re.I,
)
# a bare year is "nearby" when it reads as one: "in 2005", not "from 1930 on BBC One"
_IN_YEAR = re.compile(r"\b(?:in|of|since|early|late|mid|during)\s$")
_OF_WHOLE = re.compile(r"\s+of\s+(?:the\s+|all\s+)?([a-z]+)", re.I)
_TOTAL_CUE = re.compile(r"\s*(?::|—|–|\(|,?\s+including\b|,?\s+of\s+whom\b|,?\s+of\s+which\b)")
_EXHAUSTIVE = (":", "—", "–", "(")


def _event(text: str, figure: Figure) -> str:
    """What a count counts: the event word within a few words after it (or just before)."""
    after = text[figure.end : figure.end + 50].lower()
    words = _WORD.findall(after)[:4]
    before = _WORD.findall(text[max(0, figure.start - 30) : figure.start].lower())[-2:]
    unit = str(figure.unit)
    if unit in _EVENT_OF:
        return _EVENT_OF[unit]
    for word in words + before:
        if word in _EVENT_OF:
            return _EVENT_OF[word]
    return ""


def _counts(doc: Document) -> list[tuple[int, Figure, str, str]]:
    """(sentence index, figure, counted noun group, event) for each unqualified count that
    is not a part the story named as a part of another count: after "27 of the 245 jobs", a
    later "these 27 jobs" is that part again, not a second value of the whole."""
    if "counts" in doc.cache:
        return doc.cache["counts"]
    out: list[tuple[int, Figure, str, str]] = []
    parts: set[float] = set()
    for index in range(len(doc.sentences)):
        if doc.headline_like[index]:
            continue
        text = doc.unquoted_text(index)
        counts = [f for f in figures_of(doc, index, unquoted=True) if f.kind == "count" and f.value]
        for figure in counts:
            if _QUALIFIED.search(text, max(0, figure.start - 20), figure.start):
                continue
            before = _PART_BEFORE.search(text, max(0, figure.start - 30), figure.start)
            if before and (value := number_value(before.group(1))) is not None:
                parts.add(value)  # the whole stays a count; its part is not a second value
            part = _PART_AFTER.match(text, figure.end)
            if part and figure.unit in _HUMAN and not _NAMED_UNIT_WERE(text, figure, part):
                continue  # "three were children", "five of them": a part of a whole
            event = _event(text, figure)
            if not event:
                continue
            noun = "people" if figure.unit in _HUMAN else str(figure.unit)
            out.append((index, figure, noun, event))
    out = doc.cache["counts"] = [c for c in out if float(c[1].value) not in parts]
    return out


def check_contradicting_counts(doc: Document) -> Iterator[Finding]:
    """The same count given two values: "17 people killed", later "the 16 people killed"."""
    first: dict[tuple[str, str], tuple[int, Figure]] = {}
    values: dict[tuple[str, str], set[float]] = {}
    counts = _counts(doc)
    for index, figure, noun, event in counts:
        group = (noun, event)
        values.setdefault(group, set()).add(float(figure.value))
        if group not in first:
            first[group] = (index, figure)
    for index, figure, noun, event in counts:
        group = (noun, event)
        if len(values[group]) < 2 or len(values[group]) > 2:
            continue  # one value, or a story of many counts (a running tally): no clear pair
        seen_index, seen = first[group]
        if float(figure.value) == float(seen.value) or index == seen_index:
            continue
        low, high = sorted((float(figure.value), float(seen.value)))
        if high > 10 * low:
            continue  # "191 killed" in one attack, "21,000 lives" in a year: two counts
        earlier = doc.sentences[seen_index].text[seen.start : seen.end]
        here = doc.sentences[index].text[figure.start : figure.end]
        yield CONTRADICTION.at(
            doc.sentences[index],
            figure.start,
            figure.end,
            f"“{here}” here, but “{earlier}” earlier in the story for what looks like the "
            "same count: check which is right and make them agree (or say why they differ).",
        )


def _story_years(doc: Document) -> list[int]:
    years = []
    for index in range(len(doc.sentences)):
        years += [f.year for f in figures_of(doc, index) if f.kind == "date" and f.year]
    return years


def check_weekdays(doc: Document) -> Iterator[Finding]:
    """ "Thursday, Feb. 14, 2018" when Feb. 14, 2018 was a Wednesday."""
    for index, sentence in enumerate(doc.sentences):
        text = sentence.text
        figures = figures_of(doc, index)
        for a, b in pairwise(figures):
            if (
                a.kind != "weekday"
                or b.kind != "date"
                or not re.fullmatch(r",?\s(?:the\s)?", text[a.end : b.start])
            ):
                continue
            year = b.year or _year_nearby(doc, index)
            if year is None or b.month is None or b.day is None:
                continue
            try:
                actual = WEEKDAYS[datetime.date(year, b.month, b.day).weekday()]
            except ValueError:
                continue
            if actual == a.value:
                continue
            date_words = text[b.start : b.end]
            yield WEEKDAY.at(
                sentence,
                a.start,
                b.end,
                f"{date_words}{'' if b.year else f' ({year})'} was a {actual}, not a "
                f"{a.value}: check the date and the day.",
                suggestion=f"{actual}{text[a.end : b.end]}",
            )


def _year_nearby(doc: Document, index: int) -> int | None:
    """The one year the sentence or its paragraph states, if there is exactly one."""
    group = doc.paragraph_of[index]
    cache = doc.cache.setdefault("paragraph-years", {})
    if group[0] not in cache:
        years: set[int] = set()
        for i in group:
            text = doc.sentences[i].text
            years |= {
                f.year
                for f in figures_of(doc, i)
                if f.year and (f.kind == "date" or _IN_YEAR.search(text, 0, f.start))
            }
        cache[group[0]] = years.pop() if len(years) == 1 else None
    return cache[group[0]]


def check_ages(doc: Document) -> Iterator[Finding]:
    """Two ages for one person, or an age that does not fit a stated birth year."""
    cast = cast_of(doc)
    ages: dict[str, tuple[int, Figure]] = {}
    owners = ages_of(doc)
    born: dict[str, int] = {}
    for mention in cast.full_mentions + cast.single_mentions:
        text = doc.sentences[mention.index].text
        match = _BORN.search(text, mention.end, min(len(text), mention.end + 80))
        if match:
            full = " ".join(mention.names)
            people = cast.by_last.get(full) or []
            full = people[0].full if len(mention.names) == 1 and len(people) == 1 else full
            born.setdefault(full, int(match.group(1)))
    years = _story_years(doc)
    reference = max(years) if years else None
    for index, sentence in enumerate(doc.sentences):
        for figure in figures_of(doc, index):
            if figure.kind != "age" or figure.unit != "years old":
                continue
            who = owners.get((index, figure.start))
            if not who:
                continue
            age = int(figure.value)
            if who in ages and ages[who][1].value != figure.value:
                other = ages[who][1]
                yield AGE.at(
                    sentence,
                    figure.start,
                    figure.end,
                    f"{who} is {age} here but {int(other.value)} earlier in the story: "
                    "check the age.",
                )
                continue
            ages.setdefault(who, (index, figure))
            if who in born and reference is not None:
                expected = reference - born[who]
                if age not in (expected, expected - 1):
                    yield AGE.at(
                        sentence,
                        figure.start,
                        figure.end,
                        f"{who} was born in {born[who]}, so in {reference} would be "
                        f"{expected - 1} or {expected}, not {age}: check the age or the year.",
                    )


def check_percentages(doc: Document) -> Iterator[Finding]:
    """Shares of one whole in one sentence that add up to more than 100%."""
    for index, sentence in enumerate(doc.sentences):
        text = doc.unquoted_text(index)
        shares = [
            f
            for f in figures_of(doc, index, unquoted=True)
            if f.kind == "percent" and f.unit == "%"
        ]
        if len(shares) < 2 or any(f.value is None or f.value > 100 for f in shares):
            continue
        span = text[shares[0].start : shares[-1].end + 40]
        if _CHANGE.search(text):
            continue  # changes and comparisons are not shares of one whole
        wholes = {m.group(1).lower() for f in shares if (m := _OF_WHOLE.match(text, f.end))}
        if len(wholes) > 1:
            continue  # "45% of men and 60% of women": two wholes
        total = sum(float(f.value) for f in shares)
        if total <= 100.5:
            continue
        yield PERCENTAGES.at(
            sentence,
            shares[0].start,
            shares[-1].end,
            f"These shares add up to {total:g}%, more than the whole: check the figures "
            f"(“{span.strip()[:60]}”).",
        )


def check_totals(doc: Document) -> Iterator[Finding]:
    """ "17 people were killed: 14 students and two teachers" (14 + 2 is not 17)."""
    for index, sentence in enumerate(doc.sentences):
        text = doc.unquoted_text(index)
        counts = [
            f
            for f in figures_of(doc, index, unquoted=True)
            if f.kind == "count" and f.value is not None
        ]
        for i, total in enumerate(counts):
            cue = _TOTAL_CUE.match(text, total.end)
            if cue is None:
                cue = _TOTAL_CUE.match(text, _clause_end(text, total.end))
            if cue is None:
                continue
            parts = []
            for j in range(i + 1, len(counts)):
                if counts[j].start > cue.end() + 120:
                    break
                parts.append(counts[j])
            if len(parts) < 2:
                continue
            added = sum(float(p.value) for p in parts)
            exhaustive = cue.group().strip(" ,") in _EXHAUSTIVE
            if (exhaustive and added != total.value) or (not exhaustive and added > total.value):
                words = " + ".join(text[p.start : p.end] for p in parts)
                yield TOTAL.at(
                    sentence,
                    total.start,
                    total.end,
                    f"The parts ({words}) make {added:g}, not {total.value:g}: check the "
                    "total and its parts.",
                )
                break


def _clause_end(text: str, pos: int) -> int:
    """Past a short verb phrase after a total: "17 people were killed: …"."""
    match = re.match(r"(?:\s[a-z]+){1,3}", text[pos : pos + 40])
    return pos + (match.end() if match else 0)


CONTRADICTION = Rule(
    id="claims.contradicting-figures",
    kind=KIND,
    severity=MAJOR,
    description="One count given two values in the story (17 dead, later 16 dead).",
    check=check_contradicting_counts,
    flags=(
        "A gunman killed 17 people at the school.\n\nThe [[16 people]] killed were named.",
        "The storm left 40 families homeless.\nBy Monday [[45 families]] were homeless.",
    ),
    passes=(
        "A gunman killed 17 people at the school.\n\nThe 17 people killed were named.",
        "At least 17 people died on Monday.\nAnother 3 people died in hospital.",
        "The plant cut 200 jobs in May.\nIt had 900 workers.",
        "Only 27 of the 245 jobs at the site will go.\nThese 27 jobs are the most skilled.",
    ),
)
WEEKDAY = Rule(
    id="claims.weekday-date",
    kind=KIND,
    severity=MAJOR,
    description="A weekday that does not match its date (“Thursday, Feb. 14, 2018”).",
    check=check_weekdays,
    flags=(
        "The shooting happened on [[Thursday, Feb. 14, 2018]].",
        "The vote is on [[Monday 15 March]], a week after the deadline of 8 March 2016.",
    ),
    passes=(
        "The shooting happened on Wednesday, Feb. 14, 2018.",
        "The vote is on Thursday, March 3.",
        "They met on Monday, 14 March 2016.",
    ),
)
AGE = Rule(
    id="claims.age-mismatch",
    kind=KIND,
    severity=MAJOR,
    description="An age that disagrees with another age or a birth year for the same person.",
    check=check_ages,
    flags=(
        "Tomas Ferrer, 19, was arrested.\nFerrer, [[20]], appeared in court.",
        "The race was won by Ana Ruiz, 34, on 3 May 2021.\nRuiz, born in 1980, "
        "turned professional at 20.\nRuiz, [[34]], said she would retire.",
    ),
    passes=(
        "Tomas Ferrer, 19, was arrested.\nFerrer, 19, appeared in court.",
        "Ana Ruiz, 34, won on 3 May 2021.\nRuiz was born in 1987.",
    ),
)
PERCENTAGES = Rule(
    id="claims.percentages-over-100",
    kind=KIND,
    severity=MAJOR,
    description="Shares of one whole that add up to more than 100%.",
    check=check_percentages,
    flags=("In the poll, [[55% backed the plan, 38% opposed it and 12%]] had no view.",),
    passes=(
        "In the poll, 55% backed the plan, 38% opposed it and 7% had no view.",
        "Sales rose 60% in May and 55% in June.",
        "Some 70% of men and 60% of women agreed.",
    ),
)
TOTAL = Rule(
    id="claims.total-parts",
    kind=KIND,
    severity=MAJOR,
    description="A total its parts do not add up to (17 dead: 14 pupils and two teachers).",
    check=check_totals,
    flags=("[[17 people]] were killed: 14 students and two teachers.",),
    passes=(
        "17 people were killed: 14 students and three teachers.",
        "The club has 40 players, including 12 goalkeepers and defenders.",
    ),
)

RULES = (CONTRADICTION, WEEKDAY, AGE, PERCENTAGES, TOTAL)
