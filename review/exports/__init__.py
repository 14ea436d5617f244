"""Export formats: name → renderer, content type and file extension.

The management command, the download view, the admin action and the tests all go through
`FORMATS`, so a format behaves the same wherever it is asked for. Renderers are pure: they take
an `ExportArticle` and return bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from review.exports import annotation_json, csv_facts, docx, html, markdown, text
from review.exports.common import slug_filename
from review.exports.data import ExportArticle


@dataclass(frozen=True)
class ExportFormat:
    name: str
    label: str  # what the Export menu shows
    render: Callable[[ExportArticle], bytes]
    content_type: str
    extension: str

    def filename(self, article: ExportArticle) -> str:
        return slug_filename(article, self.extension)


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "docx",
            "Word document with comments (.docx)",
            docx.render,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        ExportFormat(
            "html", "Printable page (.html)", html.render, "text/html; charset=utf-8", "html"
        ),
        ExportFormat(
            "md",
            "Markdown with CriticMarkup (.md)",
            markdown.render,
            "text/markdown; charset=utf-8",
            "md",
        ),
        ExportFormat(
            "json",
            "W3C Web Annotations (.json)",
            annotation_json.render,
            "application/ld+json; charset=utf-8",
            "json",
        ),
        ExportFormat("txt", "Clean text (.txt)", text.render, "text/plain; charset=utf-8", "txt"),
        ExportFormat(
            "csv",
            "Facts worksheet (.csv)",
            csv_facts.render,
            "text/csv; charset=utf-8",
            "csv",
        ),
    )
}


class UnknownFormatError(KeyError):
    def __str__(self) -> str:
        return f"There is no export format “{self.args[0]}”; choose one of {', '.join(FORMATS)}."


def get_format(name: str) -> ExportFormat:
    try:
        return FORMATS[name]
    except KeyError:
        raise UnknownFormatError(name) from None


def render(article: ExportArticle, name: str) -> bytes:
    return get_format(name).render(article)
