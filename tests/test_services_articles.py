from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from review.models import Article, Sentence
from review.services.articles import article_import, decode_manuscript


def rebuild(article: Article) -> str:
    return "".join(s.text + s.separator for s in article.sentences.order_by("position"))


def test_it_imports_the_seed_as_nine_paragraphs_and_twenty_two_sentences(seed_article, seed_text):
    sentences = list(seed_article.sentences.order_by("position"))
    assert len(sentences) == 22
    assert len({s.paragraph for s in sentences}) == 9
    assert [s.position for s in sentences] == list(range(22))
    assert sentences[4].text == "nikolas cruz"
    assert sentences[-1].text == "Email In Touch at"


def test_the_sentences_rebuild_the_imported_text_exactly(seed_article, seed_text):
    assert rebuild(seed_article) == seed_text
    assert seed_article.original_text == seed_text


def test_every_imported_sentence_has_a_history_row_with_the_importing_user(seed_article, editor):
    history = Sentence.history.filter(article_id=seed_article.pk)
    assert history.count() == 22
    assert set(history.values_list("history_user", flat=True)) == {editor.pk}
    assert set(history.values_list("history_type", flat=True)) == {"+"}
    assert seed_article.history.get().history_user == editor


def test_it_keeps_leading_and_trailing_whitespace_and_crlf(make_article):
    text = "\n  First line here.\r\nSecond one!  \n\n\nThird para?\n\n"
    article = make_article(text)
    assert rebuild(article) == text


@pytest.mark.parametrize(
    "text, code",
    [
        ("", "empty"),
        ("   \n\t\n ", "empty"),
        ("A story\x00 with a NUL.", "binary"),
        ("Bell\x07 character.", "binary"),
    ],
)
def test_it_refuses_bad_text_and_writes_nothing(editor, text, code):
    with pytest.raises(ValidationError) as exc:
        article_import(text=text, title="T", slug="t", actor=editor, run_checks=False)
    assert exc.value.code == code
    assert Article.objects.count() == 0
    assert Sentence.objects.count() == 0
    assert Article.history.count() == 0


def test_it_drops_a_utf8_bom(make_article):
    article = make_article("\ufeffHello there. Bye.")
    assert article.original_text == "Hello there. Bye."


@override_settings(REVIEW_MAX_IMPORT_BYTES=100)
def test_it_refuses_text_over_the_configured_size(editor):
    with pytest.raises(ValidationError) as exc:
        article_import(text="word " * 50, title="T", slug="t", actor=editor, run_checks=False)
    assert exc.value.code == "too_large"
    assert "REVIEW_MAX_IMPORT_BYTES" in exc.value.messages[0]
    assert not Article.objects.exists()


def test_it_refuses_a_slug_that_is_taken_and_leaves_the_first_story_alone(make_article, editor):
    first = make_article("One. Two.", slug="taken")
    with pytest.raises(ValidationError) as exc:
        article_import(text="Three.", title="T", slug="taken", actor=editor, run_checks=False)
    assert "already exists" in str(exc.value)
    assert Article.objects.get() == first
    assert first.sentences.count() == 2


def test_it_refuses_an_invalid_slug(editor):
    with pytest.raises(ValidationError):
        article_import(text="One.", title="T", slug="Not A Slug!", actor=editor, run_checks=False)


def test_it_makes_a_unique_slug_from_the_title_when_none_is_given(make_article, editor):
    make_article("One.", slug="budget-vote")
    article = article_import(
        text="Two.", title="Budget vote", slug=None, actor=editor, run_checks=False
    )
    assert article.slug == "budget-vote-2"


@pytest.mark.parametrize("role", ["copy_editor", "fact_checker", "viewer", "outsider"])
def test_only_editors_may_import(request, role):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        article_import(text="One.", title="T", slug="t", actor=actor, run_checks=False)
    assert not Article.objects.exists()


def test_it_rolls_back_everything_when_a_later_step_fails(editor, monkeypatch):
    import review.services.articles as articles

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(articles, "bulk_create_with_history", explode)
    with pytest.raises(RuntimeError):
        article_import(text="One. Two.", title="T", slug="t", actor=editor, run_checks=False)
    assert not Article.objects.exists()
    assert not Article.history.exists()


