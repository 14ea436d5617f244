"""Every flag gets a number in its story (#1, #2… in the order raised, never reused).

Existing flags are numbered per story in the order they were raised (their primary keys);
their history rows take the number of the flag they record.
"""

from django.db import migrations, models


def number_existing_flags(apps, schema_editor):
    Flag = apps.get_model("review", "Flag")
    HistoricalFlag = apps.get_model("review", "HistoricalFlag")
    numbers: dict[int, int] = {}
    counters: dict[int, int] = {}
    flags = list(Flag.objects.order_by("article_id", "pk").only("pk", "article_id"))
    for flag in flags:
        counters[flag.article_id] = counters.get(flag.article_id, 0) + 1
        flag.number = numbers[flag.pk] = counters[flag.article_id]
    Flag.objects.bulk_update(flags, ["number"], batch_size=500)
    rows = list(HistoricalFlag.objects.only("history_id", "id"))
    for row in rows:
        # A history row of a flag that no longer exists keeps 0: there is no number to give.
        row.number = numbers.get(row.id, 0)
    HistoricalFlag.objects.bulk_update(rows, ["number"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("review", "0002_flag_kinds_and_roles")]

    operations = [
        migrations.AddField(
            model_name="flag",
            name="number",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalflag",
            name="number",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.RunPython(number_existing_flags, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="flag",
            name="number",
            field=models.PositiveIntegerField(
                editable=False,
                help_text="The flag's number in its story (#1, #2… in the order raised, never "
                "reused); the page, the history, workflow messages and every export cite it.",
            ),
        ),
        migrations.AlterField(
            model_name="historicalflag",
            name="number",
            field=models.PositiveIntegerField(
                editable=False,
                help_text="The flag's number in its story (#1, #2… in the order raised, never "
                "reused); the page, the history, workflow messages and every export cite it.",
            ),
        ),
        migrations.AddConstraint(
            model_name="flag",
            constraint=models.UniqueConstraint(
                fields=("article", "number"), name="flag_unique_number"
            ),
        ),
    ]
