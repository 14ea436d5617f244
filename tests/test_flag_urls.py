"""Flag.get_absolute_url: the one way to link to a flag's thread on the review page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from review.services.editing import sentence_edit
from review.services.flags import flag_create


@pytest.fixture
def article(make_article):
    return make_article("The mayor said no. The council met. It rained.", slug="story")


@pytest.fixture
def flag(article, copy_editor):
    return flag_create(sentence=article.sentences.get(position=0), kind="style", actor=copy_editor)


def test_a_flag_links_to_its_thread_on_the_review_page(flag):
    assert flag.get_absolute_url() == f"/articles/story/?flag={flag.pk}#thread"
    assert flag.get_absolute_url(query="kind=style", fragment="c-4") == (
        f"/articles/story/?kind=style&flag={flag.pk}#c-4"
    )
    assert flag.get_absolute_url(fragment="") == f"/articles/story/?flag={flag.pk}"


def test_the_flag_list_links_keep_the_filters(client, editor, article, flag):
    client.force_login(editor)
    body = client.get(article.get_absolute_url() + "?kind=style").content.decode()
    assert f'href="{escape(flag.get_absolute_url(query="kind=style"))}"' in body


def test_a_detached_flag_links_to_the_story_from_any_page_that_lists_it(
    client, editor, copy_editor, article, flag
):
    sentence = article.sentences.get(position=0)
    sentence_edit(sentence=sentence, text="", expected_version=1, actor=copy_editor)
    flag.refresh_from_db()
    assert flag.anchor == "orphaned"
    client.force_login(editor)
    link = f'<a href="{flag.get_absolute_url()}">'
    assert link in client.get(article.get_absolute_url()).content.decode()
    # A refused action answers with the page at the action's own address: the link must not
    # be relative to it.
    refused = client.post(reverse("review:flag_dismiss", args=[flag.pk]), {"reason": ""})
    assert refused.status_code == 400
    assert link in refused.content.decode()


def test_a_conflict_on_a_merged_away_sentence_links_to_its_record(rf, article, editor, copy_editor):
    from review.services.conflicts import EditConflict
    from review.views.editing import conflict_response

    first, second = article.sentences.get(position=0), article.sentences.get(position=1)
    sentence_edit(sentence=first, text="The mayor said no and", expected_version=1, actor=editor)
    with pytest.raises(EditConflict) as caught:
        sentence_edit(sentence=second, text="The council sat.", expected_version=1, actor=editor)
    request = rf.post("/")
    request.user, request.htmx = copy_editor, False
    response = conflict_response(request, article, caught.value, "")
    record = caught.value.record
    assert f'<a href="{record.get_absolute_url()}">Back to the story</a>' in (
        response.content.decode()
    )
