"""Three-way merge of paragraphs: the reporter's edits applied to the desk's current text.

`base` is the story as exported, `theirs` as the reporter saved it, `ours` as the desk has it
now. A paragraph the reporter changed takes their text when the desk left it alone since the
export; when both changed it differently, the desk's text stays and the reporter's is a
`Conflict` for an editor to look at. Paragraphs compare with line ends folded and the
characters no document can carry dropped (a Word file cannot give back a \\r\\n or a form
feed, so their absence is no edit).

`rebuild` joins the result with the desk's own paragraph breaks, so an unchanged paragraph
keeps its exact text and the whitespace after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from review.exports.common import one_line_breaks, printable


def comparable(text: str) -> str:
    return one_line_breaks(printable(text))


@dataclass(frozen=True)
class Item:
    """A paragraph of the result: the desk's paragraph `ours` kept as it is, or `text`
    (the reporter's) in the place of desk paragraph `ours` (None: a new paragraph)."""

    text: str
    ours: int | None = None
    kept: bool = False


@dataclass(frozen=True)
class Conflict:
    ours: int  # the desk paragraph both changed
    theirs: str  # the reporter's version of it


@dataclass
class Merged:
    items: list[Item] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(not item.kept for item in self.items)


def merge(base: list[str], theirs: list[str], ours: list[str]) -> Merged:
    norm_base = [comparable(p) for p in base]
    norm_theirs = [comparable(p) for p in theirs]
    norm_ours = [comparable(p) for p in ours]
    # Where the desk left the exported paragraphs alone: base index → ours index.
    unchanged: dict[int, int] = {}
    for tag, i1, i2, j1, _ in _opcodes(norm_base, norm_ours):
        if tag == "equal":
            unchanged.update({i1 + k: j1 + k for k in range(i2 - i1)})
    # Start from the desk's text; replace the blocks the reporter changed, last first.
    items: list[Item | None] = [Item(p, i, kept=True) for i, p in enumerate(ours)]
    inserts: dict[int, list[Item]] = {}  # before ours index → new paragraphs
    conflicts: list[Conflict] = []
    for tag, i1, i2, j1, j2 in _blocks(norm_base, norm_theirs):
        if tag == "equal":
            continue
        new = theirs[j1:j2]
        mapped = [unchanged.get(i) for i in range(i1, i2)]
        if i1 == i2:  # the reporter added paragraphs
            if i1 > 0 and unchanged.get(i1 - 1) is not None:
                inserts.setdefault(unchanged[i1 - 1] + 1, []).extend(Item(t) for t in new)
            elif i1 < len(base) and unchanged.get(i1) is not None:
                inserts.setdefault(unchanged[i1], []).extend(Item(t) for t in new)
            elif i1 == 0 and not base:
                inserts.setdefault(0, []).extend(Item(t) for t in new)
            else:
                conflicts.append(Conflict(_nearest(unchanged, i1, len(ours)), "\n\n".join(new)))
            continue
        if all(m is not None for m in mapped) and mapped == list(range(mapped[0], mapped[-1] + 1)):
            for k, index in enumerate(mapped):
                items[index] = Item(new[k], index) if k < len(new) else None
            if len(new) > len(mapped):
                inserts.setdefault(mapped[-1] + 1, []).extend(Item(t) for t in new[len(mapped) :])
            continue
        # The desk changed some of these paragraphs too: keep its text unless it already
        # reads as the reporter's.
        present = [m for m in mapped if m is not None]
        touched = sorted(set(present)) or [_nearest(unchanged, i1, len(ours))]
        if [norm_ours[i] for i in touched if i < len(ours)] != norm_theirs[j1:j2]:
            conflicts.append(Conflict(touched[0], "\n\n".join(new)))
    out: list[Item] = []
    for index in range(len(items) + 1):
        out += inserts.get(index, [])
        if index < len(items) and items[index] is not None:
            out.append(items[index])
    # A paragraph the reporter "changed" only in what Word cannot carry stays the desk's.
    out = [
        Item(ours[i.ours], i.ours, kept=True)
        if i.ours is not None and not i.kept and comparable(i.text) == norm_ours[i.ours]
        else i
        for i in out
    ]
    return Merged(out, conflicts)


def _opcodes(a: list[str], b: list[str]):
    return SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def _blocks(a: list[str], b: list[str]):
    """The reporter's changes, paragraph by paragraph where a block replaces as many as it
    had: each paragraph then merges on its own (the desk may have changed only one)."""
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "replace" and i2 - i1 == j2 - j1:
            yield from (("replace", i1 + k, i1 + k + 1, j1 + k, j1 + k + 1) for k in range(i2 - i1))
        else:
            yield tag, i1, i2, j1, j2


def _nearest(unchanged: dict[int, int], base_index: int, count: int) -> int:
    before = [o for b, o in unchanged.items() if b < base_index]
    return min(max(before) + 1 if before else 0, max(count - 1, 0))


def rebuild(merged: Merged, ours: list[str], separators: list[str]) -> str:
    """The merged paragraphs as one text: each kept or replaced desk paragraph followed by its
    own separator, new ones by a blank line, the last by the text's final separator."""
    final = separators[-1] if separators else ""
    parts = []
    for n, item in enumerate(merged.items):
        last = n == len(merged.items) - 1
        if last:
            sep = final
        elif item.ours is not None and item.ours < len(ours) - 1:
            sep = separators[item.ours]
        else:
            sep = "\n\n"
        parts.append(item.text + sep)
    return "".join(parts)
