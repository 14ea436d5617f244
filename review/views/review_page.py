"""The review page: the story as sentences with highlighted flags, and the flags panel.

Every write on the page (review.views.flags) answers an htmx request with `render_bundle`: the
fragments that changed, swapped out-of-band (progress, flag list, thread, the flag's sentence,
the poller's token). The same fragments are what the "changes since" poll sends when another
editor changed something, so there is one way of bringing a page up to date.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.http import require_GET

from review import permissions
from review.constants import AUTOMATIC_CHECK
from review.forms import CommentForm, DismissForm, FlagUpdateForm, ResolveForm
from review.models import Article, Flag
from review.params import parse_id
from review.selectors import review as select
from review.services.workflow import is_editable
from review.templatetags.review_tags import highlight_segments, safe_colour
from review.views.access import get_article_for_user
from review.views.facts_panel import is_open as facts_open
from review.views.facts_panel import panel_context as facts_panel_context


def _url_maker(name: str, *args) -> tuple[str, str]:
    """reverse() once, then build per-row URLs by string (thousands of reverse() calls cost
    tens of milliseconds on a long story)."""
    url = reverse(name, args=[*args, 987654321])
    head, _, tail = url.partition("987654321")
    return head, tail


def decorate(page: select.ReviewPage, current_pk: int | None = None) -> None:
    """Give sentences and flags what the templates print, computed once in Python: the page
    renders thousands of rows, and each template lookup or filter call costs."""
    slug = page.article.slug
    head, tail = _url_maker("review:flag_new", slug)
    # Ids as strings: printing an int in a template goes through number formatting, which
    # costs ~10 µs per number on a page that prints thousands.
    for sentence in page.sentences:
        sentence.key = str(sentence.pk)
        sentence.flag_url = f"{head}{sentence.pk}{tail}"
        if sentence.page_flags:
            sentence.segments = highlight_segments(sentence.text, sentence.page_flags)
        sentence.sep = sentence.separator[:1]
        count = len(sentence.page_flags)
        sentence.count = str(count) if count else ""
        if count:
            sentence.count_label = (
                f"{count} flag{'s' if count != 1 else ''}, {sentence.open_count} open"
            )
    thead, ttail = _url_maker("review:flag_detail")
    article_url = page.article.get_absolute_url()
    query = page.filters.as_query()
    severities = dict(Flag.Severity.choices)
    statuses = dict(Flag.Status.choices)
    for flag in page.listed:
        flag.key = str(flag.pk)
        flag.sentence_key = str(flag.sentence_id or "")
        flag.thread_url = f"{thead}{flag.pk}{ttail}"
        flag.page_url = flag.get_absolute_url(query=query, article_url=article_url)
        flag.is_current = flag.pk == current_pk
        flag.severity_label = severities.get(flag.severity, flag.severity)
        flag.status_label = statuses.get(flag.status, flag.status)
        flag.colour = safe_colour(flag.kind.colour)
        who = AUTOMATIC_CHECK if flag.is_auto else str(flag.created_by or "someone")
        if flag.assignee:
            who += f" → {flag.assignee}"
        if n := flag.comment_count:
            who += f" · {n} repl{'y' if n == 1 else 'ies'}"
        flag.meta_line = who
        flag.quote_short = flag.quote if len(flag.quote) <= 90 else flag.quote[:89] + "…"
    for flag in page.flags:
        if flag.anchor == Flag.Anchor.ORPHANED:
            # "Detached flags" lists every orphaned flag, filtered or not, without the filters.
            flag.detached_url = flag.get_absolute_url(article_url=article_url)


def thread_context(
    request: HttpRequest,
    flag: Flag | None,
    *,
    kinds: list,
    assignees: list,
    forms: dict | None = None,
) -> dict:
    """What review/flags/thread.html needs for `flag` (nothing when no flag is open)."""
    if flag is None:
        return {"current": None}
    forms = forms or {}
    update_form = forms.get("update_form") or FlagUpdateForm(
        kinds=kinds if flag.kind in kinds else [flag.kind, *kinds],
        assignees=assignees,
        initial={
            "kind": flag.kind.slug,
            "severity": flag.severity,
            "note": flag.note,
            "suggestion": flag.suggestion,
            "assignee": str(flag.assignee_id or ""),
        },
    )
    return {
        "current": flag,
        "comments": select.thread(flag),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "resolve_form": forms.get("resolve_form") or ResolveForm(),
        "dismiss_form": forms.get("dismiss_form") or DismissForm(),
        "update_form": update_form,
        "thread_errors": forms.get("thread_errors", []),
    }


def review_context(
    request: HttpRequest,
    article: Article,
    *,
    flag_pk: int | None = None,
    forms: dict | None = None,
    flag: Flag | None = None,
) -> dict:
    filters = select.ReviewFilters.from_query(request.GET)
    page = select.review_page(article=article, user=request.user, filters=filters)
    if flag is None and flag_pk is not None:
        # The open flag comes from the page's own list: no extra query.
        flag = next((f for f in page.flags if f.pk == flag_pk), None)
        row = flag and flag.sentence_id and page.sentence(flag.sentence_id)
        if row:
            # Its sentence too (the thread tells whether its words changed): no query either.
            flag.sentence = row
    decorate(page, flag.pk if flag else None)
    context = {
        "oob": False,  # set, not missing: a missing variable costs an exception per lookup
        "article": article,
        "page": page,
        "filters": filters,
        "statuses": Flag.Status.choices,
        "can_review": permissions.can_review(request.user),
        # Decided once here, not per sentence in the template (2,000 sentences add up).
        "can_edit_sentences": permissions.can_edit_text(request.user)
        and is_editable(article.status),
        "can_manage_names": permissions.can_manage_names(request.user),
        "article_url": article.get_absolute_url(),
        "changes_url": reverse("review:article_changes", args=[article.slug]),
        "flag_create_url": reverse("review:flag_create", args=[article.slug]),
    }
    context.update(
        thread_context(request, flag, kinds=page.kinds, assignees=page.assignees, forms=forms)
    )
    # The facts worksheet: its count on the progress line, its rows when the panel is open.
    context.update(facts_panel_context(request, article, open_panel=facts_open(request)))
    return context


def _flag_pk(value: str | None) -> int | None:
    return parse_id(value)


@login_required
@require_GET
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_article_for_user(request, slug)
    context = review_context(request, article, flag_pk=_flag_pk(request.GET.get("flag")))
    template = "review/article_detail.html"
    if request.htmx and request.htmx.target == "review":
        template += "#review"  # filter changes swap the whole review area, not the page
    return render(request, template, context)


def render_bundle(
    request: HttpRequest,
    article: Article,
    *,
    flag: Flag | None = None,
    sentence_ids=(),
    forms: dict | None = None,
    clear_form: bool = False,
    full_thread: bool = True,
    status: int = 200,
) -> HttpResponse:
    """The out-of-band fragments that bring an open review page up to date."""
    context = review_context(request, article, flag=flag, forms=forms)
    page = context["page"]
    wanted = set(sentence_ids)
    context.update(
        oob=True,
        changed_sentences=[s for s in page.sentences if s.pk in wanted],
        clear_form=clear_form,
        full_thread=full_thread,
    )
    return render(request, "review/flags/bundle.html", context, status=status)


@login_required
@require_GET
def article_changes(request: HttpRequest, slug: str) -> HttpResponse:
    """The poll: 204 while nothing changed since the page's token, else the fresh fragments."""
    article = get_article_for_user(request, slug)
    since = request.GET.get("since", "")
    if since and since == select.changes_token(article):
        return HttpResponse(status=204)
    changed = select.sentences_changed_since(article, select.token_time(since))
    flag = None
    if (pk := _flag_pk(request.GET.get("flag"))) is not None:
        flag = (
            Flag.objects.filter(article=article, pk=pk)
            .select_related("kind", "assignee", "created_by", "resolved_by", "sentence")
            .first()
        )
    return render_bundle(request, article, flag=flag, sentence_ids=changed, full_thread=False)


urlpatterns = [
    path("articles/<slug:slug>/", article_detail, name="article_detail"),
    path("articles/<slug:slug>/changes/", article_changes, name="article_changes"),
]
