"""A flag's list row is drawn once per worker for the values it prints (review.views.flag_rows):
the kept row must be exactly what the template draws from the flag itself, and anything the
row prints must change the row."""

from __future__ import annotations

import pytest
from django.template.loader import get_template
from django.urls import reverse

from review.selectors.review import ReviewFilters, flags_for_page
from review.services.comments import comment_add
from review.services.flags import flag_create, flag_resolve
from review.views import flag_rows
from review.views.review_page import decorate_rows

TEXT = "Alpha beta gamma. Delta epsilon zeta.\n\nEta theta iota."


@pytest.fixture
def article(make_article):
    return make_article(TEXT, slug="rows")


@pytest.fixture
def flag(article, editor):
    sentence = article.sentences.order_by("position").first()
    return flag_create(
        sentence=sentence, kind="style", actor=editor, note="Hyphen?", start=0, end=5
    )


def rows(article, *, current=None, filters=None):
    flags = list(flags_for_page(article))
    decorate_rows(flags, article, filters or ReviewFilters(), current)
    return {f.pk: f.row_html for f in flags}


class Printed:
    """The row's values, and for any other name the flag itself: a template that printed
    something of the flag's beyond RowValues would draw it here and not in the kept row."""

    def __init__(self, values, flag):
        self.__dict__.update(values._asdict())
        self._flag = flag

    def __getattr__(self, name):
        return getattr(self._flag, name)


def test_the_kept_row_is_what_the_template_draws_from_the_flag(article, flag, editor, monkeypatch):
    comment_add(flag=flag, actor=editor, body="One reply")
    (row,) = rows(article).values()
    seen = []
    monkeypatch.setattr(flag_rows, "draw", lambda values: seen.append(values) or "")
    rows(article)
    (values,) = seen
    # Every name the row's template reads is a field of RowValues.
    template = get_template(flag_rows.TEMPLATE)
    assert template.render({"flag": Printed(values, flag)}) == row
    assert f'id="fl-{flag.pk}"' in row
    assert "Style" in row and "1 reply" in row and editor.username in row


def test_a_row_is_drawn_once_for_the_same_values(article, flag):
    flag_rows.draw.cache_clear()
    first = rows(article)
    before = flag_rows.draw.cache_info()
    again = rows(article)
    after = flag_rows.draw.cache_info()
    assert again == first
    assert (after.hits - before.hits, after.misses - before.misses) == (1, 0)


@pytest.mark.parametrize(
    "change, printed",
    [
        ("reply", "1 reply"),
        ("resolve", "Resolved"),
        ("current", 'aria-current="true"'),
        ("filter", "status=open"),
    ],
)
def test_what_changes_what_a_row_prints_draws_it_anew(article, flag, editor, change, printed):
    before = rows(article)[flag.pk]
    assert printed not in before
    current, filters = None, None
    if change == "reply":
        comment_add(flag=flag, actor=editor, body="A reply")
    elif change == "resolve":
        flag_resolve(flag=flag, actor=editor, note="Fixed")
    elif change == "current":
        current = flag.pk
    else:
        filters = ReviewFilters(status="open")
    after = rows(article, current=current, filters=filters)[flag.pk]
    assert printed in after
    assert after != before


def test_the_page_prints_the_kept_rows(client, article, flag, editor):
    client.force_login(editor)
    page = client.get(reverse("review:article_detail", args=[article.slug]))
    (row,) = rows(article).values()
    assert row in page.content.decode()
