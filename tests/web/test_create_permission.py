"""Creating an edition is a permission: superusers and "Can create editions" only.

The CLI (`scorecard edition create`, tests/cli/test_edition.py) is not asked.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from scorecard.web.editions.models import Edition, Role

pytestmark = pytest.mark.django_db
FORM = {
    "title": "New one", "slug": "new-one", "country": "Kazakhstan", "year": "2025",
    "organisation": "CSO", "goals": ["3", "5"], "languages": ["en"],
}  # fmt: skip


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def allowed() -> User:
    user = User.objects.create_user("creator")
    user.user_permissions.add(Permission.objects.get(codename="create_edition"))
    return user


def test_an_ordinary_account_gets_403_and_no_link() -> None:
    client = client_of(User.objects.create_user("plain"))
    assert client.get("/editions/new/").status_code == 403
    assert client.post("/editions/new/", FORM).status_code == 403
    assert not Edition.objects.exists()
    assert "/editions/new/" not in client.get("/").content.decode()


def test_a_coordinator_of_another_edition_may_not_create_either() -> None:
    other = Edition.objects.create(slug="uz", title="Uz", country="Uzbekistan", year=2024)
    user = User.objects.create_user("coordinator")
    Role.objects.create(user=user, edition=other, kind="coordinator")
    assert client_of(user).post("/editions/new/", FORM).status_code == 403
    assert list(Edition.objects.values_list("slug", flat=True)) == ["uz"]


@pytest.mark.parametrize("who", ["permission", "superuser"])
def test_the_permission_or_a_superuser_may_create(who: str) -> None:
    if who == "superuser":
        user = User.objects.create_superuser("root", password="x" * 12)
    else:
        user = allowed()
    client = client_of(user)
    assert "/editions/new/" in client.get("/").content.decode()
    assert client.get("/editions/new/").status_code == 200
    response = client.post("/editions/new/", FORM)
    assert response.status_code == 302, response.content[:300]
    edition = Edition.objects.get(slug="new-one")
    assert edition.role_of(user) == "coordinator"
