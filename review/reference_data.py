"""The rows the desk cannot work without: the five fixed flag kinds and the four roles.

A data migration creates them; tests that flush the database (live-server browser tests,
concurrency tests) call `ensure_reference_data()` to put them back. Idempotent.
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

from review.permissions import ROLE_PERMISSIONS

# slug, name, colour, default severity, description
KINDS = [
    (
        "name-spelling",
        "Name spelling",
        "#f4a3a3",
        "major",
        "A name spelled two ways, unlike the registry, in lower case, or first-name only.",
    ),
    (
        "unverified-claim",
        "Unverified claim",
        "#ffd27f",
        "major",
        "A claim that needs a named source or a check: vague attribution, hedges, figures.",
    ),
    (
        "dangling-text",
        "Dangling text",
        "#c5b3f0",
        "major",
        "An incomplete sentence, a stray fragment, leftover boilerplate or promo text.",
    ),
    (
        "style",
        "Style",
        "#9fd3f5",
        "minor",
        "House style (AP): numerals, abbreviations, punctuation.",
    ),
    ("other", "Other", "#c8e6a0", "minor", "Anything else an editor wants to raise."),
]


def ensure_reference_data(apps=global_apps) -> None:
    """Create whatever of the kinds, permissions and roles is missing (`apps`: a migration's
    historical registry, or the live one)."""
    FlagKind = apps.get_model("review", "FlagKind")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    complete = (
        FlagKind.objects.filter(slug__in=[k[0] for k in KINDS]).count() == len(KINDS)
        and Group.objects.filter(name__in=ROLE_PERMISSIONS).count() == len(ROLE_PERMISSIONS)
        and Permission.objects.filter(content_type__app_label="review").exists()
    )
    if complete:
        return
    for order, (slug, name, colour, severity, description) in enumerate(KINDS):
        FlagKind.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "colour": colour,
                "default_severity": severity,
                "description": description,
                "order": order * 10,
            },
        )
    # Permissions are normally created after all migrations; roles need them now.
    for app_config in apps.get_app_configs():
        needs_flag = getattr(app_config, "models_module", None) is None
        if needs_flag:
            app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        if needs_flag:
            app_config.models_module = None
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="review", codename__in=codenames)
        )
