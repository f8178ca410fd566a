"""Gateway profile answers map to the edition's choices, as imports do.

"F", "жен" and "Female" are stored as Female; an answer that matches no choice is
stored as Other with its text apart where the edition allows Other, and refused with
the field named where the edition is strict (422, like every invalid field of the API).
"""

from __future__ import annotations

from typing import Any

from django.test import Client

from scorecard.web.editions.models import Edition
from scorecard.web.responses.models import Respondent
from tests.api.conftest import World, snapshot, submission

URL = "/api/v1/editions/kz/answers"


def post(client: Client, body: object) -> Any:
    return client.post(URL, body, content_type="application/json")


def profile(external_id: str) -> tuple[str, str, str, str, str]:
    person = Respondent.objects.get(external_id=external_id)
    return person.sector, person.sector_other, person.gender, person.gender_other, person.region


def test_synonyms_in_three_languages_are_stored_as_the_choices(world: World) -> None:
    client = world.client("alice-submit")
    cases = [("НПО", "жен"), ("ҮЕҰ", "Әйел"), ("ngo", "F"), ("СМИ", "ер адам"), ("press", "M")]
    for i, (sector, gender) in enumerate(cases):
        body = submission(f"sms-{i}", sector=sector, gender=gender, region=" North  Kazakhstan ")
        assert post(client, body).status_code == 200
    assert [profile(f"sms-{i}") for i in range(5)] == [
        ("NGO", "", "Female", "", "North Kazakhstan"),
        ("NGO", "", "Female", "", "North Kazakhstan"),
        ("NGO", "", "Female", "", "North Kazakhstan"),
        ("Media", "", "Male", "", "North Kazakhstan"),
        ("Media", "", "Male", "", "North Kazakhstan"),
    ]


def test_an_unknown_answer_is_other_with_its_text_and_a_later_choice_clears_it(
    world: World,
) -> None:
    client = world.client("alice-submit")
    assert post(client, submission(sector="Think tank", gender="Two-spirit")).status_code == 200
    assert profile("sms-0001") == ("Other", "Think tank", "Other", "Two-spirit", "Almaty")
    # a request with answers only keeps the profile; a new sector replaces its text too
    answers_only = {"respondent": "sms-0001", "answers": [{"goal": 3, "scores": [1] * 10}]}
    assert post(client, answers_only).status_code == 200
    assert profile("sms-0001") == ("Other", "Think tank", "Other", "Two-spirit", "Almaty")
    assert post(client, submission(sector="университет")).status_code == 200
    assert profile("sms-0001") == ("Academic/educational", "", "Female", "", "Almaty")


def test_a_strict_edition_refuses_the_field_and_stores_nothing(world: World) -> None:
    Edition.objects.filter(pk=world.edition.pk).update(strict_profile=True)
    before = snapshot()
    response = post(world.client("alice-submit"), submission(sector="Think tank", gender="Femal"))
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert [(e["loc"], e["type"]) for e in detail] == [
        (["body", "submission", "sector"], "value_error"),
        (["body", "submission", "gender"], "value_error"),
    ]
    assert detail[0]["msg"] == (
        "'Think tank' is not one of the sector choices (NGO, Public association, "
        "Academic/educational, Media, Community-based organisation, Other)"
    )
    assert "'Femal' is not one of the gender choices" in detail[1]["msg"]
    assert snapshot() == before
    # the same edition still takes a synonym
    assert post(world.client("alice-submit"), submission(gender="жен")).status_code == 200
    assert profile("sms-0001")[2] == "Female"
