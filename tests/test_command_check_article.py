"""manage.py check_article SLUG: idempotent re-run with counts."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from review.models import Flag


@pytest.fixture
def chief(db):
    return User.objects.create_superuser("chief", "chief@example.com", "pw")


def run(*args) -> str:
    out = StringIO()
    call_command("check_article", *args, stdout=out)
    return out.getvalue()


def test_it_creates_then_keeps_the_flags(seed_article, chief):
    first = run("peterson")
    count = Flag.objects.filter(article=seed_article).count()
    assert first.startswith(f"peterson: {count} created, 0 kept, 0 closed.")
    assert run("peterson").startswith(f"peterson: 0 created, {count} kept, 0 closed.")
    assert Flag.objects.filter(article=seed_article).count() == count
    flag = Flag.objects.filter(article=seed_article).first()
    # The desk's checker wrote it; who ran the command is in the history.
    assert flag.created_by is None and flag.history.get().history_user == chief


def test_it_runs_as_the_given_user(seed_article, editor):
    run("peterson", "--user", "editor")
    users = Flag.history.filter(history_type="+").values_list("history_user", flat=True)
    assert set(users) == {editor.pk}
    assert set(Flag.objects.values_list("created_by", flat=True)) == {None}


def test_an_unknown_slug_is_a_command_error(chief):
    with pytest.raises(CommandError, match="no article “nope”"):
        run("nope")


def test_a_viewer_cannot_run_it(seed_article, viewer):
    with pytest.raises(CommandError, match="Only Editors"):
        run("peterson", "--user", "viewer")
    assert not Flag.objects.exists()
