"""The answer to a POST too big to read (see review.middleware.RequestSizeMiddleware): the
import or revise form again with the size message, or a plain page elsewhere."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve

from review import permissions
from review.forms import ArticleImportForm, ReviseForm
from review.models import Article
from review.services.articles import too_large_error

STATUS = 413


def _refused(form, error):
    """An empty form showing `error` above its fields (nothing it was sent could be read)."""
    form.full_clean()  # unbound: no field errors, and the error list exists
    form.cleaned_data = {}
    form.add_error(None, error)
    return form


def too_large(request: HttpRequest, size: int) -> HttpResponse:
    error = too_large_error(size, about=True)
    message = " ".join(error.messages)
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    user = request.user
    name = match.view_name if match else ""
    if name == "review:article_new" and permissions.can_import(user):
        form = _refused(ArticleImportForm(), error)
        return render(request, "review/article_new.html", {"form": form}, status=STATUS)
    if name == "review:article_revise" and permissions.can_import(user):
        article = Article.objects.filter(slug=match.kwargs.get("slug")).first()
        if article is not None:
            form = _refused(ReviseForm(), error)
            context = {"article": article, "form": form}
            return render(request, "review/editing/revise.html", context, status=STATUS)
    return render(request, "errors/413.html", {"message": message}, status=STATUS)
