"""Areas skipped on a goal page are asked about, and reach the coordinator's file as the
respondent chose: ``dk`` where they said "Don't know", empty where they left them empty.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from scorecard.web.editions.models import Edition
from tests.browser import steps
from tests.browser.conftest import ALICE_PASSWORD, NewContext

pytestmark = pytest.mark.browser

# Goal 3 with areas 2, 5 and 9 skipped; goal 16 with areas 4 and 8 skipped (None: skipped).
GOAL3 = (4, None, -2, 1, None, 0, 3, 2, None, -5)
GOAL16 = (1, 0, 2, None, -1, 5, -4, None, 2, 1)


def tick_given(page: Page, values: tuple[int | None, ...]) -> None:
    """Click the areas that have a value; leave the others untouched."""
    for number, value in enumerate(values, start=1):
        if value is not None:
            label = re.compile(f"^{re.escape(steps.signed(value))}$")
            page.locator(f"#area-{number}").locator("label").filter(has_text=label).click()


def expect_question(page: Page, skipped: list[int]) -> None:
    """The page came back once with the message, and marks exactly the skipped areas."""
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert.get_by_role("heading", level=2)).to_have_text(
        f"{len(skipped)} key areas have no answer"
    )
    expect(alert.get_by_role("link")).to_have_count(len(skipped))
    expect(page.locator("fieldset.empty")).to_have_count(len(skipped))
    for number in skipped:
        expect(page.locator(f"#area-{number}")).to_have_class(re.compile(r"\bempty\b"))
        expect(page.locator(f"#area-{number}")).to_contain_text("Not answered yet")


def test_skipped_areas_are_asked_about_and_exported_as_chosen(
    new_context: NewContext, edition: Edition, alice: User
) -> None:
    token = edition.create_invitations(1)[0]
    page = new_context().new_page()
    page.goto(f"/r/{token}/")
    steps.give_consent(page, steps.EN)
    steps.fill_profile(page, steps.EN)
    steps.choose_goals(page, steps.EN)

    steps.expect_language(page, steps.EN, steps.EN.goal_names[3])
    tick_given(page, GOAL3)
    page.get_by_role("button", name=steps.EN.save).click()
    expect_question(page, [2, 5, 9])
    expect(page).to_have_url(re.compile("/goal/3/$"))
    # Saved already: what was ticked is stored before the question is asked.
    assert steps.stored(token) == {3: GOAL3}
    page.get_by_role("button", name="Mark the 3 empty areas “Don’t know” and continue").click()

    steps.expect_language(page, steps.EN, steps.EN.goal_names[16])
    tick_given(page, GOAL16)
    page.get_by_role("button", name=steps.EN.save).click()
    expect_question(page, [4, 8])
    page.get_by_role("button", name="Leave them empty and continue").click()

    steps.expect_language(page, steps.EN, steps.EN.check_answers)
    expect(page.get_by_role("cell", name="Don’t know", exact=True)).to_have_count(3)
    expect(page.get_by_role("cell", name="Not answered", exact=True)).to_have_count(2)
    page.get_by_role("button", name=steps.EN.submit, exact=True).click()
    steps.expect_language(page, steps.EN, steps.EN.thank_you)

    coordinator = new_context().new_page()
    steps.log_in(coordinator, "alice", ALICE_PASSWORD)
    response = coordinator.request.get(f"/editions/{edition.slug}/answers.csv")
    assert response.status == 200
    rows = list(csv.DictReader(io.StringIO(response.text())))
    assert len(rows) == 1
    cells = {g: [rows[0][f"sdg{g}_{a}"] for a in range(1, 11)] for g in (3, 16)}
    assert cells[3] == ["4", "dk", "-2", "1", "dk", "0", "3", "2", "dk", "-5"]
    assert cells[16] == ["1", "0", "2", "", "-1", "5", "-4", "", "2", "1"]
