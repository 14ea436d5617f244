"""The editing pages: inline edit, conflicts, suggestions, reverts, workflow, revisions."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from review.models import Article, Flag
from review.services.editing import sentence_edit
from review.services.flags import flag_create
from review.services.revise import current_text

TEXT = "Scot Petersen stayed outside. He did not go in.\n\nThe report came later."


@pytest.fixture
def article(make_article):
    return make_article(TEXT, slug="story")


def at(article, position):
    return article.sentences.get(position=position)


def edit_url(article, sentence):
    return reverse("review:sentence_edit", args=[article.slug, sentence.pk])


def test_the_edit_form_is_a_fragment_for_htmx_and_a_page_without_it(client, article, copy_editor):
    client.force_login(copy_editor)
    s = at(article, 0)
    page = client.get(edit_url(article, s))
    assert page.status_code == 200
    assert b"<html" in page.content and b'name="expected_version" value="1"' in page.content
    fragment = client.get(edit_url(article, s), headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content
    assert b"Scot Petersen stayed outside." in fragment.content


def test_viewers_get_no_edit_form(client, article, viewer):
    client.force_login(viewer)
    assert client.get(edit_url(article, at(article, 0))).status_code == 403


def test_posting_an_edit_saves_it_and_returns_to_the_sentence(client, article, copy_editor):
    client.force_login(copy_editor)
    s = at(article, 0)
    response = client.post(
        edit_url(article, s),
        {"text": "Scot Peterson stayed outside.", "expected_version": 1, "reason": "spelling"},
    )
    assert response.status_code == 302
    assert response.url.endswith(f"#s-{s.pk}")
    s.refresh_from_db()
    assert s.text == "Scot Peterson stayed outside."
    assert s.history.first().history_change_reason == "edited: spelling"


def test_an_htmx_edit_reloads_the_review_area(client, article, copy_editor):
    client.force_login(copy_editor)
    s = at(article, 0)
    response = client.post(
        edit_url(article, s),
        {"text": "Scot Peterson stayed outside.\r\n", "expected_version": 1},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 204
    assert '"target": "#review"' in response["HX-Location"]


def test_a_bad_edit_shows_the_form_again_with_the_error(client, article, editor):
    client.force_login(editor)
    s = at(article, 0)
    response = client.post(edit_url(article, s), {"text": "bad\x00", "expected_version": 1})
    assert response.status_code == 400
    assert b"control character" in response.content


def test_a_stale_edit_shows_both_versions_and_keeps_the_losing_text(
    client, article, editor, copy_editor
):
    s = at(article, 0)
    sentence_edit(
        sentence=s, text="Scot Peterson stayed outside.", expected_version=1, actor=editor
    )
    client.force_login(copy_editor)
    response = client.post(
        edit_url(article, s), {"text": "<b>Mine</b> wins.", "expected_version": 1}
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Scot Peterson stayed outside." in body
    assert "&lt;b&gt;Mine&lt;/b&gt; wins." in body and "<b>Mine</b>" not in body
    assert "Keep my version" in body and "Take this version" in body and "merge by hand" in body
    record = Flag.objects.get(suggestion="<b>Mine</b> wins.")
    assert record.status == "open"


def test_keeping_mine_after_a_conflict_saves_it_and_resolves_the_record(
    client, article, editor, copy_editor
):
    s = at(article, 0)
    sentence_edit(sentence=s, text="Theirs.", expected_version=1, actor=editor)
    client.force_login(copy_editor)
    client.post(edit_url(article, s), {"text": "Mine.", "expected_version": 1})
    record = Flag.objects.get(suggestion="Mine.")
    url = reverse("review:sentence_conflict", args=[article.slug, s.pk])
    response = client.post(
        url, {"choice": "mine", "record": record.pk, "text": "Mine.", "expected_version": 2}
    )
    assert response.status_code == 302
    s.refresh_from_db()
    record.refresh_from_db()
    assert (s.text, record.status) == ("Mine.", "resolved")
    assert list(s.history.order_by("history_date").values_list("text", flat=True)) == [
        "Scot Petersen stayed outside.",
        "Theirs.",
        "Mine.",
    ]


def test_taking_theirs_dismisses_the_record_and_changes_nothing(
    client, article, editor, copy_editor
):
    s = at(article, 0)
    sentence_edit(sentence=s, text="Theirs.", expected_version=1, actor=editor)
    client.force_login(copy_editor)
    client.post(edit_url(article, s), {"text": "Mine.", "expected_version": 1})
    record = Flag.objects.get(suggestion="Mine.")
    client.post(
        reverse("review:sentence_conflict", args=[article.slug, s.pk]),
        {"choice": "theirs", "record": record.pk},
    )
    s.refresh_from_db()
    record.refresh_from_db()
    assert (s.text, record.status) == ("Theirs.", "dismissed")


def test_a_hand_merge_is_saved(client, article, editor, copy_editor):
    s = at(article, 0)
    sentence_edit(sentence=s, text="Theirs.", expected_version=1, actor=editor)
    client.force_login(copy_editor)
    client.post(edit_url(article, s), {"text": "Mine.", "expected_version": 1})
    record = Flag.objects.get(suggestion="Mine.")
    client.post(
        reverse("review:sentence_conflict", args=[article.slug, s.pk]),
        {"choice": "merge", "record": record.pk, "text": "Theirs and mine.", "expected_version": 2},
    )
    s.refresh_from_db()
    assert s.text == "Theirs and mine."
    assert s.history.first().history_change_reason == "edited after a conflict (merged by hand)"


def test_accept_and_reject_buttons_work_in_one_click(client, article, copy_editor):
    s = at(article, 0)
    accept = flag_create(
        sentence=s, kind="name-spelling", actor=copy_editor, start=5, end=13, suggestion="Peterson"
    )
    reject = flag_create(
        sentence=at(article, 2),
        kind="style",
        actor=copy_editor,
        start=4,
        end=10,
        suggestion="audit",
    )
    client.force_login(copy_editor)
    client.post(reverse("review:suggestion_accept", args=[accept.pk]))
    client.post(reverse("review:suggestion_reject", args=[reject.pk]))
    accept.refresh_from_db()
    reject.refresh_from_db()
    assert (accept.status, reject.status) == ("resolved", "dismissed")
    assert current_text(article) == TEXT.replace("Petersen", "Peterson")


def test_accept_all_asks_for_confirmation_then_applies(client, article, editor):
    s = at(article, 0)
    flag_create(sentence=s, kind="name-spelling", actor=editor, start=0, end=4, suggestion="Scott")
    flag_create(
        sentence=s, kind="name-spelling", actor=editor, start=5, end=13, suggestion="Peterson"
    )
    client.force_login(editor)
    url = reverse("review:suggestions_accept_all", args=[article.slug, "name-spelling"])
    confirm = client.get(url)
    assert b"Accept all 2" in confirm.content
    assert current_text(article) == TEXT
    client.post(url)
    assert current_text(article).startswith("Scott Peterson stayed outside.")


def test_accept_all_is_refused_to_copy_editors(client, article, copy_editor):
    client.force_login(copy_editor)
    url = reverse("review:suggestions_accept_all", args=[article.slug, "style"])
    assert client.get(url).status_code == 403


def test_the_suggestion_partial_escapes_and_offers_both_buttons(rf, article, editor):
    from django.template.loader import render_to_string

    flag = flag_create(
        sentence=at(article, 0), kind="style", actor=editor, start=0, end=4, suggestion="<i>x</i>"
    )
    html = render_to_string(
        "review/editing/_suggestion_actions.html",
        {
            "flag": flag,
            "article": article,
            "desk": {"can_edit_text": True, "can_review": True, "can_approve": True},
        },
    )
    assert "&lt;i&gt;x&lt;/i&gt;" in html and "Accept" in html and "Reject" in html
    assert "Accept all Style suggestions" in html


def test_workflow_buttons_move_the_story_and_show_refusals(client, article, editor):
    client.force_login(editor)
    url = lambda verb: reverse("review:article_transition", args=[article.slug, verb])  # noqa: E731
    client.post(url("submit"), {"note": "Ready."})
    flag_create(sentence=at(article, 0), kind="unverified-claim", actor=editor, severity="blocker")
    response = client.post(url("approve"), follow=True)
    assert "open blocker flag(s)" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    client.post(url("approve"), {"override_reason": "Cleared by legal."})
    article.refresh_from_db()
    assert article.status == Article.Status.APPROVED


def test_the_workflow_partial_shows_the_next_steps_for_the_role(article, editor, copy_editor):
    from django.template.loader import render_to_string

    def html(desk):
        return render_to_string("review/editing/_workflow.html", {"article": article, "desk": desk})

    assert "Submit for review" in html({"can_edit_text": True})
    assert "Submit for review" not in html({"can_edit_text": False})
    article.status = "in_review"
    both = html({"can_edit_text": True, "can_approve": True})
    assert "Approve" in both and "Request changes" in both and "Submit" not in both


def test_the_revise_page_uploads_a_revision(client, article, editor):
    client.force_login(editor)
    url = reverse("review:article_revise", args=[article.slug])
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("v2.txt", b"A whole new story.\n\nWith two paragraphs.")
    response = client.post(url, {"file": upload, "reason": "second draft"})
    assert response.status_code == 302
    assert current_text(article) == "A whole new story.\n\nWith two paragraphs."
    article.refresh_from_db()
    assert article.history.first().history_change_reason == "revised: second draft"


def test_the_revise_page_is_for_editors(client, article, copy_editor):
    client.force_login(copy_editor)
    assert client.get(reverse("review:article_revise", args=[article.slug])).status_code == 403
