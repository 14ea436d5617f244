from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import override_settings

from review.models import Article


@override_settings(DEBUG=False)
def test_demo_refuses_unless_debug(db):
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("demo", stdout=StringIO())
    assert not User.objects.exists()


@override_settings(DEBUG=True)
def test_demo_creates_one_user_per_role_and_imports_the_seeds_once(db):
    out = StringIO()
    call_command("demo", stdout=out)
    assert "editor-desk-2026" in out.getvalue()
    roles = {u.username: [g.name for g in u.groups.all()] for u in User.objects.all()}
    assert roles["editor"] == ["Editor"]
    assert roles["copyeditor"] == ["Copy editor"]
    assert roles["factchecker"] == ["Fact-checker"]
    assert roles["viewer"] == ["Viewer"]
    assert User.objects.get(username="admin").is_superuser
    assert Article.objects.count() == 1
    article = Article.objects.get()
    assert article.sentences.count() == 22
    assert article.flags.exists()  # the automatic checks ran on import

    call_command("demo", stdout=(again := StringIO()))
    assert "nothing new" in again.getvalue()
    assert Article.objects.count() == 1
    assert User.objects.count() == 5
    assert User.objects.get(username="editor").check_password("editor-desk-2026")
