"""Split plain text into paragraphs and sentences, as spans that rebuild the text exactly.

Paragraphs are separated by blank lines (a line break, optional whitespace-only lines, and
another line break). Inside a paragraph, sentences end at ".", "!", "?", "…" (with any
closing quotes and brackets after them) followed by whitespace, unless the context says
otherwise:

- a lower-case word follows ("“Why?” she asked.", "Yahoo! in", "the U.S.A. last year");
- a title stands before a name ("Gov. Ron DeSantis", "Ft. Lauderdale", "Mt. Fuji");
- an abbreviation or initial is followed by a number ("Feb. 19", "No. 1", "p. 55") or by a
  capitalised word that is not a typical sentence starter ("the U.S. Navy", "John F.
  Kennedy"); before a starter it ends the sentence ("He lives in the U.S. He works");
- a clock time ("6 p.m.") ends the sentence before a capitalised word unless a time word
  follows ("5 p.m. Tuesday", "5 p.m. EST") or the sentence is still in its opening phrase
  ("At 5 a.m. Mr. Smith left.");
- a question or exclamation inside quotes is followed by its attribution ("“Why?” Smith
  asked.");
- an ellipsis of three spaced dots is an omission inside the sentence; four dots, or an
  unspaced ellipsis before a capital, end it.

Numbered, lettered and bulleted list items start new sentences even without a final period.

A single line break (no blank line) ends a sentence when the line before it ends one by the
rules above, when the next line is a list item, or when the line before looks standalone (a
caption, byline or name line): the next line starts with a capital or digit, the line does not
end mid-phrase (comma, dash, "and", "the", a title...), and it is short (at most 4 words, or
at most 70 % of the paragraph's longest line). Hard-wrapped prose keeps its sentences whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from review.text.abbreviations import (
    AMBIGUOUS,
    CONTINUATIONS,
    INTRO_WORDS,
    NEVER_FINAL,
    NUMBER_PREFIXES,
    STARTERS,
    STATE_FOLLOWERS,
    STATES,
    TIME,
    TIME_FOLLOWERS,
    TITLES,
)

__all__ = ["MAX_SENTENCE", "Span", "segment", "split_sentences"]

# A "sentence" longer than this is not one a reader or an editor can work with (a pasted
# table, a run-on list, text with no punctuation): it is cut into pieces at the last
# clause boundary, or failing that the last space, before the limit.
MAX_SENTENCE = 2_000


@dataclass(frozen=True, slots=True)
class Span:
    """One sentence: text[start:end] is the sentence, text[end:sep_end] the whitespace after."""

    paragraph: int
    start: int
    end: int
    sep_end: int

    def sentence(self, text: str) -> str:
        return text[self.start : self.end]

    def separator(self, text: str) -> str:
        return text[self.end : self.sep_end]


_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines() splits on
_BULLETS = "•◦▪‣⁃●"
_OPENERS = "\"'“‘«([{¿¡" + _BULLETS
_QUOTES = "\"'”’»"
_NUMBERISH = "$€£¥#@"  # "$5", "#MeToo", "@user" start a sentence as a digit does

# A whitespace run from its first line break on (the spaces before it are found by walking
# back: starting the pattern with a character set lets the regex engine skip ahead fast).
_BREAK_RUN = re.compile(rf"[{_BREAKS}]\s*+")
_LINE_BREAK = re.compile(rf"\r\n|[{_BREAKS}]")

# A sentence-ending candidate: a run of terminal punctuation (possibly a spaced ellipsis
# ". . ."), closing quotes and brackets, then whitespace or the end of the paragraph. The word
# before it is read backwards from the match (see _token_before).
_CANDIDATE = re.compile(
    # The set comes first so the regex engine can skip ahead to it; the lookbehind then
    # rejects the middle of a run (only the whole run is a candidate, which keeps "!!!!..."
    # linear).
    r"(?P<term>[.!?‽…](?<![.!?‽…].)[.!?‽…]*+(?: \.++)*)(?P<close>[\"'”’»)\]}]*+)(?=\s|\Z)"
)
# A bullet that starts a word inside a paragraph starts a list item.
_BULLET = re.compile(rf"(?<=\s)[{_BULLETS}]")
# What follows a candidate: whitespace, opening quotes or brackets, the first word's letters
# and digits ("It’s" gives "It").
# A dateline's city: capitals (and spaces, dots, hyphens) from the start of the paragraph,
# as in "SALEM", "ST. LOUIS", "WINSTON-SALEM".
_DATELINE_CITY = re.compile(r"^[A-Z][A-Z .'\-]*$")
# "(AP) —", "(Reuters) -": a wire credit between a dateline and the story.
_WIRE_CREDIT = re.compile(r"\([^()\n]{1,30}\)\s*(?:—|–|--?)")
_NEXT = re.compile(r"\s*+(?P<open>[\"'“‘«(\[¿¡]*+)(?P<word>[^\W_]*+)")
_DOTTED = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")  # U.S, J.R.R, Ph.D, a.m
_MARKER = re.compile(r"\d{1,3}|[^\W\d_]")
# A list item at the start of a paragraph or line: "1.", "1.)", "2)", "a.", "- ", "• ".
_LIST_START = re.compile(r"(?P<num>\d{1,2}|[a-z])(?P<style>\.\)|[.)])\s+(?=[^\W_a-z]|[\"“(])")
_LIST_ITEM = re.compile(r"(?<=\s)(?P<num>\d{1,2}|[a-z])(?P<style>\.\)|[.)])\s+(?=[^\W_a-z]|[\"“(])")
_LIST_LINE = re.compile(rf"[-*–{_BULLETS}]\s|(?:\d{{1,3}}|[a-z])(?:\.\)|[.)])\s")
_ATTRIBUTION = re.compile(
    r"(?:[^\W\d_][\w'’.\-]*+,?\s+){1,4}"
    r"(?:said|says|asked|asks|added|adds|wrote|writes|told|tells|replied|replies|recalled"
    r"|continued|explained|noted|insisted|shouted|yelled|cried|whispered|exclaimed|wondered"
    r"|demanded|joked|laughed|tweeted|posted)\b"
)

# Kinds of word before a period.
_WORD, _TITLE, _NEVER, _TIME, _AMBIGUOUS, _INITIAL, _NUMBER = range(7)


def segment(text: str) -> list[Span]:
    """Spans of the sentences of `text`, in order, covering it exactly; [] for blank text."""
    content_end = len(text.rstrip())
    if not content_end:
        return []
    content_start = len(text) - len(text.lstrip())
    bullets = any(b in text for b in _BULLETS)
    spans: list[Span] = []
    paragraph, start, para_start = 0, 0, content_start
    lines: list[tuple[int, int]] = []  # single line breaks inside the current paragraph
    for run in _BREAK_RUN.finditer(text, content_start, content_end):
        a, b = _trim_end(text, run.start()), run.end()
        if text.count("\n", a, b) >= 2 or len(_LINE_BREAK.findall(text, a, b)) >= 2:
            cuts = _cuts(text, para_start, a, lines, bullets)
            start = _add_spans(spans, cuts, paragraph, start, a, b)
            paragraph, para_start, lines = paragraph + 1, b, []
        else:
            lines.append((a, b))
    cuts = _cuts(text, para_start, content_end, lines, bullets)
    _add_spans(spans, cuts, paragraph, start, content_end, len(text))
    if any(span.end - span.start > MAX_SENTENCE for span in spans):
        spans = [piece for span in spans for piece in _split_long(text, span)]
    return spans


def _split_long(text: str, span: Span, limit: int = MAX_SENTENCE) -> list[Span]:
    """The span cut into pieces of at most `limit` characters, each ending before the
    whitespace after a comma or semicolon, else before any whitespace, else at the limit
    itself; the pieces (with their whitespace as separators) rebuild the span exactly."""
    pieces: list[Span] = []
    start = span.start
    while span.end - start > limit:
        hi = start + limit
        cut = _clause_break(text, start, hi)
        if cut is None:
            cut = _space_break(text, start, hi)
        if cut is None:
            pieces.append(Span(span.paragraph, start, hi, hi))  # no space at all: hard cut
            start = hi
            continue
        nxt = cut
        while nxt < span.end and text[nxt].isspace():
            nxt += 1
        pieces.append(Span(span.paragraph, start, cut, nxt))
        start = nxt
    pieces.append(Span(span.paragraph, start, span.end, span.sep_end))
    return pieces


def _clause_break(text: str, start: int, hi: int) -> int | None:
    """The end of the last clause (a comma or semicolon before whitespace) in text[start:hi],
    past the first quarter of the window so pieces do not get tiny."""
    lo = start + (hi - start) // 4
    best = max(text.rfind(", ", lo, hi + 1), text.rfind("; ", lo, hi + 1))
    return best + 1 if best > start else None


def _space_break(text: str, start: int, hi: int) -> int | None:
    """The start of the last whitespace run in text[start:hi] that has words before it."""
    pos = hi
    while pos > start and not text[pos].isspace():
        pos -= 1
    while pos > start and text[pos - 1].isspace():
        pos -= 1
    return pos if pos > start else None


def split_sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in segment(text)]


def _add_spans(
    spans: list[Span],
    cuts: list[tuple[int, int]],
    paragraph: int,
    start: int,
    end: int,
    sep_end: int,
) -> int:
    """Append a paragraph's spans (it ends at `end`); return where the next span starts."""
    for cut_end, nxt in cuts:
        spans.append(Span(paragraph, start, cut_end, nxt))
        start = nxt
    spans.append(Span(paragraph, start, end, sep_end))
    return sep_end


