"""What a respondent enters in the browser reaches the coordinator's workspace and results."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from scorecard.web.editions.models import Edition
from tests.browser import steps
from tests.browser.conftest import ALICE_PASSWORD, NewContext

pytestmark = pytest.mark.browser


def test_it_shows_the_coordinator_the_answers_given_in_the_browser(
    new_context: NewContext, edition: Edition, alice: User
) -> None:
    token = edition.create_invitations(2)[0]
    steps.complete(new_context().new_page(), token)

    page = new_context().new_page()
    steps.log_in(page, "alice", ALICE_PASSWORD)

    page.get_by_role("link", name=steps.EDITION_TITLE).click()
    expect(page).to_have_url(re.compile(f"/editions/{edition.slug}/$"))
    expect(page.get_by_text("1 respondent, 1 gave at least one score")).to_be_visible()
    expect(page.get_by_text("2 personal links, 0 revoked")).to_be_visible()
    per_goal = page.get_by_role("region", name="Answers per goal and key area")
    for goal, values in ((3, steps.GOAL3), (16, steps.GOAL16)):
        row = per_goal.get_by_role("row").filter(has_text=f"SDG {goal} ")
        # Respondents, then n per key area: 1 where rated, 0 where "Don't know".
        expected = ["1", *("0" if v is None else "1" for v in values)]
        expect(row.get_by_role("cell")).to_have_text(expected)

    # The edition's tabs and a button both lead there.
    page.get_by_role("link", name="Live results").first.click()
    expect(page).to_have_url(re.compile(f"/editions/{edition.slug}/results/$"))
    ranked = page.get_by_role("table", name="Goals ranked by percent")
    for goal, values in ((3, steps.GOAL3), (16, steps.GOAL16)):
        row = ranked.get_by_role("row").filter(has_text=f"SDG {goal} ")
        expect(row.get_by_role("cell").first).to_have_text(steps.percent(values))
