"""The registry every caller shares, and the renderers' purity."""

from __future__ import annotations

import subprocess
import sys

import pytest

from review.exports import FORMATS, UnknownFormatError, get_format
from tests.export_factories import sample_article
from tests.exports.helpers import ROOT


def test_the_five_formats_of_the_design_are_registered_and_the_facts_worksheet():
    assert list(FORMATS) == ["docx", "html", "md", "json", "txt", "csv"]
    assert {f.extension for f in FORMATS.values()} == {"docx", "html", "md", "json", "txt", "csv"}


def test_each_format_names_its_file_by_date_slug_and_review():
    article = sample_article()
    assert get_format("docx").filename(article) == "2026-11-29-scot-peterson-review.docx"
    assert get_format("md").filename(article) == "2026-11-29-scot-peterson-review.md"


def test_an_unknown_format_is_an_error_that_lists_the_known_ones():
    with pytest.raises(UnknownFormatError, match="choose one of docx, html, md, json, txt, csv"):
        get_format("pdf")


def test_the_renderers_import_nothing_from_django():
    code = (
        "import sys; import review.exports, review.exports.docx; "
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
