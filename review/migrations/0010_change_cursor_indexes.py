"""Indexes for the review page's change cursor (review/selectors/changes.py): a story's
history rows past an id, and younger than a moment, found without reading all of them.

Plain SQL (the same on SQLite and PostgreSQL) because the historical models are made by
django-simple-history, whose model state has no place for extra indexes; the state is left
as it is, so makemigrations sees no change.
"""

from django.db import migrations

INDEXES = [
    ("review_hflag_article_hid", "review_historicalflag", "article_id, history_id"),
    ("review_hflag_article_hdate", "review_historicalflag", "article_id, history_date"),
    ("review_hsent_article_hid", "review_historicalsentence", "article_id, history_id"),
    ("review_hsent_article_hdate", "review_historicalsentence", "article_id, history_date"),
]


class Migration(migrations.Migration):
    dependencies = [("review", "0009_notification_conflict")]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, table, columns in INDEXES
    ]
