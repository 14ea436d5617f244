"""The Word round trip: replies by people with no desk account (a reporter answering in
Word) keep the author's name; a ledger of the answers applied from returned files."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0006_infra"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="author_name",
            field=models.CharField(
                blank=True,
                help_text="Who wrote it when they are not a desk user: a reporter answering in Word (empty for the desk's own comments, whose author is the user).",
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="historicalcomment",
            name="author_name",
            field=models.CharField(
                blank=True,
                help_text="Who wrote it when they are not a desk user: a reporter answering in Word (empty for the desk's own comments, whose author is the user).",
                max_length=200,
            ),
        ),
        migrations.AlterField(
            model_name="comment",
            name="author",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="comments",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.CreateModel(
            name="HistoricalReporterAnswer",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(help_text="sha256 of what the answer is.", max_length=64)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("reply", "Reply"),
                            ("done", "Marked done"),
                            ("accepted", "Tracked change accepted"),
                            ("rejected", "Tracked change rejected"),
                            ("comment", "New comment"),
                            ("edit", "Text edit"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "author_name",
                    models.CharField(blank=True, help_text="The Word author.", max_length=200),
                ),
                (
                    "summary",
                    models.CharField(blank=True, help_text="What was applied.", max_length=300),
                ),
                ("file_name", models.CharField(blank=True, max_length=300)),
                ("file_sha256", models.CharField(blank=True, max_length=64)),
                ("applied_at", models.DateTimeField()),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "applied_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="review.article",
                    ),
                ),
                (
                    "comment",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="review.comment",
                    ),
                ),
                (
                    "flag",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="review.flag",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical reporter answer",
                "verbose_name_plural": "historical reporter answers",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="ReporterAnswer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(help_text="sha256 of what the answer is.", max_length=64)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("reply", "Reply"),
                            ("done", "Marked done"),
                            ("accepted", "Tracked change accepted"),
                            ("rejected", "Tracked change rejected"),
                            ("comment", "New comment"),
                            ("edit", "Text edit"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "author_name",
                    models.CharField(blank=True, help_text="The Word author.", max_length=200),
                ),
                (
                    "summary",
                    models.CharField(blank=True, help_text="What was applied.", max_length=300),
                ),
                ("file_name", models.CharField(blank=True, max_length=300)),
                ("file_sha256", models.CharField(blank=True, max_length=64)),
                ("applied_at", models.DateTimeField()),
                (
                    "applied_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="answers",
                        to="review.article",
                    ),
                ),
                (
                    "comment",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="answers",
                        to="review.comment",
                    ),
                ),
                (
                    "flag",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="answers",
                        to="review.flag",
                    ),
                ),
            ],
            options={
                "ordering": ["article", "applied_at", "pk"],
                "constraints": [
                    models.UniqueConstraint(fields=("article", "key"), name="answer_unique_key")
                ],
            },
        ),
    ]
