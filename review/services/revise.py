"""Re-import: an Editor uploads a revised manuscript, applied as one change.

The rewrite engine (services.rewrite) keeps unchanged sentences, their flags and threads.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from review import permissions
from review.models import Article
from review.selectors.articles import current_text
from review.services.articles import validate_manuscript
from review.services.reconcile import text_changed
from review.services.rewrite import Rewrite, bump_version, rewrite_article
from review.services.workflow import require_editable


def revision_summary(article: Article, result: Rewrite) -> str:
    """What the user is told after a revision (in the request, or on its job's page)."""
    return (
        f"Revised to version {article.version}: {len(result.changed):,} changed, "
        f"{len(result.created):,} added, {len(result.deleted):,} removed sentences."
    )


def revise_prepare(*, article: Article, text: str, actor) -> str:
    """What a revision must pass before anything is written, as the text to apply: `actor`
    may revise, the text is a manuscript, the story is editable and the text is new. Raises
    PermissionDenied or ValidationError. A big revision's job (services.jobs) asks at upload,
    so the user hears of a refusal at once; article_revise asks again under the lock."""
    permissions.require(permissions.can_revise(actor), permissions.REVISE_DENIED)
    text = validate_manuscript(text)
    require_editable(article)
    if current_text(article) == text:
        raise ValidationError(
            "The uploaded text is the same as the current text; nothing to revise.",
            code="unchanged",
        )
    return text


def article_revise(
    *, article: Article, text: str, actor, run_checks: bool = True, reason: str = ""
) -> Rewrite:
    """Re-import: replace the article's text with a revised manuscript, as one change.

    Unchanged sentences keep their identity (and flags and threads); changed ones keep their
    row where the diff pairs them; removed ones are deleted with history, their flags
    orphaned (never deleted). Raises ValidationError for empty, binary or oversized text
    and PermissionDenied unless `actor` may import.
    """
    permissions.require(permissions.can_revise(actor), permissions.REVISE_DENIED)
    why = "revised" + (f": {reason.strip()}" if reason and reason.strip() else "")
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        text = revise_prepare(article=locked, text=text, actor=actor)
        result = rewrite_article(article=locked, text=text, actor=actor, reason=why[:100])
        bump_version(locked, actor=actor, reason=why[:100], when=result.when)
        if run_checks:
            text_changed(article=locked, actor=actor, rewrite=result)
    article.version = locked.version
    return result
