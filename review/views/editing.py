"""Inline sentence edits and their conflicts, and one-click suggestions.

Every view calls one service and only translates its errors.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from review import permissions
from review.forms import ConflictForm, SentenceEditForm, SuggestionRejectForm
from review.models import Flag, FlagKind, Sentence
from review.params import parse_id
from review.services import conflicts, editing
from review.services.workflow import require_editable
from review.text.worddiff import word_diff
from review.views.access import get_article_for_user, get_flag_for_user, get_sentence
from review.views.responses import back as _back
from review.views.responses import error_messages as _messages_of
from review.views.responses import form_messages
from review.views.review_page import render_changes

EDIT_TEMPLATE = "review/editing/edit.html"
STOP_POLLING = 286


@login_required
def sentence_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    article = get_article_for_user(request, slug)
    permissions.require(permissions.can_edit_text(request.user), permissions.EDIT_DENIED)
    sentence = get_sentence(article, pk)
    context = {
        "article": article,
        "sentence": sentence,
        "text": sentence.text,
        "expected_version": sentence.version,
        "reason": "",
        "errors": [],
    }
    status = 200
    if request.method != "POST":
        try:
            require_editable(article)  # say so before any typing; the save refuses anyway
        except ValidationError as exc:
            context["errors"] = _messages_of(exc)
    else:
        form = SentenceEditForm(request.POST)
        if not form.is_valid():
            # Shown as sent: never the current version, which would overwrite unseen edits.
            context.update(
                text=form["text"].value() or "",
                expected_version=form["expected_version"].value() or "",
                reason=form["reason"].value() or "",
                errors=form_messages(form),
            )
            return render(request, _edit_template(request), context, status=400)
        data = form.cleaned_data
        try:
            result = editing.sentence_edit(
                sentence=sentence,
                text=data["text"],
                expected_version=data["expected_version"],
                actor=request.user,
                reason=data["reason"],
            )
        except editing.EditConflict as conflict:
            return conflict_response(request, article, conflict, data["reason"])
        except ValidationError as exc:
            context.update(
                text=data["text"],
                expected_version=data["expected_version"],
                reason=data["reason"],
                errors=_messages_of(exc),
            )
            status = 400
        else:
            rewrite = result.rewrite
            if request.htmx and not (rewrite and (rewrite.created or rewrite.deleted)):
                # One sentence changed in place: it replaces the form, and its flags' rows
                # and the counts follow out-of-band. A split, a join or a removal renumbers
                # the story, so the review area is reloaded instead.
                return render_changes(
                    request, article, sentence_ids=[result.sentence.pk], main_sentence=True
                )
            if result.changed and not request.htmx:
                messages.success(request, "Saved. The change is on the story's timeline.")
            return _back(request, f"{article.get_absolute_url()}#s-{result.sentence.pk}")
    return render(request, _edit_template(request), context, status=status)


@login_required
@require_GET
def sentence_watch(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Asked every few seconds by an open edit form: 204 while the sentence is still at the
    form's `version`; else a warning saying who saved which version meanwhile, before the
    editor saves into a conflict."""
    article = get_article_for_user(request, slug)
    version = parse_id(request.GET.get("version"))
    sentence = Sentence.objects.filter(pk=pk, article=article).first()
    if sentence is not None and sentence.version == version:
        return HttpResponse(status=204)
    last = None
    if sentence is not None:
        last = (
            Sentence.history.filter(id=sentence.pk)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")
            .first()
        )
    context = {"sentence": sentence, "by": last.history_user if last else None}
    # 286: htmx stops asking once the warning is shown (it still swaps it in).
    return render(request, EDIT_TEMPLATE + "#stale", context, status=STOP_POLLING)


def _edit_template(request: HttpRequest) -> str:
    return EDIT_TEMPLATE + ("#form" if request.htmx else "")


def conflict_response(request, article, conflict: editing.EditConflict, reason: str):
    context = {
        "article": article,
        "conflict": conflict,
        "sentence": conflict.sentence,
        "diff": word_diff(conflict.theirs, conflict.yours),
        "reason": reason,
    }
    template = EDIT_TEMPLATE + ("#conflict" if request.htmx else "")
    # htmx swaps only 2xx answers; a plain request learns of the conflict from the status.
    return render(request, template, context, status=200 if request.htmx else 409)


def _conflict_record(article, sentence: Sentence | None, pk: int, record_pk: int) -> Flag | None:
    """The flag `record_pk` of this story if it is about sentence `pk` (the URL's), else None.

    A record is on its sentence, or on none when the sentence was merged away or removed
    (then `sentence` is None too). Whether it is a conflict record is the service's to say.
    """
    record = Flag.objects.filter(pk=record_pk, article=article).first()
    if record is None:
        return None
    if record.sentence_id == pk or (record.sentence_id is None and sentence is None):
        return record
    return None


