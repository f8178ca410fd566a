"""Closing the tab midway loses nothing: the same link resumes in a new browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from scorecard.web.editions.models import Edition
from tests.browser import steps
from tests.browser.conftest import NewContext

pytestmark = pytest.mark.browser


def reopen(new_context: NewContext, token: str) -> Page:
    """The link opened again in a new browser profile: no cookie, no session, only the link."""
    page = new_context().new_page()
    page.goto(f"/r/{token}/")
    return page


def test_it_resumes_at_the_next_unanswered_goal_in_a_new_browser(
    new_context: NewContext, edition: Edition
) -> None:
    token = edition.create_invitations(1)[0]
    first = new_context()
    page = first.new_page()
    page.goto(f"/r/{token}/")
    steps.give_consent(page, steps.EN)
    steps.fill_profile(page, steps.EN)
    steps.choose_goals(page, steps.EN)
    steps.answer_goal(page, steps.EN, 3, steps.GOAL3, comment="Saved before closing.")
    expect(page).to_have_url(re.compile("/goal/16/$"))
    # Half of goal 16 ticked, then the tab is closed without saving it.
    steps.tick(page, steps.EN, steps.GOAL16[:5])
    page.close()
    first.close()
    assert steps.stored(token) == {3: steps.GOAL3}

    again = reopen(new_context, token)
    expect(again).to_have_url(re.compile(f"/r/{token}/goal/16/$"))
    expect(again.locator("input[type=radio]:checked")).to_have_count(0)

    again.get_by_role("button", name=steps.EN.back).click()
    expect(again).to_have_url(re.compile(f"/r/{token}/goal/3/$"))
    steps.expect_checked(again, steps.GOAL3)
    expect(again.get_by_role("textbox")).to_have_value("Saved before closing.")

    again.get_by_role("button", name=steps.EN.save).click()
    steps.answer_goal(again, steps.EN, 16, steps.GOAL16)
    steps.review_and_submit(again, steps.EN)
    assert steps.stored(token) == {3: steps.GOAL3, 16: steps.GOAL16}


def test_it_still_resumes_at_a_goal_left_with_back_before_answering_it(
    new_context: NewContext, edition: Edition
) -> None:
    """Back from an untouched goal page, then the tab closed: that goal is still to answer."""
    token = edition.create_invitations(1)[0]
    steps.seed(token, {3: steps.GOAL3}, submitted=False, chosen=[3, 16])

    page = reopen(new_context, token)
    expect(page).to_have_url(re.compile(f"/r/{token}/goal/16/$"))
    page.get_by_role("button", name=steps.EN.back).click()
    steps.expect_checked(page, steps.GOAL3)
    page.context.close()

    again = reopen(new_context, token)
    expect(again).to_have_url(re.compile(f"/r/{token}/goal/16/$"))
    assert steps.stored(token) == {3: steps.GOAL3}
