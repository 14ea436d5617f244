from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from review.models import Article
from review.permissions import ROLE_COPY_EDITOR, ROLE_EDITOR, ROLE_FACT_CHECKER, ROLE_VIEWER
from review.services.articles import article_import, unique_slug_for

# Development logins only: the command refuses to run unless DEBUG is on.
DEMO_USERS = [
    # username, role, staff/superuser
    ("admin", None, True),
    ("editor", ROLE_EDITOR, False),
    ("copyeditor", ROLE_COPY_EDITOR, False),
    ("factchecker", ROLE_FACT_CHECKER, False),
    ("viewer", ROLE_VIEWER, False),
]


def demo_password(username: str) -> str:
    return f"{username}-desk-2026"


class Command(BaseCommand):
    help = "Create one demo user per role and import every seeds/*.txt (DEBUG only; idempotent)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demo creates users with known passwords, so it only runs with DJANGO_DEBUG=1."
            )
        with transaction.atomic():
            users = self.make_users()
            imported = self.import_seeds(users["editor"])
        self.stdout.write("Demo logins (username / password):")
        for username, role, is_admin in DEMO_USERS:
            label = "staff, admin panel" if is_admin else role
            self.stdout.write(f"  {username:<12} {demo_password(username):<22} {label}")
        if imported:
            self.stdout.write("Imported: " + ", ".join(imported))
        else:
            self.stdout.write("Seeds already imported; nothing new.")

    def make_users(self) -> dict:
        User = get_user_model()
        users = {}
        for username, role, is_admin in DEMO_USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, email=f"{username}@example.com")
                user.is_staff = user.is_superuser = is_admin
                user.set_password(demo_password(username))
                user.save()
                if role:
                    user.groups.add(Group.objects.get(name=role))
            users[username] = user
        return users

    def import_seeds(self, editor) -> list[str]:
        imported = []
        for path in sorted((settings.BASE_DIR / "seeds").glob("*.txt")):
            if Article.objects.filter(source_name=path.name).exists():
                continue
            title = path.stem.replace("-", " ").replace("_", " ").title()
            article = article_import(
                text=path.read_text(encoding="utf-8").removeprefix("\ufeff"),
                title=title,
                slug=unique_slug_for(title),
                actor=editor,
                source_name=path.name,
            )
            imported.append(article.slug)
        return imported
