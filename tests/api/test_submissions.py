"""Gateway answer intake: stored as the questionnaire stores, safe to retry, bad input refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from scorecard.web.editions.models import Edition
from scorecard.web.responses.models import AREA_FIELDS, GoalAnswer, Respondent
from tests.api.conftest import World, snapshot, submission

URL = "/api/v1/editions/kz/answers"


def post(client: Client, body: object, url: str = URL) -> Any:
    return client.post(url, body, content_type="application/json")


def stored(external_id: str) -> dict[int, list[int | None]]:
    rows = GoalAnswer.objects.filter(respondent__external_id=external_id)
    return {row.goal: row.scores() for row in rows}


def test_it_stores_one_respondents_answers(world: World) -> None:
    response = post(world.client("alice-submit"), submission())
    assert response.status_code == 200
    assert response.json() == {"respondent": "sms-0001", "goals": [3, 5], "chosen_goals": [3, 5]}
    person = Respondent.objects.get(external_id="sms-0001")
    assert (person.edition, person.sector, person.gender, person.age, person.region) == (
        world.edition, "NGO", "Female", 41, "Almaty",
    )  # fmt: skip
    assert person.consent_at is not None
    assert person.submitted_at is not None
    assert person.invitation is None
    assert stored("sms-0001") == {3: [2, 3, None, -1, 0, 5, -5, 1, 1, 2], 5: [1] * 10}
    assert GoalAnswer.objects.get(respondent=person, goal=3).comment == "Clinics far"
    # null is "don't know" in the API, so area 3 is marked so (bit 2), not left unanswered.
    marks = dict(GoalAnswer.objects.filter(respondent=person).values_list("goal", "dont_know"))
    assert marks == {3: 0b100, 5: 0}


def test_it_stores_a_retried_request_once(world: World) -> None:
    client = world.client("alice")
    before = (Respondent.objects.count(), GoalAnswer.objects.count())
    first = post(client, submission())
    again = post(client, submission())
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert Respondent.objects.count() == before[0] + 1
    assert GoalAnswer.objects.count() == before[1] + 2
    assert Respondent.objects.filter(external_id="sms-0001").count() == 1


def test_it_replaces_a_goal_answered_again_and_keeps_the_others(world: World) -> None:
    client = world.client("alice")
    post(client, submission())
    later = {"respondent": "sms-0001", "answers": [{"goal": 3, "scores": [-2] * 10}]}
    response = post(client, later)
    assert response.json()["chosen_goals"] == [3, 5]
    assert stored("sms-0001") == {3: [-2] * 10, 5: [1] * 10}
    person = Respondent.objects.get(external_id="sms-0001")
    # Profile fields the later request left out stay as they were.
    assert (person.sector, person.region, person.age) == ("NGO", "Almaty", 41)
    assert GoalAnswer.objects.get(respondent=person, goal=3).comment == ""


def test_it_counts_gateway_answers_in_the_results(world: World) -> None:
    client = world.client("alice")
    before = client.get("/api/v1/editions/kz/results").json()
    post(client, submission("new-person"))
    after = client.get("/api/v1/editions/kz/results").json()
    assert after["respondents"]["n"] == before["respondents"]["n"] + 1
    cell = next(c for c in after["cells"] if (c["goal"], c["area"]) == (3, 7))
    old = next(c for c in before["cells"] if (c["goal"], c["area"]) == (3, 7))
    assert cell["counts"]["-5"] == old["counts"]["-5"] + 1


def test_it_normalises_text_as_the_questionnaire_does(world: World) -> None:
    body = submission(respondent="  sms-7  ", region=" Turkistan ")
    body["answers"] = [{"goal": 3, "scores": [0] * 10, "comment": "  line one\r\nline two  "}]
    assert post(world.client("alice"), body).status_code == 200
    person = Respondent.objects.get(external_id="sms-7")
    assert person.region == "Turkistan"
    assert GoalAnswer.objects.get(respondent=person).comment == "line one\nline two"


def _answers(**goal: object) -> list[dict[str, object]]:
    return [{"goal": 3, "scores": [1] * 10, **goal}]


BAD: dict[str, tuple[dict[str, object], list[str | int]]] = {
    "score above the scale": (
        {"answers": _answers(scores=[6, 0, 0, 0, 0, 0, 0, 0, 0, 0])},
        ["answers", 0, "scores", 0],
    ),
    "score below the scale": (
        {"answers": _answers(scores=[0] * 9 + [-6])},
        ["answers", 0, "scores", 9],
    ),
    "score not a whole number": (
        {"answers": _answers(scores=[1.5] + [0] * 9)},
        ["answers", 0, "scores", 0],
    ),
    "score as text": ({"answers": _answers(scores=["dk"] + [0] * 9)}, ["answers", 0, "scores", 0]),
    "11 areas": ({"answers": _answers(scores=[1] * 11)}, ["answers", 0, "scores"]),
    "9 areas": ({"answers": _answers(scores=[1] * 9)}, ["answers", 0, "scores"]),
    "goal 18": ({"answers": _answers(goal=18)}, ["answers", 0, "goal"]),
    "goal 0": ({"answers": _answers(goal=0)}, ["answers", 0, "goal"]),
    "comment over 5000 characters": (
        {"answers": _answers(comment="x" * 5001)},
        ["answers", 0, "comment"],
    ),
    "comment with NUL": ({"answers": _answers(comment="a\x00b")}, ["answers", 0, "comment"]),
    "comment with a lone surrogate": (
        {"answers": _answers(comment="\ud800")},
        ["answers", 0, "comment"],
    ),
    "no answers": ({"answers": []}, ["answers"]),
    "unknown field in a goal": ({"answers": _answers(extra=1)}, ["answers", 0, "extra"]),
    "unknown top-level field": ({"email": "a@b.c"}, ["email"]),
    "empty respondent id": ({"respondent": "   "}, ["respondent"]),
    "respondent id over 100 characters": ({"respondent": "r" * 101}, ["respondent"]),
    "age out of range": ({"age": 7}, ["age"]),
    "region over 100 characters": ({"region": "x" * 101}, ["region"]),
    "unknown language": ({"language": "de"}, ["language"]),
}


@pytest.mark.parametrize(("changes", "where"), BAD.values(), ids=BAD.keys())
def test_it_refuses_bad_input_whole_and_names_the_field(
    world: World, changes: dict[str, object], where: list[str | int]
) -> None:
    body = submission()
    body["answers"] = [*_answers(), {"goal": 5, "scores": [2] * 10}]
    body.update(changes)
    before = snapshot()
    response = post(world.client("alice"), body)
    assert response.status_code == 422, response.content
    locations = [e["loc"] for e in response.json()["detail"]]
    assert any(loc[-len(where) :] == where for loc in locations), locations
    assert snapshot() == before


def test_it_refuses_a_goal_the_edition_does_not_cover(world: World) -> None:
    url = "/api/v1/editions/uz/answers"  # SDG 3 and 5 only
    body = submission()
    body["answers"] = [{"goal": 3, "scores": [1] * 10}, {"goal": 4, "scores": [1] * 10}]
    before = snapshot()
    response = post(world.client("dora"), body, url)
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"type": "value_error", "loc": ["body", "submission", "answers", 1, "goal"],
         "msg": "goal 4 is not in this edition"},
    ]  # fmt: skip
    assert snapshot() == before


def test_it_refuses_a_goal_given_twice(world: World) -> None:
    body = submission()
    body["answers"] = [{"goal": 3, "scores": [1] * 10}, {"goal": 3, "scores": [2] * 10}]
    response = post(world.client("alice"), body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "submission", "answers", 1, "goal"]
    assert not Respondent.objects.filter(external_id="sms-0001").exists()


@pytest.mark.parametrize(
    "body", [b"{not json", b"", b"[]", b'"text"', b"\xff\xfe"], ids=["broken", "empty", "list",
                                                                       "string", "not utf-8"]
)  # fmt: skip
def test_it_refuses_a_body_that_is_not_a_submission(world: World, body: bytes) -> None:
    response = world.client("alice").post(URL, body, content_type="application/json")
    assert response.status_code in (400, 422)
    assert "detail" in response.json()
    assert not Respondent.objects.filter(external_id="sms-0001").exists()


@pytest.mark.parametrize("status", ["draft", "closed", "validated", "published"])
def test_it_refuses_answers_when_the_edition_is_not_open(world: World, status: str) -> None:
    Edition.objects.filter(pk=world.edition.pk).update(status=status)
    before = snapshot()
    response = post(world.client("alice"), submission())
    assert response.status_code == 409
    assert status in response.json()["detail"]
    assert snapshot() == before


def test_it_rolls_back_everything_when_a_late_step_fails(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("scorecard.web.api.intake._update_profile", failing)
    before = snapshot()
    client = Client(raise_request_exception=False)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {world.tokens['alice']}"
    assert post(client, submission()).status_code == 500
    assert snapshot() == before


def test_it_keeps_gateway_and_file_ids_in_one_namespace(world: World) -> None:
    """The id is the canonical file's respondent column: export, re-import, same person."""
    post(world.client("alice"), submission("r1"))
    assert Respondent.objects.filter(edition=world.edition, external_id="r1").count() == 1
    assert Respondent.objects.filter(external_id="sms-0001").count() == 0
    assert len(AREA_FIELDS) == 10
