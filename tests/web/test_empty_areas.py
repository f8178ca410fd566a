"""A goal page saved with areas left empty asks about them once, and never turns them into
"Don't know" by itself (issue #13: the questionnaire asks before it assumes).

Each test checks what the respondent sees and what is stored, row by row.
"""

from __future__ import annotations

import re

from django.test import Client

from scorecard.web.responses.models import GoalAnswer
from tests.web.conftest import Survey, scores, snapshot, start

# Goal 3 with areas 4, 7 and 9 skipped (their radios are not sent at all), area 2 "Don't know".
GIVEN = {1: 2, 2: None, 3: 0, 5: -3, 6: 5, 8: 1, 10: -5}
SKIPPED = (4, 7, 9)


def partial(values: dict[int, int | None], comment: str = "", **extra: str) -> dict[str, str]:
    """The page as a browser posts it when some areas have no radio chosen."""
    data = {f"a{a}": "dk" if v is None else str(v) for a, v in values.items()}
    return {**data, "comment": comment, "action": "next", **extra}


def row(goal: int = 3) -> tuple[list[int | None], int, str]:
    answer = GoalAnswer.objects.get(goal=goal)
    return answer.scores(), answer.dont_know, answer.comment


def bits(*areas: int) -> int:
    """The stored mask, written out: bit (area - 1) per "Don't know"."""
    return sum(2 ** (a - 1) for a in areas)


EXPECTED_SCORES = [2, None, 0, None, -3, 5, None, 1, None, -5]


def test_it_saves_then_asks_once_about_the_empty_areas(client: Client, survey: Survey) -> None:
    start(client, survey)
    response = client.post(survey.url("goal", goal=3), partial(GIVEN, "Half of it"))
    assert response.status_code == 200  # the same page again, not the next goal
    page = response.content.decode()
    assert page.count('role="alert"') == 1
    assert "3 key areas have no answer" in page
    assert "Mark the 3 empty areas “Don’t know” and continue" in page
    assert "Leave them empty and continue" in page
    # Exactly the skipped areas are marked, and linked from the message.
    marked = re.findall(r'<fieldset id="area-(\d+)" class="area empty"', page)
    assert marked == ["4", "7", "9"]
    assert [f'href="#area-{a}"' in page for a in SKIPPED] == [True] * 3
    assert 'aria-describedby="a4-hint a4-empty"' in page
    assert '<input type="hidden" name="asked" value="1">' in page
    # What was given is saved before the question, and shown again as it was.
    assert row() == (EXPECTED_SCORES, bits(2), "Half of it")
    assert page.count(" checked>") == 7
    assert 'id="a2-dk" value="dk" checked' in page
    assert 'id="a5-m3" value="-3" checked' in page
    assert ">Half of it</textarea>" in page

    # Saved again with the same areas still empty: it was asked once, so it moves on.
    again = client.post(survey.url("goal", goal=3), partial(GIVEN, "Half of it", asked="1"))
    assert again["Location"] == survey.url("goal", goal=5)
    assert row() == (EXPECTED_SCORES, bits(2), "Half of it")


def test_it_marks_the_empty_areas_dont_know_when_asked_to(client: Client, survey: Survey) -> None:
    start(client, survey)
    client.post(survey.url("goal", goal=3), partial(GIVEN))
    choice = partial(GIVEN, asked="1", action="empty-dont-know")
    assert client.post(survey.url("goal", goal=3), choice)["Location"] == survey.url("goal", goal=5)
    assert row() == (EXPECTED_SCORES, bits(2, 4, 7, 9), "")
    # Coming back, the page shows "Don't know" chosen in those areas.
    page = client.get(survey.url("goal", goal=3)).content.decode()
    assert [f'id="a{a}-dk" value="dk" checked' in page for a in (2, 4, 7, 9)] == [True] * 4
    assert page.count(" checked>") == 10
    assert 'role="alert"' not in page


def test_it_leaves_them_empty_when_asked_to(client: Client, survey: Survey) -> None:
    start(client, survey)
    client.post(survey.url("goal", goal=3), partial(GIVEN))
    choice = partial(GIVEN, asked="1", action="leave-empty")
    assert client.post(survey.url("goal", goal=3), choice)["Location"] == survey.url("goal", goal=5)
    assert row() == (EXPECTED_SCORES, bits(2), "")
    # Coming back, nothing is chosen in the skipped areas: skipped is not "Don't know".
    page = client.get(survey.url("goal", goal=3)).content.decode()
    assert page.count(" checked>") == 7
    assert not any(f'id="a{a}-dk" value="dk" checked' in page for a in SKIPPED)


