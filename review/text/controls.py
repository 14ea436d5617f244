"""Control characters: the one rule for what text from outside may not carry.

C0 controls other than tab, line feed, carriage return and form feed, and DEL, mean binary
data or a broken copy from another tool; PostgreSQL also refuses NUL outright. Article text,
notes, suggestions, replies and reasons are all checked against the same set.
"""

from __future__ import annotations

import re

CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def first_control(text: str) -> re.Match | None:
    """The first control character in `text`, or None."""
    return CONTROLS.search(text or "")
