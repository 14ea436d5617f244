"""Reads for the facts worksheet: its counts for the progress line, its rows for the panel.

Either costs one query whatever the story's length: the counts are one aggregate, the rows
one query with their sentence, checker and flag joined. The review page reads the counts
until the panel is opened (a story of 2,000 sentences has a thousand facts, and the page
keeps its time budget by not drawing them until asked).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Q

from review.exports.facts_checklist import progress_line
from review.models import StoryFact

ATTACHED = Q(anchor=StoryFact.Anchor.ATTACHED, sentence__isnull=False)


@dataclass
class FactCounts:
    total: int = 0  # facts whose words are in the story
    checked: int = 0
    wrong: int = 0

    @property
    def line(self) -> str:
        """The progress line's words: "Facts: 3 of 41 checked, 1 wrong"."""
        return progress_line(checked=self.checked, total=self.total, wrong=self.wrong)


@dataclass
class Worksheet:
    counts: FactCounts
    facts: list[StoryFact] = field(default_factory=list)  # in the story, in text order
    gone: list[StoryFact] = field(default_factory=list)  # their words are no longer there
    is_open: bool = False  # the rows were read (the panel is open)


def counts(article) -> FactCounts:
    agg = StoryFact.objects.filter(article=article).aggregate(
        total=Count("pk", filter=ATTACHED),
        checked=Count("pk", filter=ATTACHED & ~Q(status=StoryFact.Status.UNCHECKED)),
        wrong=Count("pk", filter=ATTACHED & Q(status=StoryFact.Status.WRONG)),
    )
    return FactCounts(**agg)


def _counted(facts: list[StoryFact]) -> FactCounts:
    return FactCounts(
        total=len(facts),
        checked=sum(f.status != StoryFact.Status.UNCHECKED for f in facts),
        wrong=sum(f.status == StoryFact.Status.WRONG for f in facts),
    )


def rows(article, *, ids=None) -> list[StoryFact]:
    """Every fact of the story (or those of `ids`) with what the worksheet shows of it (one
    query).

    The sentence's text, the checker's name and the flag's number and status come as
    columns, not as joined objects: a thousand facts would otherwise build three thousand
    model instances the panel never needs.
    """
    facts = StoryFact.objects.filter(article=article)
    if ids is not None:
        facts = facts.filter(pk__in=ids)
    return list(
        facts.annotate(
            sentence_text=F("sentence__text"),
            checker=F("checked_by__username"),
            flag_number=F("flag__number"),
            flag_status=F("flag__status"),
        ).order_by("sentence__position", "start", "number")
    )


def worksheet(article, *, is_open: bool = True, ids=None) -> Worksheet:
    """The worksheet: its rows when open, else only its counts. With `ids`, only those rows
    (what a colleague's open panel must redraw) and no counts: the caller has them."""
    if not is_open:
        return Worksheet(counts(article))
    attached, gone = [], []
    for fact in rows(article, ids=ids):
        (gone if fact.is_gone else attached).append(fact)
        # Words moved since the checks last ran (an edit of the sentence): the link still
        # leads to the sentence, and marking it wrong waits for the next run.
        fact.moved = not fact.is_gone and fact.sentence_text[fact.start : fact.end] != fact.quote
    whole = _counted(attached) if ids is None else FactCounts()
    return Worksheet(whole, attached, gone, is_open=True)
