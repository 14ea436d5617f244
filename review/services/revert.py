"""Going back: one sentence to an earlier version, or the whole text to a point in time.

A revert is an ordinary change: it goes through the same version check and the same engine
as an edit, is attributed to whoever reverted, and can itself be reverted.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from review import permissions
from review.models import Article, Sentence
from review.selectors.articles import current_text
from review.services.editing import EditResult, sentence_edit
from review.services.reconcile import text_changed
from review.services.rewrite import Rewrite, bump_version, rewrite_article
from review.services.workflow import require_editable


def sentence_revert(
    *, sentence: Sentence, history_id: int, expected_version: int, actor, reason: str = ""
) -> EditResult:
    """Give `sentence` the text it had in its history row `history_id`."""
    record = Sentence.history.filter(id=sentence.pk, history_id=history_id).first()
    if record is None or record.history_type == "-":
        raise ValidationError(
            "That version does not belong to this sentence; pick one from its history.",
            code="version",
        )
    # Local time, like the timeline and the whole-text revert (history dates are in UTC).
    label = timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M:%S")
    return sentence_edit(
        sentence=sentence,
        text=record.text,
        expected_version=expected_version,
        actor=actor,
        reason=reason,
        why=f"reverted to version {record.version} of {label}",
    )


def text_as_of(article: Article, when: datetime) -> str:
    """The article's text as it stood at `when` (from the sentences' history)."""
    from review.selectors.history import sentences_as_of

    return "".join(s.text + s.separator for s in sentences_as_of(article, when))


def article_revert(
    *, article: Article, when: datetime, expected_version: int, actor, reason: str = ""
) -> Rewrite:
    """Make the whole text what it was at `when`, as one change."""
    permissions.require(permissions.can_edit_text(actor), permissions.EDIT_DENIED)
    if when > timezone.now():
        raise ValidationError("Pick a moment in the past to revert to.", code="future")
    label = timezone.localtime(when).strftime("%Y-%m-%d %H:%M:%S")
    why = f"reverted the text to {label}" + (f": {reason.strip()}" if reason.strip() else "")
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        require_editable(locked)
        if locked.version != expected_version:
            raise ValidationError(
                f"The story changed while you were looking (it is now version {locked.version}, "
                f"you saw version {expected_version}); check the latest changes and revert again.",
                code="conflict",
            )
        text = text_as_of(locked, when)
        if not text.strip():
            raise ValidationError(
                "The story had no text at that moment; pick a later point in its history.",
                code="empty",
            )
        if text == current_text(locked):
            raise ValidationError(
                "The text is already as it was at that moment; nothing to revert.",
                code="unchanged",
            )
        result = rewrite_article(article=locked, text=text, actor=actor, reason=why[:100])
        bump_version(locked, actor=actor, reason=why[:100], when=result.when)
        text_changed(article=locked, actor=actor, rewrite=result)
    article.version = locked.version
    return result
