"""import_article PATH.docx: a Word document with its comments as flags, from the command line."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from review.models import Article, Flag
from tests.docx_factories import WordFile

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("import_article", *args, stdout=out)
    return out.getvalue()


def word_file(tmp_path):
    word = WordFile()
    word.heading("Council votes")
    runs = word.paragraph("The council ", "voted 5-2", " on Tuesday.")
    word.comment(runs[1], "Check the count.")
    path = tmp_path / "council.docx"
    path.write_bytes(word.bytes())
    return path


def test_it_imports_a_docx_with_its_comments_as_flags(tmp_path, editor):
    output = run(str(word_file(tmp_path)), "--user", "editor", "--no-checks")
    article = Article.objects.get()
    assert article.title == "Council votes"
    assert article.original_text == "The council voted 5-2 on Tuesday."
    flag = Flag.objects.get()
    assert (flag.quote, flag.origin) == ("voted 5-2", "import")
    assert "Imported “Council votes” as council-votes" in output
    assert "1 Word comment became a flag" in output


def test_the_title_option_wins_over_the_heading(tmp_path, editor):
    run(str(word_file(tmp_path)), "--user", "editor", "--title", "Given", "--no-checks")
    assert Article.objects.get().title == "Given"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "Word 97–2003"),
        (b"PK\x03\x04 not really", "damaged"),
    ],
)
def test_a_bad_word_file_is_a_clear_error_and_writes_nothing(tmp_path, editor, content, message):
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(str(path), "--user", "editor")
    assert not Article.objects.exists()


def test_a_doc_named_txt_still_gets_the_word_message(tmp_path, editor):
    path = tmp_path / "story.txt"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(CommandError, match=r"save it as a Word Document \(.docx\)"):
        run(str(path), "--user", "editor")


def test_revise_with_a_returned_docx_applies_the_reporters_answers(tmp_path, editor):
    from review.selectors.exports import export_file
    from review.services.articles import article_import
    from review.services.flags import flag_create
    from tests.docx_factories import WordAnswer

    article = article_import(
        text="Officials said it. He left.",
        title="Story",
        slug="story",
        actor=editor,
        run_checks=False,
    )
    flag = flag_create(
        sentence=article.sentences.get(position=0), kind="other", actor=editor, start=0, end=9
    )
    word = WordAnswer(export_file(article, "docx").data)
    word.reply(flag.number, "From the sheriff.", author="Rita Reporter")
    word.replace_text(" He left.", " He left early.")
    path = tmp_path / "story-answers.docx"
    path.write_bytes(word.bytes())
    output = run(str(path), "--slug", "story", "--revise", "--user", "editor", "--no-checks")
    assert "Applied the answers from story-answers.docx: 1 reply, the text revised." in output
    assert flag.comments.get().body == "From the sheriff."
    assert article.sentences.get(position=1).text == "He left early."
    again = run(str(path), "--slug", "story", "--revise", "--user", "editor", "--no-checks")
    assert "Nothing new to apply from this file" in again


def test_revise_with_a_docx_needs_an_existing_slug(tmp_path, editor):
    path = word_file(tmp_path)
    with pytest.raises(CommandError, match="--revise needs --slug"):
        run(str(path), "--revise", "--user", "editor")
    with pytest.raises(CommandError, match="There is no story “nope”"):
        run(str(path), "--revise", "--slug", "nope", "--user", "editor")
