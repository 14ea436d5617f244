"""Reads for the review page: the story, its flags, their counts, one thread.

The page costs a fixed number of queries whatever the story's size: the article, its sentences,
its flags (with kind and people joined, comment counts as a subquery), the active kinds, the
people who can be assigned, and the change token. Highlights and counts are computed in Python
from the one list of flags.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from review.models import Article, Comment, Flag, FlagKind, Sentence
from review.params import parse_id
from review.text.paragraphs import by_paragraph

ASSIGNEE_ME, ASSIGNEE_NONE = "me", "none"
ORIGIN_EDITOR, ORIGIN_AUTO = "editor", "auto"


@dataclass
class ReviewFilters:
    """The side panel's filters, read from the query string; unknown values are ignored."""

    kind: str = ""
    status: str = ""
    assignee: str = ""
    origin: str = ""

    @classmethod
    def from_query(cls, query) -> ReviewFilters:
        status = query.get("status", "")
        origin = query.get("origin", "")
        assignee = query.get("assignee", "")
        if assignee not in (ASSIGNEE_ME, ASSIGNEE_NONE) and parse_id(assignee) is None:
            assignee = ""
        return cls(
            kind=query.get("kind", "")[:50],
            status=status if status in Flag.Status.values else "",
            assignee=assignee,
            origin=origin if origin in (ORIGIN_EDITOR, ORIGIN_AUTO) else "",
        )

    @property
    def active(self) -> bool:
        return bool(self.kind or self.status or self.assignee or self.origin)

    def as_query(self) -> str:
        return urlencode({k: v for k, v in vars(self).items() if v})

    def matches(self, flag: Flag, user) -> bool:
        if self.kind and flag.kind.slug != self.kind:
            return False
        if self.status and flag.status != self.status:
            return False
        if self.origin and (flag.is_auto != (self.origin == ORIGIN_AUTO)):
            return False
        if self.assignee == ASSIGNEE_ME:
            return flag.assignee_id == user.pk
        if self.assignee == ASSIGNEE_NONE:
            return flag.assignee_id is None
        if self.assignee:
            return str(flag.assignee_id) == self.assignee
        return True


@dataclass
class KindCount:
    kind: FlagKind
    open: int = 0
    total: int = 0


@dataclass
class ReviewPage:
    article: Article
    sentences: list[Sentence]
    flags: list[Flag]
    listed: list[Flag]
    kinds: list[FlagKind]
    assignees: list
    filters: ReviewFilters
    token: str
    status_counts: dict[str, int] = field(default_factory=dict)
    kind_counts: list[KindCount] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[list[Sentence]]:
        return by_paragraph(self.sentences)

    @property
    def total(self) -> int:
        return len(self.flags)

    @property
    def bar(self) -> list[tuple[str, int, float]]:
        total = self.total
        return [
            (status, self.status_counts[status], 100 * self.status_counts[status] / total)
            for status in Flag.Status.values
            if total and self.status_counts[status]
        ]

    def sentence(self, pk: int) -> Sentence | None:
        return next((s for s in self.sentences if s.pk == pk), None)


def flags_for_page(article: Article) -> QuerySet[Flag]:
    live_comments = (
        Comment.objects.filter(flag=OuterRef("pk"), deleted_at__isnull=True)
        .order_by()
        .values("flag")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Flag.objects.filter(article=article)
        .select_related("kind", "assignee", "created_by", "resolved_by")
        .annotate(
            comment_count=Coalesce(Subquery(live_comments, output_field=IntegerField()), Value(0))
        )
        .order_by("sentence__position", "start", "pk")
    )


def assignable_users() -> QuerySet:
    """Active users who may work on flags (through a role, a direct permission, or superuser)."""
    perm = {"codename": "add_flag", "content_type__app_label": "review"}
    can = (
        Q(**{f"groups__permissions__{k}": v for k, v in perm.items()})
        | Q(**{f"user_permissions__{k}": v for k, v in perm.items()})
        | Q(is_superuser=True)
    )
    return get_user_model().objects.filter(can, is_active=True).distinct().order_by("username")


def changes_token(article: Article) -> str:
    """A short string that changes whenever a flag or comment of the article is added, changed
    or deleted (one aggregate query); the page polls with it and gets 204 while it holds."""
    agg = Flag.objects.filter(article=article).aggregate(
        n_flags=Count("pk", distinct=True),
        n_comments=Count("comments", distinct=True),
        flag_at=Max("updated_at"),
        comment_at=Max("comments__updated_at"),
    )
    stamps = [t for t in (agg["flag_at"], agg["comment_at"]) if t is not None]
    micros = int(max(stamps).timestamp() * 1_000_000) if stamps else 0
    return f"{agg['n_flags']}.{agg['n_comments']}.{micros}"


def token_time(token: str) -> datetime | None:
    """The moment a token was taken, or None for a token this code did not make."""
    try:
        micros = int(token.rsplit(".", 1)[1])
        return datetime.fromtimestamp(micros / 1_000_000, tz=UTC)
    except (IndexError, ValueError, OverflowError, OSError):
        return None  # not ours, or a moment no calendar holds


def sentences_changed_since(article: Article, since: datetime | None) -> set[int]:
    """Sentences whose flags changed after `since` (all flagged sentences when unknown)."""
    qs = Flag.objects.filter(article=article, sentence__isnull=False)
    if since is not None:
        qs = qs.filter(Q(updated_at__gt=since) | Q(comments__updated_at__gt=since))
    return set(qs.values_list("sentence_id", flat=True).distinct())


def review_page(*, article: Article, user, filters: ReviewFilters | None = None) -> ReviewPage:
    """Everything the review page shows, in a fixed number of queries."""
    filters = filters or ReviewFilters()
    sentences = list(article.sentences.order_by("position"))
    flags = list(flags_for_page(article))
    listed = [flag for flag in flags if filters.matches(flag, user)]

    by_sentence: dict[int, list[Flag]] = defaultdict(list)
    for flag in listed:
        if flag.sentence_id is not None:
            by_sentence[flag.sentence_id].append(flag)
    for sentence in sentences:
        sentence.page_flags = by_sentence.get(sentence.pk, [])
        sentence.open_count = sum(f.status == Flag.Status.OPEN for f in sentence.page_flags)

    kinds = list(FlagKind.objects.filter(active=True))
    status_counts = Counter(flag.status for flag in flags)
    kind_counts: dict[int, KindCount] = {k.pk: KindCount(k) for k in kinds}
    for flag in flags:
        entry = kind_counts.setdefault(flag.kind_id, KindCount(flag.kind))
        entry.total += 1
        entry.open += flag.status == Flag.Status.OPEN
    return ReviewPage(
        article=article,
        sentences=sentences,
        flags=flags,
        listed=listed,
        kinds=kinds,
        assignees=list(assignable_users()),
        filters=filters,
        token=changes_token(article),
        status_counts={status: status_counts.get(status, 0) for status in Flag.Status.values},
        kind_counts=[entry for entry in kind_counts.values() if entry.total or entry.kind.active],
    )


def thread(flag: Flag) -> list[Comment]:
    """A flag's comments in order, authors joined (one query)."""
    return list(flag.comments.select_related("author").order_by("created_at", "pk"))


def flag_for_thread(pk: int) -> Flag:
    return Flag.objects.select_related(
        "article", "sentence", "kind", "assignee", "created_by", "resolved_by"
    ).get(pk=pk)
