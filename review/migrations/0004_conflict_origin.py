"""Edit conflicts get their own origin ("conflict") instead of being told apart by their note.

Existing conflict records are found by the change reason `sentence_edit` wrote on their first
history row ("edit conflict: unsaved text kept"), never by their note, which people may have
typed or edited. The flag and every history row of it take the new origin: the record was a
conflict from the start, so its history says so too.
"""

from django.db import migrations, models

RECORD_REASON = "edit conflict: unsaved text kept"


def _set_origin(apps, *, old: str, new: str, ids) -> None:
    Flag = apps.get_model("review", "Flag")
    HistoricalFlag = apps.get_model("review", "HistoricalFlag")
    flags = list(Flag.objects.filter(pk__in=ids, origin=old).only("pk", "origin"))
    for flag in flags:
        flag.origin = new
    Flag.objects.bulk_update(flags, ["origin"], batch_size=500)
    rows = list(
        HistoricalFlag.objects.filter(id__in=[f.pk for f in flags]).only("history_id", "origin")
    )
    for row in rows:
        row.origin = new
    HistoricalFlag.objects.bulk_update(rows, ["origin"], batch_size=500)


def mark_conflict_records(apps, schema_editor):
    HistoricalFlag = apps.get_model("review", "HistoricalFlag")
    ids = set(
        HistoricalFlag.objects.filter(
            history_type="+", history_change_reason=RECORD_REASON
        ).values_list("id", flat=True)
    )
    _set_origin(apps, old="editor", new="conflict", ids=ids)


def unmark_conflict_records(apps, schema_editor):
    Flag = apps.get_model("review", "Flag")
    ids = set(Flag.objects.filter(origin="conflict").values_list("pk", flat=True))
    _set_origin(apps, old="conflict", new="editor", ids=ids)


ORIGIN_HELP = "'editor', 'conflict' (the unsaved text of an edit conflict) or 'check:<rule-id>'."


class Migration(migrations.Migration):
    dependencies = [("review", "0003_flag_number")]

    operations = [
        migrations.AlterField(
            model_name="flag",
            name="origin",
            field=models.CharField(default="editor", help_text=ORIGIN_HELP, max_length=100),
        ),
        migrations.AlterField(
            model_name="historicalflag",
            name="origin",
            field=models.CharField(default="editor", help_text=ORIGIN_HELP, max_length=100),
        ),
        migrations.RunPython(mark_conflict_records, unmark_conflict_records, elidable=False),
    ]
