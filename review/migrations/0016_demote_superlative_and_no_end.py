"""Two more rules demoted for noise on unseen published copy (issue 9): the superlative rule
(records and rankings stay on the Facts worksheet) and the rule for a sentence with no final
punctuation. As 0005 did, only switches no person ever touched are turned off, with a
history row; reversing it switches back only what it switched."""

from __future__ import annotations

import importlib

from django.db import migrations

# Frozen here on purpose: migrations must not import the rules, which change over time.
DEMOTED = ("claims.superlative", "dangling.no-end")
REASON = "rule demoted for noise on unseen copy: off by default (issue 9)"

_levels = importlib.import_module("review.migrations.0005_checkrule_levels")


def demote(apps, schema_editor):
    _levels.switch(apps, enabled=False, only_untouched=True, rule_ids=DEMOTED, reason=REASON)


def undo(apps, schema_editor):
    _levels.switch(apps, enabled=True, only_untouched=False, rule_ids=DEMOTED, reason=REASON)


class Migration(migrations.Migration):
    dependencies = [("review", "0015_article_history_without_imported_text")]

    operations = [migrations.RunPython(demote, undo)]