def _cuts(
    text: str, ps: int, pe: int, lines: list[tuple[int, int]], bullets: bool
) -> list[tuple[int, int]]:
    """Sentence boundaries inside the paragraph text[ps:pe] as (end of sentence, next start)."""
    markers: set[int] = set()
    forced: list[tuple[int, int]] = []
    if lines or _LIST_START.match(text, ps, pe):
        _find_list_items(text, ps, pe, lines, markers, forced)
    if bullets:
        forced.extend(
            (_trim_end(text, m.start()), m.start()) for m in _BULLET.finditer(text, ps, pe)
        )
    cuts: list[tuple[int, int]] = []
    cur = ps
    for m in _CANDIDATE.finditer(text, ps, pe):
        if m.end() == pe:
            break
        cut = _decide(text, m, ps, cur, pe, markers)
        if cut:
            cuts.append(cut)
            cur = cut[1]
    if lines:
        forced.extend(_line_cuts(text, ps, pe, lines, {nxt for _, nxt in cuts}))
    if not forced:
        return cuts
    merged = dict((nxt, end) for end, nxt in cuts)
    merged.update((nxt, end) for end, nxt in forced)
    result, last = [], ps
    for nxt in sorted(merged):
        if merged[nxt] > last:
            result.append((merged[nxt], nxt))
            last = nxt
    return result


