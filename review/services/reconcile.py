"""Checks follow the text: matching what the automatic checks find with the flags they raised.

One matching for every run: "Re-run checks" (services.checks.checks_run) and the step every
text change ends with (`text_changed`: an edit, an accepted suggestion, a revert, an uploaded
revision, the reporter's answers). A finding is the same problem as an automatic flag when

1. it has the flag's fingerprint (rule, sentence, words: services.checks.fingerprint); or
2. the flag sits on the finding's sentence now with the same rule and words (the words came
   back on a new sentence row, e.g. a revert restoring a removed line: its fingerprint names
   the old row, and stays as it was raised); or
3. the flag is outdated on the finding's sentence with the same rule, overlapping the words
   the finding names (an edit changed the flagged words and the check still fires there):
   it stays, outdated, keeping its original words, rather than a second flag beside it.

Then, per flag:

- matched and open: kept; matched and dismissed by an editor: stays dismissed;
- matched and resolved: reopened, "the problem is back", when the checks had closed it as
  no longer applying or its words had changed and are back (it is attached again); an
  editor's resolution of words that never changed stands;
- not matched, open, its rule asked: resolved "no longer applies";
- a finding matching nothing: a new open flag. Never a duplicate.

The whole story is checked each time: story-level rules (a first name after the full one,
contradicting figures) depend on sentences the change did not touch. On a 2,000-sentence
story that is ~200 ms of CPU (README, performance: `bench_reconcile`); a story longer than
REVIEW_BACKGROUND_SENTENCES is checked by a background job instead.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from review.checks import Finding
from review.constants import AUTOMATIC_REASON, ORIGIN_CHECK_PREFIX, PROBLEM_BACK
from review.models import Article, Flag, FlagKind
from review.text import spans

NO_LONGER_APPLIES = "no longer applies"
CLOSED_FIELDS = ["status", "resolved_by", "resolved_at", "resolution_note", "updated_at"]


@dataclass
class Reconciled:
    """What one matching did."""

    created: list[Flag] = field(default_factory=list)
    kept: int = 0
    closed: list[Flag] = field(default_factory=list)
    reopened: list[Flag] = field(default_factory=list)


def _words(quote: str) -> str:
    return " ".join(quote.split())


def _place_key(rule_id: str, sentence_id, start, quote: str, message: str) -> tuple:
    """Where a problem is: its rule, its sentence and its words (or, whole, its message)."""
    return rule_id, sentence_id, _words(quote) if start is not None else ("whole", message)


def _overlaps(flag: _Known, finding: Finding) -> bool:
    if flag.start is None or finding.start is None:
        return flag.start is None and finding.start is None
    return flag.start < finding.end and finding.start < flag.end


@dataclass(frozen=True, slots=True)
class _Known:
    """What the matching reads of an automatic flag: plain values, not a model instance (a
    long story has thousands; the few to write are then read whole, under lock)."""

    pk: int
    fingerprint: str
    origin: str
    sentence_id: int | None
    start: int | None
    end: int | None
    quote: str
    note: str
    anchor: str
    status: str
    resolution_note: str

    FIELDS = (
        "pk",
        "fingerprint",
        "origin",
        "sentence_id",
        "start",
        "end",
        "quote",
        "note",
        "anchor",
        "status",
        "resolution_note",
    )

    @property
    def rule_id(self) -> str:
        return self.origin.removeprefix(ORIGIN_CHECK_PREFIX)


def _known(article: Article) -> list[_Known]:
    rows = (
        Flag.objects.filter(article=article, origin__startswith=ORIGIN_CHECK_PREFIX)
        .exclude(fingerprint="")
        .order_by("pk")
        .values_list(*_Known.FIELDS)
    )
    return [_Known(*row) for row in rows]


class _Existing:
    """The article's automatic flags, looked up three ways, each matched at most once."""

    def __init__(self, flags: Iterable[_Known]):
        self.flags = list(flags)
        self.by_mark: dict[str, _Known] = {}
        self.by_place: dict[tuple, _Known] = {}
        self.outdated: dict[tuple[str, int], list[_Known]] = {}
        for flag in self.flags:
            self.by_mark.setdefault(flag.fingerprint, flag)
            if flag.sentence_id is None:
                continue
            key = _place_key(flag.rule_id, flag.sentence_id, flag.start, flag.quote, flag.note)
            self.by_place.setdefault(key, flag)
            if flag.anchor == Flag.Anchor.OUTDATED:
                self.outdated.setdefault((flag.rule_id, flag.sentence_id), []).append(flag)
        self.used: set[int] = set()

    def match(self, finding: Finding, mark: str) -> _Known | None:
        """The flag of this finding, if it has one."""
        flag = self.by_mark.get(mark)
        if flag is not None and flag.pk not in self.used:
            return self._take(flag)
        key = _place_key(
            finding.rule_id, finding.key, finding.start, finding.quote, finding.message
        )
        flag = self.by_place.get(key)
        if flag is not None and flag.pk not in self.used:
            return self._take(flag)
        for flag in self.outdated.get((finding.rule_id, finding.key), ()):
            if flag.pk not in self.used and _overlaps(flag, finding):
                return self._take(flag)
        return None

    def _take(self, flag: _Known) -> _Known:
        self.used.add(flag.pk)
        return flag


