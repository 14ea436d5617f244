"""The timeline and "as of": who changed what, when and why; the story at any moment."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review.models import Article
from review.selectors.articles import current_text
from review.selectors.history import snapshot, timeline
from review.services.comments import comment_add
from review.services.editing import sentence_edit
from review.services.flags import flag_create, flag_resolve
from review.services.revert import text_as_of
from review.services.workflow import article_submit

TEXT = "Scot Petersen stayed outside. He did not go in.\n\nThe report came later."


@pytest.fixture
def article(make_article):
    return make_article(TEXT, slug="story")


def at(article, position):
    return article.sentences.get(position=position)


def edit(sentence, text, actor, reason=""):
    sentence.refresh_from_db()
    return sentence_edit(
        sentence=sentence, text=text, expected_version=sentence.version, actor=actor, reason=reason
    )


def history_url(article, **query):
    url = reverse("review:article_history", args=[article.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_timeline_shows_who_changed_which_words_and_why_newest_first(
    client, article, editor, copy_editor
):
    edit(at(article, 0), "Scot Peterson stayed outside.", copy_editor, reason="spelling")
    client.force_login(editor)
    body = client.get(history_url(article)).content.decode()
    assert body.index("edited: spelling") < body.index("imported")
    assert "<del>Petersen</del><ins>Peterson</ins>" in body
    assert "copyed" in body


def test_user_text_in_the_timeline_is_escaped(client, article, editor):
    edit(at(article, 0), "<script>alert(1)</script> stayed.", editor, reason="<b>why</b>")
    client.force_login(editor)
    body = client.get(history_url(article)).content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;" in body
    assert "<b>why</b>" not in body


def test_flags_comments_and_status_changes_are_on_the_timeline(client, article, editor):
    flag = flag_create(
        sentence=at(article, 0),
        kind="name-spelling",
        actor=editor,
        start=5,
        end=13,
        note="Check the spelling.",
    )
    comment_add(flag=flag, actor=editor, body="Registry says Peterson.")
    flag_resolve(flag=flag, actor=editor, note="Fixed.")
    article_submit(article=article, actor=editor, note="Ready.")
    client.force_login(editor)
    body = client.get(history_url(article)).content.decode()
    for expected in (
        f"Raised flag #{flag.number}",
        f"Commented on flag #{flag.number}",
        "Registry says Peterson.",
        f"Resolved flag #{flag.number}",
        "Status changed",
        "submitted for review: Ready.",
    ):
        assert expected in body


def test_the_timeline_filters_by_person_and_by_kind(article, editor, copy_editor):
    edit(at(article, 0), "Changed by the copy editor.", copy_editor)
    flag_create(sentence=at(article, 1), kind="other", actor=editor)
    mine = timeline(article, user_id=copy_editor.pk)
    assert [c.user for c in mine.changes] == [copy_editor]
    flags_only = timeline(article, kind="flags")
    assert [e.kind for c in flags_only.changes for e in c.entries] == ["flags"]
    text_only = timeline(article, kind="text")
    assert {e.kind for c in text_only.changes for e in c.entries} == {"text"}
    assert {p.username for p in mine.people} == {"editor", "copyed"}


def test_a_split_is_one_change_and_renumbered_sentences_are_not_listed(article, editor):
    edit(at(article, 0), "Scot Petersen stayed. He was outside.", editor)
    latest = timeline(article).changes[0]
    titles = [e.title for e in latest.entries]
    assert titles[0] == "Story updated"
    assert sum(t.startswith("Added a sentence") for t in titles) == 1
    assert sum(t.startswith("Changed a sentence") for t in titles) == 1
    assert len(titles) == 3


def test_a_flag_moved_by_an_edit_is_listed_but_its_reason_is_not_repeated(
    article, editor, copy_editor
):
    s = at(article, 0)
    flag = flag_create(sentence=s, kind="other", actor=copy_editor, start=14, end=20)
    assert flag.quote == "stayed"
    edit(s, "Mr Scot Petersen stayed outside.", editor, reason="courtesy title")
    flag.refresh_from_db()
    assert (flag.start, flag.end) == (17, 23)
    row = flag.history.first()
    assert row.history_change_reason == "re-anchored: edited: courtesy title"
    latest = timeline(article).changes[0]
    # The edit's own reason, once: the flags it moved share the change, not the headline.
    assert latest.reasons == ["edited: courtesy title"]
    assert f"Moved flag #{flag.number} (Other)" in [e.title for e in latest.entries]


def make_history(article, actor, n):
    s = at(article, 2)
    for i in range(n):
        edit(s, f"The report came later, take {i}.", actor)
        flag = flag_create(sentence=at(article, 0), kind="other", actor=actor, note=f"n{i}")
        comment_add(flag=flag, actor=actor, body=f"comment {i}")


@pytest.mark.parametrize("n", [3, 30])
def test_a_timeline_page_costs_the_same_queries_however_long_the_history(
    client, article, editor, django_assert_num_queries, n
):
    make_history(article, editor, n)
    client.force_login(editor)
    client.get(history_url(article))  # warm the session
    # session, user, the user's permissions (one
    # query); the article; the timeline's index (one UNION: its moments and its people); one
    # query per historical table (article, sentences, flags, comments, facts); the people's
    # names; the unread count.
    with django_assert_num_queries(12):
        response = client.get(history_url(article))
    assert response.status_code == 200
    with django_assert_num_queries(12):
        client.get(history_url(article, page=2))


def test_as_of_shows_the_story_and_its_flags_as_they_stood(client, article, editor):
    flag = flag_create(sentence=at(article, 0), kind="name-spelling", actor=editor, start=5, end=13)
    before = article.history.first()
    edit(at(article, 0), "Scot Peterson stayed outside.", editor)
    flag_resolve(flag=flag, actor=editor)
    client.force_login(editor)
    body = client.get(history_url(article, as_of=before.history_id)).content.decode()
    assert "Scot <mark>Petersen</mark> stayed outside." in body
    assert "Open" in body and "Resolved" not in body
    iso = timezone.now().isoformat().replace("+", "%2B")
    now_body = client.get(history_url(article, as_of=iso)).content.decode()
    assert "Scot <mark>Peterson</mark>" in now_body and "Resolved" in now_body


def test_as_of_before_the_story_existed_says_so(client, article, editor):
    client.force_login(editor)
    then = (article.created_at - timedelta(days=1)).isoformat().replace("+", "%2B")
    assert b"did not exist yet" in client.get(history_url(article, as_of=then)).content


def test_a_bad_as_of_redirects_with_a_message(client, article, editor):
    client.force_login(editor)
    response = client.get(history_url(article, as_of="yesterday"), follow=True)
    assert b"ISO timestamp" in response.content


def test_the_whole_text_reverts_from_the_timeline(client, article, editor):
    start = timezone.now()
    edit(at(article, 0), "Changed.", editor)
    client.force_login(editor)
    article.refresh_from_db()
    client.post(
        reverse("review:article_revert", args=[article.slug]),
        {"as_of": start.isoformat(), "expected_version": article.version},
    )
    assert current_text(article) == TEXT


def test_a_sentence_reverts_from_its_versions_page(client, article, editor):
    s = at(article, 0)
    first = s.history.get()
    edit(s, "Changed.", editor)
    client.force_login(editor)
    page = client.get(reverse("review:sentence_history", args=[article.slug, s.pk]))
    assert b"Restore this version" in page.content
    client.post(
        reverse("review:sentence_revert", args=[article.slug, s.pk]),
        {"history_id": first.history_id, "expected_version": 2},
    )
    s.refresh_from_db()
    assert s.text == "Scot Petersen stayed outside."


def test_a_sentence_revert_without_the_version_seen_changes_nothing_and_says_why(
    client, article, editor
):
    s = at(article, 0)
    first = s.history.get()
    edit(s, "Changed.", editor)
    client.force_login(editor)
    response = client.post(
        reverse("review:sentence_revert", args=[article.slug, s.pk]),
        {"history_id": first.history_id},
        follow=True,
    )
    assert "The version you saw is missing" in response.content.decode()
    s.refresh_from_db()
    assert s.text == "Changed."
    assert not article.flags.exists()  # no conflict recorded for a form that was never right


def test_a_whole_text_revert_without_the_version_seen_changes_nothing(client, article, editor):
    start = timezone.now()
    edit(at(article, 0), "Changed.", editor)
    client.force_login(editor)
    response = client.post(
        reverse("review:article_revert", args=[article.slug]),
        {"as_of": start.isoformat(), "expected_version": "two"},
        follow=True,
    )
    assert "The version you saw is missing" in response.content.decode()
    assert current_text(article) != TEXT


@pytest.mark.parametrize("name", ["sentence_revert", "article_revert"])
def test_viewers_cannot_revert_whatever_they_send(client, article, viewer, name):
    client.force_login(viewer)
    args = [article.slug, at(article, 0).pk] if name == "sentence_revert" else [article.slug]
    assert client.post(reverse(f"review:{name}", args=args), {}).status_code == 403


# "As of" rebuilds every earlier state exactly, whatever the edits.

edits = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=50),
        st.sampled_from(
            [
                "",
                "New words.",
                "Split here. And here.",
                "joined with the next",
                "A fresh paragraph.\n\nAnd another one.",
            ]
        ),
    ),
    min_size=1,
    max_size=5,
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits)
def test_as_of_rebuilds_each_earlier_state_exactly(make_article, editor, steps):
    article = make_article(TEXT)
    states = [(timezone.now(), current_text(article), _flags(article))]
    for pick, text in steps:
        rows = list(article.sentences.order_by("position"))
        if len(rows) == 1 and not text:
            continue
        s = rows[pick % len(rows)]
        if pick % 3 == 0:
            flag_create(sentence=s, kind="other", actor=editor)
        edit(s, text, editor)
        states.append((timezone.now(), current_text(article), _flags(article)))
    for when, text, flags in states:
        assert text_as_of(article, when) == text
        snap = snapshot(article, when)
        assert {(f.id, f.sentence_id, f.start, f.end, f.anchor) for f in snap.flags} == flags
    Article.objects.filter(pk=article.pk).delete()


def _flags(article):
    return {(f.pk, f.sentence_id, f.start, f.end, f.anchor) for f in article.flags.all()}


def test_a_long_reply_rewritten_into_another_costs_the_history_page_a_bounded_diff(
    client, article, editor, monkeypatch
):
    """2,000 words edited into 2,000 others: the page shows one replacement, and the diff's
    work stays within its limit (it was cubic: 249 s for this pair)."""
    from review.services.comments import comment_edit
    from review.text import worddiff

    flag = flag_create(sentence=at(article, 0), kind="other", actor=editor)
    comment = comment_add(flag=flag, actor=editor, body="a " * 2000)
    comment_edit(comment=comment, actor=editor, body="b " * 2000)
    spent = []
    real = worddiff.word_diff

    def measured(old, new, *, limit, stats):
        before = stats.work
        segments = real(old, new, limit=limit, stats=stats)
        spent.append((stats.work - before, stats.gave_up))
        return segments

    monkeypatch.setattr(worddiff, "word_diff", measured)
    client.force_login(editor)
    response = client.get(history_url(article))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<del>" + "a " * 1999 + "a</del><ins>" + "b " * 1999 + "b</ins>" in body
    assert any(gave_up for _, gave_up in spent)
    assert all(work <= worddiff.WORK_LIMIT + 4000 for work, _ in spent)
    assert sum(work for work, _ in spent) <= worddiff.PAGE_WORK_LIMIT + 4000


def test_the_diffs_of_one_page_share_a_bounded_amount_of_work():
    """Many long rewrites on one page: past the page's budget, each diff is one
    replacement, found without searching."""
    from review.text.worddiff import PAGE_WORK_LIMIT, DiffBudget

    budget = DiffBudget()
    for n in range(40):
        budget.diff(f"a{n} " * 1500, f"b{n} " * 1500)
    assert budget.stats.gave_up
    assert budget.stats.work <= PAGE_WORK_LIMIT + 3000 * 40
