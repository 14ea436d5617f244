"""`manage.py names add "Full Name" [--note TEXT]` and `manage.py names list`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from review.management.commands._actor import resolve_actor
from review.models import Name
from review.services.names import name_add


class Command(BaseCommand):
    help = "The names registry: verified spellings the checks trust in every article."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{add,list}")
        add = sub.add_parser("add", help="Register a verified spelling.")
        add.add_argument("full_name", help='The name as it should be spelled, e.g. "Ana Ortiz".')
        add.add_argument("--note", default="", help="Where the spelling was verified.")
        add.add_argument("--user", help="Who verifies it (defaults to the first superuser).")
        sub.add_parser("list", help="Print the registry, one name a line.")

    def handle(self, *args, **options):
        if options["action"] == "list":
            return self.list()
        actor = resolve_actor(options.get("user"))
        try:
            name = name_add(full_name=options["full_name"], actor=actor, note=options["note"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        except PermissionDenied as exc:
            raise CommandError(f"{actor}: {exc}") from None
        self.stdout.write(f"Registered “{name.full_name}”.")

    def list(self) -> None:
        names = Name.objects.select_related("verified_by").order_by("full_name")
        if not names:
            self.stdout.write('The names registry is empty; add one with: names add "Full Name"')
            return
        for name in names:
            who = name.verified_by.get_username() if name.verified_by else "-"
            line = f"{name.full_name}\t{who}\t{name.verified_at:%Y-%m-%d}"
            self.stdout.write(f"{line}\t{name.note}" if name.note else line)
