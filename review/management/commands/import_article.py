from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from review.management.commands._actor import resolve_actor
from review.services.articles import article_import, decode_manuscript
from review.services.docx_import import article_import_docx, is_docx


def validation_message(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return " ".join(f"{m}" for errors in exc.message_dict.values() for m in errors)
    return " ".join(exc.messages)


class Command(BaseCommand):
    help = (
        "Import a story as a draft of sentences (and run the automatic checks): a UTF-8 "
        "plain-text file, or a Word .docx whose comments become flags. With --slug and "
        "--revise, upload a revised draft, or the .docx a reporter sent back with answers."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A UTF-8 plain-text file or a Word document (.docx).")
        parser.add_argument(
            "--title",
            help="Defaults to the file name (for a .docx: its first heading or title property).",
        )
        parser.add_argument("--slug", help="Defaults to one made from the title.")
        parser.add_argument("--user", help="Who imports it (defaults to the first superuser).")
        parser.add_argument("--no-checks", action="store_true", help="Skip the automatic checks.")
        self.add_revise_arguments(parser)

    def add_revise_arguments(self, parser):
        """Re-import: --revise replaces the text of the story named by --slug."""
        parser.add_argument(
            "--revise",
            action="store_true",
            help="Upload a revised version of the existing story --slug (keeps its flags).",
        )

    def revise(self, path: Path, text: str, actor, options) -> None:
        from review.models import Article
        from review.services.revise import article_revise

        slug = options.get("slug")
        if not slug:
            raise CommandError("--revise needs --slug SLUG naming the story to revise.")
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            raise CommandError(f"There is no story “{slug}” to revise; check --slug.")
        try:
            result = article_revise(
                article=article, text=text, actor=actor, run_checks=not options["no_checks"]
            )
        except ValidationError as exc:
            raise CommandError(f"{path}: {validation_message(exc)}") from None
        except PermissionDenied as exc:
            raise CommandError(f"{actor}: {exc}") from None
        self.stdout.write(
            f"Revised “{article.title}” ({article.slug}) to version {article.version}: "
            f"{len(result.changed)} sentences changed, {len(result.created)} added, "
            f"{len(result.deleted)} removed, {len(result.flags)} flags re-anchored."
        )

    def handle_docx(self, path: Path, data: bytes, options) -> None:
        actor = resolve_actor(options.get("user"))
        if options.get("revise"):
            return self.answers(path, data, actor, options)
        try:
            result = article_import_docx(
                data=data,
                file_name=path.name,
                title=options.get("title"),
                slug=options.get("slug"),
                actor=actor,
                run_checks=not options["no_checks"],
            )
        except ValidationError as exc:
            raise CommandError(f"{path}: {validation_message(exc)}") from None
        except PermissionDenied as exc:
            raise CommandError(f"{actor}: {exc}") from None
        article = result.article
        self.stdout.write(
            f"Imported “{article.title}” as {article.slug}: {article.sentences.count()} "
            f"sentences, {article.flags.count()} flags; from Word: {result.summary}"
        )

    def answers(self, path: Path, data: bytes, actor, options) -> None:
        from review.models import Article
        from review.services.roundtrip import article_answers_apply

        slug = options.get("slug")
        if not slug:
            raise CommandError("--revise needs --slug SLUG naming the story the file answers.")
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            raise CommandError(f"There is no story “{slug}” to revise; check --slug.")
        try:
            result = article_answers_apply(
                article=article,
                data=data,
                file_name=path.name,
                actor=actor,
                run_checks=not options["no_checks"],
            )
        except ValidationError as exc:
            raise CommandError(f"{path}: {validation_message(exc)}") from None
        except PermissionDenied as exc:
            raise CommandError(f"{actor}: {exc}") from None
        self.stdout.write(f"“{article.title}” ({article.slug}): {result.summary}")

    def read(self, path: Path) -> str:
        if not path.exists():
            raise CommandError(f"{path}: no such file.")
        if not path.is_file():
            raise CommandError(f"{path}: not a file.")
        try:
            return decode_manuscript(path.read_bytes())
        except ValidationError as exc:
            raise CommandError(f"{path}: {validation_message(exc)}") from None

    def read_bytes(self, path: Path) -> bytes:
        if not path.exists():
            raise CommandError(f"{path}: no such file.")
        if not path.is_file():
            raise CommandError(f"{path}: not a file.")
        return path.read_bytes()

    def handle(self, *args, **options):
        path = Path(options["path"])
        data = self.read_bytes(path)
        if is_docx(path.name, data):
            return self.handle_docx(path, data, options)
        text = self.read(path)
        actor = resolve_actor(options.get("user"))
        if options.get("revise"):
            return self.revise(path, text, actor, options)
        title = options.get("title") or path.stem.replace("-", " ").replace("_", " ").strip()
        try:
            article = article_import(
                text=text,
                title=title,
                slug=options.get("slug"),
                actor=actor,
                source_name=path.name,
                run_checks=not options["no_checks"],
            )
        except ValidationError as exc:
            raise CommandError(f"{path}: {validation_message(exc)}") from None
        except PermissionDenied as exc:
            raise CommandError(f"{actor}: {exc}") from None
        sentences = article.sentences.count()
        paragraphs = article.sentences.values("paragraph").distinct().count()
        flags = article.flags.count()
        self.stdout.write(
            f"Imported “{article.title}” as {article.slug}: {paragraphs} paragraphs, "
            f"{sentences} sentences, {flags} flags."
        )
