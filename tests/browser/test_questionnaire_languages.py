"""A respondent completes the questionnaire through a personal link in each language."""

from __future__ import annotations

import pytest

from scorecard.web.editions.models import Edition, hash_token
from scorecard.web.responses.models import GoalAnswer, Respondent
from tests.browser import steps
from tests.browser.conftest import NewContext

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("language", "browser_language"),
    [("en", "ru"), ("ru", "en"), ("kk", "en")],
    ids=["en", "ru", "kk"],
)
def test_it_completes_the_questionnaire_in_each_language(
    new_context: NewContext, edition: Edition, language: str, browser_language: str
) -> None:
    """The header's switch overrides the browser's language (English is reached from Russian)."""
    token = edition.create_invitations(1)[0]
    page = new_context(locale=browser_language).new_page()
    page.goto(f"/r/{token}/")
    words = steps.switch_language(page, language, shown=steps.WORDS[browser_language])
    steps.give_consent(page, words)
    steps.fill_profile(page, words)
    steps.choose_goals(page, words)
    steps.answer_goal(page, words, 3, steps.GOAL3, comment="Clinics in the regions lack staff.")
    steps.answer_goal(page, words, 16, steps.GOAL16)
    steps.review_and_submit(page, words)

    assert steps.stored(token) == {3: steps.GOAL3, 16: steps.GOAL16}
    person = Respondent.objects.get(invitation__token_hash=hash_token(token))
    assert person.language == language
    assert person.submitted_at is not None
    assert (person.sector, person.gender, person.age, person.region) == (
        "NGO", "Female", 40, "Almaty",
    )  # fmt: skip
    assert person.chosen_goals == [3, 16]
    comment = GoalAnswer.objects.get(respondent=person, goal=3).comment
    assert comment == "Clinics in the regions lack staff."
