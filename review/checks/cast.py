"""The article's cast: the people it names, found from capitalised runs of words.

No named-entity model: a run of two to four capitalised words is a person unless it holds
an organisation or place word, a function word, a month or a day; a title ("Sheriff",
"Dr.") splits off what follows it as a person. That is enough for the name checks, which
only ever compare a name with the article's other names and the registry.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from review.checks import lexicon as lx
from review.checks.document import Document, Token
from review.checks.fuzzy import NeighbourIndex

_APOSTROPHE_S = ("’s", "'s")
# A nickname quoted between a first name and a surname: Margaret "Peggy" Dunleavy.
_NICKNAME_GAP = re.compile(r" [“\"‘'][A-Z][\w.’'-]*[”\"’'] ")


@dataclass(frozen=True, slots=True)
class Mention:
    """Words that name a person: a full name (2+ tokens) or a single name."""

    index: int  # sentence index in the document
    start: int
    end: int
    names: tuple[str, ...]
    titled: bool  # a title came just before ("Officer Ruiz")
    quoted: bool


@dataclass(slots=True)
class Person:
    full: str
    first: str
    last: str
    count: int = 0
    first_seen: int = 0


@dataclass(slots=True)
class Cast:
    people: dict[str, Person] = field(default_factory=dict)
    full_mentions: list[Mention] = field(default_factory=list)
    single_mentions: list[Mention] = field(default_factory=list)
    by_first: dict[str, list[Person]] = field(default_factory=lambda: defaultdict(list))
    by_last: dict[str, list[Person]] = field(default_factory=lambda: defaultdict(list))
    firsts: NeighbourIndex = field(default_factory=NeighbourIndex)
    lasts: NeighbourIndex = field(default_factory=NeighbourIndex)


def split_name(full: str) -> tuple[str, str]:
    parts = [p for p in full.split() if p.rstrip(".") not in lx.SUFFIXES]
    return parts[0], parts[-1]


def cast_of(doc: Document) -> Cast:
    """The cast, built once per document."""
    if "cast" not in doc.cache:
        doc.cache["cast"] = _build(doc)
    return doc.cache["cast"]


def _build(doc: Document) -> Cast:
    cast = Cast()
    for index, tokens in enumerate(doc.tokens):
        if doc.headline_like[index]:
            continue
        text = doc.sentences[index].text
        for run in _runs(text, tokens):
            mention = _person_in(doc, index, text, run)
            if mention is None:
                continue
            if len(mention.names) == 1:
                cast.single_mentions.append(mention)
                continue
            cast.full_mentions.append(mention)
            full = " ".join(mention.names)
            person = cast.people.get(full)
            if person is None:
                first, last = split_name(full)
                person = cast.people[full] = Person(full, first, last, 0, index)
                cast.by_first[first].append(person)
                cast.by_last[last].append(person)
                cast.firsts.add(first, full)
                cast.lasts.add(last, full)
            person.count += 1
    return cast


def _is_capitalised(word: str) -> bool:
    return word[0].isupper() and not (len(word) > 1 and word.isupper())


def _runs(text: str, tokens: list[Token]) -> list[list[Token]]:
    """Maximal runs of capitalised words joined by single spaces (or "Dr. ", "J. ")."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    skip = _nicknames(text)
    for token in tokens:
        word = token.text
        if token.start in skip:
            continue  # the nickname is not part of the name; the run goes on past it
        ok = _is_capitalised(word) or (current and word in lx.PARTICLES)
        if ok and current:
            prev = current[-1]
            gap = text[prev.end : token.start]
            joined = (
                gap == " "
                or (gap == ". " and (len(prev.text) == 1 or prev.text in lx.TITLE_ABBREVIATIONS))
                or (bool(skip) and _NICKNAME_GAP.fullmatch(gap) is not None)
            )
            if not joined or prev.text.endswith(_APOSTROPHE_S):
                runs.append(current)
                current = []
        if ok:
            current.append(token)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    for run in runs:
        while run and run[-1].text in lx.PARTICLES:
            run.pop()
    return [run for run in runs if run]


def _nicknames(text: str) -> set[int]:
    """Start offsets of quoted nicknames that sit between two capitalised words."""
    if "“" not in text and '"' not in text and "‘" not in text and "'" not in text:
        return set()
    out = set()
    for match in _NICKNAME_GAP.finditer(text):
        before = text[: match.start()].rsplit(" ", 1)[-1]
        after = text[match.end() : match.end() + 1]
        if before[:1].isupper() and after.isupper():
            out.add(match.start() + 2)
    return out


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(_APOSTROPHE_S) else word


def _person_in(doc: Document, index: int, text: str, run: list[Token]) -> Mention | None:
    words = [_strip_possessive(t.text) for t in run]
    # A capitalised sentence opener that is an ordinary word is not part of the name.
    opener = not text[: run[0].start].strip(" “\"‘'([—–-")
    if opener and words[0].lower() in lx.PARTICLES:
        return None  # "De la Vega said": a surname on second reference, not a first name
    if opener and (words[0].lower() in lx.COMMON_OPENERS or words[0].lower() in doc.common_words):
        run, words = run[1:], words[1:]
        if not run:
            return None
    titled = False
    for i in range(len(words) - 1, -1, -1):
        if words[i] in lx.TITLES and i + 1 < len(words) and words[i + 1] not in lx.SUFFIXES:
            run, words, titled = run[i + 1 :], words[i + 1 :], True
            break
    while len(words) > 1 and words[-1] in lx.SUFFIXES:
        run, words = run[:-1], words[:-1]
    if not words or len(words) > 4:
        return None
    if any(
        w in lx.ORG_WORDS or w in lx.MONTH_WORDS or w in lx.DAYS or w.lower() in lx.FUNCTION_WORDS
        for w in words
    ):
        return None
    if words[0] in lx.PLACE_PREFIXES or (words[-1] in lx.TITLES and not titled):
        return None
    before = text[: run[0].start].rstrip().rsplit(" ", 1)[-1]
    if before in ("the", "The", "a", "an") and not titled:
        return None  # people rarely take an article: "the Daily Ledger"
    if len(words) == 1 and len(words[0]) < 2:
        return None
    if len(words) > 1 and (
        len(words[-1]) == 1 or all(w.lower() in doc.common_words for w in words)
    ):
        return None  # "Assistant U.S. Attorney", "Public Health": not a person's name
    start, end = run[0].start, run[0].start + len(" ".join(words))
    if text[start:end] != " ".join(words):
        end = run[-1].end - (len(run[-1].text) - len(words[-1]))
    return Mention(
        index=index,
        start=start,
        end=end,
        names=tuple(words),
        titled=titled,
        quoted=doc.in_quote(index, start, end),
    )
