"""Every endpoint with every persona: who gets what, as one table that reads like a policy."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from scorecard.web.editions.models import Edition
from scorecard.web.reports.convert import snapshot
from scorecard.web.reports.models import PublishedReport
from scorecard.web.responses.models import GoalAnswer, Respondent
from tests.api.conftest import PERSONAS, World, submission
from tests.web.publishing import stored_version

A = "/api/v1"
OK, UNAUTH, FORBIDDEN, HIDDEN = 200, 401, 403, 404
WHO = ("none", *PERSONAS)
# Columns follow WHO: none, alice, bob, charlie, dora, alice-read, alice-submit, revoked, bogus
POLICY: dict[str, tuple[int, ...]] = {
    "GET /token": (401, 200, 200, 200, 200, 200, 200, 401, 401),
    "GET /editions": (401, 200, 200, 200, 200, 200, 403, 401, 401),
    "GET /editions/kz": (401, 200, 200, 404, 404, 200, 403, 401, 401),
    "GET /editions/kz/results": (401, 200, 200, 404, 404, 200, 403, 401, 401),
    "GET /editions/kz/compare/kz-2023": (401, 200, 404, 404, 404, 200, 403, 401, 401),
    "GET /editions/kz/report.json": (401, 200, 200, 404, 404, 200, 403, 401, 401),
    "GET /editions/kz/answers.csv": (401, 200, 403, 404, 404, 403, 403, 401, 401),
    "POST /editions/kz/answers": (401, 200, 403, 404, 404, 403, 200, 401, 401),
    "GET /published": (200, 200, 200, 200, 200, 200, 200, 200, 200),
    "GET /published/kz": (200, 200, 200, 200, 200, 200, 200, 200, 200),
}
CASES = [
    pytest.param(endpoint, who, expected, id=f"{endpoint} as {who}")
    for endpoint, row in POLICY.items()
    for who, expected in zip(WHO, row, strict=True)
]


@pytest.fixture
def published(world: World) -> World:
    stored_version(world.edition, 1)  # its files are not needed by the API
    return world


@pytest.mark.parametrize(("endpoint", "who", "expected"), CASES)
def test_it_answers_each_persona_as_the_policy_says(
    published: World, endpoint: str, who: str, expected: int
) -> None:
    method, path = endpoint.split(" ")
    client = published.client(who)
    before = (Respondent.objects.count(), GoalAnswer.objects.count())
    if method == "POST":
        response = client.post(A + path, submission(), content_type="application/json")
    else:
        response = client.get(A + path)
    assert response.status_code == expected, response.content[:300]
    if expected != OK:
        assert set(json.loads(response.content)) == {"detail"}
        assert (Respondent.objects.count(), GoalAnswer.objects.count()) == before
    if expected == UNAUTH:
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_lists_only_the_editions_a_token_user_has_a_role_in(world: World) -> None:
    listing = world.client("alice").get(f"{A}/editions").json()
    assert [(e["slug"], e["role"]) for e in listing["items"]] == [
        ("kz", "coordinator"),
        ("kz-2023", "coordinator"),
    ]
    assert listing["count"] == 2
    assert [e["slug"] for e in world.client("bob").get(f"{A}/editions").json()["items"]] == ["kz"]
    assert world.client("charlie").get(f"{A}/editions").json() == {
        "items": [], "count": 0, "limit": 20, "offset": 0,
    }  # fmt: skip


def test_it_gives_a_superusers_token_every_edition(world: World) -> None:
    from django.contrib.auth.models import User

    from scorecard.web.api.models import ApiToken

    root = User.objects.create_superuser("root", password="root-secret-pw")
    client = world.client("none")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {ApiToken.issue(root, ['read_results'], 'x')}"
    items = client.get(f"{A}/editions").json()["items"]
    assert {e["slug"] for e in items} == {"kz", "kz-2023", "uz"}
    assert {e["role"] for e in items} == {"coordinator"}


def test_it_pages_editions_by_limit_and_offset(world: World) -> None:
    from scorecard.web.editions.models import Role

    alice = world.users["alice"]
    for i in range(23):
        e = Edition.objects.create(slug=f"e{i:02}", title=f"E{i:02}", country="X", year=2000 + i)
        Role.objects.create(user=alice, edition=e, kind="viewer")
    client = world.client("alice")
    first = client.get(f"{A}/editions?limit=10").json()
    assert (len(first["items"]), first["count"], first["limit"], first["offset"]) == (10, 25, 10, 0)
    pages = [client.get(f"{A}/editions?limit=10&offset={n}").json() for n in (0, 10, 20)]
    seen = [e["slug"] for page in pages for e in page["items"]]
    assert len(seen) == len(set(seen)) == 25
    assert client.get(f"{A}/editions?offset=100").json()["items"] == []
    assert client.get(f"{A}/editions?limit=100").status_code == 200
    for bad in ("limit=101", "limit=0", "offset=-1", "limit=x"):
        response = client.get(f"{A}/editions?{bad}")
        assert response.status_code == 422, bad
        assert response.json()["detail"][0]["loc"][-1] in {"limit", "offset"}


def test_it_pages_published_editions(world: World) -> None:
    for e in (world.edition, world.previous):
        PublishedReport.objects.create(
            edition=e, version=1, completed=timezone.now(), **snapshot(e)
        )
    PublishedReport.objects.create(
        edition=world.edition, version=2, completed=timezone.now(), **snapshot(world.edition)
    )
    PublishedReport.objects.create(edition=world.edition, version=3, **snapshot(world.edition))
    anonymous = world.client("none")
    everything = anonymous.get(f"{A}/published").json()  # v3 is still rendering: not public
    assert everything["count"] == 2  # the newest version of each edition, once
    assert {(p["slug"], p["version"]) for p in everything["items"]} == {("kz", 2), ("kz-2023", 1)}
    page = anonymous.get(f"{A}/published?limit=1&offset=1").json()
    assert len(page["items"]) == 1
    assert anonymous.get(f"{A}/published?limit=500").status_code == 422


def test_it_answers_unknown_api_paths_with_json(world: World) -> None:
    for path in ("/nothing", "/editions/kz/unknown", "/", "/editions/../admin/"):
        response = world.client("alice").get(A + path)
        assert response.status_code == 404, path
        assert "detail" in response.json()
