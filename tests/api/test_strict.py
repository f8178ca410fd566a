"""Scores are whole numbers, not booleans or 3.0; every /api/ path answers JSON."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from scorecard.web.responses.models import GoalAnswer, Respondent
from tests.api.conftest import World, submission

URL = "/api/v1/editions/kz/answers"


def post(client: Client, body: object) -> Any:
    return client.post(URL, body, content_type="application/json")


@pytest.mark.parametrize("bad", [False, True, 3.0, 2.5, "3", "-1"], ids=repr)
def test_it_refuses_a_score_that_is_not_a_whole_number(world: World, bad: object) -> None:
    body = submission()
    body["answers"] = [{"goal": 3, "scores": [bad, *[1] * 9]}]
    before = (Respondent.objects.count(), GoalAnswer.objects.count())
    response = post(world.client("alice"), body)
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()
    assert (Respondent.objects.count(), GoalAnswer.objects.count()) == before


def test_it_still_takes_whole_numbers_and_nulls(world: World) -> None:
    body = submission()
    body["answers"] = [{"goal": 3, "scores": [0, -5, 5, None, 1, 1, 1, 1, 1, 1]}]
    assert post(world.client("alice"), body).status_code == 200


def is_json_detail(response: Any) -> bool:
    return response["Content-Type"].startswith("application/json") and isinstance(
        response.json().get("detail"), str | list
    )


@pytest.mark.parametrize(
    "path", ["/api/", "/api/v2/editions", "/api/nothing/here", "/api/v1/nothing", "/api/v1/"]
)
def test_unknown_api_paths_answer_json_404(world: World, path: str) -> None:
    for method in ("get", "post", "delete"):
        response = getattr(world.client("alice"), method)(path)
        assert response.status_code == 404, (method, path)
        assert is_json_detail(response), (method, path, response.content[:80])


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("put", "/api/v1/editions/kz/answers"),
        ("delete", "/api/v1/editions/kz/results"),
        ("options", "/api/v1/editions/kz/results"),
        ("head", "/api/v1/nothing"),
    ],
)
def test_methods_an_endpoint_lacks_answer_json_405(world: World, method: str, path: str) -> None:
    response = getattr(world.client("alice"), method)(path)
    assert response.status_code == 405, response.content[:80]
    assert response["Content-Type"].startswith("application/json")
    assert response["Allow"]
    if method != "head":
        assert response.json()["detail"].startswith("Method not allowed")


def test_pages_outside_the_api_keep_html_errors(world: World) -> None:
    response = world.client("alice").get("/no/such/page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
