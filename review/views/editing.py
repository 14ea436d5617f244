"""Editing with history: inline sentence edits and conflicts, suggestions, the timeline,
"as of" views, reverts, workflow transitions and re-imports.

Every view calls one service and only translates its errors. After a change that may have
split, merged or moved sentences, htmx requests get `HX-Location` to reload the review area
(the whole story's numbering may have changed); plain requests are redirected.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from review import permissions
from review.models import Flag, FlagKind, Sentence
from review.selectors import history as select
from review.services import editing, revert, workflow
from review.services.articles import decode_manuscript
from review.services.revise import article_revise
from review.text.worddiff import word_diff
from review.views.review_page import get_article_for_user

EDIT_TEMPLATE = "review/editing/edit.html"


def _messages_of(exc: ValidationError) -> list[str]:
    return list(exc.messages)


def _back(request: HttpRequest, url: str) -> HttpResponse:
    """Reload the review area for htmx, or redirect a plain request."""
    if request.htmx:
        response = HttpResponse(status=204)
        target = url.split("#")[0]
        response["HX-Location"] = json.dumps(
            {"path": target, "target": "#review", "swap": "outerHTML"}
        )
        return response
    return HttpResponseRedirect(url)


def _sentence(article, pk: int) -> Sentence:
    return get_object_or_404(Sentence, pk=pk, article=article)


def _int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# Sentence edits and conflicts.


@login_required
def sentence_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    article = get_article_for_user(request, slug)
    permissions.require(permissions.can_edit_text(request.user), editing.EDIT_DENIED)
    sentence = _sentence(article, pk)
    context = {
        "article": article,
        "sentence": sentence,
        "text": sentence.text,
        "expected_version": sentence.version,
        "reason": "",
        "errors": [],
    }
    status = 200
    if request.method == "POST":
        text = request.POST.get("text", "").replace("\r\n", "\n")
        expected = _int(request.POST.get("expected_version"), -1)
        reason = request.POST.get("reason", "")
        try:
            result = editing.sentence_edit(
                sentence=sentence,
                text=text,
                expected_version=expected,
                actor=request.user,
                reason=reason,
            )
        except editing.EditConflict as conflict:
            return _conflict_response(request, article, conflict, reason)
        except ValidationError as exc:
            context.update(text=text, expected_version=expected, reason=reason)
            context["errors"] = _messages_of(exc)
            status = 400
        else:
            if result.changed and not request.htmx:
                messages.success(request, "Saved. The change is on the story's timeline.")
            return _back(request, f"{article.get_absolute_url()}#s-{result.sentence.pk}")
    template = EDIT_TEMPLATE + ("#form" if request.htmx else "")
    return render(request, template, context, status=status)


def _conflict_response(request, article, conflict: editing.EditConflict, reason: str):
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


class ConflictForm(forms.Form):
    choice = forms.ChoiceField(choices=[("mine", "mine"), ("theirs", "theirs"), ("merge", "merge")])
    record = forms.IntegerField()
    text = forms.CharField(required=False, strip=False)
    expected_version = forms.IntegerField(required=False)
    reason = forms.CharField(required=False)


@login_required
@require_POST
def sentence_conflict(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Settle a conflict: keep mine, take theirs, or save a hand-merged text."""
    from review.services.flags import flag_dismiss, flag_resolve

    article = get_article_for_user(request, slug)
    form = ConflictForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose which version to keep.")
        return _back(request, article.get_absolute_url())
    data = form.cleaned_data
    record = get_object_or_404(Flag, pk=data["record"], article=article)
    sentence = Sentence.objects.filter(pk=pk, article=article).first()
    try:
        if data["choice"] == "theirs":
            if record.status == Flag.Status.OPEN:
                flag_dismiss(
                    flag=record, actor=request.user, reason="Kept the other editor's version."
                )
            messages.success(request, "Kept the other version; your text stays in the history.")
        else:
            if sentence is None:
                messages.error(
                    request,
                    "That sentence is gone; your text is kept on a detached flag. Edit the "
                    "sentence that holds its words now.",
                )
                return _back(request, article.get_absolute_url())
            editing.sentence_edit(
                sentence=sentence,
                text=(data["text"] or "").replace("\r\n", "\n"),
                expected_version=data["expected_version"] or sentence.version,
                actor=request.user,
                reason=data["reason"] or "",
                why="edited after a conflict"
                + (" (merged by hand)" if data["choice"] == "merge" else ""),
            )
            if Flag.objects.filter(pk=record.pk, status=Flag.Status.OPEN).exists():
                flag_resolve(
                    flag=record,
                    actor=request.user,
                    note="Merged by hand." if data["choice"] == "merge" else "Kept my version.",
                )
            messages.success(request, "Saved. Both versions are on the timeline.")
    except editing.EditConflict as conflict:
        return _conflict_response(request, article, conflict, data["reason"] or "")
    except ValidationError as exc:
        messages.error(request, " ".join(_messages_of(exc)))
    anchor = f"#s-{sentence.pk}" if sentence is not None else ""
    return _back(request, f"{article.get_absolute_url()}{anchor}")


