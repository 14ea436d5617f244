"""The editing pages: inline edit, conflicts, suggestions, approved stories."""

from __future__ import annotations

import pytest
from django.urls import reverse

from review.models import Article, Flag
from review.selectors.articles import current_text
from review.services.editing import sentence_edit
from review.services.flags import flag_create

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


def test_an_htmx_edit_answers_with_its_sentence_and_the_changed_fragments(
    client, article, copy_editor
):
    client.force_login(copy_editor)
    s = at(article, 0)
    response = client.post(
        edit_url(article, s),
        {"text": "Scot Peterson stayed outside.\r\n", "expected_version": 1},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    # The sentence replaces the edit form (the response's own content); the rest is oob.
    assert body.lstrip().startswith(f'<span class="sent" id="sw-{s.pk}">')
    assert "stayed outside." in body
    # The progress line's two parts: the flags' counts, and the worksheet's count (an edit
    # re-reads the sentence's facts).
    assert 'id="flag-progress" class="flag-progress" hx-swap-oob="true"' in body
    assert 'id="facts-progress" class="facts-progress" hx-swap-oob="true"' in body
    assert 'id="story"' not in body  # not the page


def test_an_htmx_edit_that_splits_a_sentence_reloads_the_review_area(client, article, copy_editor):
    client.force_login(copy_editor)
    s = at(article, 0)
    response = client.post(
        edit_url(article, s),
        {"text": "Scot Peterson stayed. He waited outside.", "expected_version": 1},
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


def test_an_edit_without_the_version_it_started_from_is_refused_and_records_nothing(
    client, article, copy_editor
):
    client.force_login(copy_editor)
    s = at(article, 0)
    response = client.post(edit_url(article, s), {"text": "Mine.", "expected_version": "x"})
    assert response.status_code == 400
    assert b"The version you edited is missing" in response.content
    assert b"Mine." in response.content  # what was typed is shown again, not lost
    s.refresh_from_db()
    assert s.text == "Scot Petersen stayed outside."
    assert not Flag.objects.filter(article=article).exists()


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
    request = rf.get("/")
    request.user = editor
    html = render_to_string(
        "review/editing/_suggestion_actions.html",
        {"flag": flag, "article": article},
        request=request,
    )
    assert "&lt;i&gt;x&lt;/i&gt;" in html and "Accept" in html and "Reject" in html
    assert "Accept all Style suggestions" in html


# Settling a conflict names the conflict record of this sentence, and the version seen.


def conflict_url(article, sentence):
    return reverse("review:sentence_conflict", args=[article.slug, sentence.pk])


@pytest.fixture
def conflict(client, article, editor, copy_editor):
    """The copy editor lost a race on the first sentence; returns (sentence, record)."""
    s = at(article, 0)
    sentence_edit(sentence=s, text="Theirs.", expected_version=1, actor=editor)
    client.force_login(copy_editor)
    client.post(edit_url(article, s), {"text": "Mine.", "expected_version": 1})
    return s, Flag.objects.get(suggestion="Mine.")


@pytest.mark.parametrize("choice", ["theirs", "mine", "merge"])
def test_a_conflict_choice_refuses_a_flag_that_is_not_a_conflict_record(
    client, article, editor, conflict, choice
):
    s, _ = conflict
    blocker = flag_create(sentence=s, kind="unverified-claim", actor=editor, severity="blocker")
    response = client.post(
        conflict_url(article, s),
        {"choice": choice, "record": blocker.pk, "text": "Mine.", "expected_version": 2},
    )
    assert response.status_code == 400
    assert b"not an edit conflict of this sentence" in response.content
    blocker.refresh_from_db()
    s.refresh_from_db()
    assert (blocker.status, s.text) == ("open", "Theirs.")


def test_a_flag_whose_note_reads_like_a_conflict_is_not_dismissed_as_one(
    client, article, copy_editor, conflict
):
    s, _ = conflict
    typed = flag_create(
        sentence=s, kind="style", actor=copy_editor, note="Edit conflict: which spelling?"
    )
    response = client.post(conflict_url(article, s), {"choice": "theirs", "record": typed.pk})
    assert response.status_code == 400
    assert b"not an edit conflict of this sentence" in response.content
    typed.refresh_from_db()
    assert typed.status == "open"


def test_a_conflict_choice_refuses_the_record_of_another_sentence(
    client, article, conflict, editor
):
    _, record = conflict
    other = at(article, 1)
    response = client.post(
        conflict_url(article, other),
        {"choice": "mine", "record": record.pk, "text": "Mine.", "expected_version": 1},
    )
    assert response.status_code == 400
    other.refresh_from_db()
    record.refresh_from_db()
    assert (other.text, record.status) == ("He did not go in.", "open")
    response = client.post(conflict_url(article, other), {"choice": "theirs", "record": record.pk})
    assert response.status_code == 400
    record.refresh_from_db()
    assert record.status == "open"


@pytest.mark.parametrize("choice", ["mine", "merge"])
def test_saving_after_a_conflict_needs_the_version_that_was_compared(
    client, article, conflict, choice
):
    s, record = conflict
    response = client.post(
        conflict_url(article, s), {"choice": choice, "record": record.pk, "text": "Mine."}
    )
    assert response.status_code == 400
    assert b"version you compared against is missing" in response.content
    s.refresh_from_db()
    record.refresh_from_db()
    assert (s.text, record.status) == ("Theirs.", "open")


def test_a_third_edit_after_the_conflict_is_not_overwritten(client, article, editor, conflict):
    s, record = conflict
    s.refresh_from_db()
    sentence_edit(sentence=s, text="A third text.", expected_version=2, actor=editor)
    response = client.post(
        conflict_url(article, s),
        {"choice": "mine", "record": record.pk, "text": "Mine.", "expected_version": 2},
    )
    assert response.status_code == 409
    s.refresh_from_db()
    assert s.text == "A third text."


# Approved and published stories: no text changes until reopened.


def lock(article, status):
    from review.services.common import save_tracked

    row = Article.objects.get(pk=article.pk)
    row.status = status
    save_tracked(row, actor=None, reason=f"set to {status} by the test")
    article.status = status


@pytest.mark.parametrize("status", ["approved", "published"])
def test_the_edit_form_of_an_approved_story_says_to_reopen_it(client, article, copy_editor, status):
    lock(article, status)
    client.force_login(copy_editor)
    s = at(article, 0)
    message = f"This story is {status}; reopen it to change the text."
    assert message in client.get(edit_url(article, s)).content.decode()
    response = client.post(edit_url(article, s), {"text": "Changed.", "expected_version": 1})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert current_text(article) == TEXT


def test_accepting_a_suggestion_of_an_approved_story_is_refused_with_a_message(
    client, article, copy_editor
):
    flag = flag_create(
        sentence=at(article, 0), kind="style", actor=copy_editor, start=5, end=13, suggestion="X"
    )
    lock(article, "approved")
    client.force_login(copy_editor)
    response = client.post(reverse("review:suggestion_accept", args=[flag.pk]), follow=True)
    assert "This story is approved; reopen it" in response.content.decode()
    assert current_text(article) == TEXT


def test_accept_all_on_a_published_story_is_refused_with_a_message(client, article, editor):
    flag_create(
        sentence=at(article, 0), kind="style", actor=editor, start=5, end=13, suggestion="X"
    )
    lock(article, "published")
    client.force_login(editor)
    url = reverse("review:suggestions_accept_all", args=[article.slug, "style"])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "This story is published; reopen it" in response.content.decode()
    assert current_text(article) == TEXT


def test_the_suggestion_partial_offers_no_accept_once_the_story_is_approved(rf, article, editor):
    from django.template.loader import render_to_string

    flag = flag_create(
        sentence=at(article, 0), kind="style", actor=editor, start=0, end=4, suggestion="x"
    )
    request = rf.get("/")
    request.user = editor
    lock(article, "approved")
    for context in ({"flag": flag, "article": article}, {"flag": Flag.objects.get(pk=flag.pk)}):
        html = render_to_string("review/editing/_suggestion_actions.html", context, request=request)
        assert "Reject" in html
        assert "Accept" not in html, context


def test_the_thread_of_an_approved_story_offers_reject_but_not_accept(client, article, editor):
    flag = flag_create(
        sentence=at(article, 0), kind="style", actor=editor, start=0, end=4, suggestion="x"
    )
    client.force_login(editor)
    url = reverse("review:flag_detail", args=[flag.pk])
    assert ">Accept<" in client.get(url, headers={"HX-Request": "true"}).content.decode()
    lock(article, "approved")
    body = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert ">Reject<" in body and ">Accept<" not in body


def test_history_pages_offer_no_revert_once_the_story_is_published(client, article, editor):
    s = at(article, 0)
    sentence_edit(sentence=s, text="Changed.", expected_version=1, actor=editor)
    client.force_login(editor)
    versions = reverse("review:sentence_history", args=[article.slug, s.pk])
    assert "Restore this version" in client.get(versions).content.decode()
    lock(article, "published")
    assert "Restore this version" not in client.get(versions).content.decode()


# A sentence changed while its suggestion was being accepted.


MEANWHILE = "Someone changed this sentence meanwhile; review the new text and accept again."


def test_an_accept_that_loses_a_race_says_to_accept_again(client, article, copy_editor, racing):
    flag = flag_create(
        sentence=at(article, 0), kind="style", actor=copy_editor, start=5, end=13, suggestion="X"
    )
    racing.add(flag.pk)
    client.force_login(copy_editor)
    response = client.post(reverse("review:suggestion_accept", args=[flag.pk]), follow=True)
    assert response.status_code == 200
    assert MEANWHILE in response.content.decode()
    flag.refresh_from_db()
    assert flag.status == "open"


def test_accept_all_lists_a_suggestion_that_lost_a_race_and_applies_the_rest(
    client, article, editor, racing
):
    first = flag_create(
        sentence=at(article, 0), kind="style", actor=editor, start=5, end=13, suggestion="X"
    )
    raced = flag_create(
        sentence=at(article, 2), kind="style", actor=editor, start=4, end=10, suggestion="audit"
    )
    racing.add(raced.pk)
    client.force_login(editor)
    url = reverse("review:suggestions_accept_all", args=[article.slug, "style"])
    body = client.post(url, follow=True).content.decode()
    assert "Accepted 1 Style suggestion(s)." in body
    assert f"Skipped flag #{raced.number}: {MEANWHILE}" in body
    assert current_text(article) == TEXT.replace("Petersen", "X")
    first.refresh_from_db()
    raced.refresh_from_db()
    assert (first.status, raced.status) == ("resolved", "open")


def test_the_review_page_offers_no_edit_links_on_an_approved_story(
    client, copy_editor, make_article
):
    from review.models import Article
    from review.services.common import save_tracked

    article = make_article("One sentence. Two sentences.")
    client.force_login(copy_editor)
    assert 'class="edit-link"' in client.get(article.get_absolute_url()).content.decode()
    article.status = Article.Status.APPROVED
    save_tracked(article, actor=copy_editor, reason="approved for the test")
    assert 'class="edit-link"' not in client.get(article.get_absolute_url()).content.decode()


# An open edit form asks whether a colleague saved its sentence meanwhile.


def watch_url(article, sentence, version):
    url = reverse("review:sentence_watch", args=[article.slug, sentence.pk])
    return f"{url}?version={version}"


def test_the_edit_form_asks_about_its_own_version(client, article, copy_editor):
    client.force_login(copy_editor)
    s = at(article, 0)
    fragment = client.get(edit_url(article, s), headers={"HX-Request": "true"}).content.decode()
    assert f'hx-get="{watch_url(article, s, 1)}"' in fragment
    assert 'hx-trigger="every 5s"' in fragment


def test_nothing_is_said_while_the_sentence_is_as_the_form_loaded_it(client, article, editor):
    client.force_login(editor)
    response = client.get(watch_url(article, at(article, 0), 1), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response.content == b""


def test_a_colleagues_save_is_named_with_the_new_text_and_the_asking_stops(
    client, article, editor, copy_editor
):
    s = at(article, 0)
    sentence_edit(
        sentence=s, text="Scot <b>Peterson</b> stayed.", expected_version=1, actor=copy_editor
    )
    client.force_login(editor)
    response = client.get(watch_url(article, s, 1), headers={"HX-Request": "true"})
    assert response.status_code == 286  # htmx stops polling and shows this
    html = response.content.decode()
    assert "copyed saved this sentence meanwhile" in html
    assert "now version 2" in html
    assert "Scot &lt;b&gt;Peterson&lt;/b&gt; stayed." in html
    assert "you will see both versions" in html


def test_a_sentence_removed_meanwhile_is_said_so(client, article, editor, copy_editor):
    s = at(article, 1)
    sentence_edit(sentence=s, text="", expected_version=1, actor=copy_editor)
    client.force_login(editor)
    response = client.get(watch_url(article, s, 1), headers={"HX-Request": "true"})
    assert response.status_code == 286
    assert "merged into another or removed meanwhile" in response.content.decode()


def test_a_version_that_is_not_a_number_counts_as_changed(client, article, editor):
    client.force_login(editor)
    url = reverse("review:sentence_watch", args=[article.slug, at(article, 0).pk])
    assert client.get(url + "?version=x²").status_code == 286


def test_the_watch_is_refused_to_users_without_a_role(client, article, outsider):
    client.force_login(outsider)
    assert client.get(watch_url(article, at(article, 0), 1)).status_code == 403
