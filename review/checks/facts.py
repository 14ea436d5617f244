"""The facts a fact-checker ticks off: every checkable fact of a story, as plain data.

API (pure: no Django; the app stores the facts, shows them and exports them)
----------------------------------------------------------------------------
``extract_facts(data: CheckInput, *, doc: Document | None = None) -> list[Fact]``
    Every fact of the story, in sentence order, then by position in the sentence. Pass the
    ``doc`` that ``run_checks(data, doc=doc)`` used to share its analyses (the cast, the
    quotations), which keeps checks plus facts one pass over the story.

``Fact`` (frozen dataclass)
    ``kind``   one of ``FACT_KINDS``: money, percent, count, age, duration, date, year,
               weekday, person, quote, superlative.
    ``key``    the sentence's key (``CheckSentence.key``: the Sentence's primary key in the app).
    ``start``, ``end``  offsets in that sentence's text; ``text == sentence.text[start:end]``.
    ``text``   the exact words ("$3bn" stays "$3bn").
    ``value``  the normalised value: money, a float in whole currency units with the
               multiplier applied ("$3bn" → 3e9); percent, count, age, duration, a float
               (None for a vague "dozens"); date, an ISO date ("2018-02-19", or "--02-14"
               when the story gives no year); year, "2009"; weekday, "Thursday"; person,
               the full name; quote, the speaker as the story names them ("" if nobody);
               superlative, the words in lower case.
    ``unit``   money, an ISO currency code ("USD", "GBP"; "GBP-pence", "USD-cents");
               percent, "%" or "percentage points"; count, the counted noun, singular
               ("people", "job"); age, "years old"; duration, "minutes", "years"…; else "".
    ``label``  a short line for the worksheet: "Money: $3bn (3,000,000,000 USD)",
               "Count: 17 people", "Age: 19 (Tomas Ferrer)", "Person: Maria Lopez
               (Harris County Judge)", "Quote: “What I saw…” (Maria Lopez)".
    ``detail`` who or what the fact is about: the person an age belongs to, a person's
               title or role, a quotation's speaker; "" otherwise.
    ``fingerprint``  a stable identity: a hash of kind, the normalised words and the
               normalised sentence text. Unchanged sentence, same fingerprint.
    ``anchor`` a looser identity: a hash of kind, the normalised words and which
               occurrence of those words in the story it is (1st, 2nd…). It survives an
               edit elsewhere in the sentence.

``rematch(previous, facts) -> dict[str, str]``
    After re-extraction, map each new fact's fingerprint to the fingerprint of the stored
    fact it continues: by fingerprint first, then by anchor. A stored fact that matches
    nothing has had its words changed (show it as gone; keep its history).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from review.checks import lexicon as lx
from review.checks.base import CheckInput
from review.checks.cast import ages_of, cast_of
from review.checks.document import Document
from review.checks.figures import Figure, figures_of
from review.checks.people import ROLE_NOUNS
from review.checks.records import superlatives_of
from review.checks.speakers import speeches

FACT_KINDS = (
    "money",
    "percent",
    "count",
    "age",
    "duration",
    "date",
    "year",
    "weekday",
    "person",
    "quote",
    "superlative",
)
_LABELS = {
    "money": "Money",
    "percent": "Percentage",
    "count": "Count",
    "age": "Age",
    "duration": "Duration",
    "date": "Date",
    "year": "Year",
    "weekday": "Weekday",
    "person": "Person",
    "quote": "Quote",
    "superlative": "Record or ranking",
}
KIND_LABELS = _LABELS  # what the worksheet and its exports call each kind
_SPACE = re.compile(r"\s+")
_QUOTE_CHARS = "“”\"‘’'"


@dataclass(frozen=True, slots=True)
class Fact:
    kind: str
    key: Hashable
    start: int
    end: int
    text: str
    value: float | str | None
    unit: str
    label: str
    detail: str = ""
    fingerprint: str = ""
    anchor: str = ""


def extract_facts(data: CheckInput, *, doc: Document | None = None) -> list[Fact]:
    doc = doc if doc is not None else Document(data)
    raw: list[tuple[int, int, int, str, str, float | str | None, str, str]] = []
    ages = ages_of(doc)
    for index, sentence in enumerate(doc.sentences):
        if doc.headline_like[index]:
            continue
        text = sentence.text
        for figure in figures_of(doc, index):
            detail = ages.get((index, figure.start), "") if figure.kind == "age" else ""
            words = text[figure.start : figure.end]
            raw.append(
                (
                    index,
                    figure.start,
                    figure.end,
                    figure.kind,
                    words,
                    figure.value,
                    figure.unit,
                    detail,
                )
            )
        for sup in superlatives_of(doc, index):
            words = text[sup.start : sup.end]
            raw.append((index, sup.start, sup.end, "superlative", words, sup.words.lower(), "", ""))
    raw.extend(_people(doc))
    raw.extend(_quotes(doc))
    raw.sort(key=lambda r: (r[0], r[1], FACT_KINDS.index(r[3])))

    seen: Counter = Counter()
    facts = []
    sentence_norms: dict[int, str] = {}
    for index, start, end, kind, words, value, unit, detail in raw:
        sentence = doc.sentences[index]
        if index not in sentence_norms:
            sentence_norms[index] = _norm(sentence.text)
        norm = _norm(words)
        seen[(kind, norm)] += 1
        facts.append(
            Fact(
                kind=kind,
                key=sentence.key,
                start=start,
                end=end,
                text=words,
                value=value,
                unit=unit,
                label=_label(kind, words, value, unit, detail),
                detail=detail,
                fingerprint=_hash(kind, norm, sentence_norms[index]),
                anchor=_anchor(kind, norm, seen[(kind, norm)]),
            )
        )
    return facts


def occurrence_anchors(items: Iterable[tuple[str, str]]) -> list[str]:
    """The anchor of each (kind, words), given in story order, as `extract_facts` gives it:
    which occurrence of those words in the story it is. For the stored worksheet, whose
    anchors are recomputed rather than rewritten on every edit (an edit that removes one
    occurrence would otherwise move the anchor of every later fact with the same words)."""
    seen: Counter = Counter()
    out = []
    for kind, words in items:
        norm = _norm(words)
        seen[(kind, norm)] += 1
        out.append(_anchor(kind, norm, seen[(kind, norm)]))
    return out


def _anchor(kind: str, norm: str, occurrence: int) -> str:
    return _hash(kind, norm, str(occurrence))


def rematch(previous: Iterable[tuple[str, str]], facts: Iterable[Fact]) -> dict[str, str]:
    """{new fingerprint: stored fingerprint} for the stored (fingerprint, anchor) pairs."""
    stored = list(previous)
    by_print = {fp for fp, _ in stored}
    by_anchor = {anchor: fp for fp, anchor in stored}
    out: dict[str, str] = {}
    used: set[str] = set()
    pending = []
    for fact in facts:
        if fact.fingerprint in by_print and fact.fingerprint not in used:
            out[fact.fingerprint] = fact.fingerprint
            used.add(fact.fingerprint)
        else:
            pending.append(fact)
    for fact in pending:
        old = by_anchor.get(fact.anchor)
        if old is not None and old not in used:
            out[fact.fingerprint] = old
            used.add(old)
    return out


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.strip()).casefold()


def _label(kind: str, words: str, value, unit: str, detail: str) -> str:
    head = _LABELS[kind]
    if kind == "money" and isinstance(value, float):
        amount = f"{value:,.2f}".removesuffix(".00")
        return f"{head}: {words} ({amount} {unit})"
    if kind == "date" and isinstance(value, str) and value.startswith("--"):
        return f"{head}: {words} (no year given)"
    if kind == "quote":
        short = words if len(words) <= 70 else words[:67].rstrip() + "…"
        return f"{head}: {short} ({detail or 'no speaker named'})"
    if detail:
        return f"{head}: {words} ({detail})"
    return f"{head}: {words}"


def _people(doc: Document) -> list[tuple]:
    """One fact per person: the first mention of their full name, with title or role."""
    cast = cast_of(doc)
    seen: set[str] = set()
    out = []
    for mention in cast.full_mentions:
        full = " ".join(mention.names)
        if full in seen:
            continue
        seen.add(full)
        text = doc.sentences[mention.index].text
        role = _role(text, mention.start, mention.end, mention.title)
        out.append((mention.index, mention.start, mention.end, "person", full, full, "", role))
    return out


_TITLE_BEFORE = re.compile(r"((?:[A-Z][\w’'.&-]*\s){1,5})$")
_ROLE_AFTER = re.compile(r",\s((?:the|a|an|its|his|her|their)\s[^,.;:()“”\"]{3,60}?)(?=,|\.|;|$)")
_ROLE_WORDS_BEFORE = re.compile(r"((?:[\w’'-]+\s){1,3})$")


def _role(text: str, start: int, end: int, title: str) -> str:
    """The title or role the story gives beside a name: "Harris County Judge",
    "the union official", "managing director of Email Systems"."""
    before = text[max(0, start - 60) : start]
    caps = _TITLE_BEFORE.search(before)
    if caps and title:
        words = caps.group(1).split()
        keep = [w for w in words if w not in lx.FUNCTION_WORDS and w.lower() not in ("the",)]
        if keep:
            return " ".join(keep)
    lower = _ROLE_WORDS_BEFORE.search(before)
    if lower:
        words = lower.group(1).split()
        if words and words[-1].lower() in ROLE_NOUNS:
            keep = []
            for word in reversed(words):
                if word.lower() in lx.FUNCTION_WORDS or word.endswith(","):
                    break
                keep.insert(0, word)
            return " ".join(keep)
    after = _ROLE_AFTER.match(text, end)
    if after:
        return after.group(1).strip()
    return title


def _quotes(doc: Document) -> list[tuple]:
    out = []
    for speech in speeches(doc):
        if speech.how == "embedded":
            continue  # a few quoted words inside the reporter's sentence
        index, start, end = speech.quotation.pieces[0]
        text = doc.sentences[index].text
        words = text[start:end]
        if len(words.strip(_QUOTE_CHARS).split()) < 3:
            continue
        out.append((index, start, end, "quote", words, speech.speaker, "", speech.speaker))
    return out


__all__ = ["FACT_KINDS", "KIND_LABELS", "Fact", "Figure", "extract_facts", "rematch"]
