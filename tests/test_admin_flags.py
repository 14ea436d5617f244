from __future__ import annotations

import pytest
from django.urls import reverse

from review.models import Flag
from review.services.comments import comment_add
from review.services.flags import flag_create, flag_resolve


@pytest.fixture
def flags(make_article, editor, copy_editor):
    article = make_article("One claim. Two claims. Three claims.")
    made = [
        flag_create(sentence=s, kind="unverified-claim", actor=editor, note=f"note {s.position}")
        for s in article.sentences.order_by("position")
    ]
    comment_add(flag=made[0], actor=copy_editor, body="searchable reply")
    return made


@pytest.fixture
def staff_editor(editor):
    editor.is_staff = True
    editor.is_superuser = True
    editor.save()
    return editor


def test_the_flag_pages_render_with_filters_search_and_the_comment_inline(
    client, staff_editor, flags
):
    client.force_login(staff_editor)
    changelist = reverse("admin:review_flag_changelist")
    assert client.get(changelist).status_code == 200
    assert (
        client.get(
            changelist, {"status__exact": "open", "kind__id__exact": flags[0].kind_id}
        ).status_code
        == 200
    )
    response = client.get(changelist, {"q": "note 1"})
    assert response.context["cl"].result_count == 1
    change = client.get(reverse("admin:review_flag_change", args=[flags[0].pk]))
    assert change.status_code == 200 and "searchable reply" in change.content.decode()
    assert client.get(reverse("admin:review_flag_history", args=[flags[0].pk])).status_code == 200
    assert (
        client.get(reverse("admin:review_comment_changelist"), {"q": "searchable"}).status_code
        == 200
    )


def test_resolve_selected_calls_the_service_and_skips_closed_flags(client, staff_editor, flags):
    flag_resolve(flag=flags[0], actor=staff_editor)
    client.force_login(staff_editor)
    response = client.post(
        reverse("admin:review_flag_changelist"),
        {"action": "resolve_selected", "_selected_action": [f.pk for f in flags]},
        follow=True,
    )
    text = response.content.decode()
    assert "Resolved 2 flags." in text
    assert "already resolved" in text
    assert set(Flag.objects.values_list("status", flat=True)) == {"resolved"}
    last = flags[1].history.order_by("-history_id").first()
    assert (last.history_user, last.history_change_reason) == (staff_editor, "flag resolved")


def test_assign_selected_asks_for_the_person_then_assigns(
    client, staff_editor, fact_checker, flags
):
    client.force_login(staff_editor)
    changelist = reverse("admin:review_flag_changelist")
    ids = [flags[0].pk, flags[1].pk]
    page = client.post(changelist, {"action": "assign_selected", "_selected_action": ids})
    assert page.status_code == 200 and "Assign these 2 flags" in page.content.decode()
    response = client.post(
        changelist,
        {
            "action": "assign_selected",
            "_selected_action": ids,
            "apply": "1",
            "assignee": fact_checker.pk,
        },
        follow=True,
    )
    assert "Assigned 2 flags." in response.content.decode()
    assert list(Flag.objects.filter(assignee=fact_checker).order_by("pk")) == flags[:2]
    assert fact_checker.notifications.count() == 2
