"""The review page's repeated fragments, drawn once per worker for the values they print.

The page draws every flag's row in the list and every sentence of the story, and the poll and
every write send the changed ones again. Through their templates a row cost about 80 µs and
a sentence about 100 µs, 11 ms and 6 ms of a page with 140 flags on 60 sentences. Each
fragment's HTML is a pure function of its values below (its template is given nothing else),
so each worker keeps the fragments it drew last, keyed by those values. A fragment whose
values are the same as before is not drawn again; a flag or a sentence that changed (a reply,
a status, the filters in a link, the thread open beside it, another reader's rights) has other
values and is drawn anew. Nothing can be stale, since the key is everything the fragment
prints. Nothing is shared between workers, and a restart starts empty.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from django.dispatch import receiver
from django.template import Context
from django.template.loader import get_template
from django.utils.autoreload import file_changed
from django.utils.safestring import SafeString

ROW_TEMPLATE = "review/flags/list.html#flag-row"
SENTENCE_TEMPLATE = "review/article_detail.html#sentence"
KEPT = 4096  # of each, about 3 MB a worker: every row and sentence of a few dozen stories


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


class SegmentValues(NamedTuple):
    """A stretch of a sentence as the page paints it (review_tags.Segment, printed)."""

    text: str
    marked: bool
    css: str = ""
    ids: str = ""
    style: str = ""
    title: str = ""


class SentenceValues(NamedTuple):
    """Everything review/article_detail.html#sentence prints, as `sentence.<name>`."""

    key: str
    text: str
    segments: tuple[SegmentValues, ...]  # empty when no listed flag is on the sentence
    has_open: bool
    count: str
    count_label: str
    flag_url: str  # "" when the reader may not raise flags
    edit_url: str  # "" when the reader may not edit the text
    oob: bool  # swapped out-of-band (a poll's or a write's changed sentence)


# The values are tuples, to be keys; the templates are given them as dicts. A template looks a
# name up first as `value[name]`: a dict answers at once, a tuple raises TypeError before the
# attribute is tried: on benchmarks/bench_review_page.py's page drawn afresh (1,500 sentences,
# 836 rows) those exceptions cost about 45 ms of 280. Each template is looked up once (a lookup
# through the loaders costs about 4 µs a fragment) and its compiled partial rendered with a
# plain Context: the backend's wrapper adds nothing these fragments use (no request, no context
# processors).


@functools.cache
def _template(name: str):
    """The compiled partial, and whether its engine autoescapes (it does, unless the
    settings say otherwise)."""
    found = get_template(name)
    return found.template, found.backend.engine.autoescape


def _render(name: str, context: dict) -> SafeString:
    template, autoescape = _template(name)
    return SafeString(template.render(Context(context, autoescape=autoescape)))


@functools.lru_cache(maxsize=KEPT)
def row(values: RowValues) -> SafeString:
    """A flag's list row (autoescaped by its template)."""
    return _render(ROW_TEMPLATE, {"flag": values._asdict()})


@functools.lru_cache(maxsize=KEPT)
def sentence(values: SentenceValues) -> SafeString:
    """A sentence with its highlights and tools (autoescaped by its template)."""
    printed = values._asdict()
    printed["segments"] = [segment._asdict() for segment in values.segments]
    return _render(SENTENCE_TEMPLATE, {"sentence": printed})


def forget() -> None:
    _template.cache_clear()
    row.cache_clear()
    sentence.cache_clear()


@receiver(file_changed, dispatch_uid="review.drawn")
def _forget_on_template_change(sender, file_path, **kwargs) -> None:
    """Under runserver, an edited template shows at once (Django resets its own template
    cache on the same signal)."""
    if str(file_path).endswith(".html"):
        forget()
