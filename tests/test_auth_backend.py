"""The desk's model backend: Django's permissions, read in one query (review.auth_backend),
and services that check a foreign key only when they hold a bare id (services.common)."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from review.auth_backend import DeskModelBackend
from tests.conftest import make_user


def _fresh(user):
    return User.objects.get(pk=user.pk)  # no permission cache on it


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["Editor", "Copy editor", "Fact-checker", "Viewer", None])
def test_the_same_permissions_as_djangos_backend_in_one_query(role):
    user = make_user(f"u-{role}", role)
    user.user_permissions.add(Permission.objects.get(codename="add_name"))
    expected = ModelBackend().get_all_permissions(_fresh(user))
    fresh = _fresh(user)
    with CaptureQueriesContext(connection) as queries:
        got = DeskModelBackend().get_all_permissions(fresh)
        DeskModelBackend().get_all_permissions(fresh)  # cached on the user for the request
    assert got == expected and "review.add_name" in got
    assert len(queries) == 1


@pytest.mark.django_db
def test_superusers_have_every_permission_and_inactive_users_none():
    boss = User.objects.create_superuser("boss", password="x-long-pass-2026")
    assert DeskModelBackend().get_all_permissions(_fresh(boss)) == set(
        ModelBackend().get_all_permissions(_fresh(boss))
    )
    assert len(DeskModelBackend().get_all_permissions(_fresh(boss))) == Permission.objects.count()
    gone = make_user("gone", "Editor", is_active=False)
    assert DeskModelBackend().get_all_permissions(_fresh(gone)) == set()


@pytest.mark.django_db
def test_a_role_changed_in_the_admin_counts_on_the_next_request():
    user = make_user("moving", "Viewer")
    assert not _fresh(user).has_perm("review.change_sentence")
    user.groups.set([Group.objects.get(name="Copy editor")])
    assert _fresh(user).has_perm("review.change_sentence")


@pytest.mark.django_db
def test_a_foreign_key_given_as_a_bare_id_is_still_checked(make_article, editor):
    from review.models import Comment
    from review.services.common import save_tracked
    from review.services.flags import flag_create

    sentence = make_article("One sentence here.").sentences.get()
    flag = flag_create(sentence=sentence, kind="style", actor=editor, note="n")
    comment = Comment(flag_id=flag.pk + 1000, author=editor, body="to nowhere")
    with pytest.raises(ValidationError) as caught:
        save_tracked(comment, actor=editor)
    assert "flag" in caught.value.message_dict
