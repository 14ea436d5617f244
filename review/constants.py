"""Values more than one layer shares, each written once.

Plain Python with no Django imports, so the pure layers (review/text, review/checks,
review/exports) read them too.
"""

from __future__ import annotations

import re

# Where a flag came from (Flag.origin).
ORIGIN_EDITOR = "editor"
ORIGIN_CONFLICT = "conflict"  # the unsaved text of an edit conflict (services.conflicts)
ORIGIN_CHECK_PREFIX = "check:"  # followed by the rule id: "check:claims.hedge"

# History reasons the timeline reads: a sentence row the rewrite engine moved (followed by
# the change's reason), an automatic flag whose problem came back (services.reconcile).
MOVED_PREFIX = "moved: "
PROBLEM_BACK = "automatic check: the problem is back"

# A flag kind's colour: admins type it, so everything that paints one checks the pattern and
# falls back to the default (amber).
DEFAULT_COLOUR = "#ffd54f"
COLOUR_PATTERN = re.compile(r"#[0-9a-fA-F]{6}")

# C0 controls other than tab, line feed, carriage return and form feed: in imported or typed
# text they mean binary data or a broken export from another tool (PostgreSQL also rejects
# NUL outright).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

# The desk's own checker, the author of every automatic flag (Flag.created_by is empty: no
# person wrote them; who started the run stays in the history). The page and the history
# call it AUTOMATIC_CHECK; documents leaving the desk name it DESK_CHECKER ("RD" in Word).
AUTOMATIC_CHECK = "Automatic check"
DESK_CHECKER = "Review desk (automatic check)"
# The history reason of a checks run's changes: the timeline shows them as the checker's.
AUTOMATIC_REASON = "automatic check"
