"""Indexes for the change cursor's fourth table (review/selectors/changes.py): a story's fact
worksheet rows past a history id, and younger than a moment, so a colleague's open worksheet
follows a verified or wrong fact without reading every fact row of the story.

Plain SQL, as in 0010: django-simple-history's model state has no place for extra indexes.
"""

from django.db import migrations

INDEXES = [
    ("review_hfact_article_hid", "review_historicalstoryfact", "article_id, history_id"),
    ("review_hfact_article_hdate", "review_historicalstoryfact", "article_id, history_date"),
]


class Migration(migrations.Migration):
    dependencies = [("review", "0011_facts")]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, table, columns in INDEXES
    ]
