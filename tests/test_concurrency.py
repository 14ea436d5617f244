"""The lost-update race with real concurrency: threads, each with its own DB connection.

On SQLite (a file database in tests) IMMEDIATE transactions serialize the writers; on
PostgreSQL the same tests run against real row locks (select_for_update).
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from review.models import Article, Flag, Sentence
from review.selectors.articles import current_text
from review.services.editing import EditConflict, sentence_edit

pytestmark = [
    pytest.mark.concurrency,
    pytest.mark.django_db(transaction=True),
]

TEXT = "First sentence here. Second one.\n\nThird sentence. Fourth. Fifth. Sixth. Seventh."


def run_together(jobs):
    """Run the callables at the same moment, each on its own thread and connection."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def worker(i, job):
        try:
            barrier.wait(timeout=10)
            results[i] = job()
        except Exception as exc:  # the test inspects what each writer got
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


@pytest.fixture
def article(make_article):
    return make_article(TEXT)


def test_two_editors_saving_the_same_version_lose_nothing(article, editor, copy_editor):
    sentence = article.sentences.get(position=0)
    loaded = Sentence.objects.get(pk=sentence.pk)  # both forms were loaded at version 1

    def save(text, actor):
        return lambda: sentence_edit(sentence=loaded, text=text, expected_version=1, actor=actor)

    results = run_together([save("Editor's text.", editor), save("Copy's text.", copy_editor)])
    wins = [r for r in results if not isinstance(r, Exception)]
    conflicts = [r for r in results if isinstance(r, EditConflict)]
    assert (len(wins), len(conflicts)) == (1, 1), results
    sentence.refresh_from_db()
    assert sentence.version == 2
    winner, loser = sentence.text, conflicts[0].yours
    assert {winner, loser} == {"Editor's text.", "Copy's text."}
    assert conflicts[0].theirs == winner
    # Both texts preserved: the winner in the sentence's history, the loser on the record.
    assert winner in set(sentence.history.values_list("text", flat=True))
    record = Flag.objects.get(pk=conflicts[0].record.pk)
    assert (record.suggestion, record.status) == (loser, "open")
    assert record.history.count() == 1
    assert sentence.history.count() == 2
    article.refresh_from_db()
    assert article.version == 2


def test_eight_editors_on_one_sentence_one_wins_seven_are_kept(article, editor):
    sentence = article.sentences.get(position=2)
    jobs = [
        (
            lambda n=n: sentence_edit(
                sentence=sentence, text=f"Version {n}.", expected_version=1, actor=editor
            )
        )
        for n in range(8)
    ]
    results = run_together(jobs)
    conflicts = [r for r in results if isinstance(r, EditConflict)]
    assert len(conflicts) == 7, results
    assert not [r for r in results if isinstance(r, Exception) and r not in conflicts]
    sentence.refresh_from_db()
    kept = {c.yours for c in conflicts} | {sentence.text}
    assert kept == {f"Version {n}." for n in range(8)}
    assert Flag.objects.filter(article=article, suggestion__startswith="Version ").count() == 7


def test_eight_editors_on_different_sentences_all_succeed(article, editor):
    rows = list(article.sentences.order_by("position"))
    assert len(rows) == 7
    jobs = [
        (
            lambda s=s: sentence_edit(
                sentence=s, text=s.text.replace(".", "!"), expected_version=1, actor=editor
            )
        )
        for s in rows
    ]
    results = run_together(jobs)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert current_text(article) == TEXT.replace(".", "!")
    assert Article.objects.get(pk=article.pk).version == 1 + len(rows)


def test_concurrent_splits_keep_positions_unique_and_contiguous(article, editor):
    rows = list(article.sentences.order_by("position"))
    jobs = [
        (
            lambda s=s: sentence_edit(
                sentence=s, text=f"{s.text} Added.", expected_version=1, actor=editor
            )
        )
        for s in rows[::2]
    ]
    results = run_together(jobs)
    assert not [r for r in results if isinstance(r, Exception)], results
    positions = list(
        Sentence.objects.filter(article=article)
        .order_by("position")
        .values_list("position", flat=True)
    )
    assert positions == list(range(len(rows) + len(jobs)))
    assert connection.vendor in {"sqlite", "postgresql"}
