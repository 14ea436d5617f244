"""The five fixed flag kinds and the four roles. Both are rows the desk chief may tune."""

from django.db import migrations


def add_kinds_and_roles(apps, schema_editor):
    from review.reference_data import ensure_reference_data

    ensure_reference_data(apps)


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
