"""Migrations 0005 and 0016 switch off the demoted rules where nobody chose their setting."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from review.models import CheckRule
from review.services.checks import checkrule_sync
from review.services.common import save_tracked

MIGRATIONS = [
    importlib.import_module(f"review.migrations.{name}")
    for name in ("0005_checkrule_levels", "0016_demote_superlative_and_no_end")
]


def migration_apps():
    """The models as the migration sees them (no history signals, plain managers)."""
    loader = MigrationExecutor(connection).loader
    return loader.project_state(("review", "0002_flag_kinds_and_roles")).apps


@pytest.fixture
def old_switches(db, editor):
    """Switches as a desk had them before the demotion: every rule on."""
    rows = checkrule_sync(actor=editor)
    for row in rows:
        if not row.enabled:
            row.enabled = True
            row.save()  # as the old code stored it, with its "rule registered" history only
    return {row.rule_id: row for row in rows}


@pytest.fixture(params=MIGRATIONS, ids=lambda m: m.__name__.rsplit(".", 1)[-1][:4])
def migration(request):
    return request.param


def test_untouched_switches_of_demoted_rules_are_turned_off_with_history(old_switches, migration):
    migration.demote(migration_apps(), None)
    for rule_id in migration.DEMOTED:
        row = CheckRule.objects.get(rule_id=rule_id)
        assert row.enabled is False
        assert row.history.first().history_change_reason == migration.REASON
    assert CheckRule.objects.get(rule_id="claims.hedge").enabled is True


def test_a_switch_someone_chose_is_kept(old_switches, editor, migration):
    chosen = migration.DEMOTED[0]
    row = old_switches[chosen]
    row.enabled = True
    save_tracked(row, actor=editor, reason="rule switched on")
    migration.demote(migration_apps(), None)
    assert CheckRule.objects.get(rule_id=chosen).enabled is True
    # the other demoted rule, untouched, is off
    assert CheckRule.objects.get(rule_id=migration.DEMOTED[1]).enabled is False


def test_the_code_agrees_with_the_demotions():
    from review.checks import RULES_BY_ID

    for migration in MIGRATIONS:
        assert not any(RULES_BY_ID[r].default_enabled for r in migration.DEMOTED)


def test_undo_switches_back_only_what_it_switched(old_switches, migration):
    migration.demote(migration_apps(), None)
    migration.undo(migration_apps(), None)
    assert all(CheckRule.objects.get(rule_id=r).enabled for r in migration.DEMOTED)
