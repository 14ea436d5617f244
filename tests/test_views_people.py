"""The @mention completion: a few of the desk's readers matching what is being typed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import make_user

URL = reverse("review:mention_people")


@pytest.fixture
def desk(editor, copy_editor, fact_checker, viewer, outsider):
    make_user("cora", "Viewer", first_name="Ana", last_name="Cole")
    make_user("gone", "Editor", first_name="Carl", is_active=False)
    make_user("chief", None, is_superuser=True)


def usernames(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    return [person["username"] for person in response.json()["people"]]


def test_it_needs_a_login_and_a_role(client, desk, outsider):
    assert client.get(URL, {"q": "c"}).status_code == 302
    client.force_login(outsider)
    assert client.get(URL, {"q": "c"}).status_code == 403


def test_it_matches_usernames_and_names_by_prefix_usernames_first(client, desk, viewer):
    client.force_login(viewer)
    # Usernames starting with "c" first, then "cora" is there by username too; "Ana Cole"
    # matches by last name; the inactive "gone" (Carl) and the role-less outsider do not.
    assert usernames(client, "c") == ["checker", "chief", "copyed", "cora"]
    assert usernames(client, "ANA") == ["cora"]
    assert usernames(client, "@co") == ["copyed", "cora"]  # the @ as typed
    assert usernames(client, "carl") == []
    assert usernames(client, "out") == []


def test_it_says_names_as_well_as_usernames(client, desk, viewer):
    client.force_login(viewer)
    (person,) = client.get(URL, {"q": "cora"}).json()["people"]
    assert person == {"username": "cora", "name": "Ana Cole"}


def test_it_offers_a_few_at_most(client, viewer):
    for n in range(12):
        make_user(f"reporter{n:02}", "Viewer")
    client.force_login(viewer)
    assert usernames(client, "rep") == [f"reporter{n:02}" for n in range(8)]


def test_a_long_query_matches_nobody_and_is_no_error(client, viewer):
    client.force_login(viewer)
    assert usernames(client, "x" * 5000) == []


def test_it_leaves_out_the_one_asking(client, desk, copy_editor):
    client.force_login(copy_editor)
    assert usernames(client, "co") == ["cora"]
