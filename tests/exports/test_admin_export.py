"""The admin action: a zip of every format for the selected articles."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from tests.exports.helpers import by_number, docx_anchors

pytestmark = pytest.mark.django_db


@pytest.fixture
def chief(client):
    user = User.objects.create_superuser("chief", "chief@example.com", "pw")
    client.force_login(user)
    return user


def test_the_action_is_offered_on_the_article_list(client, chief, seeded):
    body = client.get(reverse("admin:review_article_changelist")).content.decode()
    assert 'value="export_zip_action"' in body


def test_it_zips_every_format_of_every_selected_article(client, chief, seeded, make_article):
    other = make_article("A second story. It has two sentences.", slug="second")
    response = client.post(
        reverse("admin:review_article_changelist"),
        {"action": "export_zip_action", "_selected_action": [seeded.pk, other.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    day = f"{timezone.localdate():%Y-%m-%d}"
    assert response["Content-Disposition"] == f'attachment; filename="{day}-review-exports.zip"'
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = sorted(archive.namelist())
        assert names == sorted(
            [
                f"{slug}/{day}-{slug}-review.{ext}"
                for slug in ("peterson", "second")
                for ext in ("docx", "html", "md", "json")
            ]
            + [f"{slug}/{day}-{slug}.txt" for slug in ("peterson", "second")]
            + [f"{slug}/{day}-{slug}-facts.csv" for slug in ("peterson", "second")]
        )
        docx = archive.read(f"peterson/{day}-peterson-review.docx")
        assert len(by_number(docx_anchors(docx))) == seeded.flags.count()
        assert archive.read(f"second/{day}-second.txt") == b"A second story. It has two sentences."


def test_staff_without_a_desk_role_get_a_message_not_a_zip(client, seeded):
    from django.contrib.auth.models import Permission

    staff = User.objects.create_user("staff", password="pw", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_article"))
    client.force_login(staff)
    response = client.post(
        reverse("admin:review_article_changelist"),
        {"action": "export_zip_action", "_selected_action": [seeded.pk]},
        follow=True,
    )
    assert response["Content-Type"].startswith("text/html")
    assert "cannot read articles" in response.content.decode()
