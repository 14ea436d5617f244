"""A story's imported text is no longer copied into every history row of the story: it never
changes, and each edit of a long story wrote it again (megabytes a time). Past rows read it
from the story itself (simple-history's excluded fields). Related lookups (`flag.article`)
leave it unread, as `Article.objects` does (models.ArticleManager)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0014_history_previous_indexes"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="article",
            options={
                "base_manager_name": "objects",
                "ordering": ["-created_at", "-pk"],
                "permissions": [
                    ("approve_article", "Can approve and publish articles"),
                    ("override_blockers", "Can approve or publish despite open blocker flags"),
                    ("import_article", "Can import and re-import articles"),
                ],
            },
        ),
        migrations.RemoveField(
            model_name="historicalarticle",
            name="original_text",
        ),
    ]
