"""Reads over history: the article's timeline and the story as it stood at any moment.

The timeline is paginated by change: every history row written by one service call shares
one timestamp (see services.rewrite), so a page is "the N latest timestamps" across the
article's, its sentences', flags', comments' and facts' historical tables (one UNION query,
which also says who appears in it), then one query per table for the rows at those
timestamps. The previous version of each row comes
from a correlated subquery, so a page costs the same number of queries however long the
history is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from review.constants import AUTOMATIC_REASON, MOVED_PREFIX
from review.models import Article, Comment, Flag, Sentence, StoryFact
from review.params import parse_id
from review.text import spans
from review.text.paragraphs import by_paragraph
from review.text.worddiff import DiffBudget, Segment

KINDS = {
    "text": "Text",
    "flags": "Flags",
    "comments": "Comments",
    "facts": "Facts checked",
    "article": "Status and versions",
}
PER_PAGE = 20
ENTRIES_SHOWN = 60  # per change; a big revision lists the first ones and counts the rest


def _latest_as_of(history: QuerySet, when: datetime) -> QuerySet:
    """Per object, its latest history row at `when`, dropping objects deleted by then."""
    model = history.model
    latest = (
        model.objects.filter(id=OuterRef("id"), history_date__lte=when)
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    return (
        history.filter(history_date__lte=when)
        .filter(history_id=Subquery(latest))
        .exclude(history_type="-")
    )


def sentences_as_of(article: Article, when: datetime) -> list:
    return list(
        _latest_as_of(Sentence.history.filter(article_id=article.pk), when).order_by("position")
    )


def flags_as_of(article: Article, when: datetime) -> list:
    return list(
        _latest_as_of(Flag.history.filter(article_id=article.pk), when)
        .select_related("kind")
        .order_by("history_id")
    )


def article_as_of(article: Article, when: datetime):
    return _latest_as_of(Article.history.filter(id=article.pk), when).first()


def resolve_as_of(article: Article, value: str) -> datetime:
    """`?as_of=` as a moment: an ISO timestamp, or the id of one of the article's history rows."""
    value = (value or "").strip()
    if value.isdigit():
        # A history id names a version of the article: the story as it stood until the
        # article's next history row (flags and comments added meanwhile included).
        history_id = parse_id(value)
        row = history_id and Article.history.filter(id=article.pk, history_id=history_id).first()
        if row is None:
            raise ValidationError("There is no such point in this story's history.")
        following = (
            Article.history.filter(id=article.pk, history_date__gt=row.history_date)
            .order_by("history_date")
            .values_list("history_date", flat=True)
            .first()
        )
        return following - timedelta(microseconds=1) if following else timezone.now()
    try:
        moment = parse_datetime(value.replace(" ", "+")) if value else None
    except ValueError:  # well-formed but impossible: month 13, offset +25:00
        moment = None
    if moment is None:
        raise ValidationError(
            "Give the moment as an ISO timestamp (2026-11-29T14:05:00Z) or a history id."
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


@dataclass
class StorySnapshot:
    when: datetime
    article: object | None
    paragraphs: list[list] = field(default_factory=list)
    flags: list = field(default_factory=list)
    detached: list = field(default_factory=list)


def snapshot(article: Article, when: datetime) -> StorySnapshot:
    """The text and flags as they stood at `when` (three queries)."""
    sentences = sentences_as_of(article, when)
    flags = flags_as_of(article, when)
    by_sentence: dict[int, list] = {}
    detached = []
    for flag in flags:
        if flag.sentence_id is None:
            detached.append(flag)
        else:
            by_sentence.setdefault(flag.sentence_id, []).append(flag)
    for s in sentences:
        s.flags_then = by_sentence.get(s.id, [])
        s.pieces = highlight(s.text, s.flags_then)
    paragraphs = by_paragraph(sentences)
    return StorySnapshot(when, article_as_of(article, when), paragraphs, flags, detached)


@dataclass(frozen=True)
class Piece:
    text: str
    flagged: bool


def highlight(text: str, flags: list) -> list[Piece]:
    """Split a sentence into flagged and plain pieces (plain data; the template escapes).

    Each flag covers what review.text.spans shows for it: its words, or the whole sentence
    when they no longer fit; a detached one nothing.
    """
    marks = [spans.mark(text, f.start, f.end, f.quote, f) for f in flags]
    return [Piece(c.text, bool(c.marks)) for c in spans.cut(text, marks)]


# The timeline.


def _prev(model, field_name: str) -> Subquery:
    return Subquery(
        model.objects.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date"))
        .order_by("-history_date", "-history_id")
        .values(field_name)[:1]
    )


def _annotated(article: Article) -> dict[str, QuerySet]:
    sentence_history = Sentence.history.model
    flag_history = Flag.history.model
    comment_history = Comment.history.model
    article_history = Article.history.model
    fact_history = StoryFact.history.model
    return {
        "article": Article.history.filter(id=article.pk).annotate(
            prev_status=_prev(article_history, "status"),
            prev_version=_prev(article_history, "version"),
        ),
        # A row whose text did not change only shifted with the text around it, unless the
        # engine recorded it as a move (services.rewrite): a move shows as a move.
        "text": Sentence.history.filter(article_id=article.pk)
        .annotate(
            prev_text=_prev(sentence_history, "text"),
            prev_paragraph=_prev(sentence_history, "paragraph"),
            prev_position=_prev(sentence_history, "position"),
            alive=Exists(Sentence.objects.filter(pk=OuterRef("id"))),
        )
        .exclude(
            Q(history_type="~")
            & Q(text=F("prev_text"))
            & ~Q(history_change_reason__startswith=MOVED_PREFIX)
        ),
        "flags": Flag.history.filter(article_id=article.pk).annotate(
            prev_status=_prev(flag_history, "status"),
            prev_anchor=_prev(flag_history, "anchor"),
            prev_severity=_prev(flag_history, "severity"),
            prev_note=_prev(flag_history, "note"),
            prev_suggestion=_prev(flag_history, "suggestion"),
        ),
        "comments": Comment.history.filter(
            flag_id__in=Flag.history.filter(article_id=article.pk).values("id")
        ).annotate(
            prev_body=_prev(comment_history, "body"),
            prev_deleted_at=_prev(comment_history, "deleted_at"),
            # Its author deleted it since: the timeline keeps the event, not the words (the
            # admin's history keeps those).
            now_deleted=Exists(Comment.objects.filter(pk=OuterRef("id"), deleted_at__isnull=False)),
            # People cite a flag by its number in the story, never by its database id.
            flag_number=Subquery(Flag.objects.filter(pk=OuterRef("flag_id")).values("number")[:1]),
        ),
        # What a checker decided about a fact, and a fact's words going or coming back; not
        # the worksheet filling itself in (every import would list each of its facts).
        "facts": StoryFact.history.filter(article_id=article.pk, history_type="~")
        .annotate(
            prev_status=_prev(fact_history, "status"),
            prev_anchor=_prev(fact_history, "anchor"),
            prev_source=_prev(fact_history, "source"),
        )
        .filter(
            ~Q(status=F("prev_status")) | ~Q(anchor=F("prev_anchor")) | ~Q(source=F("prev_source"))
        ),
    }


@dataclass
class Entry:
    kind: str
    row: object
    title: str
    segments: list[Segment] = field(default_factory=list)
    details: list[tuple[str, str, str]] = field(default_factory=list)  # (what, before, after)
    body: str = ""
    action: str = ""  # "moved" for a sentence that moved (the page marks it)


@dataclass
class Change:
    when: datetime
    user: object | None
    reasons: list[str]
    entries: list[Entry]
    hidden: int = 0
    version: int | None = None
    # Made by the desk's checker (`user` is who started the run): "Automatic check".
    automatic: bool = False


@dataclass
class Timeline:
    page: Page
    changes: list[Change]
    people: list
    kinds: dict[str, str]


def timeline(
    article: Article, *, user_id: int | None = None, kind: str | None = None, page: int = 1
) -> Timeline:
    """Changes to the article, newest first; filter by person and by kind of change."""
    all_sources = _annotated(article)
    # One query for the whole timeline's index: every (moment, person, kind) it holds. The
    # page's moments, the page count and the people who can be filtered by all come from it
    # (three queries over the same correlated subqueries cost three times as much).
    index = [
        qs.order_by().values_list(
            "history_date", "history_user_id", Value(name, output_field=CharField())
        )
        for name, qs in all_sources.items()
    ]
    moments_all = set()
    people_ids = set()
    for when, who, what in index[0].union(*index[1:]).order_by():  # UNION drops duplicates
        people_ids.add(who)
        if (kind not in KINDS or what == kind) and (not user_id or who == user_id):
            moments_all.add(when)
    sources = {kind: all_sources[kind]} if kind in KINDS else all_sources
    if user_id:
        sources = {k: qs.filter(history_user_id=user_id) for k, qs in sources.items()}
    paginator = Paginator(sorted(moments_all, reverse=True), PER_PAGE)
    page_obj = paginator.get_page(page)
    moments = list(page_obj.object_list)
    changes: dict[datetime, Change] = {m: Change(m, None, [], []) for m in moments}
    budget = DiffBudget()  # the page's diffs share one bounded amount of work
    if moments:
        for name, qs in sources.items():
            rows = qs.filter(history_date__in=moments).select_related("history_user")
            if name == "flags":
                rows = rows.select_related("kind")
            elif name == "facts":
                rows = rows.select_related("flag")
            for row in rows.order_by("-history_id"):
                _add(changes[row.history_date], name, row, budget)
    for change in changes.values():
        change.entries.sort(key=_entry_order)
        change.hidden = max(0, len(change.entries) - ENTRIES_SHOWN)
        change.entries = change.entries[:ENTRIES_SHOWN]
    User = get_user_model()
    people = list(User.objects.filter(pk__in=people_ids - {None}).order_by("username"))
    return Timeline(page_obj, [changes[m] for m in moments], people, KINDS)


def _entry_order(entry: Entry) -> tuple:
    order = {"article": 0, "text": 1, "flags": 2, "comments": 3, "facts": 4}[entry.kind]
    position = getattr(entry.row, "position", 0) if entry.kind == "text" else entry.row.id
    return order, position


def _add(change: Change, kind: str, row, budget: DiffBudget) -> None:
    if change.user is None:
        change.user = row.history_user
    reason = (row.history_change_reason or "").removeprefix(MOVED_PREFIX)
    automatic = reason.startswith(AUTOMATIC_REASON)
    change.automatic = automatic and (change.automatic or not change.entries)
    if reason == AUTOMATIC_REASON:
        pass  # the change is shown as the checker's: saying so again adds nothing
    elif reason and reason not in change.reasons and not reason.startswith("re-anchored"):
        change.reasons.append(reason)
    change.entries.append(_ENTRIES[kind](row, budget))
    if kind == "article":
        change.version = row.version


def _article_entry(row, budget: DiffBudget) -> Entry:
    if row.history_type == "+":
        return Entry("article", row, f"Imported “{row.title}”, version {row.version}")
    details = []
    if row.prev_status and row.prev_status != row.status:
        label = dict(Article.Status.choices)
        details.append(("Status", label.get(row.prev_status, ""), label.get(row.status, "")))
    if row.prev_version is not None and row.prev_version != row.version:
        details.append(("Version", str(row.prev_version), str(row.version)))
    title = "Status changed" if any(d[0] == "Status" for d in details) else "Story updated"
    return Entry(
        "article",
        row,
        title,
        details=details,
        body=row.status_note if details and details[0][0] == "Status" else "",
    )


def _text_entry(row, budget: DiffBudget) -> Entry:
    where = f"paragraph {row.paragraph + 1}, sentence {row.position + 1}"
    if row.history_type == "+":
        return Entry("text", row, f"Added a sentence ({where})", budget.diff("", row.text))
    if row.history_type == "-":
        return Entry("text", row, f"Removed a sentence ({where})", budget.diff(row.text, ""))
    if (row.history_change_reason or "").startswith(MOVED_PREFIX):
        before = (
            f"paragraph {(row.prev_paragraph or 0) + 1}, sentence {(row.prev_position or 0) + 1}"
        )
        if row.prev_text == row.text:
            return Entry(
                "text", row, f"Moved a sentence ({before} → {where})", body=row.text, action="moved"
            )
        return Entry(
            "text",
            row,
            f"Moved and changed a sentence ({before} → {where})",
            budget.diff(row.prev_text or "", row.text),
            action="moved",
        )
    return Entry(
        "text", row, f"Changed a sentence ({where})", budget.diff(row.prev_text or "", row.text)
    )


def _flags_entry(row, budget: DiffBudget) -> Entry:
    name = f"flag #{row.number} ({row.kind.name if row.kind_id else 'flag'})"
    if row.history_type == "+":
        return Entry("flags", row, f"Raised {name} on “{row.quote[:80]}”", body=row.note)
    details = []
    for label, before, after in (
        ("Status", row.prev_status, row.status),
        ("Anchor", row.prev_anchor, row.anchor),
        ("Severity", row.prev_severity, row.severity),
        ("Note", row.prev_note, row.note),
        ("Suggestion", row.prev_suggestion, row.suggestion),
    ):
        if before is not None and before != after:
            details.append((label, before, after))
    verb = "Changed"
    if any(d[0] == "Status" for d in details):
        verb = {"resolved": "Resolved", "dismissed": "Dismissed", "open": "Reopened"}.get(
            row.status, verb
        )
    elif any(d[0] == "Anchor" for d in details):
        verb = "Re-anchored"
    elif (row.history_change_reason or "").startswith("re-anchored"):
        verb = "Moved"
    return Entry(
        "flags",
        row,
        f"{verb} {name}",
        details=details,
        body=row.resolution_note if verb in {"Resolved", "Dismissed"} else "",
    )


def _comments_entry(row, budget: DiffBudget) -> Entry:
    gone = getattr(row, "now_deleted", False)
    if row.history_type == "+":
        body = "(comment since deleted by its author)" if gone else row.body
        # A reply brought in from Word is by its Word author, not by who brought it in.
        by = f" for {row.author_name} (from Word)" if row.author_name else ""
        return Entry("comments", row, f"Commented on flag #{row.flag_number}{by}", body=body)
    if row.deleted_at and not row.prev_deleted_at:
        return Entry("comments", row, f"Deleted a comment on flag #{row.flag_number}")
    if gone:
        return Entry("comments", row, f"Edited a comment on flag #{row.flag_number}")
    return Entry(
        "comments",
        row,
        f"Edited a comment on flag #{row.flag_number}",
        budget.diff(row.prev_body or "", row.body),
    )


_FACT_STATUS = dict(StoryFact.Status.choices)


def _facts_entry(row, budget: DiffBudget) -> Entry:
    name = f"fact {row.number} ({row.label[:80]})"
    details = []
    for label, before, after in (
        ("Status", _FACT_STATUS.get(row.prev_status, ""), _FACT_STATUS.get(row.status, "")),
        ("Source", row.prev_source, row.source),
    ):
        if before is not None and before != after:
            details.append((label, before, after))
    if row.prev_anchor != row.anchor:
        verb = "Words gone for" if row.anchor == StoryFact.Anchor.GONE else "Words back for"
    else:
        verb = {
            StoryFact.Status.VERIFIED: "Verified",
            StoryFact.Status.WRONG: "Marked wrong",
            StoryFact.Status.UNCHECKED: "Reset",
        }.get(row.status, "Changed")
    flag = f" (flag #{row.flag.number})" if verb == "Marked wrong" and row.flag_id else ""
    return Entry("facts", row, f"{verb} {name}{flag}", details=details, body=row.note)


# How each source's history row reads on the timeline (the keys of `_annotated`).
_ENTRIES = {
    "article": _article_entry,
    "text": _text_entry,
    "flags": _flags_entry,
    "comments": _comments_entry,
    "facts": _facts_entry,
}


def sentence_versions(sentence_id: int) -> list:
    """Every version of one sentence, newest first (for its revert menu)."""
    return list(
        Sentence.history.filter(id=sentence_id)
        .exclude(history_type="-")
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
