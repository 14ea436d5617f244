"""Word-level differences between two texts, as plain data for templates to escape and render.

`word_diff("Ana Ruis said", "Ana Ruiz said")` gives
`[equal "Ana ", delete "Ruis", insert "Ruiz", equal " said"]`: joining the equal and
delete segments gives the old text back, joining the equal and insert segments the new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

EQUAL, INSERT, DELETE = "equal", "insert", "delete"

# Words, runs of whitespace and single punctuation marks: editors read changes word by word.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class Segment:
    op: str
    text: str

    @property
    def is_change(self) -> bool:
        return self.op != EQUAL


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Segment]:
    """The changes from `old` to `new`, word by word, with deletions before insertions."""
    a, b = tokenize(old), tokenize(new)
    segments: list[Segment] = []

    def emit(op: str, text: str) -> None:
        if not text:
            return
        if segments and segments[-1].op == op:
            segments[-1] = Segment(op, segments[-1].text + text)
        else:
            segments.append(Segment(op, text))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            emit(EQUAL, "".join(a[i1:i2]))
            continue
        emit(DELETE, "".join(a[i1:i2]))
        emit(INSERT, "".join(b[j1:j2]))
    return _tidy(segments)


def _tidy(segments: list[Segment]) -> list[Segment]:
    """Fold a lone space caught between two changes into them, so "a b" → "x y" reads as one
    replacement instead of three alternating ones."""
    out: list[Segment] = []
    i = 0
    while i < len(segments):
        seg = segments[i]
        if (
            seg.op == EQUAL
            and not seg.text.strip()
            and 0 < i < len(segments) - 1
            and out
            and out[-1].is_change
            and segments[i + 1].is_change
        ):
            # The whitespace belongs to both sides of the surrounding change.
            _append(out, Segment(DELETE, seg.text))
            _append(out, Segment(INSERT, seg.text))
        else:
            _append(out, seg)
        i += 1
    return _regroup(out)


def _append(out: list[Segment], seg: Segment) -> None:
    if out and out[-1].op == seg.op:
        out[-1] = Segment(seg.op, out[-1].text + seg.text)
    else:
        out.append(seg)


def _regroup(segments: list[Segment]) -> list[Segment]:
    """Within each run of changes, put all deletions first, then all insertions."""
    out: list[Segment] = []
    run: list[Segment] = []

    def flush() -> None:
        deleted = "".join(s.text for s in run if s.op == DELETE)
        inserted = "".join(s.text for s in run if s.op == INSERT)
        if deleted:
            out.append(Segment(DELETE, deleted))
        if inserted:
            out.append(Segment(INSERT, inserted))
        run.clear()

    for seg in segments:
        if seg.is_change:
            run.append(seg)
        else:
            flush()
            _append(out, seg)
    flush()
    return out


def changed(segments: list[Segment]) -> bool:
    return any(s.is_change for s in segments)
