"""The facts worksheet's services: sync with the text, verify, mark wrong (a flag), reset."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from review.models import Flag, StoryFact
from review.services.checks import checks_run
from review.services.editing import sentence_edit
from review.services.facts import fact_mark_wrong, fact_reset, fact_verify, facts_sync

pytestmark = pytest.mark.django_db

STORY = (
    "The council said 17 people were hurt on Friday.\n\n"
    "The mayor, Ana Ruiz, 52, said the repairs would cost $3bn over five years.\n\n"
    "Nobody else was hurt."
)


def _fact(article, words: str) -> StoryFact:
    return StoryFact.objects.get(article=article, quote=words)


def test_the_seed_gets_its_figures_on_the_worksheet(seed_article, editor):
    checks_run(article=seed_article, actor=editor)
    facts = list(StoryFact.objects.filter(article=seed_article))
    for f in facts:
        print(f.number, f.kind, repr(f.quote), f.label)
    assert "17 people" in {f.quote for f in facts}
