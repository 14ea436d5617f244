"""The facts worksheet: keep a story's facts in step with its text, and tick them off.

`facts_sync` runs inside every checks run (services.checks.checks_apply, which "Re-run
checks", imports and every text change go through), on the same analysis of the story, so the
worksheet costs one extraction more and no second pass over the text. The
other three are a fact-checker's actions on one fact: each keyword-only, permission first,
inside `transaction.atomic()`, with the actor and a reason on the history row.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from review import permissions
from review.checks.base import CheckInput
from review.checks.document import Document
from review.checks.facts import FACT_KINDS, Fact, extract_facts, occurrence_anchors, rematch
from review.models import Article, StoryFact
from review.services import flags as flag_services
from review.services.common import (
    change_moment,
    change_reason,
    one_change,
    refuse_controls,
    save_tracked,
)

SOURCE_MAX = 2000
NOTE_MAX = flag_services.NOTE_MAX
# A fact found wrong is a claim the story cannot stand behind: DESIGN.md's kind table puts
# figures that contradict each other under "unverified-claim" (and "other" is for anything
# else), so a figure a fact-checker found wrong sits with them, in their colour and filter.
WRONG_FLAG_KIND = "unverified-claim"

# The fields the sync copies from an extracted fact onto its row.
_SYNCED = (
    "sentence_id",
    "start",
    "end",
    "quote",
    "kind",
    "label",
    "detail",
    "fingerprint",
    "anchor_print",
    "anchor",
)


@dataclass(frozen=True, slots=True)
class FactSyncResult:
    created: int
    updated: int
    gone: int


def _distinct(facts: list[Fact]) -> list[Fact]:
    """Give every fact its own fingerprint: the same words in two identical sentences would
    otherwise share one (the pure fingerprint hashes the words and the sentence text). The
    later ones are told apart by their occurrence (`anchor`), which is stable for a story that
    did not change there."""
    seen: set[str] = set()
    out = []
    for fact in facts:
        mark = fact.fingerprint
        n = 0
        while mark in seen:
            n += 1
            raw = f"{fact.fingerprint}\x1f{fact.anchor}\x1f{n}"
            mark = hashlib.sha256(raw.encode("utf-8")).hexdigest()
        seen.add(mark)
        out.append(fact if mark == fact.fingerprint else replace(fact, fingerprint=mark))
    return out


def _values(fact: Fact) -> dict[str, object]:
    """The row's synced fields (`_SYNCED`, which the bulk update also writes) for `fact`."""
    values = (
        fact.key,
        fact.start,
        fact.end,
        fact.text,
        fact.kind,
        fact.label[:300],
        fact.detail[:300],
        fact.fingerprint,
        fact.anchor,
        StoryFact.Anchor.ATTACHED,
    )
    return dict(zip(_SYNCED, values, strict=True))


def _stored_anchors(stored: list[StoryFact]) -> dict[int, str]:
    """{pk: occurrence anchor} of the worksheet's rows in the story, in story order (the
    order `extract_facts` numbers occurrences in), as the last sync would have given them."""
    attached = sorted(
        (r for r in stored if r.anchor != StoryFact.Anchor.GONE and r.sentence_id is not None),
        key=lambda r: (r.sentence_position, r.start, _kind_order(r.kind), r.number),
    )
    found = occurrence_anchors((row.kind, row.quote) for row in attached)
    return {row.pk: anchor for row, anchor in zip(attached, found, strict=True)}


def _kind_order(kind: str) -> int:
    return FACT_KINDS.index(kind) if kind in FACT_KINDS else len(FACT_KINDS)


