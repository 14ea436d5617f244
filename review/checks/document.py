"""Analyses of one article that several rules share, each computed once and cached.

The rules see sentences, but some facts span sentences: a quotation may open in one
sentence and close three sentences later, and whether a word is a common word or a name
is best judged from the whole article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Any

from review.checks.base import CheckInput, CheckSentence
from review.text.paragraphs import by_paragraph

_POST_SIGNATURE = re.compile(r"^\s*[—–-]+\s*[^()]{1,80}\(@\w{1,30}\)")

# Letters joined by apostrophes or hyphens: "O’Neill", "Smith-Jones", "Sheriff’s".
WORD = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*")
_OPENERS = " \t\n([{—–-/"
_QUOTE_MARKS = re.compile(r"[“”\"]")
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(slots=True)  # not frozen: frozen dataclasses are slow to build by the 100,000
class Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation inside one paragraph: (sentence index, start, end) pieces in order.
    `open_end`: the paragraph ends before the quotation closes, so (AP style) it goes on
    in the next paragraph, which reopens it with a new mark. `reopened`: it opened while
    the one before it had not closed, the same speech going on where paragraphs were
    merged ('…Blackpool. "Obviously we…')."""

    pieces: tuple[tuple[int, int, int], ...]
    open_end: bool = False
    reopened: bool = False

    @property
    def first(self) -> int:
        return self.pieces[0][0]

    @property
    def last(self) -> int:
        return self.pieces[-1][0]


class Document:
    """The article as the rules see it. `cache` lets a rule family keep its own analyses."""

    def __init__(self, data: CheckInput) -> None:
        self.data = data
        self.sentences: tuple[CheckSentence, ...] = data.sentences
        self.cache: dict[str, Any] = {}

    @cached_property
    def tokens(self) -> list[list[Token]]:
        return [
            [Token(m.group(), m.start(), m.end()) for m in WORD.finditer(s.text)]
            for s in self.sentences
        ]

    @cached_property
    def word_sets(self) -> list[frozenset[str]]:
        """Each sentence's words in lower case (letters only): a rule looks here first and
        skips the sentences that hold none of its key words."""
        return [frozenset(_LETTERS.findall(s.text.lower())) for s in self.sentences]

    def has_any(self, index: int, words: frozenset[str]) -> bool:
        return not self.word_sets[index].isdisjoint(words)

    @cached_property
    def paragraphs(self) -> list[list[int]]:
        """Sentence indexes grouped by paragraph, in order."""
        return by_paragraph(range(len(self.sentences)), key=lambda i: self.sentences[i].paragraph)

    @cached_property
    def paragraph_of(self) -> list[list[int]]:
        """For each sentence, the indexes of the sentences in its paragraph."""
        out: list[list[int]] = [[] for _ in self.sentences]
        for group in self.paragraphs:
            for i in group:
                out[i] = group
        return out

    @cached_property
    def common_words(self) -> frozenset[str]:
        """Words the article writes in lower case inside ordinary sentences; a capitalised
        sentence opener that is one of them ("School officials…") is not a name."""
        words: set[str] = set()
        names = self._capitalised_pairs
        for sentence, tokens in zip(self.sentences, self.tokens, strict=True):
            if not tokens or not tokens[0].text[0].isupper():
                continue  # skip lower-case fragments: a stray "ana ruiz" line is no evidence
            if not sentence.text.rstrip().endswith((".", "?", "!", "”", '"', "’", "'", ")")):
                continue  # nor a line that is not a sentence ("Tags: ana ruiz, council")
            lower = [t.text[0].islower() for t in tokens]
            for i in range(1, len(tokens)):
                if not lower[i]:
                    continue
                # "… marisol okafor said" beside "Marisol Okafor": a name written in lower
                # case, not evidence that its words are ordinary ones.
                word = tokens[i].text
                if (
                    i + 1 < len(tokens) and lower[i + 1] and (word, tokens[i + 1].text) in names
                ) or (i > 1 and lower[i - 1] and (tokens[i - 1].text, word) in names):
                    continue
                words.add(word)
        return frozenset(words)

    @cached_property
    def _capitalised_pairs(self) -> frozenset[tuple[str, str]]:
        """Adjacent capitalised words ("Marisol Okafor"), lower-cased."""
        pairs = set()
        for sentence, tokens in zip(self.sentences, self.tokens, strict=True):
            text = sentence.text
            for a, b in pairwise(tokens):
                if a.text[0].isupper() and b.text[0].isupper() and text[a.end : b.start] == " ":
                    pairs.add((a.text.lower(), b.text.lower()))
        return frozenset(pairs)

    @cached_property
    def quotations(self) -> list[Quotation]:
        out: list[Quotation] = []
        for group in self.paragraphs:
            out.extend(_quotations_in(self.sentences, group))
        return out

    @cached_property
    def quoted(self) -> list[list[tuple[int, int]]]:
        """For each sentence, the quoted (start, end) ranges, quotation marks included."""
        spans: list[list[tuple[int, int]]] = [[] for _ in self.sentences]
        for quotation in self.quotations:
            for index, start, end in quotation.pieces:
                spans[index].append((start, end))
        return spans

    def in_quote(self, index: int, start: int, end: int) -> bool:
        """Whether sentence[start:end] lies inside one quotation (binary search: the spans
        of a sentence are in order and do not overlap)."""
        spans = self.quoted[index]
        if not spans:
            return False
        i = bisect_right(self._quote_starts[index], start) - 1
        return i >= 0 and spans[i][0] <= start and end <= spans[i][1]

    @cached_property
    def _quote_starts(self) -> list[list[int]]:
        return [[a for a, _ in spans] for spans in self.quoted]

    def unquoted_text(self, index: int) -> str:
        """The sentence with quoted words blanked out (same length, so offsets still hold)."""
        return self._unquoted[index]

    @cached_property
    def _unquoted(self) -> list[str]:
        out = []
        for sentence, spans in zip(self.sentences, self.quoted, strict=True):
            text = sentence.text
            if spans:
                parts, last = [], 0
                for a, b in spans:
                    parts += [text[last:a], " " * (b - a)]
                    last = b
                parts.append(text[last:])
                text = "".join(parts)
            out.append(text)
        return out

    @cached_property
    def post_signatures(self) -> list[bool]:
        """The line that signs a social-media post quoted in the story ("— Name (@handle)
        date"): the platform wrote it, so house style does not apply to it."""
        return [bool(_POST_SIGNATURE.match(s.text)) for s in self.sentences]

    @cached_property
    def headline_like(self) -> list[bool]:
        """Title Case lines (headlines, section heads) read differently: no name checks."""
        out = []
        for sentence, tokens in zip(self.sentences, self.tokens, strict=True):
            long_words = [t.text for t in tokens if len(t.text) >= 4]
            capitals = sum(1 for w in long_words if w[0].isupper())
            out.append(
                len(long_words) >= 3
                and capitals >= 0.7 * len(long_words)
                and not sentence.text.rstrip().endswith((".", "?", "!", "”", '"'))
            )
        return out


