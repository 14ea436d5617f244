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
# Every request pays the same fixed cost, 3 queries: the session, the user, and the user's
# permissions with their groups' in one (review.auth_backend; a GET opens no transaction).
# Full pages add the header's unread-inbox count (1). The rest, listed per page, is the page's own.
PAGES = {
    # fixed 3 + unread count = 4: the form needs nothing from the database.
    "new article form": (lambda a, s, f: "/articles/new/", 200, 4),
    # fixed 3 + unread count + the article, the sentence, the active kinds, the assignable
    # people = 8.
    "flag form (no JavaScript)": (
        lambda a, s, f: f"/articles/{a.slug}/sentences/{s.pk}/flag/",
        200,
        8,
    ),
    # fixed 3 (a fragment: no header) + the flag with its article, sentence, kind and people
    # joined, the active kinds, the assignable people, the thread's comments with authors
    # = 7.
    "thread fragment (htmx)": (lambda a, s, f: f"/flags/{f.pk}/", 200, 7),
    # fixed 3 + unread count + the article, the sentence = 6.
    "sentence edit form": (
        lambda a, s, f: f"/articles/{a.slug}/sentences/{s.pk}/edit/",
        200,
        6,
    ),
    # An open edit form asks every 5 s. fixed 3 (a fragment: no header) + the article, the
    # sentence = 5 while nothing changed (204) ...
    "sentence watch, unchanged (htmx)": (
        lambda a, s, f: f"/articles/{a.slug}/sentences/{s.pk}/watch/?version={s.version}",
        204,
        5,
    ),
    # ... and + the sentence's newest history row with its user = 6 for the warning (286
    # stops the asking).
    "sentence watch, changed (htmx)": (
        lambda a, s, f: f"/articles/{a.slug}/sentences/{s.pk}/watch/?version={s.version + 1}",
        286,
        6,
    ),
    # The @mention completion: fixed 3 (JSON: no header) + the matching readers, a few at
    # most = 4, however many people the desk has.
    "mention completion": (lambda a, s, f: "/people/mentions/?q=e", 200, 4),
    # The Inbox badge every page asks for: the session, the user, the unread count = 3 (no
    # role check: a user without one has no notifications).
    "inbox unread count": (lambda a, s, f: "/inbox/unread/", 200, 3),
    # fixed 3 + unread count + the article, the sentence, its history rows with users = 7.
    "sentence versions": (
        lambda a, s, f: f"/articles/{a.slug}/sentences/{s.pk}/history/",
        200,
        7,
    ),
    # fixed 3 + unread count + the article, the history row named by ?as_of=, the next
    # history moment of the article, the sentences then, the flags then with kinds, the
    # article then = 10.
    "story as of a moment": (
        lambda a, s, f: f"/articles/{a.slug}/history/?as_of={a.history.last().history_id}",
        200,
        10,
    ),
    # A cursor this desk did not make: fixed 3 (fragments: no header) + the article, a fresh
    # cursor, the active kinds, the counts, the facts worksheet's counts = 8 (the answer asks
    # for a reload). A real cursor's poll is pinned in
    # test_changes_cost_the_same_queries_for_a_short_and_a_long_story.
    "changes poll": (lambda a, s, f: f"/articles/{a.slug}/changes/?since=0", 200, 8),
    # fixed 3 + unread count + the article, the page's state, the sentences, the flags with
    # kinds and people and comment counts, the active kinds, the assignable people, the
    # counts, the facts with their sentence texts, checkers and flags (the panel open) = 12.
    "review page, facts panel open": (lambda a, s, f: f"/articles/{a.slug}/?facts=1", 200, 12),
    # fixed 3 (a fragment: no header) + the article, the facts with their sentence texts,
    # checkers and flags = 5.
    "facts panel (htmx)": (lambda a, s, f: f"/articles/{a.slug}/facts/", 200, 5),
    # fixed 3 + unread count + the article = 5.
    "revise form": (lambda a, s, f: f"/articles/{a.slug}/revise/", 200, 5),
    # fixed 3 + unread count + the article, the story's Word-answer uploads so far = 5.
    "reporter's answers form": (lambda a, s, f: f"/articles/{a.slug}/answers/", 200, 5),
    # fixed 3 + unread count + the article, the kind, its pending suggestions with their
    # sentences = 7.
    "accept-all confirmation": (
        lambda a, s, f: f"/articles/{a.slug}/suggestions/style/accept-all/",
        200,
        7,
    ),
    # fixed 3 (a download: no header) + the article, its sentences, its flags with kind and
    # people joined, their comments with authors, its facts with checkers and flag numbers,
    # and first the story's sentence count (a long story is exported in the background) = 9.
    "export download (json)": (lambda a, s, f: f"/articles/{a.slug}/export/json/", 200, 9),
    # the same read as every export = 9.
    "export download (docx)": (lambda a, s, f: f"/articles/{a.slug}/export/docx/", 200, 9),
    "export download (html)": (lambda a, s, f: f"/articles/{a.slug}/export/html/", 200, 9),
    "export download (csv)": (lambda a, s, f: f"/articles/{a.slug}/export/csv/", 200, 9),
}


