"""Reading ids from query strings and forms: anything that is not a plain, positive whole
number that fits a database id is treated as absent, never as a server error.

`str.isdigit()` is not enough ("²" is a digit to Python but not to `int()`), and a number
too large for a 64-bit column makes some databases raise instead of finding nothing.
"""

from __future__ import annotations

import re

_ID = re.compile(r"[0-9]{1,18}")  # 18 digits stay below 2**63 - 1


def parse_id(value: object) -> int | None:
    """A positive database id from user input, or None."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    text = str(value).strip()
    if not _ID.fullmatch(text):
        return None
    number = int(text)
    return number or None


def parse_count(value: object, default: int = 0) -> int:
    """A non-negative whole number (an offset, a page), or `default`."""
    number = parse_id(value) if value not in ("0", 0) else 0
    return default if number is None else number
