"""Automatic flags are the desk's checker's, not a person's: "Automatic check" on the page
and in the history, "Review desk (automatic check)" in Word, a Software creator in the
annotation JSON; the person who started the run stays in the history."""

from __future__ import annotations

import importlib
import io
import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from docx import Document

from review.constants import DESK_CHECKER
from review.models import Flag
from review.selectors.exports import export_file
from review.services.checks import checks_run

migration = importlib.import_module("review.migrations.0008_desk_identity")

TEXT = "Officials reportedly said the bridge will close. The end."


@pytest.fixture
def auto_flag(make_article, copy_editor):
    article = make_article(TEXT, slug="bridge")
    checks_run(article=article, actor=copy_editor)
    return Flag.objects.get(article=article, origin="check:claims.hedge")


def test_an_automatic_flag_has_no_person_as_author_and_the_run_keeps_who_started_it(
    auto_flag, copy_editor
):
    assert auto_flag.created_by is None
    assert auto_flag.history.earliest().history_user == copy_editor


def test_the_page_and_the_history_name_the_automatic_check(client, editor, copy_editor, auto_flag):
    client.force_login(editor)
    page = client.get(auto_flag.article.get_absolute_url()).content.decode()
    assert '<span class="fmeta">Automatic check' in page
    url = reverse("review:article_history", args=[auto_flag.article.slug])
    history = client.get(url).content.decode()
    assert "<strong>Automatic check</strong>" in history
    assert f"started by {copy_editor.get_username()}" in history
    assert f"<strong>{copy_editor.get_username()}</strong>" not in history


def test_word_credits_the_review_desk_with_its_initials(auto_flag):
    data = export_file(auto_flag.article, "docx", base_url="http://desk.test").data
    (comment,) = Document(io.BytesIO(data)).comments
    assert (comment.author, comment.initials) == (DESK_CHECKER, "RD")
    assert DESK_CHECKER == "Review desk (automatic check)"


def test_the_annotation_creator_is_software(auto_flag):
    data = json.loads(export_file(auto_flag.article, "json", base_url="http://desk.test").data)
    items = data.get("items") or data["first"]["items"]
    assert items[0]["creator"] == {"type": "Software", "name": DESK_CHECKER}


def test_the_migration_moves_the_person_from_the_flag_to_the_history(auto_flag, copy_editor):
    # As the old code stored it: the person as the author, the run's history row without one.
    auto_flag.created_by = copy_editor
    auto_flag.save()
    Flag.history.filter(id=auto_flag.pk, history_type="+").update(history_user=None)
    state = MigrationExecutor(connection).loader.project_state(("review", "0007_word_round_trip"))
    migration.credit_the_desk(state.apps, None)  # the models as the migration sees them
    auto_flag.refresh_from_db()
    assert auto_flag.created_by is None
    assert Flag.history.get(id=auto_flag.pk, history_type="+").history_user == copy_editor
    assert not Flag.history.filter(id=auto_flag.pk, created_by__isnull=False).exists()
