"""What changed on a story since a review page last looked, in a fixed number of queries.

The history tables are the story's change log: every write leaves a row in the flag, comment,
sentence or fact-worksheet history, with an id that only grows and the moment of the change.
A page carries a cursor (`Cursor`): the largest history id it has seen in each of the four
tables, and how many rows younger than a recent moment it has seen. The poll asks for rows
past those ids (new since the page looked) and for the rows younger than that moment
(already seen, unless their count went up).

Why both: on PostgreSQL a transaction that took id 100 can commit after one that took 101, so
"ids past the largest seen" alone would miss 100 for ever. A transaction commits within the
longest a request may run (gunicorn's timeout), so a row is visible at most `SETTLE_SECONDS`
after its moment; counting the rows younger than the cursor's moment finds any that arrived
late, and then everything of that window is sent again. On SQLite (one writer at a time) and
in the usual PostgreSQL case only the new rows are sent.

Two queries answer the poll: the rows past the cursor (one UNION over the four tables) and,
for the page, the cursor itself. What to show for them is review.selectors.fragments.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q, Subquery

from review.models import Article, Comment, Flag, FlagKind, Sentence, StoryFact
from review.selectors.review import (
    SECTION_PARAGRAPHS,
    Counts,
    ReviewFilters,
    Section,
    counts,
    flags_for_page,
    section_of_paragraph,
    with_page_flags,
)

# Longer than any write can keep its transaction open (gunicorn.conf.py's 120 s timeout).
SETTLE_SECONDS = 180

_SOURCES = ("flag", "comment", "sentence", "fact")


@dataclass(frozen=True)
class Cursor:
    """What a page has seen: the largest history id per table, and `seen` rows younger than
    `since` (seconds since the epoch)."""

    flag: int = 0
    comment: int = 0
    sentence: int = 0
    since: int = 0
    seen: int = 0
    fact: int = 0

    def __str__(self) -> str:
        return f"{self.flag}.{self.comment}.{self.sentence}.{self.since}.{self.seen}.{self.fact}"

    @classmethod
    def parse(cls, token: str | None) -> Cursor | None:
        """The cursor a token names, or None for one this code did not make."""
        parts = (token or "").split(".")
        if len(parts) != 6 or not all(p.isascii() and p.isdigit() and len(p) < 19 for p in parts):
            return None
        return cls(*(int(p) for p in parts))

    def last(self, source: str) -> int:
        return getattr(self, source)

    @property
    def since_moment(self) -> datetime:
        return datetime.fromtimestamp(self.since, tz=UTC)


@dataclass
class Delta:
    """What changed: flags (their list rows), flags whose thread changed, sentences (their
    text), whether sentences were added or removed (the page must then be reloaded), the
    worksheet's facts that changed, and whether the checks found new ones."""

    cursor: Cursor
    flag_ids: set[int] = field(default_factory=set)
    thread_ids: set[int] = field(default_factory=set)
    sentence_ids: set[int] = field(default_factory=set)
    restructured: bool = False
    fact_ids: set[int] = field(default_factory=set)
    facts_added: bool = False
    # Flags whose own row changed (not only their replies): with none, nothing but the rows'
    # reply counts and the thread moved, so the counts and the highlights stay as they are.
    flag_row_ids: set[int] = field(default_factory=set)

    @property
    def replies_only(self) -> bool:
        return not (self.flag_row_ids or self.sentence_ids or self.restructured or self.fact_ids)

    @property
    def empty(self) -> bool:
        return not (self.flag_ids or self.sentence_ids or self.restructured or self.fact_ids)


def _settle_from(now: float) -> int:
    return int(now) - SETTLE_SECONDS


# The history tables are fixed once the models load (simple-history's descriptor would build a
# manager class on every access).
@functools.cache
def _tables() -> dict[str, str]:
    return {
        "flag": Flag.history.model._meta.db_table,
        "comment": Comment.history.model._meta.db_table,
        "sentence": Sentence.history.model._meta.db_table,
        "fact": StoryFact.history.model._meta.db_table,
    }


# Plain SQL, so that each part reads the index meant for it (SQLite's planner would otherwise
# read every history row of the story through its article index): a flag's, a sentence's and
# a fact's rows by (article, history id) and (article, moment), made by migrations 0010/0012; a
# comment's by history id or by moment, then kept when its flag is the story's (one lookup).
# The statements are put together from table names (model metadata) and fixed fragments;
# every value is a parameter (hence "noqa: S608").
def _of_story(source: str) -> str:
    if source == "comment":
        flags = Flag._meta.db_table
        return f"EXISTS (SELECT 1 FROM {flags} f WHERE f.id = h.flag_id AND f.article_id = %s)"  # noqa: S608
    return "h.article_id = %s"


