from __future__ import annotations

import pytest

from tests.export_factories import seed_flags


@pytest.fixture
def seeded(seed_article, editor, copy_editor, fact_checker):
    """The seed story with five flags (two overlapping, one suggestion, two closed) and replies.

    Uses the real automatic checks as well when that service exists.
    """
    try:
        from review.services.checks import checks_run
    except ImportError:
        checks_run = None
    if checks_run is not None:
        checks_run(article=seed_article, actor=editor)
    flags = seed_flags(
        seed_article, editor=editor, copy_editor=copy_editor, fact_checker=fact_checker
    )
    seed_article.test_flags = flags
    return seed_article