def facts_sync(
    *,
    article: Article,
    actor,
    data: CheckInput | None = None,
    doc: Document | None = None,
    when: datetime | None = None,
) -> FactSyncResult:
    """Bring the story's worksheet up to date with its text. Idempotent.

    A fact found again (by fingerprint, or by its looser anchor after an edit elsewhere in its
    sentence) keeps its number, status, source and checker, and moves with its words; a new
    one is added unchecked; a stored fact found nowhere is kept and marked gone (its history
    and its flag stay). `data`/`doc` are the checks run's, to share its analysis; `when`
    the moment of the text change it follows (its history rows then share it).
    """
    permissions.require(permissions.can_run_checks(actor), permissions.CHECKS_DENIED)
    with transaction.atomic():
        # The article row first, as every writer of the text does: the sentences read below
        # stay as they are until the worksheet is written.
        Article.objects.select_for_update().only("pk").get(pk=article.pk)
        if data is None:
            from review.services.checks import check_input_for

            data = check_input_for(article)
        facts = _distinct(extract_facts(data, doc=doc))
        stored = list(
            StoryFact.objects.filter(article=article)
            .annotate(sentence_position=F("sentence__position"))
            .order_by("number")
        )
        by_print = {row.fingerprint: row for row in stored}
        anchors = _stored_anchors(stored)
        continues = rematch(
            ((row.fingerprint, anchors.get(row.pk, row.anchor_print)) for row in stored), facts
        )

        new: list[StoryFact] = []
        changed: list[StoryFact] = []
        # Only the fields some row changed are written: one sentence's edit typically moves
        # one field (the occurrence anchor) on every later fact, and each field written costs
        # the bulk update a CASE over every row.
        fields: set[str] = set()
        seen: set[int] = set()
        for fact in facts:
            values = _values(fact)
            old = continues.get(fact.fingerprint)
            if old is None:
                new.append(StoryFact(article=article, **values))
                continue
            row = by_print[old]
            seen.add(row.pk)
            # The stored occurrence anchor of a row in the story is not read (it is
            # recomputed above), so a change of it alone is not a reason to write the row.
            row.anchor_print = anchors.get(row.pk, row.anchor_print)
            differ = [name for name, value in values.items() if getattr(row, name) != value]
            if differ == ["anchor_print"]:
                differ = []
            if differ:
                for name in differ:
                    setattr(row, name, values[name])
                fields.update(differ)
                changed.append(row)
        gone = 0
        for row in stored:
            if row.pk not in seen and row.anchor != StoryFact.Anchor.GONE:
                row.anchor = StoryFact.Anchor.GONE
                # A gone row keeps the anchor it had last, to come back by if its words do.
                row.anchor_print = anchors.get(row.pk, row.anchor_print)
                fields.update(("anchor", "anchor_print"))
                changed.append(row)
                gone += 1

        # One moment for the whole sync (simple-history would stamp each row with its own
        # now()), so the timeline shows a revision's facts going as one change; inside a
        # `one_change` (the reporter's answers) its moment and reason.
        now = when or change_moment()
        if changed:
            for row in changed:
                row.updated_at = now  # bulk updates skip auto_now
            bulk_update_with_history(
                changed,
                StoryFact,
                [name.removesuffix("_id") for name in _SYNCED if name in fields] + ["updated_at"],
                default_user=actor,
                default_change_reason=change_reason("facts re-read from the text"),
                default_date=now,
                batch_size=500,
            )
        if new:
            last = max((row.number for row in stored), default=0)
            for number, row in enumerate(new, start=last + 1):
                row.number = number
            bulk_create_with_history(
                new,
                StoryFact,
                default_user=actor,
                default_change_reason=change_reason("facts found"),
                default_date=now,
                batch_size=500,
            )
    return FactSyncResult(created=len(new), updated=len(changed) - gone, gone=gone)


# A fact-checker's actions ------------------------------------------------------------------


def _require(actor) -> None:
    permissions.require(permissions.can_check_facts(actor), permissions.FACTS_DENIED)


def _check_text(field: str, value: str, limit: int) -> None:
    refuse_controls(**{field: value})
    if len(value) > limit:
        raise ValidationError(
            {field: f"Keep this under {limit:,} characters (it has {len(value):,})."},
            code="too_long",
        )


