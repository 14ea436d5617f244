"""The five fixed flag kinds and the four roles. Both are rows the desk chief may tune."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

KINDS = [
    # slug, name, colour, default severity, description
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


def add_kinds_and_roles(apps, schema_editor):
    from review.permissions import ROLE_PERMISSIONS

    FlagKind = apps.get_model("review", "FlagKind")
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
    app_config = apps.get_app_config("review")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="review", codename__in=codenames)
        )


def remove_roles(apps, schema_editor):
    from review.permissions import ROLES

    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_kinds_and_roles, remove_roles)]
