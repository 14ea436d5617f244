from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from review.models import Comment, Flag, FlagKind, Notification
from review.services import flags as flag_services
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


# Never deleted


def _action_names(response) -> set[str]:
    form = response.context["action_form"]  # None when no action is left
    return {name for name, _ in form.fields["action"].choices} if form else set()


@pytest.mark.parametrize("model", ["flag", "comment"])
def test_flags_and_comments_cannot_be_deleted_in_the_admin(client, staff_editor, flags, model):
    client.force_login(staff_editor)
    obj = flags[0] if model == "flag" else flags[0].comments.get()
    before = (Flag.objects.count(), Comment.objects.count())
    url = reverse(f"admin:review_{model}_delete", args=[obj.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    changelist = reverse(f"admin:review_{model}_changelist")
    assert "delete_selected" not in _action_names(client.get(changelist))
    client.post(
        changelist, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    )
    assert (Flag.objects.count(), Comment.objects.count()) == before


# The change form: only what flag_update changes, through flag_update


def _form_data(flag, **changes) -> dict:
    data = {
        "kind": flag.kind_id,
        "severity": flag.severity,
        "note": flag.note,
        "suggestion": flag.suggestion,
        "assignee": flag.assignee_id or "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_the_flag_form_changes_only_what_flag_update_changes(
    client, staff_editor, fact_checker, flags
):
    flag = flags[1]
    other = flags[2].sentence
    style = FlagKind.objects.get(slug="style")
    client.force_login(staff_editor)
    url = reverse("admin:review_flag_change", args=[flag.pk])
    response = client.post(
        url,
        _form_data(
            flag,
            kind=style.pk,
            severity="blocker",
            note="Spell it out.",
            assignee=fact_checker.pk,
            # read-only: ignored
            sentence=other.pk,
            article=other.article_id,
            start="0",
            end="3",
            quote="One",
            status="resolved",
            anchor="orphaned",
            origin="check:made-up",
        ),
    )
    assert response.status_code == 302
    before = Flag.objects.get(pk=flags[2].pk)
    flag.refresh_from_db()
    assert (flag.kind, flag.severity, flag.note, flag.assignee) == (
        style,
        "blocker",
        "Spell it out.",
        fact_checker,
    )
    assert flag.sentence_id != other.pk and (flag.start, flag.end) == (None, None)
    assert (flag.status, flag.anchor, flag.origin) == ("open", "attached", "editor")
    assert flag.quote == "Two claims." and before.quote == "Three claims."
    record = flag.history.order_by("-history_id").first()
    assert record.history_user == staff_editor
    assert record.history_change_reason == "flag changed: kind, severity, note, assignee"
    assert Notification.objects.filter(recipient=fact_checker, reason="assigned").count() == 1


def test_the_flag_form_shows_the_services_refusals_beside_the_fields(
    client, staff_editor, viewer, flags
):
    flag = flags[1]
    client.force_login(staff_editor)
    url = reverse("admin:review_flag_change", args=[flag.pk])
    response = client.post(url, _form_data(flag, assignee=viewer.pk, note="changed"))
    assert response.status_code == 200
    assert "viewer cannot work on flags" in response.content.decode()
    flag.refresh_from_db()
    assert (flag.assignee, flag.note, flag.history.count()) == (None, "note 1", 1)
    assert not Notification.objects.exists()


def test_a_closed_flag_cannot_be_changed_on_its_form(client, staff_editor, flags):
    flag = flag_resolve(flag=flags[1], actor=staff_editor)
    client.force_login(staff_editor)
    url = reverse("admin:review_flag_change", args=[flag.pk])
    response = client.post(url, _form_data(flag, note="late change"))
    assert response.status_code == 200
    assert "already resolved; reopen it" in response.content.decode()
    flag.refresh_from_db()
    assert flag.note == "note 1"


def test_saving_the_form_unchanged_writes_no_history(client, staff_editor, flags):
    client.force_login(staff_editor)
    url = reverse("admin:review_flag_change", args=[flags[1].pk])
    assert client.post(url, _form_data(flags[1])).status_code == 302
    assert flags[1].history.count() == 1


def test_a_refusal_after_the_form_was_checked_is_an_error_message_not_a_500(
    client, staff_editor, flags, monkeypatch
):
    """The flag is closed by someone else between the form's check and the save."""
    flag = flags[1]
    real_check = flag_services.flag_update_check

    def check_then_someone_resolves(**kwargs):
        real_check(**kwargs)
        flag_resolve(flag=flag, actor=staff_editor, note="done elsewhere")

    monkeypatch.setattr(flag_services, "flag_update_check", check_then_someone_resolves)
    client.force_login(staff_editor)
    url = reverse("admin:review_flag_change", args=[flag.pk])
    response = client.post(url, _form_data(flag, note="too late"), follow=True)
    assert response.status_code == 200
    assert "Not changed: This flag is already resolved" in response.content.decode()
    assert "was changed successfully" not in response.content.decode()
    flag.refresh_from_db()
    assert (flag.status, flag.note) == ("resolved", "note 1")
    assert not LogEntry.objects.filter(object_id=str(flag.pk)).exists()


# Replies are read-only in the admin: only their authors edit them, through comment_edit.


def test_a_reply_cannot_be_rewritten_on_its_admin_page(client, staff_editor, flags):
    comment = flags[0].comments.get()
    client.force_login(staff_editor)
    url = reverse("admin:review_comment_change", args=[comment.pk])
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "searchable reply" in body and 'name="body"' not in body
    assert client.post(url, {"body": "Rewritten by the chief."}).status_code == 403
    comment.refresh_from_db()
    assert comment.body == "searchable reply" and comment.edited_at is None
    assert comment.history.count() == 1


def test_a_reply_cannot_be_rewritten_through_the_flags_comment_inline(client, staff_editor, flags):
    flag, comment = flags[0], flags[0].comments.get()
    client.force_login(staff_editor)
    url = reverse("admin:review_flag_change", args=[flag.pk])
    assert 'name="comments-0-body"' not in client.get(url).content.decode()
    data = _form_data(
        flag,
        note="changed note",
        **{
            "comments-TOTAL_FORMS": "1",
            "comments-INITIAL_FORMS": "1",
            "comments-0-id": str(comment.pk),
            "comments-0-flag": str(flag.pk),
            "comments-0-body": "Rewritten by the chief.",
        },
    )
    assert client.post(url, data).status_code == 302
    comment.refresh_from_db()
    assert comment.body == "searchable reply" and comment.history.count() == 1
    flag.refresh_from_db()
    assert flag.note == "changed note"  # the flag's own fields still save
