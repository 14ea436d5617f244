"""@mentions in notes and replies: where they are, as plain data.

One home for the rule, read by the notifications service (who to tell), the template filter
that highlights mentions, and the completion endpoint (what is being typed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Django usernames hold letters, digits and @ . + - _; a mention ends at anything else, and a
# trailing full stop belongs to the sentence ("thanks @ana.").
MENTION_RE = re.compile(r"(?<![\w@.+-])@([\w.+-]+)")


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    username: str = ""  # set when the piece is a mention ("@ana" → "ana")


def _name(match: re.Match) -> str:
    return match.group(1).rstrip(".")


def mentioned_usernames(text: str) -> list[str]:
    """The usernames `text` mentions, in order of first appearance, without duplicates."""
    seen: dict[str, None] = {}
    for match in MENTION_RE.finditer(text or ""):
        if name := _name(match):
            seen.setdefault(name, None)
    return list(seen)


def mention_pieces(text: str) -> list[Piece]:
    """`text` cut into plain pieces and mentions; joined, the pieces give `text` back."""
    pieces: list[Piece] = []
    at = 0
    for match in MENTION_RE.finditer(text or ""):
        name = _name(match)
        if not name:
            continue
        start, end = match.start(), match.start() + 1 + len(name)
        if start > at:
            pieces.append(Piece(text[at:start]))
        pieces.append(Piece(text[start:end], username=name))
        at = end
    if at < len(text or ""):
        pieces.append(Piece(text[at:]))
    return pieces
