"""manage.py names add / list."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from review.models import Name


@pytest.fixture
def chief(db):
    return User.objects.create_superuser("chief", "chief@example.com", "pw")


def run(*args) -> str:
    out = StringIO()
    call_command("names", *args, stdout=out)
    return out.getvalue()


def test_add_registers_the_name_under_the_first_superuser(chief):
    assert "Registered “Scot Peterson”" in run("add", "Scot Peterson", "--note", "HR records")
    name = Name.objects.get()
    assert (name.full_name, name.note, name.verified_by) == ("Scot Peterson", "HR records", chief)
    assert name.history.get().history_user == chief


def test_add_as_a_named_user(editor, chief):
    run("add", "Ana Ortiz", "--user", "editor")
    assert Name.objects.get().verified_by == editor


def test_list_prints_one_name_a_line(chief):
    run("add", "Scot Peterson")
    run("add", "Ana Ortiz", "--note", "press office")
    lines = run("list").splitlines()
    assert [line.split("\t")[0] for line in lines] == ["Ana Ortiz", "Scot Peterson"]
    assert lines[0].endswith("press office")


def test_list_of_an_empty_registry_says_how_to_add(db):
    assert "names add" in run("list")


def test_a_duplicate_is_a_command_error(chief):
    run("add", "Ana Ortiz")
    with pytest.raises(CommandError, match="already in the names registry"):
        run("add", "Ana Ortiz")


def test_an_empty_name_is_a_command_error(chief):
    with pytest.raises(CommandError, match="Give the name"):
        run("add", "  ")


def test_without_any_superuser_it_asks_for_one(db):
    with pytest.raises(CommandError, match="superuser"):
        run("add", "Ana Ortiz")
    assert not Name.objects.exists()


def test_an_unknown_user_is_a_command_error(chief):
    with pytest.raises(CommandError, match="no user"):
        run("add", "Ana Ortiz", "--user", "nobody")


def test_a_user_without_the_permission_is_refused(viewer, chief):
    with pytest.raises(CommandError, match="Only Editors"):
        run("add", "Ana Ortiz", "--user", "viewer")


def test_a_subcommand_is_required(db):
    with pytest.raises(CommandError):
        run()