# Suggestions.


def _flag_for_user(request: HttpRequest, pk: int) -> Flag:
    flag = get_object_or_404(Flag.objects.select_related("article", "sentence"), pk=pk)
    get_article_for_user(request, flag.article.slug)
    return flag


@login_required
@require_POST
def suggestion_accept(request: HttpRequest, pk: int) -> HttpResponse:
    flag = _flag_for_user(request, pk)
    try:
        editing.suggestion_accept(flag=flag, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(_messages_of(exc)))
    else:
        messages.success(request, f"Suggestion accepted; flag #{flag.pk} resolved.")
    return _back(request, f"{flag.article.get_absolute_url()}?flag={flag.pk}")


@login_required
@require_POST
def suggestion_reject(request: HttpRequest, pk: int) -> HttpResponse:
    flag = _flag_for_user(request, pk)
    try:
        editing.suggestion_reject(
            flag=flag, actor=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(_messages_of(exc)))
    else:
        messages.success(request, f"Suggestion rejected; flag #{flag.pk} dismissed.")
    return _back(request, f"{flag.article.get_absolute_url()}?flag={flag.pk}")


@login_required
def suggestions_accept_all(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """GET: the confirmation listing every pending suggestion; POST: accept them all."""
    article = get_article_for_user(request, slug)
    permissions.require(
        permissions.can_approve(request.user),
        "Only Editors can accept all suggestions at once; accept them one by one instead.",
    )
    flag_kind = get_object_or_404(FlagKind, slug=kind)
    if request.method == "POST":
        result = editing.suggestions_accept_all(article=article, kind=flag_kind, actor=request.user)
        messages.success(
            request, f"Accepted {len(result.accepted)} {flag_kind.name} suggestion(s)."
        )
        for flag, why in result.skipped:
            messages.warning(request, f"Skipped flag #{flag.pk}: {why}")
        return redirect(article)
    pending = list(editing.suggestions_pending(article=article, kind=flag_kind))
    return render(
        request,
        "review/editing/accept_all.html",
        {"article": article, "kind": flag_kind, "pending": pending},
    )


# History, "as of", reverts.


@login_required
def article_history(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_article_for_user(request, slug)
    if "as_of" in request.GET:
        return _as_of(request, article)
    user_id = _int(request.GET.get("user")) or None
    kind = request.GET.get("kind") or None
    data = select.timeline(
        article, user_id=user_id, kind=kind, page=_int(request.GET.get("page"), 1)
    )
    query = "&".join(f"{k}={v}" for k, v in (("user", user_id or ""), ("kind", kind or "")) if v)
    return render(
        request,
        "review/history.html",
        {
            "article": article,
            "timeline": data,
            "user_id": user_id,
            "kind": kind,
            "query": query,
            "can_edit_text": permissions.can_edit_text(request.user),
        },
    )


def _as_of(request: HttpRequest, article) -> HttpResponse:
    try:
        when = select.resolve_as_of(article, request.GET.get("as_of", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(_messages_of(exc)))
        return redirect("review:article_history", article.slug)
    return render(
        request,
        "review/editing/as_of.html",
        {
            "article": article,
            "snap": select.snapshot(article, when),
            "can_edit_text": permissions.can_edit_text(request.user),
        },
    )


@login_required
def sentence_history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    article = get_article_for_user(request, slug)
    sentence = _sentence(article, pk)
    versions = select.sentence_versions(sentence.pk)
    for older, newer in zip(versions[1:], versions, strict=False):
        newer.diff = word_diff(older.text, newer.text)
    return render(
        request,
        "review/editing/sentence_history.html",
        {
            "article": article,
            "sentence": sentence,
            "versions": versions,
            "can_edit_text": permissions.can_edit_text(request.user),
        },
    )


@login_required
@require_POST
def sentence_revert(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    article = get_article_for_user(request, slug)
    sentence = _sentence(article, pk)
    try:
        revert.sentence_revert(
            sentence=sentence,
            history_id=_int(request.POST.get("history_id")),
            expected_version=_int(request.POST.get("expected_version"), -1),
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
    except editing.EditConflict as conflict:
        return _conflict_response(request, article, conflict, "")
    except ValidationError as exc:
        messages.error(request, " ".join(_messages_of(exc)))
        return redirect("review:sentence_history", article.slug, sentence.pk)
    messages.success(request, "Reverted. The revert is on the timeline and can be undone.")
    return redirect(f"{article.get_absolute_url()}#s-{sentence.pk}")


@login_required
@require_POST
def article_revert(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_article_for_user(request, slug)
    try:
        when = select.resolve_as_of(article, request.POST.get("as_of", ""))
        revert.article_revert(
            article=article,
            when=when,
            expected_version=_int(request.POST.get("expected_version"), -1),
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(_messages_of(exc)))
        return redirect("review:article_history", article.slug)
    messages.success(request, f"Reverted the text; the story is now version {article.version}.")
    return redirect("review:article_history", article.slug)


# Workflow and re-import.


@login_required
@require_POST
def article_transition(request: HttpRequest, slug: str, verb: str) -> HttpResponse:
    article = get_article_for_user(request, slug)
    service = workflow.SERVICES.get(verb)
    if service is None:
        messages.error(request, "That is not a step of the workflow.")
        return redirect(article)
    kwargs = {"article": article, "actor": request.user, "note": request.POST.get("note", "")}
    if verb in {"approve", "publish"}:
        kwargs["override_reason"] = request.POST.get("override_reason", "")
    try:
        service(**kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(_messages_of(exc)))
    else:
        messages.success(request, f"The story is now {article.get_status_display().lower()}.")
    return redirect(article)


class ReviseForm(forms.Form):
    file = forms.FileField(required=False, help_text="A plain-text (.txt) file, UTF-8.")
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16}),
        required=False,
        strip=False,
        help_text="Or paste the revised story.",
    )
    reason = forms.CharField(required=False, max_length=80, help_text="What changed, briefly.")
    run_checks = forms.BooleanField(required=False, initial=True, label="Re-run the checks")

    def clean(self):
        data = super().clean()
        upload, pasted = data.get("file"), data.get("text") or ""
        if upload and pasted.strip():
            raise ValidationError("Choose a file or paste text, not both.", code="both")
        if upload:
            try:
                data["manuscript"] = decode_manuscript(upload.read())
            except ValidationError as exc:
                self.add_error("file", exc)
        elif pasted.strip():
            data["manuscript"] = pasted.replace("\r\n", "\n")
        else:
            raise ValidationError("Choose a .txt file or paste the revised text.", code="empty")
        return data


@login_required
def article_revise_view(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_article_for_user(request, slug)
    permissions.require(
        permissions.can_import(request.user),
        "Only Editors can upload a revised version; ask an Editor.",
    )
    form = ReviseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = article_revise(
                article=article,
                text=form.cleaned_data["manuscript"],
                actor=request.user,
                run_checks=form.cleaned_data["run_checks"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                f"Revised to version {article.version}: {len(result.changed)} changed, "
                f"{len(result.created)} added, {len(result.deleted)} removed sentences.",
            )
            return redirect("review:article_history", article.slug)
    return render(request, "review/editing/revise.html", {"article": article, "form": form})


urlpatterns = [
    path("articles/<slug:slug>/sentences/<int:pk>/edit/", sentence_edit, name="sentence_edit"),
    path(
        "articles/<slug:slug>/sentences/<int:pk>/conflict/",
        sentence_conflict,
        name="sentence_conflict",
    ),
    path(
        "articles/<slug:slug>/sentences/<int:pk>/history/",
        sentence_history,
        name="sentence_history",
    ),
    path(
        "articles/<slug:slug>/sentences/<int:pk>/revert/", sentence_revert, name="sentence_revert"
    ),
    path("flags/<int:pk>/suggestion/accept/", suggestion_accept, name="suggestion_accept"),
    path("flags/<int:pk>/suggestion/reject/", suggestion_reject, name="suggestion_reject"),
    path(
        "articles/<slug:slug>/suggestions/<slug:kind>/accept-all/",
        suggestions_accept_all,
        name="suggestions_accept_all",
    ),
    path("articles/<slug:slug>/history/", article_history, name="article_history"),
    path("articles/<slug:slug>/revert/", article_revert, name="article_revert"),
    path(
        "articles/<slug:slug>/workflow/<slug:verb>/",
        article_transition,
        name="article_transition",
    ),
    path("articles/<slug:slug>/revise/", article_revise_view, name="article_revise"),
]
