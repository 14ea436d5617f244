"""txt: the clean current text, exactly as the sentences join up, in UTF-8."""

from __future__ import annotations

from review.exports.data import ExportArticle


def render(article: ExportArticle) -> bytes:
    return article.text.encode("utf-8")
