"""Each story numbers its flags #1, #2… in the order raised, whoever raises them."""

from __future__ import annotations

from review.models import Flag
from review.services.checks import checks_run
from review.services.flags import flag_create, flag_dismiss

TEXT = "Officials said the bridge will close. The mayor, Ana Ruiz, agreed. Sources said more."


def test_flags_are_numbered_in_the_order_raised_per_story(make_article, editor):
    first = make_article(TEXT, slug="first")
    second = make_article(TEXT, slug="second")
    a, b = (s for s in first.sentences.order_by("position")[:2])
    one = flag_create(sentence=a, kind="style", actor=editor)
    two = flag_create(sentence=b, kind="other", actor=editor)
    other = flag_create(sentence=second.sentences.first(), kind="style", actor=editor)
    assert (one.number, two.number, other.number) == (1, 2, 1)
    assert one.label == "#1"


def test_automatic_flags_continue_the_numbering_and_numbers_are_never_reused(make_article, editor):
    article = make_article(TEXT)
    mine = flag_create(sentence=article.sentences.first(), kind="other", actor=editor)
    flag_dismiss(flag=mine, actor=editor, reason="not needed")
    result = checks_run(article=article, actor=editor)
    assert result.created > 0
    numbers = list(
        Flag.objects.filter(article=article).order_by("number").values_list("number", flat=True)
    )
    assert numbers == list(range(1, len(numbers) + 1))
    later = flag_create(sentence=article.sentences.last(), kind="other", actor=editor)
    assert later.number == len(numbers) + 1
    assert later.history.first().number == later.number
