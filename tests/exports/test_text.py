"""txt: the clean current text, character for character."""

from __future__ import annotations

import pytest

from review.exports import text
from review.selectors.exports import export_file
from tests.export_factories import plain_article, sample_article


def test_it_is_the_sentences_joined_with_their_separators():
    article = sample_article()
    expected = "".join(s.text + s.separator for p in article.paragraphs for s in p.sentences)
    assert text.render(article) == expected.encode("utf-8")


def test_it_keeps_emoji_and_right_to_left_text_in_utf8():
    article = plain_article([["שלום עולם 🎉.", "مرحبا."]])
    assert text.render(article).decode("utf-8") == "שלום עולם 🎉. مرحبا."


@pytest.mark.django_db
def test_the_seed_export_is_the_imported_text_exactly(seeded, seed_text):
    assert export_file(seeded, "txt").data.decode("utf-8") == seed_text
