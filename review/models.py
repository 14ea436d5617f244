"""The review desk's data: articles as sentences, flags on them, threads, the names registry.

Every model keeps django-simple-history records. Writes go through `review.services`; the
querysets here refuse `update()` because it would change rows without leaving history.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from simple_history.models import HistoricalRecords

from review.constants import DEFAULT_COLOUR, ORIGIN_CHECK_PREFIX, ORIGIN_CONFLICT, ORIGIN_EDITOR
from review.text import spans

_bulk_update_allowed: ContextVar[bool] = ContextVar("bulk_update_allowed", default=False)


class HistoryBypassError(RuntimeError):
    """Raised when code tries to write tracked rows without leaving history."""


@contextmanager
def _allow_queryset_update():
    token = _bulk_update_allowed.set(True)
    try:
        yield
    finally:
        _bulk_update_allowed.reset(token)


class TrackedQuerySet(models.QuerySet):
    """A queryset whose `update()` raises: it would skip simple-history.

    `bulk_update()` is allowed because `bulk_update_with_history` calls it and writes the
    history rows itself; Django implements it with `update()`, hence the context flag.
    """

    def update(self, **kwargs):
        if not _bulk_update_allowed.get():
            raise HistoryBypassError(
                f"{self.model.__name__}.objects.update() writes no history; "
                "change rows through a service (save() or bulk_update_with_history)."
            )
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        objs = tuple(objs)
        with _allow_queryset_update():
            columns = _plain_update_fields(self.model, objs, fields)
            if columns is None:
                return super().bulk_update(objs, fields, batch_size=batch_size)
            # A handful of rows (an edit moves one sentence and the flags on it): one plain
            # UPDATE each. Django's bulk_update writes one UPDATE with a CASE per field,
            # whose building cost ten times the statements here (2 ms against 0.2 ms a row).
            with transaction.atomic(using=self.db, savepoint=False):
                return sum(
                    self.filter(pk=obj.pk).update(
                        **{f.attname: getattr(obj, f.attname) for f in columns}
                    )
                    for obj in objs
                )


# Up to this many rows, bulk_update() writes one plain UPDATE per row (see above).
FEW_ROWS = 8


def _plain_update_fields(model, objs, fields) -> list | None:
    """The fields to write row by row, or None where Django's bulk_update should run (many
    rows, or anything it would refuse, so that it raises its own error)."""
    if not 0 < len(objs) <= FEW_ROWS or not fields or any(obj.pk is None for obj in objs):
        return None
    columns = [model._meta.get_field(name) for name in fields]
    if any(not f.concrete or f.primary_key or f.many_to_many for f in columns):
        return None
    return columns


TrackedManager = models.Manager.from_queryset(TrackedQuerySet)


class ArticleManager(TrackedManager):
    """Stories without the text as imported: only the admin and the import read it, and a
    5 MB story's would otherwise be read by every request and written back by every edit
    (reading it when asked for costs one query)."""

    def get_queryset(self):
        return super().get_queryset().defer("original_text")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    source_name = models.CharField(
        max_length=300, blank=True, help_text="Where the text came from, e.g. the file name."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(
        default=1, help_text="Goes up by one with every change to the text."
    )
    original_text = models.TextField(help_text="The text exactly as imported; never changed.")
    status_note = models.TextField(blank=True, help_text="Note given with the last transition.")
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_created",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleManager()
    # The imported text never changes: a copy in every history row would make each edit of a
    # long story write it again (simple-history fills it from the story when a row is read).
    history = HistoricalRecords(excluded_fields=["original_text"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        # A sentence's or a flag's story (`flag.article`) comes without its imported text too.
        base_manager_name = "objects"
        permissions = [
            ("approve_article", "Can approve and publish articles"),
            ("override_blockers", "Can approve or publish despite open blocker flags"),
            ("import_article", "Can import and re-import articles"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("review:article_detail", args=[self.slug])


class Sentence(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sentences")
    paragraph = models.PositiveIntegerField(help_text="The paragraph's index in the article.")
    position = models.PositiveIntegerField(help_text="The sentence's index in the whole article.")
    text = models.TextField()
    separator = models.TextField(blank=True, help_text="The whitespace that follows the sentence.")
    version = models.PositiveIntegerField(default=1)

    objects = TrackedManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="sentence_unique_position")
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def anchor_id(self) -> str:
        return f"s-{self.pk}"


class FlagKind(models.Model):
    class Severity(models.TextChoices):
        BLOCKER = "blocker", "Blocker"
        MAJOR = "major", "Major"
        MINOR = "minor", "Minor"

    FIXED_SLUGS = ("name-spelling", "unverified-claim", "dangling-text", "style", "other")

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    colour = models.CharField(max_length=7, default=DEFAULT_COLOUR, help_text="A #rrggbb colour.")
    default_severity = models.CharField(
        max_length=10, choices=Severity.choices, default=Severity.MINOR
    )
    active = models.BooleanField(default=True)
    order = models.PositiveIntegerField(default=100)

    objects = TrackedManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


# What a flag's stored span has wrong (spans.stored_span_problem), said to the person.
SPAN_PROBLEMS = {
    "half": "Give both the start and the end of the flagged words, or neither to flag the "
    "whole sentence.",
    "order": "The flagged words must start before they end (characters %(start)s to "
    "%(end)s); select the words again.",
    "outside": "The flagged words (characters %(start)s to %(end)s) are not inside the "
    "sentence (%(length)s characters); select the words again.",
}


class Flag(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"
        DISMISSED = "dismissed", "Dismissed"

    class Anchor(models.TextChoices):
        ATTACHED = "attached", "Attached"
        OUTDATED = "outdated", "Outdated (its words changed)"
        ORPHANED = "orphaned", "Orphaned (its words are gone)"

    Severity = FlagKind.Severity

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="flags")
    number = models.PositiveIntegerField(
        editable=False,
        help_text="The flag's number in its story (#1, #2… in the order raised, never reused); "
        "the page, the history, workflow messages and every export cite it.",
    )
    sentence = models.ForeignKey(
        Sentence,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="flags",
        help_text="Empty once the sentence is gone (the flag is then orphaned, never deleted).",
    )
    kind = models.ForeignKey(FlagKind, on_delete=models.PROTECT, related_name="flags")
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    quote = models.TextField(blank=True, help_text="The exact flagged words at creation.")
    prefix = models.CharField(max_length=64, blank=True, help_text="Text just before the quote.")
    suffix = models.CharField(max_length=64, blank=True, help_text="Text just after the quote.")
    anchor = models.CharField(max_length=10, choices=Anchor.choices, default=Anchor.ATTACHED)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.MINOR)
    note = models.TextField(blank=True)
    suggestion = models.TextField(blank=True, help_text="Replacement text for the flagged words.")
    origin = models.CharField(
        max_length=100,
        default=ORIGIN_EDITOR,
        help_text="'editor', 'conflict' (the unsaved text of an edit conflict) or "
        "'check:<rule-id>'.",
    )
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="flags_assigned",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="flags_created",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="flags_resolved",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.TextField(blank=True)
    evidence = models.TextField(blank=True, help_text="A source URL or text backing the fix.")

    objects = TrackedManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "sentence__position", "start", "pk"]
        indexes = [models.Index(fields=["article", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="flag_unique_number")
        ]

    def __str__(self) -> str:
        return f"#{self.number} {self.kind_id}: {self.quote[:60]}"

    def save(self, *args, **kwargs):
        if self.number is None:
            self.number = self.next_numbers(self.article_id)[0]
        super().save(*args, **kwargs)

    def get_absolute_url(
        self, *, query: str = "", fragment: str = "thread", article_url: str = ""
    ) -> str:
        """The review page with this flag's thread open.

        `query` keeps the side panel's filters (already encoded), `fragment` is where the
        page scrolls ("" for nowhere), and `article_url` saves reading `self.article` where
        the caller has it (the review page prints a link per flag).
        """
        base = article_url or self.article.get_absolute_url()
        url = f"{base}?{query}{'&' if query else ''}flag={self.pk}"
        return f"{url}#{fragment}" if fragment else url

    @classmethod
    def next_numbers(cls, article_id: int, count: int = 1) -> range:
        """The next `count` free numbers of a story's flags.

        Numbers are never reused because flags are never deleted. Callers hold the article's
        row lock (every service that raises flags takes it first), so two writers cannot
        draw the same number; the unique constraint backs that up.
        """
        last = cls.objects.filter(article_id=article_id).aggregate(n=models.Max("number"))["n"]
        first = (last or 0) + 1
        return range(first, first + count)

    @property
    def label(self) -> str:
        """How people cite the flag: "#12"."""
        return f"#{self.number}"

    def clean(self) -> None:
        """A flag points at words that exist: a sentence of its own article, a span inside it.

        The errors are not tied to a field: the admin's form shows the sentence and the span
        read-only, and a ModelForm refuses an error keyed on a field it does not have.
        """
        sentence = None
        if self.sentence_id is not None:
            try:
                sentence = self.sentence
            except Sentence.DoesNotExist:
                raise ValidationError(
                    "The flagged sentence no longer exists; reload the story and flag the "
                    "words where they are now.",
                    code="sentence_gone",
                ) from None
            if self.article_id is not None and sentence.article_id != self.article_id:
                raise ValidationError(
                    "The flagged sentence belongs to another story; a flag must stay on a "
                    "sentence of its own story.",
                    code="sentence_article",
                )
        # The span rules' one home decides (an outdated flag's span only says where its
        # words were: pages and exports fall back to the whole sentence when it no longer
        # fits, and refusing it would stop editors resolving or dismissing the flag).
        text = sentence.text if sentence is not None else None
        problem = spans.stored_span_problem(text, self.start, self.end, self.anchor)
        if problem is not None:
            raise ValidationError(
                SPAN_PROBLEMS[problem], code="span", params=self._span_params(text)
            )

    def _span_params(self, text: str | None) -> dict:
        return {"start": self.start, "end": self.end, "length": len(text or "")}

    @property
    def words_state(self) -> str:
        """Attached, outdated or orphaned, worked out from its sentence's text now (never
        trusted from `anchor`): a flag never sits silently on other words."""
        text = self.sentence.text if self.sentence_id is not None else None
        return spans.state_of(text, self.start, self.end, self.quote)

    @property
    def words_now(self) -> str:
        """The words it covers now (its quote, unless outdated); empty when detached."""
        if self.sentence_id is None:
            return ""
        text = self.sentence.text
        where = spans.shown(text, self.start, self.end, self.quote)
        return text[where.start : where.end] if where.visible else ""

    @property
    def is_auto(self) -> bool:
        return self.origin.startswith(ORIGIN_CHECK_PREFIX)

    @property
    def is_conflict(self) -> bool:
        """An edit conflict's record: the text that lost the race, kept as the suggestion."""
        return self.origin == ORIGIN_CONFLICT

    @property
    def rule_id(self) -> str:
        return self.origin.removeprefix(ORIGIN_CHECK_PREFIX) if self.is_auto else ""

    @property
    def anchor_id(self) -> str:
        return f"f-{self.pk}"


