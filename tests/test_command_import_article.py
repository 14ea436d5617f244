from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from review.models import Article, Sentence
from tests.conftest import SEED


@pytest.fixture
def superuser(db):
    from django.contrib.auth.models import User

    return User.objects.create_superuser("chief", "chief@example.com", "pw")


def run(*args) -> str:
    out = StringIO()
    call_command("import_article", *args, stdout=out)
    return out.getvalue()


def test_it_imports_the_seed_so_that_its_sentences_rebuild_the_file(superuser):
    output = run(str(SEED), "--slug", "peterson", "--no-checks")
    article = Article.objects.get(slug="peterson")
    text = "".join(s.text + s.separator for s in article.sentences.all())
    assert text == SEED.read_text(encoding="utf-8")
    assert "9 paragraphs, 22 sentences" in output
    assert article.history.get().history_user == superuser


def test_it_records_the_user_given_with_user(superuser, editor):
    run(str(SEED), "--slug", "p", "--user", "editor", "--no-checks")
    assert Sentence.history.filter(history_user=editor).count() == 22


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"  \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "binary"),
        ("Café society, naïve reporting.".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_files_fail_clearly_and_write_nothing(superuser, tmp_path, content, message):
    path = tmp_path / "story.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(str(path), "--slug", "bad", "--no-checks")
    assert not Article.objects.exists()
    assert not Sentence.history.exists()


def test_a_missing_file_fails_clearly(superuser, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(str(tmp_path / "nope.txt"))


def test_a_taken_slug_fails_and_leaves_the_first_import(superuser):
    run(str(SEED), "--slug", "peterson", "--no-checks")
    with pytest.raises(CommandError, match="already exists"):
        run(str(SEED), "--slug", "peterson", "--no-checks")
    assert Article.objects.count() == 1


def test_an_unknown_user_fails_clearly(superuser):
    with pytest.raises(CommandError, match="no user"):
        run(str(SEED), "--user", "ghost")


def test_it_needs_someone_to_record_the_change_under(db):
    with pytest.raises(CommandError, match="createsuperuser"):
        run(str(SEED))