def _decide(
    text: str, m: re.Match[str], ps: int, cur: int, pe: int, markers: set[int]
) -> tuple[int, int] | None:
    """Whether the candidate `m` ends a sentence: the cut, or None."""
    term, close = m.group("term"), m.group("close")
    nm = _NEXT.match(text, m.end(), pe)
    nxt, word = nm.start("open"), nm.group("word")
    first = word[:1] or text[nm.end(0) : nm.end(0) + 1]
    if first.islower():
        return None
    if first.isdigit() or first in _NUMBERISH:
        kind = "digit"
    elif first.isalpha():
        kind = "upper"  # capitals, and letters of scripts without case
    else:
        return None  # a dash, an ampersand, a stray symbol: the sentence goes on
    cut = (m.end(), nxt)

    if "?" in term or "!" in term or "‽" in term:
        quoted = kind == "upper" and any(q in close for q in _QUOTES)
        return None if quoted and _ATTRIBUTION.match(text, nxt, pe) else cut

    tok = _token_before(text, ps, m.start())
    if tok.endswith(("(", "[")):
        return None  # "[...]" marks an omission inside a quotation
    dots = term.count(".") + 3 * term.count("…")
    if dots > 1:
        if " " not in term:
            return cut
        if tok and not close and dots == 4 and term.startswith(". "):
            # "compounds. . . . The": the period ends this sentence, the ellipsis opens the next
            e = m.start("term") + 1
            return (e, e + 1)
        return cut if dots >= 4 else None

    core = tok.lstrip(_OPENERS)
    core_start = m.start() - len(core)
    if core_start in markers or (_MARKER.fullmatch(core) and _after_bullet(text, core_start)):
        return None
    if not core:
        return cut
    category = _category(core)
    if category == _WORD and core.isupper() and word.isupper() and len(word) > 1:
        # "ST. LOUIS, Mo." in a dateline: an abbreviation in capitals before a capital word
        category = _category(core.title())
    if category == _INITIAL and core == "I" and _is_pronoun(text, cur, core_start):
        category = _WORD
    if kind == "digit":
        return cut if category == _WORD else None
    if category in (_TITLE, _NEVER):
        return None
    if category in (_WORD, _NUMBER) or close:
        return cut
    if category == _TIME:
        if word in TIME_FOLLOWERS or _in_opening_phrase(text, cur, core_start):
            return None
        return cut
    if category == _AMBIGUOUS and core in STATES and text[core_start - 2 : core_start] == ", ":
        # "SALEM, Ore. (AP) —": a wire credit or a city in capitals makes it a dateline
        if _WIRE_CREDIT.match(text, nxt) or _DATELINE_CITY.search(text, ps, core_start - 2):
            return None
        # "in Tampa, Fla. Smith said": the state closes a place name
        return None if word in STATE_FOLLOWERS or word in TITLES else cut
    if word in STARTERS:
        return cut
    if category == _AMBIGUOUS and any(q in nm.group("open") for q in '"“'):
        return cut  # "in the U.S. “We ...": a quotation opens the next sentence
    return None