class Comment(models.Model):
    flag = models.ForeignKey(Flag, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,  # a reply from Word by someone with no desk account: see author_name
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    author_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who wrote it when they are not a desk user: a reporter answering in Word "
        "(empty for the desk's own comments, whose author is the user).",
    )
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Set when the author deletes it; the thread shows a marker.",
    )

    objects = TrackedManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["flag", "created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def author_label(self) -> str:
        """The name a thread shows: the desk user's, else the outside author's (from Word)."""
        if self.author is not None:
            return self.author.get_full_name() or self.author.get_username()
        return self.author_name


class Name(models.Model):
    """A verified spelling in the names registry, trusted in every article."""

    full_name = models.CharField(max_length=200, unique=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    objects = TrackedManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name


class CheckRule(models.Model):
    """The stored on/off switch of one automatic check (rules themselves live in code)."""

    rule_id = models.CharField(max_length=100, unique=True)
    enabled = models.BooleanField(default=True)
    note = models.TextField(blank=True, help_text="Why the rule was switched off or on.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrackedManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["rule_id"]

    def __str__(self) -> str:
        return self.rule_id


class Notification(models.Model):
    class Reason(models.TextChoices):
        MENTION = "mention", "Mentioned"
        ASSIGNED = "assigned", "Assigned"
        CONFLICT = "conflict", "Your text lost an edit conflict"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    flag = models.ForeignKey(Flag, on_delete=models.CASCADE, related_name="notifications")
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    reason = models.CharField(max_length=10, choices=Reason.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = TrackedManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} → {self.recipient}"


class ReporterAnswer(models.Model):
    """One answer from a reporter's Word file that the desk applied: the round trip's ledger.

    Each reply, "done" mark, accepted or rejected tracked change, new comment and text edit
    read from an uploaded .docx has a key made from what it is (its author, date, words and
    the flag it answers); an answer whose key is here was applied before and is skipped, so
    uploading the same file twice applies nothing twice.
    """

    class Kind(models.TextChoices):
        REPLY = "reply", "Reply"
        DONE = "done", "Marked done"
        ACCEPTED = "accepted", "Tracked change accepted"
        REJECTED = "rejected", "Tracked change rejected"
        COMMENT = "comment", "New comment"
        EDIT = "edit", "Text edit"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="answers")
    key = models.CharField(max_length=64, help_text="sha256 of what the answer is.")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    flag = models.ForeignKey(
        Flag, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers"
    )
    author_name = models.CharField(max_length=200, blank=True, help_text="The Word author.")
    summary = models.CharField(max_length=300, blank=True, help_text="What was applied.")
    file_name = models.CharField(max_length=300, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_at = models.DateTimeField()

    objects = TrackedManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "applied_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["article", "key"], name="answer_unique_key")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.summary[:60]}"


class StoryFact(models.Model):
    """One checkable fact of a story on its worksheet: words a fact-checker ticks off.

    The automatic checks extract the facts (review.checks.facts, pure) and
    `review.services.facts.facts_sync` keeps these rows in step with the text: a fact whose
    words survive keeps its status, one whose words are gone is kept and shown as gone, never
    deleted. Marking a fact wrong raises a flag, linked here.
    """

    class Status(models.TextChoices):
        UNCHECKED = "unchecked", "Unchecked"
        VERIFIED = "verified", "Verified"
        WRONG = "wrong", "Wrong"

    class Anchor(models.TextChoices):
        ATTACHED = "attached", "In the story"
        GONE = "gone", "Gone (its words are no longer in the story)"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="facts")
    number = models.PositiveIntegerField(
        editable=False,
        help_text="The fact's number on the story's worksheet (1, 2… in the order found, "
        "never reused); the page, the history and the exports cite it.",
    )
    sentence = models.ForeignKey(
        Sentence,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facts",
        help_text="Empty once the sentence is gone (the fact is kept, shown as gone).",
    )
    start = models.PositiveIntegerField(help_text="Where the words start in the sentence.")
    end = models.PositiveIntegerField(help_text="Where they end.")
    quote = models.TextField(help_text="The exact words, as last found in the story.")
    kind = models.CharField(max_length=20, help_text="money, percent, count, date, person…")
    label = models.CharField(max_length=300, help_text="The worksheet's line for the fact.")
    detail = models.CharField(
        max_length=300, blank=True, help_text="Who or what it is about: a role, a speaker."
    )
    fingerprint = models.CharField(
        max_length=64, help_text="Its identity: kind, words and sentence (see checks.facts)."
    )
    anchor_print = models.CharField(
        max_length=64,
        blank=True,
        help_text="A looser identity (kind, words, which occurrence) that survives an edit "
        "elsewhere in its sentence.",
    )
    anchor = models.CharField(max_length=10, choices=Anchor.choices, default=Anchor.ATTACHED)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UNCHECKED)
    source = models.TextField(blank=True, help_text="Where it was verified: a URL or text.")
    note = models.TextField(blank=True, help_text="What is wrong with it, when marked wrong.")
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    flag = models.ForeignKey(
        Flag,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facts",
        help_text="The flag raised when the fact was marked wrong.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrackedManager()
    # The identities and timestamps are the sync's bookkeeping (history_date says when);
    # leaving them out of the history makes a big story's first worksheet cheaper to write.
    history = HistoricalRecords(
        excluded_fields=["fingerprint", "anchor_print", "created_at", "updated_at"]
    )

    class Meta:
        ordering = ["article", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="fact_unique_number"),
            models.UniqueConstraint(
                fields=["article", "fingerprint"], name="fact_unique_fingerprint"
            ),
        ]

    def __str__(self) -> str:
        return f"Fact {self.number}: {self.label[:60]}"

    @property
    def is_gone(self) -> bool:
        return self.anchor == self.Anchor.GONE or self.sentence_id is None

    @property
    def anchor_id(self) -> str:
        return f"fact-{self.number}"


# Background jobs live in their own module; imported here so Django finds the model.
from review.jobs.models import Job  # noqa: E402, F401
