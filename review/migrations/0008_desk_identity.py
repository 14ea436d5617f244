"""Automatic flags are the desk's own findings: no person is their author.

Flags raised by a checks run recorded whoever started the run as `created_by`. That person
moves to the history only: a creation row without a history user takes them (so "who
started the run" is never lost), then the flag and its history rows forget the author.
"""

from django.db import migrations

CHECK_PREFIX = "check:"  # review.constants.ORIGIN_CHECK_PREFIX, frozen as of this migration


def credit_the_desk(apps, schema_editor):
    Flag = apps.get_model("review", "Flag")
    HistoricalFlag = apps.get_model("review", "HistoricalFlag")
    auto = Flag.objects.filter(origin__startswith=CHECK_PREFIX, created_by__isnull=False)
    for pk, person in auto.values_list("pk", "created_by_id").iterator():
        HistoricalFlag.objects.filter(id=pk, history_type="+", history_user__isnull=True).update(
            history_user_id=person
        )
    auto.update(created_by=None)
    HistoricalFlag.objects.filter(origin__startswith=CHECK_PREFIX, created_by__isnull=False).update(
        created_by=None
    )


class Migration(migrations.Migration):
    dependencies = [("review", "0007_word_round_trip")]

    operations = [migrations.RunPython(credit_the_desk, migrations.RunPython.noop)]