def _token_before(text: str, ps: int, pos: int) -> str:
    """The characters between the last whitespace before `pos` (or `ps`) and `pos`."""
    lo = max(ps, pos - 40)
    parts = text[lo:pos].rsplit(None, 1)
    if not parts or text[pos - 1].isspace():
        return ""
    if len(parts) == 1 and lo > ps and not text[lo - 1].isspace():  # a long word: walk back
        while lo > ps and not text[lo - 1].isspace():
            lo -= 1
        return text[lo:pos]
    return parts[-1]


def _category(word: str) -> int:
    if word in TITLES:
        return _TITLE
    if word in NEVER_FINAL:
        return _NEVER
    if word in TIME:
        return _TIME
    if word in AMBIGUOUS:
        return _AMBIGUOUS
    if len(word) == 1 and word.isupper():
        return _INITIAL
    if word in NUMBER_PREFIXES:
        return _NUMBER
    if "." in word and _DOTTED.fullmatch(word):
        return _AMBIGUOUS
    return _WORD


def _is_pronoun(text: str, cur: int, pos: int) -> bool:
    """Whether "I" at `pos` is the pronoun ("you and I.") rather than an initial ("Albert I.")."""
    before = text[max(cur, pos - 40) : pos].split()
    return bool(before) and (before[-1][0].islower() or before[-1][-1] in ",;:")


def _in_opening_phrase(text: str, cur: int, pos: int) -> bool:
    """Whether text[cur:pos] is a short opening phrase like "At 5" or "Shortly after 10"."""
    if pos - cur > 60:  # also keeps long sentences full of times linear
        return False
    words = text[cur:pos].split()
    return 0 < len(words) <= 4 and words[0].strip(_OPENERS).lower() in INTRO_WORDS


def _after_bullet(text: str, pos: int) -> bool:
    before = text[max(0, pos - 2) : pos].rstrip()
    return bool(before) and before[-1] in _BULLETS


def _trim_end(text: str, pos: int) -> int:
    while pos and text[pos - 1].isspace():
        pos -= 1
    return pos


def _find_list_items(
    text: str,
    ps: int,
    pe: int,
    lines: list[tuple[int, int]],
    markers: set[int],
    forced: list[tuple[int, int]],
) -> None:
    """Record list markers ("1.", "b)") so they are not read as sentence ends, and cut
    before each item: items on their own lines, and runs of consecutive items in a paragraph
    that starts with one ("1. The first item 2. The second item")."""
    for _, b in lines:
        if _LIST_LINE.match(text, b, pe):
            markers.add(b)
            forced.append((_trim_end(text, b), b))
    first = _LIST_START.match(text, ps, pe)
    if not first:
        return
    markers.add(ps)
    expected, style = _successor(first.group("num")), first.group("style")
    for item in _LIST_ITEM.finditer(text, first.end(), pe):
        if item.group("num") == expected and item.group("style") == style:
            markers.add(item.start())
            forced.append((_trim_end(text, item.start()), item.start()))
            expected = _successor(expected)


def _successor(num: str) -> str:
    return str(int(num) + 1) if num.isdigit() else chr(ord(num) + 1)


def _line_cuts(
    text: str, ps: int, pe: int, lines: list[tuple[int, int]], have: set[int]
) -> list[tuple[int, int]]:
    """Cuts at single line breaks after standalone lines (see the module docstring)."""
    starts = [ps] + [b for _, b in lines]
    ends = [a for a, _ in lines] + [pe]
    longest = max(e - s for s, e in zip(starts, ends, strict=True))
    cuts = []
    for (a, b), ls in zip(lines, starts, strict=False):
        if b not in have and _is_standalone(text, ls, a, b, pe, longest):
            cuts.append((a, b))
    return cuts


def _is_standalone(text: str, ls: int, a: int, b: int, pe: int, longest: int) -> bool:
    nm = _NEXT.match(text, b, pe)
    first = nm.group("word")[:1]
    if not first or first.islower():
        return False
    line = text[ls:a]
    if line[-1] in ",;:-–—(/&+":
        return False
    words = line.split()
    last = words[-1]
    if last.lower() in CONTINUATIONS:
        return False
    core = last.rstrip(".").lstrip(_OPENERS)
    if last.endswith(".") and _category(core) in (_TITLE, _NEVER, _INITIAL):
        return False
    return len(words) <= 4 or (a - ls) <= 0.7 * longest
