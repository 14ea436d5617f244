"""Re-import: a revised manuscript keeps unchanged sentences, their flags and threads."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from review.models import Sentence
from review.selectors.articles import current_text
from review.services.comments import comment_add
from review.services.flags import flag_create
from review.services.revise import article_revise
from review.services.workflow import article_approve, article_publish, article_submit

TEXT = (
    "Scot Petersen stayed outside. He did not go in.\n\n"
    "The report came later. It was long.\n\n"
    "Have a tip? Email In Touch at"
)
REVISED = (
    "Scot Peterson stayed outside. He did not go in.\n\n"
    "A new paragraph arrives.\n\n"
    "The report came later. It was long."
)


@pytest.fixture
def article(make_article):
    return make_article(TEXT)


def by_text(article):
    return {s.text: s for s in article.sentences.all()}


def test_a_revision_keeps_unchanged_sentences_and_replaces_the_rest(article, editor):
    before = by_text(article)
    article_revise(article=article, text=REVISED, actor=editor, run_checks=False)
    assert current_text(article) == REVISED
    after = by_text(article)
    for kept in ("He did not go in.", "The report came later.", "It was long."):
        assert after[kept].pk == before[kept].pk
    # The first sentence changed in place, keeping its row.
    assert after["Scot Peterson stayed outside."].pk == before["Scot Petersen stayed outside."].pk
    assert after["Scot Peterson stayed outside."].version == 2
    assert not Sentence.objects.filter(pk=before["Email In Touch at"].pk).exists()
    article.refresh_from_db()
    assert article.version == 2
    assert article.history.first().history_change_reason == "revised"


def test_a_revision_is_one_change_on_the_timeline(article, editor):
    article_revise(article=article, text=REVISED, actor=editor, run_checks=False)
    dates = {
        *Sentence.history.filter(
            article_id=article.pk, history_change_reason="revised"
        ).values_list("history_date", flat=True),
        article.history.first().history_date,
    }
    assert len(dates) == 1


def test_flags_on_removed_sentences_are_orphaned_never_deleted(article, editor):
    gone = by_text(article)["Email In Touch at"]
    flag = flag_create(sentence=gone, kind="dangling-text", actor=editor)
    comment_add(flag=flag, actor=editor, body="Promo text; cut it.")
    article_revise(article=article, text=REVISED, actor=editor, run_checks=False)
    flag.refresh_from_db()
    assert (flag.sentence_id, flag.anchor) == (None, "orphaned")
    assert flag.comments.count() == 1


def test_flags_follow_their_words_through_a_revision(article, editor):
    first = by_text(article)["Scot Petersen stayed outside."]
    spelled = flag_create(sentence=first, kind="name-spelling", actor=editor, start=5, end=13)
    later = by_text(article)["It was long."]
    kept = flag_create(sentence=later, kind="style", actor=editor, start=7, end=11)
    article_revise(article=article, text=REVISED, actor=editor, run_checks=False)
    spelled.refresh_from_db()
    kept.refresh_from_db()
    assert (spelled.anchor, spelled.quote) == ("outdated", "Petersen")
    assert (kept.anchor, kept.sentence_id, kept.start) == ("attached", later.pk, 7)
    assert kept.history.count() == 1


def test_a_moved_paragraph_keeps_its_flags(make_article, editor):
    article = make_article("First paragraph here.\n\nSecond one, flagged.\n\nThird.")
    second = article.sentences.get(position=1)
    flag = flag_create(sentence=second, kind="other", actor=editor, start=7, end=10)
    article_revise(
        article=article,
        text="Second one, flagged.\n\nFirst paragraph here.\n\nThird.",
        actor=editor,
        run_checks=False,
    )
    flag.refresh_from_db()
    assert flag.anchor == "attached"
    assert flag.sentence.text[flag.start : flag.end] == "one"


def test_only_editors_revise(article, copy_editor):
    with pytest.raises(PermissionDenied, match="Only Editors"):
        article_revise(article=article, text=REVISED, actor=copy_editor)


def test_an_identical_or_empty_revision_is_refused(article, editor):
    with pytest.raises(ValidationError, match="same as the current text"):
        article_revise(article=article, text=TEXT, actor=editor)
    with pytest.raises(ValidationError, match="empty"):
        article_revise(article=article, text="  ", actor=editor)


def test_the_command_revises_an_existing_story(article, editor, tmp_path):
    path = tmp_path / "revised.txt"
    path.write_text(REVISED, encoding="utf-8")
    call_command(
        "import_article",
        str(path),
        "--slug",
        article.slug,
        "--revise",
        "--user",
        editor.username,
        "--no-checks",
    )
    assert current_text(article) == REVISED


def test_the_command_refuses_to_revise_a_missing_story(editor, tmp_path):
    path = tmp_path / "revised.txt"
    path.write_text(REVISED, encoding="utf-8")
    with pytest.raises(CommandError, match="no story"):
        call_command(
            "import_article", str(path), "--slug", "nope", "--revise", "--user", editor.username
        )
    with pytest.raises(CommandError, match="--slug"):
        call_command("import_article", str(path), "--revise", "--user", editor.username)


@pytest.mark.parametrize("publish", [False, True])
def test_an_approved_or_published_story_cannot_be_revised(article, editor, publish):
    article_submit(article=article, actor=editor)
    article_approve(article=article, actor=editor)
    if publish:
        article_publish(article=article, actor=editor)
    state = "published" if publish else "approved"
    with pytest.raises(ValidationError, match=f"This story is {state}; reopen it") as exc:
        article_revise(article=article, text=REVISED, actor=editor, run_checks=False)
    assert exc.value.code == "locked"
    assert current_text(article) == TEXT


def test_the_command_refuses_to_revise_an_approved_story(article, editor, tmp_path):
    article_submit(article=article, actor=editor)
    article_approve(article=article, actor=editor)
    path = tmp_path / "revised.txt"
    path.write_text(REVISED, encoding="utf-8")
    with pytest.raises(CommandError, match="reopen it to change the text"):
        call_command(
            "import_article",
            str(path),
            "--slug",
            article.slug,
            "--revise",
            "--user",
            editor.username,
            "--no-checks",
        )
    assert current_text(article) == TEXT


def test_a_revision_runs_the_checks_unless_asked_not_to(make_article, editor):
    from review.models import Flag

    article = make_article("The owner sold the land.")
    article_revise(article=article, text="The owner reportedly sold the land.", actor=editor)
    assert Flag.objects.filter(article=article, origin="check:claims.hedge").exists()


def test_a_revision_records_its_reason_on_the_article_and_the_changed_sentences(article, editor):
    article_revise(
        article=article, text=REVISED, actor=editor, run_checks=False, reason=" New draft. "
    )
    changed = article.sentences.get(text="Scot Peterson stayed outside.")
    assert article.history.first().history_change_reason == "revised: New draft."
    assert changed.history.first().history_change_reason == "revised: New draft."


def test_a_blank_reason_leaves_the_revision_reason_plain(article, editor):
    article_revise(article=article, text=REVISED, actor=editor, run_checks=False, reason="   ")
    assert article.history.first().history_change_reason == "revised"


def test_a_long_revision_reason_is_cut_to_what_history_holds(article, editor):
    article_revise(article=article, text=REVISED, actor=editor, run_checks=False, reason="x" * 200)
    changed = article.sentences.get(text="Scot Peterson stayed outside.")
    reasons = [
        article.history.first().history_change_reason,
        changed.history.first().history_change_reason,
    ]
    assert [len(r) for r in reasons] == [100, 100]


def test_a_revision_updates_the_callers_article_version(article, editor):
    article_revise(article=article, text=REVISED, actor=editor, run_checks=False)
    assert article.version == 2
