"""A flag's row in the review page's list, drawn once per worker for the values it prints.

The page lists every flag of a story, and the poll and every write send the changed rows
again: drawing a row through its template cost about 80 µs, 11 ms for a story with 140 flags,
on every page. A row's HTML is a pure function of `RowValues` (the template is given nothing
else), so each worker keeps the rows it drew last, keyed by those values. A row whose values
are the same as before is not drawn again; a flag that changed (a reply, its status, the
filters in its link, the thread open beside it) has other values and is drawn anew. Nothing
can be stale, since the key is everything the row prints. Nothing is shared between workers,
and a restart starts empty.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from django.dispatch import receiver
from django.template.loader import get_template
from django.utils.autoreload import file_changed
from django.utils.safestring import SafeString

TEMPLATE = "review/flags/list.html#flag-row"
ROWS_KEPT = 4096  # about 3 MB a worker: every row of a few dozen open stories


class RowValues(NamedTuple):
    """Everything review/flags/list.html#flag-row prints, as `flag.<name>`."""

    key: str
    status: str
    is_current: bool
    sentence_key: str
    order_key: str
    section_key: str
    page_url: str
    thread_url: str
    colour: str
    label: str
    kind_name: str
    severity: str
    severity_label: str
    status_label: str
    quote_short: str
    meta_line: str


@functools.lru_cache(maxsize=ROWS_KEPT)
def draw(values: RowValues) -> SafeString:
    """The row's HTML (autoescaped by its template)."""
    return SafeString(get_template(TEMPLATE).render({"flag": values}))


@receiver(file_changed, dispatch_uid="review.flag_rows")
def _forget_on_template_change(sender, file_path, **kwargs) -> None:
    """Under runserver, an edited template shows at once (Django resets its own template
    cache on the same signal)."""
    if str(file_path).endswith(".html"):
        draw.cache_clear()
