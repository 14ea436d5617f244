"""The article's cast: the people it names, and every mention of them.

Capitalised runs of words are candidates; a run becomes a person only on evidence (see
people.py): a title or role before it, a verb of saying, an age, "who", an apposition, an
initial, or a later mention of its surname with a courtesy title ("Ms Ruiz"). Companies,
clubs, parties, places and nationalities stay out, so the name rules never advise "use the
surname" for a company word.

A person has a given name and a family name. The family name keeps its particles ("de la
Vega", "van der Berg") and hyphens; East Asian names written family name first ("Chen
Wei … Chen said") are recognised from the story's later mentions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from review.checks import lexicon as lx
from review.checks import people as pe
from review.checks.document import Document, Token
from review.checks.fuzzy import NeighbourIndex

_APOSTROPHE_S = ("’s", "'s")
# A nickname quoted between a first name and a surname: Margaret "Peggy" Dunleavy.
_NICKNAME_GAP = re.compile(r" [“\"‘'][A-Z][\w.’'-]{0,30}[”\"’'] ")
COURTESY = frozenset({"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Sir", "Dame", "Lord", "Lady"})


@dataclass(frozen=True, slots=True)
class Mention:
    """Words that may name a person: a full name (2+ names) or a single name."""

    index: int  # sentence index in the document
    start: int
    end: int
    names: tuple[str, ...]
    titled: bool  # a title came just before ("Officer Ruiz")
    quoted: bool
    title: str = ""
    evidence: str = ""


@dataclass(slots=True)
class Person:
    full: str
    first: str  # the given name
    last: str  # the family name, as a later mention writes it ("De la Vega")
    count: int = 0
    first_seen: int = 0
    evidence: str = ""


@dataclass(slots=True)
class Cast:
    people: dict[str, Person] = field(default_factory=dict)
    full_mentions: list[Mention] = field(default_factory=list)
    single_mentions: list[Mention] = field(default_factory=list)
    by_first: dict[str, list[Person]] = field(default_factory=lambda: defaultdict(list))
    by_last: dict[str, list[Person]] = field(default_factory=lambda: defaultdict(list))
    firsts: NeighbourIndex = field(default_factory=NeighbourIndex)
    lasts: NeighbourIndex = field(default_factory=NeighbourIndex)


def surname_key(name: str) -> str:
    """A family name as it stands at the start of a mention: "de la Vega" → "De la Vega"."""
    return name[:1].upper() + name[1:]


def split_name(full: str) -> tuple[str, str]:
    """(given, family): the family name runs from the first particle after the given name
    ("Ana de la Vega" → "de la Vega"), else it is the last word before any suffix."""
    parts = [p for p in full.split() if p.rstrip(".") not in lx.SUFFIXES]
    if len(parts) < 2:
        return parts[0], parts[0]
    for i in range(1, len(parts) - 1):
        if parts[i].lower() in lx.PARTICLES:
            return parts[0], surname_key(" ".join(parts[i:]))
    return parts[0], parts[-1]


def cast_of(doc: Document) -> Cast:
    """The cast, built once per document."""
    if "cast" not in doc.cache:
        doc.cache["cast"] = _build(doc)
    return doc.cache["cast"]


def _build(doc: Document) -> Cast:
    fulls: list[Mention] = []
    singles: list[Mention] = []
    for index, tokens in enumerate(doc.tokens):
        if doc.headline_like[index]:
            continue
        text = doc.sentences[index].text
        for run in _runs(text, tokens):
            mention = _mention_in(doc, index, text, run)
            if mention is not None:
                (singles if len(mention.names) == 1 else fulls).append(mention)

    # A surname that appears with a courtesy title or a verb of saying is a person's.
    vouched = {m.names[0] for m in singles if m.evidence and not m.quoted}
    evidence: dict[str, str] = {}
    for mention in fulls:
        full = " ".join(mention.names)
        if mention.evidence and not evidence.get(full):
            evidence[full] = mention.evidence
        elif full not in evidence:
            evidence[full] = ""
    for full, why in evidence.items():
        if not why and split_name(full)[1] in vouched:
            evidence[full] = "surname vouched"

    cast = Cast()
    single_words = {m.names[0] for m in singles}
    for mention in fulls:
        full = " ".join(mention.names)
        if not evidence[full]:
            continue
        cast.full_mentions.append(mention)
        person = cast.people.get(full)
        if person is None:
            first, last = _given_family(full, single_words)
            person = cast.people[full] = Person(full, first, last, 0, mention.index)
            person.evidence = evidence[full]
            cast.by_first[first].append(person)
            cast.by_last[last].append(person)
            cast.firsts.add(first, full)
            cast.lasts.add(last, full)
        person.count += 1
    cast.single_mentions = singles
    return cast


def _given_family(full: str, single_words: set[str]) -> tuple[str, str]:
    first, last = split_name(full)
    parts = full.split()
    family_first = first in pe.FAMILY_FIRST and first in single_words
    if len(parts) == 2 and family_first and last not in single_words:
        return last, first  # "Chen Wei … Chen said"
    return first, last


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
        if _abbreviation_tail(text, token.start):
            if current:  # "U.S. Marines": the S is the end of "U.S.", not an initial
                runs.append(current)
                current = []
            continue
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


def _abbreviation_tail(text: str, start: int) -> bool:
    """The word at `start` follows a letter and a full stop with no space: the later
    letters of a dotted abbreviation ("U.S.", "D.C."), which never begin a name."""
    return start >= 2 and text[start - 1] == "." and text[start - 2].isalpha()


def _nicknames(text: str) -> set[int]:
    """Start offsets of quoted nicknames that sit between two capitalised words."""
    if "“" not in text and '"' not in text and "‘" not in text and "'" not in text:
        return set()
    out = set()
    for match in _NICKNAME_GAP.finditer(text):
        before = text[max(0, match.start() - 1) : match.start()]
        after = text[match.end() : match.end() + 1]
        if before.isalpha() and after.isupper():
            out.add(match.start() + 2)
    return out


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(_APOSTROPHE_S) else word


def _mention_in(doc: Document, index: int, text: str, run: list[Token]) -> Mention | None:
    """The run as a possible person, trimmed of openers, titles and suffixes; None when
    something in or around it says it is not a person."""
    words = [_strip_possessive(t.text) for t in run]
    opener = not text[: run[0].start].strip(" “\"‘'([—–-")
    lead = words[0].lower()
    if (
        opener
        and (lead in lx.COMMON_OPENERS or lead in doc.common_words)
        and not (len(words) > 1 and lead in lx.PARTICLES)
    ):
        run, words = run[1:], words[1:]
        if not words:
            return None
    titled, title = False, ""
    for i in range(len(words) - 1, -1, -1):
        bare = words[i].rsplit("-", 1)[-1]  # "ex-King", "ex-Mayor"
        prefix = words[i] in pe.PERSON_PREFIXES and len(words) - i > 2  # "Swede Anna Berg"
        if (bare in lx.TITLES or prefix) and i + 1 < len(words) and words[i + 1] not in lx.SUFFIXES:
            title = words[i]
            run, words, titled = run[i + 1 :], words[i + 1 :], True
            break
    if not titled:
        previous = text[: run[0].start].rstrip().rsplit(" ", 1)[-1]
        if "-" in previous and previous.rsplit("-", 1)[-1] in lx.TITLES:
            titled, title = True, previous.rsplit("-", 1)[-1]  # "ex-King Michael"
    while len(words) > 1 and words[-1] in lx.SUFFIXES:
        run, words = run[:-1], words[:-1]
    if not words or len(words) > 4:
        return None
    particle_surname = len(words) > 1 and words[0].lower() in lx.PARTICLES
    start, end = run[0].start, run[-1].end - (len(run[-1].text) - len(words[-1]))
    initial = (
        len(words) > 1
        and pe.is_initial(words[0])
        and words[0].rstrip(".") not in ("A", "I")
        and words[1].lower() not in doc.common_words
    )
    checked = words[1:] if initial else words
    if particle_surname:
        checked = [w for w in words if w.lower() not in lx.PARTICLES]
    if any(pe.non_person_word(w) for w in checked) or words[0] in lx.PLACE_PREFIXES:
        return None
    if words[-1] in lx.TITLES and not titled:
        return None
    before = text[: run[0].start].rstrip().rsplit(" ", 1)[-1]
    if before in ("the", "The", "a", "an", "A", "An") and not titled:
        return None  # people rarely take an article: "the Daily Ledger"
    if pe.group_after(text, end):
        return None  # "Liverpool band", "Canada-based", "Sony's shares"
    if len(words) == 1 and len(words[0]) < 2:
        return None
    if (
        len(words) > 1
        and not particle_surname
        and (len(words[-1].rstrip(".")) == 1 or all(w.lower() in doc.common_words for w in words))
    ):
        return None  # "Assistant U.S. Attorney", "Public Health": not a person's name
    if particle_surname:
        words = [" ".join(words)]  # "De la Vega said": one family name
    why = "title" if titled else ""
    if not why and initial:
        why = "initial"
    if not why:
        why = pe.evidence(text, start, end)
    if (
        not why
        and len(words) in (2, 3)
        and pe.known_first_name(words[0])
        and not pe.PLACE_BEFORE.search(text, max(0, start - 12), start)
    ):
        why = "first name"
    if len(words) == 1 and why in ("role", "apposition") and not titled:
        why = ""  # "striker Rooney" is a person, but "club Chelsea"-like slips are common
    return Mention(
        index=index,
        start=start,
        end=end,
        names=tuple(words),
        titled=titled,
        quoted=doc.in_quote(index, start, end),
        title=title,
        evidence=why,
    )


_AGE_AFTER_NAME = re.compile(r",\s(\d{1,3}),|\s\((\d{1,3})\)")
_AGE_BEFORE_NAME = re.compile(r"(\d{1,3})-year-old\s$")


def ages_of(doc: Document) -> dict[tuple[int, int], str]:
    """{(sentence index, offset of the age): the person it belongs to}, read from
    "Tomas Ferrer, 19," or "the 19-year-old Ferrer" (cached)."""
    if "ages" in doc.cache:
        return doc.cache["ages"]
    out: dict[tuple[int, int], str] = {}
    cast = cast_of(doc)
    for mention in cast.full_mentions + cast.single_mentions:
        full = " ".join(mention.names)
        if len(mention.names) == 1:
            people = cast.by_last.get(full) or []
            if len(people) != 1:
                continue
            full = people[0].full
        text = doc.sentences[mention.index].text
        after = _AGE_AFTER_NAME.match(text, mention.end)
        if after:
            out[(mention.index, after.start(1 if after.group(1) else 2))] = full
        window = max(0, mention.start - 14)
        before = _AGE_BEFORE_NAME.search(text, window, mention.start)
        if before:
            out[(mention.index, before.start(1))] = full
    doc.cache["ages"] = out
    return out