def _quotations_in(sentences: tuple[CheckSentence, ...], group: list[int]) -> list[Quotation]:
    """Find quotations in one paragraph; an open quotation carries into the next sentence
    and ends at the paragraph's end (AP reopens multi-paragraph quotes with a new mark).
    An opening mark while a quotation is open closes it and starts the next one."""
    found: list[Quotation] = []
    pieces: list[tuple[int, int, int]] = []
    open_at: int | None = None
    reopened = False
    for index in group:
        text = sentences[index].text
        if open_at is not None:
            open_at = 0  # continues from the previous sentence
        for match in _QUOTE_MARKS.finditer(text):
            pos, char = match.start(), match.group()
            opens = char == "“" or (char == '"' and _opens(text, pos))
            if opens and open_at is not None and (pos > open_at or index != pieces_start(pieces)):
                if pos > open_at:
                    pieces.append((index, open_at, _trim(text, pos)))
                if pieces:
                    found.append(Quotation(tuple(pieces), reopened=reopened))
                pieces, open_at, reopened = [], pos, True
            elif opens and open_at is None:
                open_at, reopened = pos, False
            elif char in '”"' and open_at is not None:
                pieces.append((index, open_at, pos + 1))
                found.append(Quotation(tuple(pieces), reopened=reopened))
                pieces, open_at, reopened = [], None, False
        if open_at is not None:
            pieces.append((index, open_at, len(text)))
    if pieces:
        found.append(Quotation(tuple(pieces), open_end=True, reopened=reopened))
    return found


def pieces_start(pieces: list[tuple[int, int, int]]) -> int | None:
    return pieces[0][0] if pieces else None


def _trim(text: str, pos: int) -> int:
    while pos and text[pos - 1].isspace():
        pos -= 1
    return pos


def _opens(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return before in _OPENERS and not after.isspace()
