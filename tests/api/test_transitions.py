"""The lifecycle through the API: in order it moves, out of order it says why (409)."""

from __future__ import annotations

import pytest

from scorecard.web.reports.models import PublishedReport
from tests.api.conftest import World

A = "/api/v1/editions/kz/transitions"
pytestmark = pytest.mark.django_db


def step(world: World, who: str, action: str, **body: object) -> tuple[int, dict[str, object]]:
    response = world.client(who).post(f"{A}/{action}", body, content_type="application/json")
    data = response.json()
    assert isinstance(data, dict)
    return response.status_code, data


def test_it_walks_the_lifecycle_and_refuses_steps_out_of_order(world: World) -> None:
    code, data = step(world, "alice", "validate")
    assert code == 409
    assert "Close the edition before" in str(data["detail"])
    assert step(world, "alice", "close") == (
        200,
        {"slug": "kz", "status": "closed", "version": None},
    )
    code, data = step(world, "alice", "publish")
    assert code == 409
    assert "Status of the edition" in str(data["detail"])
    assert step(world, "alice", "validate")[0] == 200
    code, data = step(world, "alice", "publish", accept=["narrative"])
    assert code == 409
    assert "meetings" in str(data["detail"])
    assert PublishedReport.objects.count() == 0
    code, data = step(world, "alice", "publish", accept_all=True)
    assert (code, data["status"], data["version"]) == (200, "published", 1)
    code, data = step(world, "alice", "correct")
    assert code == 409
    assert "reason" in str(data["detail"])
    assert step(world, "alice", "correct", reason="typo")[1]["status"] == "validated"
    assert step(world, "alice", "unknown")[0] == 422


def test_only_the_edition_coordinators_move_it(world: World) -> None:
    assert step(world, "bob", "close")[0] == 403
    assert step(world, "dora", "close")[0] == 404
    assert step(world, "alice-read", "close")[0] == 403
    assert (
        world.client("none").post(f"{A}/close", {}, content_type="application/json").status_code
        == 401
    )
    world.edition.refresh_from_db()
    assert world.edition.status == "open"


def test_no_api_field_sets_a_status(world: World) -> None:
    """The submissions schema has no status; an extra field is ignored or refused, never used."""
    client = world.client("alice")
    body = {"respondent": "x", "status": "published", "answers": [{"goal": 3, "scores": [1] * 10}]}
    client.post("/api/v1/editions/kz/answers", body, content_type="application/json")
    world.edition.refresh_from_db()
    assert world.edition.status == "open"
