"""The review page: the story as paragraphs of addressable sentences."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path

from review import permissions
from review.models import Article
from review.selectors.articles import paragraphs_of


def get_article_for_user(request: HttpRequest, slug: str) -> Article:
    """The article named by `slug`, or 404; 403 for a user with no role on the desk."""
    permissions.require(
        permissions.can_view(request.user),
        "Your account has no role on the desk yet; ask the desk chief to give you one.",
    )
    return get_object_or_404(Article.objects.select_related("created_by"), slug=slug)


@login_required
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_article_for_user(request, slug)
    sentences = list(article.sentences.order_by("position"))
    return render(
        request,
        "review/article_detail.html",
        {"article": article, "paragraphs": paragraphs_of(sentences)},
    )


urlpatterns = [
    path("articles/<slug:slug>/", article_detail, name="article_detail"),
]
