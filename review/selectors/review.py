"""Reads for the review page: the story, its flags, their counts, one thread.

The page costs a fixed number of queries whatever the story's size: the article, its sentences,
its flags (with kind and people joined, comment counts as a subquery), the active kinds, the
people who can be assigned, and the change token. Highlights and counts are computed in Python
from the one list of flags.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from review.constants import ORIGIN_CHECK_PREFIX
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
    section: int = 0  # a long story's page section (0: not asked); kept in every link

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
            section=min(parse_id(query.get("section")) or 0, 1_000_000),
        )

    @property
    def active(self) -> bool:
        """Whether the filters narrow the list (the section is where, not what)."""
        return bool(self.kind or self.status or self.assignee or self.origin)

    def as_query(self) -> str:
        return urlencode({k: v for k, v in vars(self).items() if v})

    def with_section(self, number: int) -> ReviewFilters:
        return replace(self, section=number)

    def q(self, user) -> Q:
        """The flags these filters show, as a condition on Flag (so the page, its counts and
        the changes since a poll select the same flags in the database)."""
        q = Q()
        if self.kind:
            q &= Q(kind__slug=self.kind)
        if self.status:
            q &= Q(status=self.status)
        if self.origin:
            auto = Q(origin__startswith=ORIGIN_CHECK_PREFIX)
            q &= auto if self.origin == ORIGIN_AUTO else ~auto
        if self.assignee == ASSIGNEE_ME:
            q &= Q(assignee_id=user.pk)
        elif self.assignee == ASSIGNEE_NONE:
            q &= Q(assignee__isnull=True)
        elif self.assignee:
            q &= Q(assignee_id=int(self.assignee))
        return q


@dataclass
class KindCount:
    kind: FlagKind
    open: int = 0
    total: int = 0


@dataclass
class Counts:
    """The story's counts (every flag, whatever the filters and the section) and how many
    flags the panel lists (`listed`, of `in_scope`: the section's flags, or the story's)."""

    status_counts: dict[str, int]
    kind_counts: list[KindCount]
    listed: int = 0
    in_scope: int = 0

    @property
    def total(self) -> int:
        return sum(self.status_counts.values())

    @property
    def bar(self) -> list[tuple[str, int, float]]:
        total = self.total
        return [
            (status, self.status_counts[status], 100 * self.status_counts[status] / total)
            for status in Flag.Status.values
            if total and self.status_counts[status]
        ]


@dataclass(frozen=True)
class Section:
    """A run of `SECTION_PARAGRAPHS` paragraphs: a long story's page shows one at a time."""

    number: int  # from 1
    count: int  # how many the story has

    @property
    def first_paragraph(self) -> int:
        return (self.number - 1) * SECTION_PARAGRAPHS

    @property
    def many(self) -> bool:
        return self.count > 1

    @property
    def numbers(self) -> range:
        return range(1, self.count + 1)

    def q(self, prefix: str = "") -> Q:
        """Rows of this section (`prefix` "sentence__" for flags); everything for one."""
        if not self.many:
            return Q()
        lo = self.first_paragraph
        return Q(
            **{f"{prefix}paragraph__gte": lo, f"{prefix}paragraph__lt": lo + SECTION_PARAGRAPHS}
        )


SECTION_PARAGRAPHS = 300


def section_of_paragraph(paragraph: int) -> int:
    return paragraph // SECTION_PARAGRAPHS + 1


@dataclass
class ReviewPage:
    article: Article
    sentences: list[Sentence]
    flags: list[Flag]  # the section's flags and every detached one, whatever the filters
    listed: list[Flag]  # those the filters show, in text order
    kinds: list[FlagKind]
    assignees: list
    filters: ReviewFilters
    token: str
    counts: Counts
    section: Section = field(default_factory=lambda: Section(1, 1))

    @property
    def paragraphs(self) -> list[list[Sentence]]:
        return by_paragraph(self.sentences)

    @property
    def total(self) -> int:
        return self.counts.total

    @property
    def status_counts(self) -> dict[str, int]:
        return self.counts.status_counts