def _lock(fact: StoryFact) -> StoryFact:
    """The fact, re-read under lock after its article's row (the order every writer of the
    story takes them in), so two checkers ticking one fact cannot both win."""
    Article.objects.select_for_update().only("pk").get(pk=fact.article_id)
    locked = (
        StoryFact.objects.select_related("sentence", "flag")
        .select_for_update(of=("self",))
        .filter(pk=fact.pk)
        .first()
    )
    if locked is None:
        raise ValidationError("This fact is no longer on the worksheet; reload the page.")
    return locked


def _refuse_gone(fact: StoryFact, verb: str) -> None:
    if fact.is_gone:
        raise ValidationError(
            f"Fact {fact.number}'s words are no longer in the story, so there is nothing to "
            f"{verb}; reset it, or check the fact that replaced it.",
            code="gone",
        )


def fact_verify(*, fact: StoryFact, actor, source: str = "") -> StoryFact:
    """Mark a fact verified, with where it was checked (a URL or text, optional). Verifying a
    verified fact again updates its source and checker."""
    _require(actor)
    source = (source or "").strip()
    _check_text("source", source, SOURCE_MAX)
    with transaction.atomic():
        locked = _lock(fact)
        _refuse_gone(locked, "verify")
        if locked.status == StoryFact.Status.WRONG:
            raise ValidationError(
                f"Fact {locked.number} is marked wrong"
                + (f" (flag #{locked.flag.number})" if locked.flag else "")
                + "; reset it to unchecked first if it was right after all.",
                code="state",
            )
        locked.status = StoryFact.Status.VERIFIED
        locked.source = source
        locked.note = ""
        locked.checked_by = actor
        locked.checked_at = timezone.now()
        save_tracked(locked, actor=actor, reason=f"fact {locked.number} verified")
    return locked


def fact_mark_wrong(*, fact: StoryFact, note: str, actor) -> StoryFact:
    """Mark a fact wrong and raise a flag on its words saying what is wrong (the flag is then
    worked like any other: discussed, fixed, resolved). One change in the history."""
    _require(actor)
    note = (note or "").strip()
    if not note:
        raise ValidationError(
            {"note": "Say what is wrong with it, so the reporter can put it right."},
            code="required",
        )
    _check_text("note", note, NOTE_MAX)
    with transaction.atomic():
        locked = _lock(fact)
        _refuse_gone(locked, "mark wrong")
        if locked.status == StoryFact.Status.WRONG:
            raise ValidationError(
                f"Fact {locked.number} is already marked wrong"
                + (f" (flag #{locked.flag.number})." if locked.flag else "."),
                code="state",
            )
        sentence = locked.sentence
        if sentence.text[locked.start : locked.end] != locked.quote:
            raise ValidationError(
                f"Fact {locked.number}'s sentence was edited since the checks ran; re-run "
                "the checks so the worksheet finds its words again.",
                code="moved",
            )
        reason = f"fact {locked.number} marked wrong"
        with one_change(reason=reason):
            flag = flag_services.flag_create(
                sentence=sentence,
                kind=WRONG_FLAG_KIND,
                actor=actor,
                start=locked.start,
                end=locked.end,
                note=f"Fact {locked.number} is wrong ({locked.label}): {note}",
            )
            locked.status = StoryFact.Status.WRONG
            locked.note = note
            locked.source = ""
            locked.flag = flag
            locked.checked_by = actor
            locked.checked_at = timezone.now()
            save_tracked(locked, actor=actor, reason=reason)
    return locked


def fact_reset(*, fact: StoryFact, actor) -> StoryFact:
    """Put a fact back to unchecked. A flag raised when it was marked wrong stays as it is
    (close it on its own thread); the history keeps who checked it and how."""
    _require(actor)
    with transaction.atomic():
        locked = _lock(fact)
        if locked.status == StoryFact.Status.UNCHECKED:
            raise ValidationError(f"Fact {locked.number} is already unchecked.", code="state")
        locked.status = StoryFact.Status.UNCHECKED
        locked.source = ""
        locked.note = ""
        locked.flag = None
        locked.checked_by = None
        locked.checked_at = None
        save_tracked(locked, actor=actor, reason=f"fact {locked.number} reset to unchecked")
    return locked
