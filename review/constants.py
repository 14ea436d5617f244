"""Values more than one layer shares, each written once.

Plain Python with no Django imports, so the pure layers (review/text, review/checks,
review/exports) read them too.
"""

from __future__ import annotations

# Where a flag came from (Flag.origin).
ORIGIN_EDITOR = "editor"
ORIGIN_CONFLICT = "conflict"  # the unsaved text of an edit conflict (services.conflicts)
ORIGIN_CHECK_PREFIX = "check:"  # followed by the rule id: "check:claims.hedge"
