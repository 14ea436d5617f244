"""While the desk answers 503 (or cannot be reached), the review page polls less and less
often, and back at the normal pace once an answer gets through."""

from __future__ import annotations

import time

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_polling_backs_off_on_503_and_recovers(page, live_server, login, editor, make_article):
    article = make_article("The council met. It said nothing.", slug="council")
    login(page, editor)
    polls: list[tuple[float, int]] = []
    outage = {"on": True}

    def answer(route):
        status = 503 if outage["on"] else None
        polls.append((time.monotonic(), status or 200))
        if status:
            route.fulfill(status=503, headers={"Retry-After": "15"}, body="unavailable")
        else:
            route.continue_()

    page.route("**/changes/**", answer)
    page.goto(live_server.url + article.get_absolute_url())
    page.wait_for_timeout(5800)  # the first poll (5 s) meets the outage
    assert len(polls) == 1
    assert page.evaluate("document.documentElement.classList.contains('poll-failing')")
    page.wait_for_timeout(3500)  # the 10 s poll would be due by now without the back-off...
    assert len(polls) == 1
    page.wait_for_timeout(6000)  # ...and after about 10 s more it tries again
    assert len(polls) == 2
    outage["on"] = False
    page.wait_for_timeout(21000)  # the next try (about 20 s later) gets through
    assert polls[-1][1] == 200
    assert not page.evaluate("document.documentElement.classList.contains('poll-failing')")
    count = len(polls)
    page.wait_for_timeout(5500)  # and the normal 5 s pace is back
    assert len(polls) == count + 1