def _problem_back(flag: _Known, returned: Collection[int], texts: dict[int, str]) -> bool:
    """Whether a resolved flag matched by a finding is to be reopened."""
    if flag.status != Flag.Status.RESOLVED:
        return False  # open: nothing to do; dismissed: an editor's decision stays
    if flag.resolution_note == NO_LONGER_APPLIES:
        return True  # the checks closed it, the checks see it again
    text = texts.get(flag.sentence_id) if flag.sentence_id is not None else None
    return flag.pk in returned and spans.state_of(text, flag.start, flag.end, flag.quote) == (
        spans.ATTACHED
    )


def findings_reconcile(
    *,
    article: Article,
    findings: list[Finding],
    fingerprint,
    texts: dict[int, str],
    disabled: Collection[str],
    actor,
    returned: Collection[int] = (),
    when: datetime | None = None,
) -> Reconciled:
    """Match `findings` with the article's automatic flags (see the module docstring).

    Inside a transaction holding the article's row lock. `returned`: flags whose words the
    change just brought back (services.rewrite), so an editor's resolution of them reopens.
    `when`: the change's moment, so its flags' history rows are part of it on the timeline.
    """
    from review.services.flags import _mark_closed, _mark_open

    existing = _Existing(_known(article))
    kinds = {k.slug: k for k in FlagKind.objects.filter(slug__in={f.kind for f in findings})}
    out = Reconciled()
    now = when or timezone.now()
    seen: set[str] = set()
    back: list[int] = []
    for finding in findings:
        mark = fingerprint(finding)
        if mark in seen:
            continue
        seen.add(mark)
        flag = existing.match(finding, mark)
        if flag is None:
            out.created.append(_new_flag(article, finding, mark, kinds, texts, actor))
            continue
        out.kept += 1
        if _problem_back(flag, returned, texts):
            back.append(flag.pk)
    if out.created:
        numbers = Flag.next_numbers(article.pk, len(out.created))
        for flag, number in zip(out.created, numbers, strict=True):
            flag.number = number
        bulk_create_with_history(
            out.created,
            Flag,
            default_user=actor,
            default_change_reason=AUTOMATIC_REASON,
            default_date=now,
            batch_size=500,
        )
    # Locked and re-read, like the flags closed below: reopen only those still resolved.
    if back:
        out.reopened = list(
            Flag.objects.select_for_update()
            .filter(pk__in=back, status=Flag.Status.RESOLVED)
            .order_by("pk")
        )
    for flag in out.reopened:
        _mark_open(flag, when=now)
    if out.reopened:
        bulk_update_with_history(
            out.reopened,
            Flag,
            CLOSED_FIELDS,
            default_user=actor,
            default_change_reason=PROBLEM_BACK,
            default_date=now,
            batch_size=500,
        )

    candidates = [
        flag.pk
        for flag in existing.flags
        if flag.pk not in existing.used
        and flag.status == Flag.Status.OPEN
        and flag.rule_id not in disabled  # a switched-off rule was not asked
    ]
    # The flags were read without a lock, and closing a flag locks only the flag, so an
    # editor may have resolved or dismissed one since: lock them and close only those still
    # open, never overwriting the editor's decision with "no longer applies".
    if candidates:
        out.closed = list(
            Flag.objects.select_for_update()
            .filter(pk__in=candidates, status=Flag.Status.OPEN)
            .order_by("pk")
        )
    for flag in out.closed:
        _mark_closed(
            flag, status=Flag.Status.RESOLVED, actor=actor, when=now, note=NO_LONGER_APPLIES
        )
    if out.closed:
        bulk_update_with_history(
            out.closed,
            Flag,
            CLOSED_FIELDS,
            default_user=actor,
            default_change_reason=f"{AUTOMATIC_REASON}: {NO_LONGER_APPLIES}",
            default_date=now,
            batch_size=500,
        )
    return out


def _new_flag(article, finding: Finding, mark: str, kinds, texts, actor) -> Flag:
    prefix, suffix = spans.context_of(texts[finding.key], finding.start, finding.end)
    return Flag(
        article=article,
        sentence_id=finding.key,
        kind=kinds[finding.kind],
        start=finding.start,
        end=finding.end,
        quote=finding.quote,
        prefix=prefix,
        suffix=suffix,
        severity=finding.severity,
        note=finding.message,
        suggestion=finding.suggestion,
        origin=ORIGIN_CHECK_PREFIX + finding.rule_id,
        fingerprint=mark,
        created_by=None,  # the desk's checker; the history keeps who started the run
    )


def text_changed(*, article: Article, actor, rewrite):
    """The step every text change ends with: the checks run again and their flags follow.

    Inside the change's transaction, which holds the article's row lock; `rewrite` is what
    the change did (services.rewrite.Rewrite, or None for several changes at once): its
    flags' history rows join its moment on the timeline. Returns the run's CheckRunResult
    (services.checks), or None when the story is too long to check within the request
    (REVIEW_BACKGROUND_SENTENCES, as "Re-run checks"): a background job then runs the same
    matching once the change is committed.
    """
    from review.services.checks import checks_apply
    from review.services.jobs import is_big_story, job_start_checks

    if is_big_story(article):
        job_start_checks(article=article, actor=actor)
        return None

    return checks_apply(
        article=article,
        actor=actor,
        returned=rewrite.returned if rewrite is not None else (),
        when=rewrite.when if rewrite is not None else None,
    )
