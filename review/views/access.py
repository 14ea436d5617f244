"""Who may reach what: every view gets its objects through these helpers.

Each gives 403 with a sentence to act on when the user has no role on the desk (or, for
writes, may not review), and 404 when the object does not exist; the action's own rule is
asked of `review.permissions` before it, and decided again by the service.

A story joined to another row comes without its imported text, as `Article.objects` gives it
(models.ArticleManager): megabytes for a long story, and no page reads it.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from review import permissions
from review.models import Article, Comment, Flag, Sentence, StoryFact
from review.selectors.review import flags_for_thread


def require_role(request: HttpRequest) -> None:
    """403 unless the user has a role on the desk (for pages that are no one object's)."""
    permissions.require(permissions.can_view(request.user), permissions.NO_ROLE)


def get_article_for_user(request: HttpRequest, slug: str) -> Article:
    """The article named by `slug`, or 404; 403 for a user with no role on the desk."""
    require_role(request)
    return get_object_or_404(
        Article.objects.select_related("created_by", "status_changed_by"), slug=slug
    )


def get_sentence(article: Article, pk: int) -> Sentence:
    """A sentence of `article`, or 404 (the article came from `get_article_for_user`)."""
    return get_object_or_404(Sentence, pk=pk, article=article)


def get_flag_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Flag:
    """The flag, or 404; 403 when the user may not read the desk (or, for writes, review)."""
    require_role(request)
    if write:
        permissions.require(permissions.can_review(request.user), permissions.REVIEW_DENIED)
    return get_object_or_404(flags_for_thread(), pk=pk)


def get_comment_for_user(request: HttpRequest, pk: int) -> Comment:
    """A comment to change, or 404; 403 unless the user may review (authorship is the
    service's to check)."""
    require_role(request)
    permissions.require(permissions.can_review(request.user), permissions.REVIEW_DENIED)
    return get_object_or_404(
        Comment.objects.select_related("flag__article").defer("flag__article__original_text"),
        pk=pk,
    )


def get_fact_for_user(request: HttpRequest, article: Article, pk: int) -> StoryFact:
    """A fact of `article` to check, or 404; 403 unless the user may check facts."""
    permissions.require(permissions.can_check_facts(request.user), permissions.FACTS_DENIED)
    return get_object_or_404(
        StoryFact.objects.select_related("article", "sentence", "flag").defer(
            "article__original_text"
        ),
        pk=pk,
        article=article,
    )