def build(make_article, editor, copy_editor, *, sentences: int, flags: int, replies: int, edits):
    from review.services.comments import comment_add
    from review.services.editing import sentence_edit
    from review.services.facts import fact_mark_wrong, fact_verify, facts_sync
    from review.services.flags import flag_create

    # Each sentence has a fact ("17 people") for the worksheet.
    text = " ".join(
        f"The council met on day {n} with 17 people and said nothing." for n in range(sentences)
    )
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
    facts_sync(article=article, actor=editor)
    # Checked facts, some wrong (with flags): the worksheet joins checkers and flags.
    for n, fact in enumerate(article.facts.order_by("number")):
        if n % 3 == 1:
            fact_verify(fact=fact, source=f"source {n}", actor=copy_editor)
        elif n % 3 == 2:
            fact_mark_wrong(fact=fact, note=f"wrong {n}", actor=copy_editor)
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


# Answers to the review page's htmx writes and polls: only what changed, in a fixed number of
# queries. Every one pays the fixed 3; a write adds its own reads and writes (the service's
# savepoint, locks, the row, its history row; a foreign key is checked only when the service
# holds a bare id, not the row: review.services.common._loaded_relations).
#
# After the write, `render_changes` reads the active kinds, the assignable people (the
# thread's form), the changed sentences (those of the changed flags), their flags (kinds,
# people, reply counts), the counts by kind and status, and the thread's replies: 6; the facts
# worksheet's counts (the progress line) only when facts may have changed: after an edit.
CHANGES = {
    # fixed 3 + the article, the changes since the cursor (one UNION) = 5.
    "poll, nothing new (204)": 5,
    # the same 5 + the open flag, then the fragments without the people (a poll swaps the
    # thread's head and replies, not its forms) and without the facts count (no fact
    # changed): 5 = 11.
    "poll after a colleague's flag and reply": 11,
    # fixed 3 + the article, kinds and people for the form, the sentence = 7; flag_create:
    # savepoint, lock the article and the sentence (the flag's keys then need no check), the
    # next number, the insert, its history row, release = 7; the flag for the thread; the
    # fragments, with the form's kinds and people again (4) = 19.
    "raise a flag (htmx)": 19,
    # the same 5 + the open flag, then only what replies move: the active kinds (the thread),
    # the flag's row, the thread's replies = 9 (no sentences, no counts).
    "poll after a colleague's reply alone": 9,
    # fixed 3 + the flag = 4; comment_add: savepoint, insert, history, release = 4; the
    # fragments of a reply (the kinds and people for the thread's forms, the flag's row, the
    # replies: 4) = 12.
    "reply (htmx)": 12,
    # fixed 3 + the flag = 4; flag_resolve: savepoint, lock (with the rows its keys name, so
    # validating them asks nothing), update, history, release = 5; the flag for the thread;
    # the fragments (6) = 16.
    "resolve (htmx)": 16,
    # fixed 3 + the article, the sentence = 5; sentence_edit with its checks (18) and the
    # facts worksheet following it (savepoint, the article's lock, its facts, the sentence's
    # facts moved or gone (one UPDATE each, up to models.FEW_ROWS rows) with their history
    # rows, release: 8); the fragments without a thread, with the facts count (5) = 36.
    "edit a sentence (htmx)": 36,
}