def test_answering_the_empty_areas_after_the_question_moves_on(
    client: Client, survey: Survey
) -> None:
    start(client, survey)
    client.post(survey.url("goal", goal=3), partial(GIVEN))
    full = partial({**GIVEN, 4: 1, 7: None, 9: -1}, asked="1")
    assert client.post(survey.url("goal", goal=3), full)["Location"] == survey.url("goal", goal=5)
    assert row() == ([2, None, 0, 1, -3, 5, None, 1, -1, -5], bits(2, 7), "")


def test_the_last_goal_asks_too_and_then_goes_to_the_review(client: Client, survey: Survey) -> None:
    start(client, survey, (3,))
    response = client.post(survey.url("goal", goal=3), partial({1: 4}))
    assert "9 key areas have no answer" in response.content.decode()
    choice = partial({1: 4}, asked="1", action="empty-dont-know")
    assert client.post(survey.url("goal", goal=3), choice)["Location"] == survey.url("review")
    assert row() == ([4, *[None] * 9], bits(*range(2, 11)), "")


def test_one_empty_area_is_named_in_the_singular(client: Client, survey: Survey) -> None:
    start(client, survey)
    values: dict[int, int | None] = dict.fromkeys(range(1, 10), 1)
    page = client.post(survey.url("goal", goal=3), partial(values)).content.decode()
    assert "1 key area has no answer" in page
    assert "Mark the empty area “Don’t know” and continue" in page
    assert "Leave it empty and continue" in page


def test_a_complete_page_is_not_asked_about(client: Client, survey: Survey) -> None:
    start(client, survey)
    every = scores(1, None, 2, None, 3, None, 4, None, 5, None)
    assert client.post(survey.url("goal", goal=3), every)["Location"] == survey.url("goal", goal=5)
    assert row() == ([1, None, 2, None, 3, None, 4, None, 5, None], bits(2, 4, 6, 8, 10), "")


def test_back_saves_without_asking(client: Client, survey: Survey) -> None:
    start(client, survey)
    back = partial(GIVEN, action="back")
    assert client.post(survey.url("goal", goal=5), back)["Location"] == survey.url("goal", goal=3)
    assert row(5) == (EXPECTED_SCORES, bits(2), "")


def test_an_untouched_page_asks_and_stores_nothing_unless_told(
    client: Client, survey: Survey
) -> None:
    start(client, survey)
    before = snapshot()
    response = client.post(survey.url("goal", goal=3), {"comment": "", "action": "next"})
    assert "10 key areas have no answer" in response.content.decode()
    assert snapshot() == before
    leave = {"comment": "", "action": "leave-empty", "asked": "1"}
    assert client.post(survey.url("goal", goal=3), leave)["Location"] == survey.url("goal", goal=5)
    assert snapshot() == before
    # "Don't know" everywhere is an answer: the row is stored with no score at all.
    all_dk = {"comment": "", "action": "empty-dont-know", "asked": "1"}
    assert client.post(survey.url("goal", goal=3), all_dk)["Location"] == survey.url("goal", goal=5)
    assert row() == ([None] * 10, 2**10 - 1, "")


def test_an_invalid_page_is_not_saved_and_not_asked_about(client: Client, survey: Survey) -> None:
    start(client, survey)
    before = snapshot()
    response = client.post(survey.url("goal", goal=3), partial({**GIVEN, 4: 9}))
    assert response.status_code == 400
    page = response.content.decode()
    assert "have no answer" not in page
    assert 'id="a4-error"' in page
    assert snapshot() == before


def test_the_review_tells_dont_know_from_not_answered(client: Client, survey: Survey) -> None:
    start(client, survey)
    client.post(survey.url("goal", goal=3), partial(GIVEN, asked="1", action="leave-empty"))
    client.post(survey.url("goal", goal=5), partial(GIVEN, asked="1", action="empty-dont-know"))
    page = client.get(survey.url("review")).content.decode()
    cells = re.findall(r'<td class="num ?([a-z]*)">([^<]*)</td>', page)
    goal3, goal5 = cells[:10], cells[10:]
    assert goal3 == [
        ("", "+2"), ("unknown", "Don’t know"), ("", "0"), ("unanswered", "Not answered"),
        ("", "−3"), ("", "+5"), ("unanswered", "Not answered"), ("", "+1"),
        ("unanswered", "Not answered"), ("", "−5"),
    ]  # fmt: skip
    assert [text for _, text in goal5].count("Don’t know") == 4
    assert "Not answered" not in "".join(text for _, text in goal5)
    assert "3 key areas are not answered. You can still submit" in page