def _object(source: str) -> str:
    return "h.flag_id" if source == "comment" else "h.id"


def _moment(value: datetime):
    return connection.ops.adapt_datetimefield_value(value)


@dataclass(frozen=True)
class PageState:
    cursor: Cursor
    sections: int  # how many sections the story's page has
    flag_paragraph: int | None  # the paragraph of the flag the page opens, if any


def page_state(
    article: Article, *, flag_pk: int | None = None, now: float | None = None
) -> PageState:
    """What a page rendered now starts from, in one query: its cursor (each table's largest
    history id, and the story's rows younger than the settling moment), the paragraph of the
    story's last sentence (how many sections) and of the flag it opens (which section)."""
    since = _settle_from(time.time() if now is None else now)
    moment = _moment(datetime.fromtimestamp(since, tz=UTC))
    tables = _tables()
    columns, params = [], []
    for source in _SOURCES:
        columns.append(f"(SELECT MAX(history_id) FROM {tables[source]})")  # noqa: S608
    young = []
    for source in _SOURCES:
        young.append(
            f"(SELECT COUNT(*) FROM {tables[source]} h "  # noqa: S608
            f"WHERE h.history_date > %s AND {_of_story(source)})"
        )
        params += [moment, article.pk]
    columns.append(" + ".join(young))
    sentences, flags = Sentence._meta.db_table, Flag._meta.db_table
    columns.append(
        f"(SELECT paragraph FROM {sentences} WHERE article_id = %s ORDER BY position DESC LIMIT 1)"  # noqa: S608
    )
    columns.append(
        f"(SELECT s.paragraph FROM {flags} f JOIN {sentences} s ON s.id = f.sentence_id "  # noqa: S608
        "WHERE f.id = %s AND f.article_id = %s)"
    )
    params += [article.pk, flag_pk or 0, article.pk]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns), params)
        row = cursor.fetchone()
    flag_top, comment_top, sentence_top, fact_top, seen, last, flag_paragraph = row
    return PageState(
        cursor=Cursor(
            flag=flag_top or 0,
            comment=comment_top or 0,
            sentence=sentence_top or 0,
            since=since,
            seen=seen or 0,
            fact=fact_top or 0,
        ),
        sections=1 if last is None else section_of_paragraph(last),
        flag_paragraph=flag_paragraph,
    )


def current_cursor(article: Article, *, now: float | None = None) -> Cursor:
    """The cursor of a page rendered now (one query)."""
    return page_state(article, now=now).cursor


def changes_since(article: Article, cursor: Cursor, *, now: float | None = None) -> Delta:
    """What changed on `article` after `cursor` (one query), with the page's next cursor.

    The query's parts, per table: the story's rows past the cursor's id; its rows younger than
    the cursor's moment (some are the same rows: counted once); and the table's largest id,
    so that the cursor moves past other stories' rows too."""
    since = max(cursor.since, _settle_from(time.time() if now is None else now))
    old_moment = _moment(cursor.since_moment)
    new_moment = _moment(datetime.fromtimestamp(since, tz=UTC))
    tables = _tables()
    parts, params = [], []
    for source in _SOURCES:
        table, of_story, obj = tables[source], _of_story(source), _object(source)
        row = (
            f"SELECT '{source}', h.history_id, {obj}, h.history_type, "  # noqa: S608
            f"CASE WHEN h.history_date > %s THEN 1 ELSE 0 END FROM {table} h WHERE "
        )
        parts.append(row + f"h.history_id > %s AND {of_story}")
        params += [new_moment, cursor.last(source), article.pk]
        parts.append(row + f"h.history_date > %s AND {of_story}")
        params += [new_moment, old_moment, article.pk]
        parts.append(f"SELECT 'top-{source}', MAX(history_id), NULL, NULL, 0 FROM {table}")  # noqa: S608
    with connection.cursor() as db:
        db.execute(" UNION ALL ".join(parts), params)
        fetched = db.fetchall()
    tops = {source: cursor.last(source) for source in _SOURCES}
    rows: dict[tuple[str, int], tuple] = {}
    for src, hid, obj, op, young in fetched:
        if src.startswith("top-"):
            source = src.removeprefix("top-")
            tops[source] = max(tops[source], hid or 0)
        else:
            rows[(src, hid)] = (obj, op, young)
    seen_before = sum(1 for src, hid in rows if hid <= cursor.last(src))
    late = seen_before > cursor.seen  # a transaction older than the newest row committed
    delta = Delta(cursor=cursor)
    for (src, hid), (obj, op, _young) in rows.items():
        if not late and hid <= cursor.last(src):
            continue  # the page has it
        if src == "sentence":
            if op == "~":
                delta.sentence_ids.add(obj)
            else:
                delta.restructured = True  # a sentence added or removed: numbering moved
        elif src == "fact":
            delta.fact_ids.add(obj)
            delta.facts_added |= op == "+"  # a new row of the worksheet: its order moved
        elif obj is not None:
            delta.flag_ids.add(obj)
            if src == "comment":
                delta.thread_ids.add(obj)
            else:
                delta.flag_row_ids.add(obj)
    delta.cursor = Cursor(
        flag=tops["flag"],
        comment=tops["comment"],
        sentence=tops["sentence"],
        since=since,
        seen=sum(young for _obj, _op, young in rows.values()),
        fact=tops["fact"],
    )
    return delta