def _changes_counts(client, story, copy_editor) -> dict[str, int]:
    from review.selectors.changes import current_cursor
    from review.services.comments import comment_add
    from review.services.flags import flag_create

    article, sentence, flag = story
    slug = article.slug
    htmx = {"HX-Request": "true"}

    def counted(method, url, data=None, status=200):
        with CaptureQueriesContext(connection) as ctx:
            if method == "get":
                response = client.get(url, data, headers=htmx)
            else:
                response = client.post(url, data, headers=htmx)
        assert response.status_code == status, (url, response.status_code)
        return len(ctx.captured_queries)

    out = {}
    changes = f"/articles/{slug}/changes/"
    cursor = str(current_cursor(article))
    out["poll, nothing new (204)"] = counted("get", changes, {"since": cursor}, 204)
    new = flag_create(sentence=sentence, kind="style", actor=copy_editor, note="new")
    comment_add(flag=flag, actor=copy_editor, body="seen")
    out["poll after a colleague's flag and reply"] = counted(
        "get", changes, {"since": cursor, "flag": flag.pk}
    )
    cursor = str(current_cursor(article))
    comment_add(flag=flag, actor=copy_editor, body="and again")
    out["poll after a colleague's reply alone"] = counted(
        "get", changes, {"since": cursor, "flag": flag.pk}
    )
    out["raise a flag (htmx)"] = counted(
        "post",
        f"/articles/{slug}/flags/new/",
        {"sentence": sentence.pk, "kind": "other", "severity": "minor", "note": "raised"},
    )
    out["reply (htmx)"] = counted("post", f"/flags/{new.pk}/comments/", {"body": "a reply"})
    out["resolve (htmx)"] = counted("post", f"/flags/{new.pk}/resolve/", {"note": "done"})
    sentence.refresh_from_db()
    out["edit a sentence (htmx)"] = counted(
        "post",
        f"/articles/{slug}/sentences/{sentence.pk}/edit/",
        {"text": "The board met.", "expected_version": sentence.version, "reason": ""},
    )
    return out


def test_changes_cost_the_same_queries_for_a_short_and_a_long_story(
    client, editor, copy_editor, make_article
):
    small = build(make_article, editor, copy_editor, sentences=3, flags=1, replies=1, edits=0)
    large = build(make_article, editor, copy_editor, sentences=60, flags=40, replies=80, edits=10)
    client.force_login(editor)
    client.get(f"/articles/{small[0].slug}/")  # per-process caches, as above
    counts = [_changes_counts(client, story, copy_editor) for story in (small, large)]
    assert counts[0] == counts[1], counts
    assert counts[0] == CHANGES, counts[0]


def edit_queries(article, sentence, actor) -> int:
    from review.services.editing import sentence_edit

    sentence.refresh_from_db()
    with CaptureQueriesContext(connection) as ctx:
        sentence_edit(
            sentence=sentence,
            text=sentence.text.replace("said", "told us"),
            expected_version=sentence.version,
            actor=actor,
        )
    return len(ctx.captured_queries)


# An edit, with the checks following the text (services.reconcile): the savepoint and its
# release (2), the article, the sentence and its paragraph's run locked (3), its flags locked,
# the sentence written with its history row (2), its flag re-anchored with its history row
# (2), the actor checked and the article's version written with its history row (3); then
# the checks: the story's length (a long one is checked in the background), the rule
# switches, the sentences, the names registry, the automatic flags (5); then the facts
# worksheet: the article's lock again, its facts, the edited sentence's fact moved with its
# words and its history row (4) = 22. None of them grows with the story.
EDIT = 22


def test_an_edit_with_its_checks_costs_the_same_queries_for_a_short_and_a_long_story(
    editor, copy_editor, make_article
):
    small = build(make_article, editor, copy_editor, sentences=3, flags=1, replies=1, edits=0)
    large = build(make_article, editor, copy_editor, sentences=60, flags=40, replies=80, edits=10)
    counts = [edit_queries(story[0], story[1], editor) for story in (small, large)]
    assert counts == [EDIT, EDIT], counts
