"""Results, comparisons, exports and published results: the same figures as the core's."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from scorecard.analysis import NotComparableError, Results, analyse, compare
from scorecard.interop import canonical_rows
from scorecard.report import RENDERERS
from scorecard.web.api.schemas import ComparisonOut, ResultsOut
from scorecard.web.editions.models import Edition
from scorecard.web.reports.convert import published_input
from scorecard.web.responses.store import load_answers
from tests.api.conftest import World, submission
from tests.web.publishing import stored_version

A = "/api/v1"


def core_json(edition: Edition) -> dict[str, Any]:
    """What the core says, through the same JSON round trip the client sees."""
    data: dict[str, Any] = json.loads(
        json.dumps(analyse(load_answers(edition), edition.core()).to_json())
    )
    return data


def test_it_returns_exactly_the_results_json(world: World) -> None:
    response = world.client("bob").get(f"{A}/editions/kz/results")
    assert response["Content-Type"] == "application/json"
    assert response.json() == core_json(world.edition)


def test_it_documents_every_key_of_the_results_json(world: World) -> None:
    """The schema in the OpenAPI document follows the core: a new key fails here first."""
    from scorecard.web.api import schemas

    data = core_json(world.edition)
    ResultsOut.model_validate(data)
    assert set(data) == set(ResultsOut.model_fields), "document the new keys in api/schemas.py"
    for key, model in (("cells", "CellOut"), ("goals", "GoalOut"), ("areas", "AreaOut")):
        documented = set(getattr(schemas, model).model_fields)
        assert set(data[key][0]) == documented, f"{key}: document the new keys in api/schemas.py"


def test_it_shows_an_edition_with_its_progress(world: World) -> None:
    detail = world.client("bob").get(f"{A}/editions/kz").json()
    assert detail["slug"] == "kz"
    assert detail["role"] == "viewer"
    assert detail["respondents"] == 30
    assert detail["accepts_answers"] is True
    assert detail["report_formats"] == list(RENDERERS)
    assert detail["published_versions"] == []


def test_it_compares_two_editions_with_the_cores_comparison(world: World) -> None:
    body = world.client("alice").get(f"{A}/editions/kz-2023/compare/kz").json()
    answers = [load_answers(world.previous), load_answers(world.edition)]
    results = [
        analyse(answers[0], world.previous.core()),
        analyse(answers[1], world.edition.core()),
    ]
    expected = compare(*results, labels=["kz-2023", "kz"], answers=answers).to_json()
    assert body == json.loads(json.dumps(expected))
    ComparisonOut.model_validate(body)
    pair = body["pairs"][0]
    assert (pair["before"], pair["after"], body["current"]) == ("kz-2023", "kz", "kz")
    goal = pair["goals"][0]
    if goal["points"] is not None:
        assert goal["points"] == pytest.approx(goal["after"]["percent"] - goal["before"]["percent"])


def test_it_compares_an_edition_with_one_that_has_no_answers(world: World) -> None:
    thin = Edition.objects.create(slug="thin", title="T", country="K", year=2025, goals=[3, 5])
    world.users["alice"].role_set.create(edition=thin, kind="viewer")
    response = world.client("alice").get(f"{A}/editions/kz/compare/thin")
    assert response.status_code == 200
    pair = response.json()["pairs"][0]
    assert {g["verdict"] for g in pair["goals"]} == {"too few answers to tell"}


def test_it_says_why_two_editions_cannot_be_compared(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*results: Results, **options: object) -> None:
        raise NotComparableError("the key areas differ")

    monkeypatch.setattr("scorecard.web.api.editions.compare", refuse)
    response = world.client("alice").get(f"{A}/editions/kz/compare/kz-2023")
    assert response.status_code == 409
    assert "the key areas differ" in response.json()["detail"]


@pytest.mark.parametrize("fmt", list(RENDERERS))
def test_it_exports_the_draft_report_in_every_format(world: World, fmt: str) -> None:
    response = world.client("bob").get(f"{A}/editions/kz/report.{fmt}?language=ru")
    assert response.status_code == 200
    assert len(response.content) > 100
    assert "attachment" in response["Content-Disposition"]
    if fmt == "json":
        assert response.json()["edition"]["title"] == "PSC kz"


@pytest.mark.parametrize(
    "path", ["report.doc", "report.", "report.html%2F..%2F..%2Fx", "report.x?"]
)
def test_it_refuses_unknown_report_formats(world: World, path: str) -> None:
    response = world.client("alice").get(f"{A}/editions/kz/{path}")
    assert response.status_code in (404, 422)
    assert "detail" in response.json()


def test_it_exports_answers_as_the_canonical_csv(world: World) -> None:
    response = world.client("alice").get(f"{A}/editions/kz/answers.csv")
    text = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    assert list(csv.reader(io.StringIO(text))) == list(canonical_rows(load_answers(world.edition)))
    assert response["Content-Disposition"] == 'attachment; filename="kz-answers.csv"'


def test_it_shows_published_results_to_anyone_from_the_frozen_snapshot(world: World) -> None:
    report = stored_version(world.edition, 1)
    expected = json.loads(json.dumps(published_input(report, "en").results.to_json()))
    # Answers arriving after publication change the live results, not the published ones.
    add_respondents(world, 1)
    anonymous = world.client("none")
    assert anonymous.get(f"{A}/published/kz").json() == expected
    assert anonymous.get(f"{A}/published/kz?version=1").json() == expected
    live = world.client("alice").get(f"{A}/editions/kz/results").json()
    assert live["respondents"]["n"] != expected["respondents"]["n"]


def add_respondents(world: World, count: int) -> None:
    for i in range(count):
        body = submission(f"late-{i}")
        response = world.client("alice").post(
            f"{A}/editions/kz/answers", body, content_type="application/json"
        )
        assert response.status_code == 200


@pytest.mark.parametrize("path", ["/published/kz", "/published/nope", "/published/kz?version=2"])
def test_it_hides_what_was_never_published(world: World, path: str) -> None:
    response = world.client("none").get(A + path)
    assert response.status_code == 404
    assert response.json() == {"detail": "No published report with this slug and version."}


def test_it_serves_the_newest_published_version_by_default(world: World) -> None:
    stored_version(world.edition, 1)
    add_respondents(world, 5)
    stored_version(world.edition, 2)
    stored_version(world.edition, 3, public=False)  # still rendering: never the newest
    anonymous = world.client("none")
    newest = anonymous.get(f"{A}/published/kz").json()
    first = anonymous.get(f"{A}/published/kz?version=1").json()
    assert newest["respondents"]["n"] == first["respondents"]["n"] + 5
