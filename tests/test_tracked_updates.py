"""bulk_update on the desk's tracked models (review.models.TrackedQuerySet): a handful of rows
is written with one plain UPDATE each, more with Django's own bulk_update; either way every
value lands, history rows follow through bulk_update_with_history, and what Django refuses
is still refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from simple_history.utils import bulk_update_with_history

from review.models import FEW_ROWS, Sentence


def _story(make_article, n):
    article = make_article(" ".join(f"Sentence number {i} is here." for i in range(n)))
    return list(article.sentences.order_by("position"))


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, FEW_ROWS, FEW_ROWS + 1])
def test_every_value_lands_and_each_row_gets_its_history(make_article, editor, count):
    rows = _story(make_article, count + 2)[:count]
    for i, row in enumerate(rows):
        row.text = f"Rewritten {i}, with a 'quote' and 100% of it."
        row.version += 1
    before = Sentence.history.count()
    with CaptureQueriesContext(connection) as queries:
        updated = bulk_update_with_history(
            rows, Sentence, ["text", "version"], default_user=editor, default_change_reason="t"
        )
    assert updated == count
    fresh = {s.pk: s for s in Sentence.objects.filter(pk__in=[r.pk for r in rows])}
    assert all(fresh[r.pk].text == r.text and fresh[r.pk].version == r.version for r in rows)
    assert Sentence.history.count() == before + count
    updates = [q for q in queries if q["sql"].startswith("UPDATE")]
    # Row by row up to FEW_ROWS, else Django's single CASE statement.
    assert len(updates) == (count if count <= FEW_ROWS else 1)


@pytest.mark.django_db
def test_the_rows_of_other_stories_are_untouched(make_article, editor):
    mine, other = _story(make_article, 3), _story(make_article, 3)
    mine[0].text = "Only this one changes."
    Sentence.objects.bulk_update([mine[0]], ["text"])
    assert [s.text for s in Sentence.objects.filter(pk__in=[s.pk for s in other])] == [
        s.text for s in other
    ]
    assert Sentence.objects.get(pk=mine[0].pk).text == "Only this one changes."


@pytest.mark.django_db
def test_what_django_refuses_is_still_refused(make_article):
    row = _story(make_article, 1)[0]
    with pytest.raises(ValueError):
        Sentence.objects.bulk_update([row], ["id"])  # the primary key
    with pytest.raises(ValueError):
        Sentence.objects.bulk_update([Sentence(text="never saved")], ["text"])