def flags_for_page(article: Article) -> QuerySet[Flag]:
    """The article's flags as the panel lists them: in text order (a whole-sentence flag first
    on both databases), with what a row shows joined or annotated."""
    live_comments = (
        Comment.objects.filter(flag=OuterRef("pk"), deleted_at__isnull=True)
        .order_by()
        .values("flag")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # A row names its author and assignee (decorate_rows): their usernames, not their whole
    # rows (a third of the query's columns and three model objects per flag otherwise).
    username = get_user_model().USERNAME_FIELD
    return (
        Flag.objects.filter(article=article)
        .select_related("kind")
        .annotate(
            comment_count=Coalesce(Subquery(live_comments, output_field=IntegerField()), Value(0)),
            sentence_position=F("sentence__position"),
            sentence_paragraph=F("sentence__paragraph"),
            created_by_name=F(f"created_by__{username}"),
            assignee_name=F(f"assignee__{username}"),
        )
        .order_by("sentence__position", F("start").asc(nulls_first=True), "pk")
    )


def counts(
    article: Article, *, user, filters: ReviewFilters, section: Section, kinds: list[FlagKind]
) -> Counts:
    """The story's counts by status and kind, and the panel's listed / in-scope numbers: one
    query grouped by kind and status (`kinds`, the active ones, show even without flags)."""
    scope = (section.q("sentence__") | Q(sentence__isnull=True)) if section.many else Q()
    rows = (
        Flag.objects.filter(article=article)
        .order_by()
        .values("kind_id", "kind__name", "kind__slug", "kind__colour", "status")
        .annotate(
            n=Count("pk"),
            n_scope=Count("pk", filter=scope) if section.many else Count("pk"),
            n_shown=Count("pk", filter=scope & filters.q(user))
            if filters.active or section.many
            else Count("pk"),
        )
    )
    status_counts = dict.fromkeys(Flag.Status.values, 0)
    by_kind = {kind.pk: KindCount(kind) for kind in kinds}
    listed = in_scope = 0
    for row in rows:
        status_counts[row["status"]] = status_counts.get(row["status"], 0) + row["n"]
        listed += row["n_shown"]
        in_scope += row["n_scope"]
        entry = by_kind.get(row["kind_id"])
        if entry is None:  # an inactive kind that still has flags
            kind = FlagKind(
                pk=row["kind_id"],
                name=row["kind__name"],
                slug=row["kind__slug"],
                colour=row["kind__colour"],
                active=False,
            )
            entry = by_kind[kind.pk] = KindCount(kind)
        entry.total += row["n"]
        entry.open += row["n"] if row["status"] == Flag.Status.OPEN else 0
    return Counts(status_counts, list(by_kind.values()), listed=listed, in_scope=in_scope)


def assignable_users() -> QuerySet:
    """Active users who may work on flags (through a role, a direct permission, or superuser)."""
    user_model = get_user_model()
    perm = Permission.objects.filter(codename="add_flag", content_type__app_label="review")
    # Subqueries, not joins: no DISTINCT over every user's groups and permissions (which on
    # PostgreSQL cost more to plan than to run).
    by_role = user_model.groups.through.objects.filter(group__permissions__in=perm)
    by_grant = user_model.user_permissions.through.objects.filter(permission__in=perm)
    can = (
        Q(pk__in=by_role.values("user_id"))
        | Q(pk__in=by_grant.values("user_id"))
        | Q(is_superuser=True)
    )
    return user_model.objects.filter(can, is_active=True).order_by("username")


def with_page_flags(sentences: list[Sentence], listed: list[Flag]) -> None:
    """Give each sentence the listed flags on it (its highlights) and its open count."""
    by_sentence: dict[int, list[Flag]] = defaultdict(list)
    for flag in listed:
        if flag.sentence_id is not None:
            by_sentence[flag.sentence_id].append(flag)
    for sentence in sentences:
        sentence.page_flags = by_sentence.get(sentence.pk, [])
        sentence.open_count = sum(f.status == Flag.Status.OPEN for f in sentence.page_flags)


def review_page(
    *,
    article: Article,
    user,
    filters: ReviewFilters | None = None,
    section: Section | None = None,
    token: str = "",
) -> ReviewPage:
    """Everything the review page shows, in a fixed number of queries. A long story shows
    one `section` of it; the counts are always the whole story's. `token` is the page's
    change cursor (review.selectors.changes.page_state)."""
    filters = filters or ReviewFilters()
    section = section or Section(1, 1)
    sentences = list(article.sentences.filter(section.q()).order_by("position"))
    rows = flags_for_page(article)
    if section.many:
        rows = rows.filter(section.q("sentence__") | Q(sentence__isnull=True))
    if filters.active:
        rows = rows.annotate(listed=ExpressionWrapper(filters.q(user), BooleanField()))
    flags = list(rows)
    listed = [flag for flag in flags if getattr(flag, "listed", True)]
    with_page_flags(sentences, listed)
    kinds = list(FlagKind.objects.filter(active=True))
    return ReviewPage(
        article=article,
        sentences=sentences,
        flags=flags,
        listed=listed,
        kinds=kinds,
        assignees=list(assignable_users()),
        filters=filters,
        token=token,
        counts=counts(article, user=user, filters=filters, section=section, kinds=kinds),
        section=section,
    )


def thread(flag: Flag) -> list[Comment]:
    """A flag's comments in order, authors joined (one query)."""
    return list(flag.comments.select_related("author").order_by("created_at", "pk"))


def flags_for_thread() -> QuerySet[Flag]:
    """Flags with what a thread shows joined, their story without its imported text
    (megabytes for a long story; no page reads it)."""
    return Flag.objects.select_related(
        "article", "sentence", "kind", "assignee", "created_by", "resolved_by"
    ).defer("article__original_text")


def flag_for_thread(pk: int) -> Flag:
    return flags_for_thread().get(pk=pk)
