"""Word-level differences between two texts, as plain data for templates to escape and render.

`word_diff("Ana Ruis said", "Ana Ruiz said")` gives
`[equal "Ana ", delete "Ruis", insert "Ruiz", equal " said"]`: joining the equal and
delete segments gives the old text back, joining the equal and insert segments the new one.

The cost is bounded. The texts are compared as words (each word or punctuation mark carries
the whitespace after it, so whitespace is never a token of its own: runs of spaces matched
against runs of spaces made `difflib` cubic on "a a a …" against "b b b …"), with Myers'
O((N+M)·D) algorithm after trimming the common head and tail. When the two middles are so
different that finding the smallest edit would cost more than `WORK_LIMIT` steps, the
middle is shown as one replaced segment, which is what an editor would read anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EQUAL, INSERT, DELETE = "equal", "insert", "delete"

# A word or a single punctuation mark, with the whitespace that follows it; a text's leading
# whitespace is a token of its own (it has no word before it).
_TOKEN = re.compile(r"\s+|(?:\w+|[^\w\s])\s*")

# Steps of the edit search (one per diagonal probed and per matching token followed): enough
# to find every edit of up to ~300 words exactly; ~40 ms of Python when it gives up.
WORK_LIMIT = 50_000
# What all the diffs on one page may spend together (a timeline page shows up to 1,200
# changed rows): past it, each remaining diff is one replacement, found in linear time.
PAGE_WORK_LIMIT = 400_000


@dataclass(frozen=True)
class Segment:
    op: str
    text: str

    @property
    def is_change(self) -> bool:
        return self.op != EQUAL


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


@dataclass
class DiffStats:
    """How much searching a diff took (tests bound it instead of timing it)."""

    work: int = 0
    gave_up: bool = False


class DiffBudget:
    """The diffs of one page, sharing `PAGE_WORK_LIMIT` steps of search between them."""

    def __init__(self, total: int = PAGE_WORK_LIMIT) -> None:
        self.total = total
        self.stats = DiffStats()

    def diff(self, old: str, new: str) -> list[Segment]:
        left = max(0, self.total - self.stats.work)
        return word_diff(old, new, limit=min(WORK_LIMIT, left), stats=self.stats)


def word_diff(
    old: str, new: str, *, limit: int = WORK_LIMIT, stats: DiffStats | None = None
) -> list[Segment]:
    """The changes from `old` to `new`, word by word, with deletions before insertions."""
    a, b = tokenize(old), tokenize(new)
    stats = stats if stats is not None else DiffStats()
    segments: list[Segment] = []

    def emit(op: str, tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if segments and segments[-1].op == op:
            segments[-1] = Segment(op, segments[-1].text + text)
        else:
            segments.append(Segment(op, text))

    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    emit(EQUAL, a[:head])
    ops = _myers(mid_a, mid_b, limit, stats)
    if ops is None:
        emit(DELETE, mid_a)
        emit(INSERT, mid_b)
    else:
        for op, tokens in ops:
            emit(op, tokens)
    emit(EQUAL, a[len(a) - tail :])
    return _tidy(_untangle_spaces(segments))


def _myers(a: list[str], b: list[str], limit: int, stats: DiffStats):
    """The shortest edit script from `a` to `b` as (op, tokens) runs, or None past `limit`."""
    n, m = len(a), len(b)
    if not n or not m:
        return [(DELETE, a), (INSERT, b)]
    # Compare small ints, not strings.
    ids: dict[str, int] = {}
    ia = [ids.setdefault(t, len(ids)) for t in a]
    ib = [ids.setdefault(t, len(ids)) for t in b]
    offset = n + m
    budget = stats.work + limit  # a DiffStats may be shared by several diffs
    v = [0] * (2 * offset + 2)
    trace: list[list[int]] = []
    for d in range(n + m + 1):
        trace.append(v[offset - d : offset + d + 2])
        for k in range(-d, d + 1, 2):
            stats.work += 1
            if k == -d or (k != d and v[offset + k - 1] < v[offset + k + 1]):
                x = v[offset + k + 1]  # down: an insertion
            else:
                x = v[offset + k - 1] + 1  # right: a deletion
            y = x - k
            while x < n and y < m and ia[x] == ib[y]:
                x, y = x + 1, y + 1
                stats.work += 1
            v[offset + k] = x
            if x >= n and y >= m:
                return _backtrack(a, b, trace, d)
            if stats.work > budget:
                stats.gave_up = True
                return None
    return None  # unreachable: d = n + m always reaches the end


def _backtrack(a, b, trace, d_end):
    """Walk the saved frontiers back from the end; returns (op, tokens) runs in order."""
    x, y = len(a), len(b)
    steps: list[tuple[str, str]] = []
    for d in range(d_end, 0, -1):
        frontier = trace[d]  # v as it stood before round d, for k in [-d, d + 1]

        def at(k: int, frontier=frontier, d=d) -> int:
            return frontier[k + d]

        k = x - y
        down = k == -d or (k != d and at(k - 1) < at(k + 1))
        prev_k = k + 1 if down else k - 1
        prev_x = at(prev_k)
        prev_y = prev_x - prev_k
        while x > prev_x and y > prev_y:
            x, y = x - 1, y - 1
            steps.append((EQUAL, a[x]))
        if x == prev_x:
            y -= 1
            steps.append((INSERT, b[y]))
        else:
            x -= 1
            steps.append((DELETE, a[x]))
    while x > 0 and y > 0:
        x, y = x - 1, y - 1
        steps.append((EQUAL, a[x]))
    steps.reverse()
    runs: list[tuple[str, list[str]]] = []
    for op, token in steps:
        if runs and runs[-1][0] == op:
            runs[-1][1].append(token)
        else:
            runs.append((op, [token]))
    return runs


def _untangle_spaces(segments: list[Segment]) -> list[Segment]:
    """Move whitespace that a run of changes deletes and inserts alike out of the run.

    Words carry their trailing space, so "Hansen said" → "Hanson said" first reads as
    delete "Hansen ", insert "Hanson "; the shared " " belongs to the unchanged text
    after it."""
    out: list[Segment] = []
    i = 0
    while i < len(segments):
        run = []
        while i < len(segments) and segments[i].is_change:
            run.append(segments[i])
            i += 1
        if run:
            deleted = "".join(s.text for s in run if s.op == DELETE)
            inserted = "".join(s.text for s in run if s.op == INSERT)
            shared = _common_space_suffix(deleted, inserted)
            if shared and deleted != shared and inserted != shared:
                _append(out, Segment(DELETE, deleted[: -len(shared)]))
                _append(out, Segment(INSERT, inserted[: -len(shared)]))
                _append(out, Segment(EQUAL, shared))
            else:
                for seg in run:
                    _append(out, seg)
        if i < len(segments):
            _append(out, segments[i])
            i += 1
    return out


def _common_space_suffix(x: str, y: str) -> str:
    n = 0
    while n < len(x) and n < len(y) and x[-1 - n] == y[-1 - n] and x[-1 - n].isspace():
        n += 1
    return x[len(x) - n :] if n else ""


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
    if not seg.text:
        return
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