# What to show for a change ------------------------------------------------------------------


@dataclass
class Fragments:
    """The pieces of an open review page that a change touched."""

    sentences: list[Sentence]  # with their listed flags (highlights), in the page's section
    rows: list[Flag]  # changed flags the page's list shows (new or changed rows)
    removed: list[int]  # changed flags the list no longer shows (filtered out, elsewhere, gone)
    counts: Counts | None  # None: replies only, the counts did not move


def page_section(filters: ReviewFilters) -> Section:
    """The section a page's request names. Only a long story's links carry one; the count is
    the links', which a fragment does not draw."""
    if filters.section:
        return Section(filters.section, max(filters.section, 2))
    return Section(1, 1)


def fragments(
    article: Article,
    *,
    user,
    filters: ReviewFilters,
    flag_ids=(),
    sentence_ids=(),
    kinds: list[FlagKind] | None = None,
    rows_of_sentences: bool = False,
    replies_only: bool = False,
) -> Fragments:
    """The changed flags' list rows, the changed sentences (and those the changed flags are
    on) with their highlights, and the counts: four queries at most, whatever the story's
    length (the sentences, their flags, the active kinds unless given, the counts).
    `rows_of_sentences`: every flag on `sentence_ids` changed too (an edit re-anchors them).
    `replies_only`: only the flags' replies changed: their rows (reply counts), no sentences
    and no counts (`counts` is None), which replies do not move."""
    flag_ids, sentence_ids = set(flag_ids), set(sentence_ids)
    section = page_section(filters)
    if replies_only:
        sentences = []
    else:
        of_flags = Flag.objects.filter(pk__in=flag_ids).values("sentence_id")
        sentences = list(
            Sentence.objects.filter(article=article)
            .filter(Q(pk__in=sentence_ids) | Q(pk__in=Subquery(of_flags)))
            .filter(section.q())
            .order_by("position")
        )
    rows_qs = flags_for_page(article).filter(
        Q(pk__in=flag_ids) | Q(sentence__in=[s.pk for s in sentences])
    )
    if filters.active:
        rows_qs = rows_qs.annotate(listed=ExpressionWrapper(filters.q(user), BooleanField()))
    flags = list(rows_qs)
    if rows_of_sentences:
        flag_ids |= {flag.pk for flag in flags if flag.sentence_id in sentence_ids}
    listed = [flag for flag in flags if getattr(flag, "listed", True)]
    with_page_flags(sentences, listed)
    in_section = {s.pk for s in sentences} if section.many else None
    rows, removed, found = [], [], set()
    for flag in flags:
        if flag.pk not in flag_ids:
            continue
        found.add(flag.pk)
        here = (
            in_section is None
            or flag.sentence_id is None
            or section.first_paragraph
            <= flag.sentence_paragraph
            < section.first_paragraph + SECTION_PARAGRAPHS
        )
        (rows if here and getattr(flag, "listed", True) else removed).append(flag)
    removed = [f.pk for f in removed] + sorted(flag_ids - found)
    if replies_only:
        return Fragments(sentences=sentences, rows=rows, removed=removed, counts=None)
    if kinds is None:
        kinds = list(FlagKind.objects.filter(active=True))
    return Fragments(
        sentences=sentences,
        rows=rows,
        removed=removed,
        counts=counts(article, user=user, filters=filters, section=section, kinds=kinds),
    )