def test_decode_refuses_latin1_with_a_message_that_says_what_to_do():
    with pytest.raises(ValidationError) as exc:
        decode_manuscript("Café au lait.".encode("latin-1"))
    assert exc.value.code == "encoding"
    assert "UTF-8" in exc.value.messages[0]


def test_decode_refuses_binary_data():
    with pytest.raises(ValidationError) as exc:
        decode_manuscript(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert exc.value.code == "binary"


def test_tracked_rows_cannot_be_changed_without_history(seed_article):
    from review.models import HistoryBypassError

    with pytest.raises(HistoryBypassError):
        Sentence.objects.filter(article=seed_article).update(text="x")
    with pytest.raises(HistoryBypassError):
        Article.objects.update(title="x")


def test_an_import_is_one_moment_in_history(seed_article):
    article_moment = seed_article.history.get().history_date
    sentence_moments = set(
        Sentence.history.filter(article_id=seed_article.pk).values_list("history_date", flat=True)
    )
    assert sentence_moments == {article_moment}


def test_decode_names_the_byte_and_where_it_is():
    with pytest.raises(ValidationError) as exc:
        decode_manuscript("Café au lait.".encode("latin-1"))
    assert exc.value.messages[0].startswith(
        "This file is not UTF-8 text (byte 0xe9 at position 3 cannot be read)."
    )


def test_decode_says_a_binary_file_should_be_saved_as_plain_text():
    with pytest.raises(ValidationError) as exc:
        decode_manuscript(b"One.\x00Two.")
    assert "save the story as plain text" in exc.value.messages[0]


def test_decode_drops_a_leading_utf8_bom_only():
    assert decode_manuscript("\ufeffOne. Two.\ufeff".encode()) == "One. Two.\ufeff"


def test_stories_with_the_same_title_get_numbered_slugs_in_order(editor):
    slugs = [
        article_import(
            text="One.", title="Budget vote", slug=None, actor=editor, run_checks=False
        ).slug
        for _ in range(4)
    ]
    assert slugs == ["budget-vote", "budget-vote-2", "budget-vote-3", "budget-vote-4"]


def test_a_slug_made_from_a_long_title_is_cut_to_a_valid_slug_with_room_for_a_number(editor):
    article = article_import(
        text="One.", title="word " * 60, slug=None, actor=editor, run_checks=False
    )
    assert article.slug == "word-" * 19 + "word"  # 99 characters: the cut fell on a hyphen


def test_a_title_with_nothing_to_make_a_slug_of_is_called_story(editor):
    article = article_import(text="One.", title="¿¡!?", slug=None, actor=editor, run_checks=False)
    assert article.slug == "story"


def test_a_slug_made_from_a_long_title_keeps_its_first_hundred_characters(editor):
    article = article_import(
        text="One.", title="abcdefghij" * 15, slug=None, actor=editor, run_checks=False
    )
    assert article.slug == "abcdefghij" * 10


def test_a_control_character_is_named_with_its_line(editor):
    text = "First line.\nSecond line.\nThird \x07 line."
    with pytest.raises(ValidationError) as exc:
        article_import(text=text, title="T", slug="t", actor=editor, run_checks=False)
    assert exc.value.code == "binary"
    (message,) = exc.value.messages
    assert "U+0007 on line 3" in message
    assert "save the story as plain UTF-8 text" in message


def test_lone_surrogates_are_refused_with_a_message(editor):
    with pytest.raises(ValidationError) as exc:
        article_import(text="Broken \ud800 text.", title="T", slug="t", actor=editor)
    assert exc.value.messages == ["The text contains invalid characters (lone surrogates)."]


def test_a_missing_title_is_an_error_on_the_title_field(editor):
    with pytest.raises(ValidationError) as exc:
        article_import(text="A story.", title="   ", slug="t", actor=editor, run_checks=False)
    assert exc.value.message_dict == {"title": ["Give the story a title."]}


@override_settings(REVIEW_MAX_IMPORT_BYTES=100)
def test_a_size_known_only_roughly_says_about():
    from review.services.articles import too_large_error

    assert (
        too_large_error(5000, about=True)
        .messages[0]
        .startswith("The text is about 5,000 bytes; the desk accepts at most 100.")
    )
    assert too_large_error(5000).messages[0].startswith("The text is 5,000 bytes;")