def _conflict_refused(
    request: HttpRequest, article, sentence: Sentence | None, message: str
) -> HttpResponse:
    """400: the sentence's edit form as it is now, with `message`; plain text without one."""
    if sentence is None:
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    context = {
        "article": article,
        "sentence": sentence,
        "text": sentence.text,
        "expected_version": sentence.version,
        "reason": "",
        "errors": [message],
    }
    return render(request, _edit_template(request), context, status=400)


SETTLED = {
    conflicts.THEIRS: "Kept the other version; your text stays in the history.",
    conflicts.MINE: "Saved. Both versions are on the timeline.",
    conflicts.MERGE: "Saved. Both versions are on the timeline.",
}


@login_required
@require_POST
def sentence_conflict(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Settle a conflict: keep mine, take theirs, or save a hand-merged text."""
    article = get_article_for_user(request, slug)
    sentence = Sentence.objects.filter(pk=pk, article=article).first()
    form = ConflictForm(request.POST)
    if not form.is_valid():
        return _conflict_refused(request, article, sentence, "Choose which version to keep.")
    data = form.cleaned_data
    record = _conflict_record(article, sentence, pk, data["record"])
    if record is None:
        return _conflict_refused(request, article, sentence, conflicts.CONFLICT_STALE)
    try:
        conflicts.conflict_settle(
            record=record,
            choice=data["choice"],
            text=data["text"],
            expected_version=data["expected_version"],
            actor=request.user,
            reason=data["reason"] or "",
        )
    except editing.EditConflict as conflict:
        return conflict_response(request, article, conflict, data["reason"] or "")
    except ValidationError as exc:
        if getattr(exc, "code", None) in conflicts.REFUSED:
            return _conflict_refused(request, article, sentence, " ".join(_messages_of(exc)))
        messages.error(request, " ".join(_messages_of(exc)))
    else:
        messages.success(request, SETTLED[data["choice"]])
    anchor = f"#s-{sentence.pk}" if sentence is not None else ""
    return _back(request, f"{article.get_absolute_url()}{anchor}")


# Suggestions.


@login_required
@require_POST
def suggestion_accept(request: HttpRequest, pk: int) -> HttpResponse:
    flag = get_flag_for_user(request, pk)
    try:
        editing.suggestion_accept(flag=flag, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(_messages_of(exc)))
    else:
        messages.success(request, f"Suggestion accepted; flag {flag.label} resolved.")
    return _back(request, flag.get_absolute_url(fragment=""))


@login_required
@require_POST
def suggestion_reject(request: HttpRequest, pk: int) -> HttpResponse:
    flag = get_flag_for_user(request, pk)
    form = SuggestionRejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form_messages(form)))
        return _back(request, flag.get_absolute_url(fragment=""))
    try:
        editing.suggestion_reject(flag=flag, actor=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, " ".join(_messages_of(exc)))
    else:
        messages.success(request, f"Suggestion rejected; flag {flag.label} dismissed.")
    return _back(request, flag.get_absolute_url(fragment=""))


@login_required
def suggestions_accept_all(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """GET: the confirmation listing every pending suggestion; POST: accept them all."""
    article = get_article_for_user(request, slug)
    permissions.require(
        permissions.can_accept_all_suggestions(request.user), permissions.ACCEPT_ALL_DENIED
    )
    flag_kind = get_object_or_404(FlagKind, slug=kind)
    if request.method == "POST":
        try:
            result = editing.suggestions_accept_all(
                article=article, kind=flag_kind, actor=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(_messages_of(exc)))
            return redirect(article)
        messages.success(
            request, f"Accepted {len(result.accepted)} {flag_kind.name} suggestion(s)."
        )
        for flag, why in result.skipped:
            messages.warning(request, f"Skipped flag {flag.label}: {why}")
        return redirect(article)
    pending = list(editing.suggestions_pending(article=article, kind=flag_kind))
    return render(
        request,
        "review/editing/accept_all.html",
        {"article": article, "kind": flag_kind, "pending": pending},
    )


urlpatterns = [
    path("articles/<slug:slug>/sentences/<int:pk>/edit/", sentence_edit, name="sentence_edit"),
    path("articles/<slug:slug>/sentences/<int:pk>/watch/", sentence_watch, name="sentence_watch"),
    path(
        "articles/<slug:slug>/sentences/<int:pk>/conflict/",
        sentence_conflict,
        name="sentence_conflict",
    ),
    path("flags/<int:pk>/suggestion/accept/", suggestion_accept, name="suggestion_accept"),
    path("flags/<int:pk>/suggestion/reject/", suggestion_reject, name="suggestion_reject"),
    path(
        "articles/<slug:slug>/suggestions/<slug:kind>/accept-all/",
        suggestions_accept_all,
        name="suggestions_accept_all",
    ),
]
