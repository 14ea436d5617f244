"""The review page: the story as sentences with highlighted flags, and the flags panel.

Every write on the page (review.views.flags, the sentence edit) answers an htmx request with
`render_changes`: only the fragments that changed, swapped out-of-band (the counts, the
changed flags' list rows, the thread, the changed sentences). The same fragments are what the
poll sends when a colleague changed something (review.selectors.changes says what changed
since the page's cursor), so there is one way of bringing a page up to date, and its size
follows the change, not the story. A long story's page shows one section at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

from review import permissions
from review.constants import AUTOMATIC_CHECK
from review.forms import CommentForm, DismissForm, FlagUpdateForm, ResolveForm
from review.models import Article, Flag, FlagKind
from review.params import parse_id
from review.selectors import changes
from review.selectors import review as select
from review.selectors.changes import Cursor
from review.services.workflow import is_editable
from review.templatetags.review_tags import highlight_segments, safe_colour
from review.views import drawn
from review.views.access import get_article_for_user
from review.views.facts_panel import is_open as facts_open
from review.views.facts_panel import panel_context as facts_panel_context
from review.views.facts_panel import updates_context as facts_updates_context


def _url_maker(name: str, *args) -> tuple[str, str]:
    """reverse() once, then build per-row URLs by string (thousands of reverse() calls cost
    tens of milliseconds on a long story)."""
    url = reverse(name, args=[*args, 987654321])
    head, _, tail = url.partition("987654321")
    return head, tail


def _plain(value: str) -> SafeString:
    """A value the page prints thousands of times that has nothing to escape: ids, counts,
    and paths of the desk's own URLs with ids and slugs in them (a slug is letters, digits,
    hyphens and underscores). Marked so, the template prints it as it is instead of escaping
    each one (about a tenth of the review page's rendering). Never for text or queries."""
    return SafeString(value)


@dataclass(frozen=True)
class Reader:
    """What the reader may do on this story's page, decided once per request, not per
    sentence in the template (2,000 sentences add up)."""

    can_review: bool
    can_edit_sentences: bool

    @classmethod
    def of(cls, request: HttpRequest, article: Article) -> Reader:
        return cls(
            can_review=permissions.can_review(request.user),
            can_edit_sentences=permissions.can_edit_text(request.user)
            and is_editable(article.status),
        )


def decorate_sentences(
    sentences, article_url: str, slug: str, *, can_review: bool, can_edit: bool, oob: bool
) -> None:
    """Give each sentence its HTML (`sentence.html`), drawn from what it prints
    (review.views.drawn): its highlights, its count, and the links the reader may use."""
    head, tail = _url_maker("review:flag_new", slug)
    for sentence in sentences:
        count = len(sentence.page_flags)
        segments = ()
        if count:
            segments = tuple(
                drawn.SegmentValues(seg.text, True, seg.css, seg.ids, seg.style, seg.title)
                if seg.flags
                else drawn.SegmentValues(seg.text, False)
                for seg in highlight_segments(sentence.text, sentence.page_flags)
            )
        sentence.sep = sentence.separator[:1]
        sentence.html = drawn.sentence(
            drawn.SentenceValues(
                key=_plain(str(sentence.pk)),
                text=sentence.text,
                segments=segments,
                has_open=bool(sentence.open_count),
                # Ids as strings: printing an int in a template goes through number
                # formatting, which costs ~10 µs per number on a page that prints thousands.
                count=_plain(str(count)) if count else "",
                count_label=f"{count} flag{'s' if count != 1 else ''}, {sentence.open_count} open"
                if count
                else "",
                flag_url=_plain(f"{head}{sentence.pk}{tail}") if can_review else "",
                edit_url=_plain(f"{article_url}sentences/{sentence.pk}/edit/") if can_edit else "",
                oob=oob,
            )
        )


def decorate_rows(flags, article: Article, filters, current_pk: int | None = None) -> None:
    """Give each flag its list row's HTML (`flag.row_html`), drawn from what the row prints
    (review.views.drawn)."""
    thead, ttail = _url_maker("review:flag_detail")
    article_url = article.get_absolute_url()
    query = filters.as_query()
    severities = dict(Flag.Severity.choices)
    statuses = dict(Flag.Status.choices)
    for flag in flags:
        # Where the row goes in the list (text order), and which section it belongs to, for
        # the page's script when a colleague's new flag arrives.
        position = flag.sentence_position
        paragraph = flag.sentence_paragraph
        who = AUTOMATIC_CHECK if flag.is_auto else (flag.created_by_name or "someone")
        if flag.assignee_name:
            who += f" → {flag.assignee_name}"
        if n := flag.comment_count:
            who += f" · {n} repl{'y' if n == 1 else 'ies'}"
        flag.row_html = drawn.row(
            drawn.RowValues(
                key=_plain(str(flag.pk)),
                status=flag.status,
                is_current=flag.pk == current_pk,
                sentence_key=_plain(str(flag.sentence_id or "")),
                order_key=_plain(
                    f"{-1 if position is None else position} {flag.start or 0} {flag.pk}"
                ),
                section_key=""
                if paragraph is None
                else _plain(str(select.section_of_paragraph(paragraph))),
                page_url=flag.get_absolute_url(query=query, article_url=article_url),
                thread_url=_plain(f"{thead}{flag.pk}{ttail}"),
                colour=safe_colour(flag.kind.colour),
                label=flag.label,
                kind_name=flag.kind.name,
                severity=flag.severity,
                severity_label=severities.get(flag.severity, flag.severity),
                status_label=statuses.get(flag.status, flag.status),
                quote_short=flag.quote if len(flag.quote) <= 90 else flag.quote[:89] + "…",
                meta_line=who,
            )
        )


def decorate(page: select.ReviewPage, reader: Reader, current_pk: int | None = None) -> None:
    article_url = page.article.get_absolute_url()
    decorate_sentences(
        page.sentences,
        article_url,
        page.article.slug,
        can_review=reader.can_review,
        can_edit=reader.can_edit_sentences,
        oob=False,
    )
    decorate_rows(page.listed, page.article, page.filters, current_pk)
    for flag in page.flags:
        if flag.anchor == Flag.Anchor.ORPHANED:
            # "Detached flags" lists every orphaned flag, filtered or not, without the filters.
            flag.detached_url = flag.get_absolute_url(article_url=article_url)
    page.section_links = [
        (n, f"{article_url}?{page.filters.with_section(n).as_query()}", n == page.section.number)
        for n in page.section.numbers
    ]


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
    state = changes.page_state(article, flag_pk=flag.pk if flag else flag_pk)
    # The section asked for, else the open flag's, else the first.
    number = filters.section
    if not number and state.flag_paragraph is not None:
        number = select.section_of_paragraph(state.flag_paragraph)
    section = select.Section(min(max(number, 1), state.sections), state.sections)
    # A long story's links all name the section, so every answer knows where the page is.
    filters = filters.with_section(section.number if section.many else 0)
    page = select.review_page(
        article=article,
        user=request.user,
        filters=filters,
        section=section,
        token=str(state.cursor),
    )
    if flag is None and flag_pk is not None:
        # The open flag with what its thread shows (its people: the list's rows carry only
        # their names), one query, and only when a thread is open.
        flag = select.flags_for_thread().filter(article=article, pk=flag_pk).first()
    reader = Reader.of(request, article)
    decorate(page, reader, flag.pk if flag else None)
    context = {
        "oob": False,  # set, not missing: a missing variable costs an exception per lookup
        "article": article,
        "page": page,
        "counts": page.counts,
        "token": page.token,
        "filters": filters,
        "statuses": Flag.Status.choices,
        "can_review": reader.can_review,
        "can_edit_sentences": reader.can_edit_sentences,
        "can_manage_names": permissions.can_manage_names(request.user),
        "article_url": _plain(article.get_absolute_url()),
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


def render_changes(
    request: HttpRequest,
    article: Article,
    *,
    flag_ids=(),
    sentence_ids=(),
    flag: Flag | None = None,
    forms: dict | None = None,
    clear_form: bool = False,
    full_thread: bool = True,
    cursor: Cursor | None = None,
    restructured: bool = False,
    main_sentence: bool = False,
    fact_ids=(),
    facts_added: bool = False,
    facts_progress: bool | None = None,
    replies_only: bool = False,
    status: int = 200,
    lists: tuple[list, list] | None = None,
) -> HttpResponse:
    """The out-of-band fragments that bring an open review page up to date after a change:
    the changed flags' list rows, the changed sentences, the counts, the open thread (whole
    after the user's own action, only its head and replies after a colleague's), and, for
    the poll, its next cursor. A few KB whatever the story's length.

    `main_sentence`: the first of `sentence_ids` is the response's own content (it replaces
    the sentence's edit form), and every flag on the given sentences gets its row.
    `fact_ids`: facts of the worksheet a colleague changed (their rows, if the panel is open;
    `facts_added`: the checks found new ones, which only a reload puts in order).
    `facts_progress`: send the progress line's fact count; by default only when the worksheet
    may have changed (facts changed, or the user's own edit of `main_sentence`, whose checks
    re-read its facts), so a flag's or a reply's answer spends no query counting it.
    `replies_only`: only replies changed (a reply written, edited or deleted): the flags' rows
    and the thread, without the counts and the sentences, which replies do not move.
    `lists`: the active kinds and the assignable people, when the view has read them already
    (its form needed them), so they are not read twice."""
    filters = select.ReviewFilters.from_query(request.GET)
    if lists is not None:
        kinds, assignees = lists
    else:
        kinds, assignees = list(FlagKind.objects.filter(active=True)), []
        if flag is not None and full_thread:
            assignees = list(select.assignable_users())
    parts = changes.fragments(
        article,
        user=request.user,
        filters=filters,
        flag_ids=flag_ids,
        sentence_ids=sentence_ids,
        kinds=kinds,
        rows_of_sentences=main_sentence,
        replies_only=replies_only,
    )
    main = None
    if main_sentence and parts.sentences:
        main = next((s for s in parts.sentences if s.pk == sentence_ids[0]), None)
    reader = Reader.of(request, article)
    article_url = _plain(article.get_absolute_url())
    for oob, sentences in ((True, [s for s in parts.sentences if s is not main]), (False, [main])):
        decorate_sentences(
            [s for s in sentences if s is not None],
            article_url,
            article.slug,
            can_review=reader.can_review,
            can_edit=reader.can_edit_sentences,
            oob=oob,  # the response's own sentence replaces its edit form in place
        )
    decorate_rows(parts.rows, article, filters, flag.pk if flag else None)
    context = {
        "oob": True,
        "article": article,
        "filters": filters,
        "statuses": Flag.Status.choices,
        "counts": parts.counts,
        "rows": parts.rows,
        "removed": parts.removed,
        "changed_sentences": [s for s in parts.sentences if s is not main],
        "main_sentence": main,
        "can_review": reader.can_review,
        "can_edit_sentences": reader.can_edit_sentences,
        "can_manage_names": permissions.can_manage_names(request.user),
        "article_url": article_url,
        "changes_url": reverse("review:article_changes", args=[article.slug]),
        "token": str(cursor) if cursor is not None else "",
        "restructured": restructured,
        "clear_form": clear_form,
        "full_thread": full_thread,
    }
    context.update(thread_context(request, flag, kinds=kinds, assignees=assignees, forms=forms))
    if facts_progress is None:
        facts_progress = bool(fact_ids or facts_added or main_sentence or restructured)
    if facts_progress:
        # The progress line's count of the worksheet (one aggregate).
        context.update(facts_panel_context(request, article, open_panel=False))
        context.update(
            facts_updates_context(request, article, fact_ids=fact_ids, facts_added=facts_added)
        )
    return render(request, "review/flags/bundle.html", context, status=status)


@login_required
@require_GET
def article_changes(request: HttpRequest, slug: str) -> HttpResponse:
    """The poll: 204 while nothing changed since the page's cursor, else the fragments of
    what changed (and the next cursor)."""
    article = get_article_for_user(request, slug)
    cursor = changes.Cursor.parse(request.GET.get("since"))
    if cursor is None:
        # Not a cursor this desk made (a page from before an upgrade): only a reload helps.
        return render_changes(
            request,
            article,
            cursor=changes.current_cursor(article),
            restructured=True,
            full_thread=False,
        )
    delta = changes.changes_since(article, cursor)
    if delta.empty:
        return HttpResponse(status=204)
    flag = None
    pk = _flag_pk(request.GET.get("flag"))
    if pk is not None and (pk in delta.flag_ids or pk in delta.thread_ids):
        flag = (
            Flag.objects.filter(article=article, pk=pk)
            .select_related("kind", "assignee", "created_by", "resolved_by", "sentence")
            .first()
        )
    return render_changes(
        request,
        article,
        flag_ids=delta.flag_ids,
        sentence_ids=delta.sentence_ids,
        flag=flag,
        full_thread=False,
        cursor=delta.cursor,
        restructured=delta.restructured,
        fact_ids=delta.fact_ids,
        facts_added=delta.facts_added,
        replies_only=delta.replies_only,
    )


urlpatterns = [
    path("articles/<slug:slug>/", article_detail, name="article_detail"),
    path("articles/<slug:slug>/changes/", article_changes, name="article_changes"),
]
