"""Each user's inbox: flags assigned to them, and notifications (mentions, assignments)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from review.context_processors import unread_count
from review.models import Flag, Notification
from review.services import notifications as notification_services
from review.views.access import require_role

INBOX_SIZE = 100


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    require_role(request)
    notes = list(
        Notification.objects.filter(recipient=request.user)
        .select_related("actor", "flag__article", "flag__kind", "comment")
        .defer("flag__article__original_text")
        .order_by("-created_at", "-pk")[:INBOX_SIZE]
    )
    assigned = list(
        Flag.objects.filter(assignee=request.user, status=Flag.Status.OPEN)
        .select_related("article", "kind", "created_by")
        .defer("article__original_text")
        .order_by("-updated_at", "-pk")[:INBOX_SIZE]
    )
    unread = sum(note.read_at is None for note in notes)
    return render(
        request,
        "review/inbox.html",
        {"notifications": notes, "assigned": assigned, "unread_shown": unread},
    )


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and go to its flag."""
    require_role(request)
    note = get_object_or_404(
        Notification.objects.select_related("flag__article").defer("flag__article__original_text"),
        pk=pk,
        recipient=request.user,
    )
    notification_services.notification_mark_read(notification=note, actor=request.user)
    fragment = f"c-{note.comment_id}" if note.comment_id else "thread"
    return redirect(note.flag.get_absolute_url(fragment=fragment))


@login_required
@require_POST
def inbox_mark_all_read(request: HttpRequest) -> HttpResponse:
    require_role(request)
    count = notification_services.notifications_mark_all_read(actor=request.user)
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} read.")
    return redirect(reverse("review:inbox"))


@login_required
@require_GET
def inbox_unread(request: HttpRequest) -> JsonResponse:
    """The Inbox badge's number, asked for by every open page every few seconds."""
    response = JsonResponse({"unread": unread_count(request.user)})
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("inbox/", inbox, name="inbox"),
    path("inbox/<int:pk>/open/", notification_open, name="notification_open"),
    path("inbox/unread/", inbox_unread, name="inbox_unread"),
    path("inbox/read-all/", inbox_mark_all_read, name="inbox_mark_all_read"),
]
