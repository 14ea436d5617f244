"""Every page costs the same number of queries for a short story and a long, busy one.

Each GET page is measured on a small story (3 sentences, 1 flag, 1 reply) and a large one
(60 sentences, 40 flags, 80 replies, 10 edits); the two counts must be equal, and equal to
the number pinned here, so a new query per sentence, flag or reply fails loudly.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from review.models import FlagKind

# page name → (url builder, expected status, pinned query count), with the page's queries.
#
# Every request pays the same fixed cost, 4 queries: the session, the user, the user's
# permissions and their groups' permissions (a GET opens no transaction). Full pages add
# the header's unread-inbox count (1). The rest, listed per page, is the page's own.
PAGES = {
    # fixed 4 + unread count = 5: the form needs nothing from the database.
    "new article form": (lambda a, s, f: "/articles/new/", 200, 5),
    # fixed 4 + unread count + the article, the sentence, the active kinds, the assignable
    # people = 9.
    "flag form (no JavaScript)": (
        lambda a, s, f: f"/articles/{a.slug}/sentences/{s.pk}/flag/",
        200,
        9,
    ),
    # fixed 4 (a fragment: no header) + the flag with its article, sentence, kind and people
    # joined, the active kinds, the assignable people, the thread's comments with authors
    # = 8.
    "thread fragment (htmx)": (lambda a, s, f: f"/flags/{f.pk}/", 200, 8),
    # fixed 4 + unread count + the article, the sentence = 7.
    "sentence edit form": (
        lambda a, s, f: f"/articles/{a.slug}/sentences/{s.pk}/edit/",
        200,
        7,
    ),
    # fixed 4 + unread count + the article, the sentence, its history rows with users = 8.
    "sentence versions": (
        lambda a, s, f: f"/articles/{a.slug}/sentences/{s.pk}/history/",
        200,
        8,
    ),
    # fixed 4 + unread count + the article, the history row named by ?as_of=, the next
    # history moment of the article, the sentences then, the flags then with kinds, the
    # article then = 11.
    "story as of a moment": (
        lambda a, s, f: f"/articles/{a.slug}/history/?as_of={a.history.last().history_id}",
        200,
        11,
    ),
    # A cursor this desk did not make: fixed 4 (fragments: no header) + the article, a fresh
    # cursor, the active kinds, the counts = 8 (the answer asks for a reload). A real
    # cursor's poll is pinned in test_changes_cost_the_same_queries_for_a_short_and_a_long_story.
    "changes poll": (lambda a, s, f: f"/articles/{a.slug}/changes/?since=0", 200, 8),
    # fixed 4 + unread count + the article = 6.
    "revise form": (lambda a, s, f: f"/articles/{a.slug}/revise/", 200, 6),
    # fixed 4 + unread count + the article, the story's Word-answer uploads so far = 6.
    "reporter's answers form": (lambda a, s, f: f"/articles/{a.slug}/answers/", 200, 6),
    # fixed 4 + unread count + the article, the kind, its pending suggestions with their
    # sentences = 8.
    "accept-all confirmation": (
        lambda a, s, f: f"/articles/{a.slug}/suggestions/style/accept-all/",
        200,
        8,
    ),
    # fixed 4 (a download: no header) + the article, its sentences, its flags with kind and
    # people joined, their comments with authors, and first the story's
    # sentence count (a long story is exported in the background) = 9.
    "export download (json)": (lambda a, s, f: f"/articles/{a.slug}/export/json/", 200, 9),
    # the same read as every export = 9.
    "export download (docx)": (lambda a, s, f: f"/articles/{a.slug}/export/docx/", 200, 9),
}


def build(make_article, editor, copy_editor, *, sentences: int, flags: int, replies: int, edits):
    from review.services.comments import comment_add
    from review.services.editing import sentence_edit
    from review.services.flags import flag_create

    text = " ".join(f"The council met on day {n} and said nothing." for n in range(sentences))
    article = make_article(text)
    rows = list(article.sentences.order_by("position"))
    style = FlagKind.objects.get(slug="style")
    made = []
    for n in range(flags):
        sentence = rows[n % len(rows)]
        whole = n % 2
        made.append(
            flag_create(
                sentence=sentence,
                kind=style,
                actor=copy_editor,
                start=None if whole else 4,
                end=None if whole else 11,
                note=f"note {n} @editor",
                suggestion="" if whole else "board",
            )
        )
    for n in range(replies):
        comment_add(flag=made[n % len(made)], actor=editor, body=f"reply {n}")
    for n in range(edits):
        sentence = rows[-1 - n]
        sentence.refresh_from_db()
        sentence_edit(
            sentence=sentence,
            text=sentence.text.replace("nothing", "little"),
            expected_version=sentence.version,
            actor=copy_editor,
        )
    rows[0].refresh_from_db()
    return article, rows[0], made[0]


def count(client, url: str, status: int, htmx: bool) -> int:
    headers = {"HX-Request": "true"} if htmx else {}
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
    assert response.status_code == status, (url, response.status_code)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_page_costs_the_same_queries_for_a_short_and_a_long_story(
    page, client, editor, copy_editor, make_article
):
    url_for, status, pinned = PAGES[page]
    small = build(make_article, editor, copy_editor, sentences=3, flags=1, replies=1, edits=0)
    large = build(make_article, editor, copy_editor, sentences=60, flags=40, replies=80, edits=10)
    client.force_login(editor)
    htmx = "(htmx)" in page
    # One request first: a fresh process fills per-process caches (content types) on its first
    # page, which would charge three queries to whichever page a test run happens to start with.
    count(client, url_for(*small), status, htmx)
    counts = [count(client, url_for(*story), status, htmx) for story in (small, large)]
    assert counts == [pinned, pinned], f"{page}: {counts}, pinned {pinned}"
