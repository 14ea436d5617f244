"""manage.py export_article SLUG --format F [-o PATH|-] [--open-only]"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _export(*args, stdout=None) -> str:
    out = stdout if stdout is not None else io.StringIO()
    call_command("export_article", *args, stdout=out)
    return out.getvalue()


def _today() -> str:
    return timezone.localdate().isoformat()


def test_it_writes_a_dated_file_in_the_current_folder(seeded, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    message = _export("peterson", "--format", "docx")
    path = tmp_path / f"{_today()}-peterson-review.docx"
    assert path.read_bytes()[:2] == b"PK"
    assert f"Wrote {path}" in message
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.parametrize("fmt", ["docx", "html", "md", "json", "txt"])
def test_it_writes_each_format_to_the_path_given(seeded, tmp_path, fmt):
    path = tmp_path / f"out.{fmt}"
    _export("peterson", "--format", fmt, "-o", str(path))
    assert path.stat().st_size > 0


def test_a_folder_as_output_gets_the_dated_name_inside_it(seeded, tmp_path):
    _export("peterson", "--format", "md", "-o", str(tmp_path))
    assert (tmp_path / f"{_today()}-peterson-review.md").exists()


def test_a_dash_writes_the_bytes_to_standard_output(seeded, seed_text):
    out = io.BytesIO()
    _export("peterson", "--format", "txt", "-o", "-", stdout=out)
    assert out.getvalue() == seed_text.encode("utf-8")
    docx = io.BytesIO()
    _export("peterson", "--format", "docx", "-o", "-", stdout=docx)
    assert docx.getvalue()[:2] == b"PK"


def test_open_only_leaves_closed_flags_out(seeded, tmp_path):
    path = tmp_path / "open.json"
    _export("peterson", "--format", "json", "-o", str(path), "--open-only")
    doc = json.loads(path.read_bytes())
    assert doc["desk:openOnly"] is True
    assert {i["desk:status"] for i in doc["first"]["items"]} == {"open"}
    assert doc["total"] == seeded.flags.filter(status="open").count()


def test_an_unknown_slug_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="no article with the slug “nope”"):
        _export("nope", "--format", "txt", "-o", str(tmp_path / "x.txt"))
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_format_is_refused(seeded):
    with pytest.raises(CommandError, match="invalid choice"):
        _export("peterson", "--format", "pdf")


def test_a_folder_that_does_not_exist_is_a_clear_error(seeded, tmp_path):
    with pytest.raises(CommandError, match="no such folder"):
        _export("peterson", "--format", "txt", "-o", str(tmp_path / "missing" / "x.txt"))


def test_an_unwritable_place_is_a_clear_error(seeded):
    # /proc refuses new files even to root, unlike a chmod-ed folder.
    with pytest.raises(CommandError, match="cannot write"):
        _export("peterson", "--format", "txt", "-o", "/proc/export.txt")


def test_nothing_is_half_written_when_the_write_fails(seeded, tmp_path, monkeypatch):
    target = tmp_path / "story.docx"
    target.write_bytes(b"the previous export")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(CommandError, match="No space left"):
        _export("peterson", "--format", "docx", "-o", str(target))
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["story.docx"]  # the temporary file is gone


def test_an_existing_file_is_replaced_whole(seeded, tmp_path):
    target = Path(tmp_path / "story.txt")
    target.write_text("old " * 10000)
    _export("peterson", "--format", "txt", "-o", str(target))
    assert target.read_text(encoding="utf-8") == seeded.original_text
