from __future__ import annotations

import pytest
from django.urls import reverse

from review.models import Notification
from review.services.comments import comment_add
from review.services.flags import flag_create, flag_update


@pytest.fixture
def flag(make_article, editor):
    sentence = make_article("The mayor said so.").sentences.get()
    return flag_create(sentence=sentence, kind="unverified-claim", actor=editor)


def test_it_sends_anonymous_users_to_login(client, db):
    response = client.get(reverse("review:inbox"))
    assert response.status_code == 302


def test_it_lists_mentions_and_assignments_newest_first(client, editor, copy_editor, flag):
    comment_add(flag=flag, actor=editor, body="@copyed first mention")
    flag_update(flag=flag, actor=editor, assignee=copy_editor)
    client.force_login(copy_editor)
    html = client.get(reverse("review:inbox")).content.decode()
    assert html.index("assigned you") < html.index("mentioned you in")
    assert "first mention" in html
    assert "2 unread" in html
    assert "Inbox (2)" in html  # the header's count
    assert "Open flags assigned to you" in html and "The mayor said so." in html


def test_opening_a_notification_marks_it_read_and_goes_to_the_flag(
    client, editor, copy_editor, flag
):
    comment = comment_add(flag=flag, actor=editor, body="@copyed look")
    note = Notification.objects.get()
    client.force_login(copy_editor)
    path = reverse("review:notification_open", args=[note.pk])
    assert client.get(path).status_code == 405
    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"].endswith(f"?flag={flag.pk}#c-{comment.pk}")
    note.refresh_from_db()
    assert note.read_at is not None
    assert "Inbox (0)" in client.get(reverse("review:inbox")).content.decode()


def test_nobody_opens_another_persons_notification(client, editor, copy_editor, flag):
    comment_add(flag=flag, actor=editor, body="@copyed look")
    note = Notification.objects.get()
    client.force_login(editor)
    assert client.post(reverse("review:notification_open", args=[note.pk])).status_code == 404


def test_mark_all_read_is_a_post_for_your_own_notifications(client, editor, copy_editor, flag):
    comment_add(flag=flag, actor=editor, body="@copyed one")
    comment_add(flag=flag, actor=copy_editor, body="@editor two")
    client.force_login(copy_editor)
    assert client.get(reverse("review:inbox_mark_all_read")).status_code == 405
    assert client.post(reverse("review:inbox_mark_all_read")).status_code == 302
    assert list(
        Notification.objects.filter(read_at__isnull=True).values_list(
            "recipient__username", flat=True
        )
    ) == ["editor"]


def test_the_inbox_costs_a_fixed_number_of_queries(
    client, editor, copy_editor, make_article, django_assert_num_queries
):
    def grow(n):
        for i in range(n):
            sentence = make_article(f"Story {i} text.").sentences.get()
            f = flag_create(sentence=sentence, kind="style", actor=editor, assignee=copy_editor)
            comment_add(flag=f, actor=editor, body=f"@copyed number {i}")

    client.force_login(copy_editor)
    for n in (1, 5):
        grow(n)
        # Session, user, permissions (user's and groups' in one), notifications with actor, flag,
        # article, kind and comment joined, open flags assigned with article, kind and author
        # joined, the header's unread count.
        with django_assert_num_queries(6):
            assert client.get(reverse("review:inbox")).status_code == 200


# The live badge.


def test_the_unread_count_is_the_users_own(client, editor, copy_editor, flag):
    comment_add(flag=flag, actor=editor, body="@copyed one")
    comment_add(flag=flag, actor=editor, body="@copyed two")
    comment_add(flag=flag, actor=copy_editor, body="@editor back")
    client.force_login(copy_editor)
    response = client.get(reverse("review:inbox_unread"))
    assert response.status_code == 200
    assert response.json() == {"unread": 2}
    assert response["Cache-Control"] == "no-store"
    Notification.objects.filter(recipient=copy_editor).first().delete()
    assert client.get(reverse("review:inbox_unread")).json() == {"unread": 1}


def test_the_unread_count_needs_a_login(client, db):
    assert client.get(reverse("review:inbox_unread")).status_code == 302


def test_every_page_header_carries_what_the_badge_script_needs(client, copy_editor, settings):
    settings.REVIEW_INBOX_POLL_SECONDS = 7
    client.force_login(copy_editor)
    html = client.get(reverse("review:inbox")).content.decode()
    assert 'id="inbox-link"' in html
    assert f'data-unread-url="{reverse("review:inbox_unread")}"' in html
    assert 'data-poll="7"' in html
    assert 'id="inbox-live" class="inbox-live" aria-live="polite"' in html
    assert "review/inbox.js" in html


def test_a_lost_conflict_is_listed_in_the_inbox(client, make_article, editor, copy_editor):
    from review.services.conflicts import EditConflict, conflict_settle
    from review.services.editing import sentence_edit

    sentence = make_article("The mayor said so.").sentences.get()
    sentence_edit(sentence=sentence, text="The mayor said it.", expected_version=1, actor=editor)
    with pytest.raises(EditConflict) as caught:
        sentence_edit(
            sentence=sentence, text="The mayor said that.", expected_version=1, actor=copy_editor
        )
    conflict_settle(
        record=caught.value.record,
        choice="mine",
        text="The mayor said that.",
        expected_version=2,
        actor=copy_editor,
    )
    client.force_login(editor)
    html = client.get(reverse("review:inbox")).content.decode()
    assert "kept another text over yours after an edit conflict" in html
    assert "1 unread" in html


def test_mentions_are_highlighted_in_the_inbox(client, editor, copy_editor, flag):
    comment_add(flag=flag, actor=editor, body="@copyed <i>look</i>")
    client.force_login(copy_editor)
    html = client.get(reverse("review:inbox")).content.decode()
    assert '<span class="mention mention-you">@copyed</span> &lt;i&gt;look&lt;/i&gt;' in html
