"""Export one article with its flags.

python manage.py export_article SLUG --format {docx,html,md,json,txt} [-o PATH|-] [--open-only]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from review.exports import FORMATS
from review.models import Article
from review.selectors.exports import export_file


class Command(BaseCommand):
    help = (
        "Export an article with its flags: Word comments, a printable page, Markdown with "
        "CriticMarkup, W3C Web Annotations or the clean text."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The article's slug, as in its address.")
        parser.add_argument("--format", required=True, choices=list(FORMATS), dest="fmt")
        parser.add_argument(
            "-o",
            "--output",
            help="Where to write; '-' for standard output. Default: a dated file name in the "
            "current folder, e.g. 2026-11-29-scot-peterson-review.docx.",
        )
        parser.add_argument(
            "--open-only", action="store_true", help="Leave resolved and dismissed flags out."
        )

    def handle(self, *args, slug: str, fmt: str, output: str | None, open_only: bool, **options):
        try:
            article = Article.objects.get(slug=slug)
        except Article.DoesNotExist:
            raise CommandError(
                f"There is no article with the slug “{slug}”; see the list at /articles/ "
                "or in the admin."
            ) from None
        export = export_file(article, fmt, open_only=open_only)
        if output == "-":
            # Bytes straight through: a .docx is binary, and text keeps its UTF-8 as is.
            stream = getattr(self.stdout, "_out", sys.stdout)
            stream = getattr(stream, "buffer", stream)
            stream.write(export.data)
            stream.flush()
            return
        path = Path(output) if output else Path.cwd() / export.filename
        if path.is_dir():
            path = path / export.filename
        write_atomically(path, export.data)
        self.stdout.write(f"Wrote {path} ({len(export.data):,} bytes).")


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: never a half-written export."""
    folder = path.parent
    if not folder.is_dir():
        raise CommandError(f"{folder}: no such folder; create it or choose another -o path.")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise CommandError(
            f"{folder}: cannot write here ({exc.strerror}); choose another -o path."
        ) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CommandError(
            f"{path}: cannot write it ({exc.strerror}); choose another -o path."
        ) from None
