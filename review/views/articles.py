"""The article list and the import page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from review import permissions
from review.forms import ArticleImportForm, add_service_errors
from review.models import Article, Job
from review.selectors.articles import article_list as select_articles
from review.services.articles import article_import
from review.services.docx_import import article_import_docx
from review.services.jobs import is_big_import, job_start_import
from review.views.access import require_role

STORIES_PER_PAGE = 50


@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    require_role(request)
    status = request.GET.get("status") or None
    if status not in {None, *Article.Status.values}:
        status = None
    page = Paginator(select_articles(status=status), STORIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    articles = list(page.object_list)
    for article in articles:
        total = article.open_count + article.resolved_count + article.dismissed_count
        article.flag_total = total
        article.bar = [
            (label, count, 100 * count / total if total else 0)
            for label, count in (
                ("open", article.open_count),
                ("resolved", article.resolved_count),
                ("dismissed", article.dismissed_count),
            )
        ]
    return render(
        request,
        "review/article_list.html",
        {
            "articles": articles,
            "page": page,
            "statuses": Article.Status.choices,
            "status": status,
            "status_query": f"status={status}&" if status else "",
        },
    )


@login_required
def article_new(request: HttpRequest) -> HttpResponse:
    permissions.require(permissions.can_import(request.user), permissions.IMPORT_DENIED)
    form = ArticleImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        if form.cleaned_data.get("docx"):
            return _import_docx(request, form, upload)
        text = form.cleaned_data["manuscript"]
        # A big story is imported by the task worker; the job page follows it.
        start = job_start_import if is_big_import(text) else article_import
        try:
            made = start(
                text=text,
                title=form.cleaned_data["title"],
                slug=form.cleaned_data.get("slug") or None,
                actor=request.user,
                source_name=upload.name if upload else "pasted text",
                run_checks=form.cleaned_data.get("run_checks", False),
            )
        except PermissionDenied:
            raise
        except ValidationError as exc:
            add_service_errors(form, exc, field="file" if upload else "text")
        else:
            if isinstance(made, Job):
                messages.info(request, "The story is big: it is being imported in the background.")
            else:
                messages.success(
                    request, f"Imported “{made.title}”: {made.sentences.count()} sentences."
                )
            return redirect(made)
    return render(request, "review/article_new.html", {"form": form}, status=200)


def _import_docx(request: HttpRequest, form, upload) -> HttpResponse:
    """A Word document: its text and its comments as flags (review/services/docx_import)."""
    try:
        result = article_import_docx(
            data=form.cleaned_data["docx"],
            file_name=upload.name,
            title=form.cleaned_data.get("title") or None,
            slug=form.cleaned_data.get("slug") or None,
            actor=request.user,
            run_checks=form.cleaned_data.get("run_checks", False),
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else "file", errors)
        else:
            form.add_error("file", exc)
        return render(request, "review/article_new.html", {"form": form}, status=200)
    article = result.article
    messages.success(
        request,
        f"Imported “{article.title}”: {article.sentences.count()} sentences; {result.summary}",
    )
    return redirect(article)


urlpatterns = [
    path("", article_list, name="article_list"),
    path("articles/new/", article_new, name="article_new"),
]
