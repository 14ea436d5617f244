"""Two fact-checkers at once, and a checks run beside them: nothing lost, one flag."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from review.models import Flag, StoryFact
from review.services.checks import checks_run
from review.services.facts import fact_mark_wrong, fact_verify
from tests.test_concurrency import run_together

pytestmark = [
    pytest.mark.concurrency,
    pytest.mark.django_db(transaction=True),
]

STORY = "The council said 17 people were hurt on Friday.\n\nThe repairs will cost $3bn."


def test_two_checkers_marking_one_fact_wrong_raise_one_flag(make_article, editor, fact_checker):
    article = make_article(STORY, slug="race")
    checks_run(article=article, actor=editor)
    loaded = StoryFact.objects.get(article=article, quote="$3bn")  # both pages show it

    results = run_together(
        [
            lambda: fact_mark_wrong(fact=loaded, note="It is $2bn.", actor=fact_checker),
            lambda: fact_mark_wrong(fact=loaded, note="It is $4bn.", actor=editor),
        ]
    )
    won = [r for r in results if isinstance(r, StoryFact)]
    lost = [r for r in results if isinstance(r, ValidationError)]
    assert len(won) == 1 and len(lost) == 1, results
    assert "already marked wrong" in lost[0].messages[0]
    assert Flag.objects.filter(article=article, facts__isnull=False).count() == 1
    assert Flag.objects.filter(article=article, origin="editor").count() == 1


def test_a_checks_run_beside_a_verify_keeps_the_verify(make_article, editor, fact_checker):
    article = make_article(STORY, slug="beside")
    checks_run(article=article, actor=editor)
    fact = StoryFact.objects.get(article=article, quote="17 people")
    results = run_together(
        [
            lambda: fact_verify(fact=fact, source="Police", actor=fact_checker),
            lambda: checks_run(article=article, actor=editor),
        ]
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    fact.refresh_from_db()
    assert (fact.status, fact.source) == ("verified", "Police")
