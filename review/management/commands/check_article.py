"""`manage.py check_article SLUG [--user USERNAME]`: re-run the automatic checks."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from review.management.commands._actor import resolve_actor
from review.models import Article
from review.services.checks import checks_run


class Command(BaseCommand):
    help = "Re-run the automatic checks on an article (idempotent: no duplicate flags)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The article's slug.")
        parser.add_argument("--user", help="Who runs them (defaults to the first superuser).")

    def handle(self, *args, **options):
        slug = options["slug"]
        try:
            article = Article.objects.get(slug=slug)
        except Article.DoesNotExist:
            raise CommandError(
                f"There is no article “{slug}”; the list of slugs is on the desk's front page."
            ) from None
        actor = resolve_actor(options.get("user"))
        try:
            result = checks_run(article=article, actor=actor)
        except PermissionDenied as exc:
            raise CommandError(f"{actor}: {exc}") from None
        self.stdout.write(
            f"{article.slug}: {result.created} created, {result.kept} kept, {result.closed} closed."
        )
        if result.facts is not None:
            self.stdout.write(
                f"Facts worksheet: {result.facts.created} new, {result.facts.gone} gone "
                "(checked facts keep their status)."
            )
        if result.skipped_rules:
            self.stdout.write(f"Switched off (skipped): {', '.join(result.skipped_rules)}.")
