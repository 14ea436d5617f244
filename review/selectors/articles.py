from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from review.models import Article, Flag, Sentence


def _count(model, **filters) -> Coalesce:
    # A correlated subquery per count: joining sentences and flags in one query would multiply
    # rows (sentences × flags) on long stories.
    sub = (
        model.objects.filter(article=OuterRef("pk"), **filters)
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def article_list(*, status: str | None = None) -> QuerySet[Article]:
    """Articles with their sentence count and flag counts by status (one query)."""
    qs = Article.objects.select_related("created_by").annotate(
        sentence_count=_count(Sentence),
        open_count=_count(Flag, status=Flag.Status.OPEN),
        resolved_count=_count(Flag, status=Flag.Status.RESOLVED),
        dismissed_count=_count(Flag, status=Flag.Status.DISMISSED),
    )
    if status:
        qs = qs.filter(status=status)
    return qs


def current_text(article: Article) -> str:
    """The story's text now: its sentences and separators joined in order (one query)."""
    return "".join(
        t + s
        for t, s in Sentence.objects.filter(article=article)
        .order_by("position")
        .values_list("text", "separator")
    )
