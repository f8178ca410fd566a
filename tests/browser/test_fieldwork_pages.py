"""The coordinator's fieldwork pages in three languages: participants, templates, targets.

Each page, and each page after a form came back with an error, is audited by axe at
a phone's and a desktop's width and screenshotted into /tmp/browser-shots/
(test_accessibility.Audit). The Russian and Kazakh wording is translated later, so
those runs find things by address, by ``name`` attribute and by heading level; only
the English run looks for English names.
"""

from __future__ import annotations

import itertools

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect

from scorecard.web.editions.models import Edition, Invitation, hash_token
from scorecard.web.participants.models import (
    Kind,
    Mailing,
    Message,
    Participant,
    State,
    Target,
)
from tests.browser import steps
from tests.browser.conftest import ALICE_PASSWORD
from tests.browser.test_accessibility import SHOTS, Audit

pytestmark = pytest.mark.browser

LANGUAGES = ("en", "ru", "kk")


@pytest.fixture
def audit(page: Page) -> Audit:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return Audit(page, "fieldwork")


def _fieldwork(edition: Edition) -> None:
    """A list in every state the table shows: submitted, started, refused, not invited."""
    people = [
        Participant.objects.create(
            edition=edition,
            name=name,
            email=f"{key}@example.kz",
            language=lang,
            organisation="Eco Forum",
            sector=sector,
            gender="Female",
            region="Almaty",
        )
        for key, name, lang, sector in (
            ("aigerim", "Aigerim Nurlanovna Sultanbekova-Abdrakhmanova", "kk", "NGO"),
            ("ivan", "Ivan Petrov", "ru", "Media"),
            ("dana", "Dana Omarova", "en", "NGO"),
            ("no-link", "Serik Bekov", "kk", "Academic"),
        )
    ]
    tokens = edition.create_invitations(3)
    for person, token in zip(people, tokens, strict=False):
        person.invitation = Invitation.objects.get(token_hash=hash_token(token))
        person.save(update_fields=["invitation"])
    steps.seed(tokens[0], {3: steps.GOAL3})
    steps.seed(tokens[1], {3: steps.GOAL3}, submitted=False)
    mailing = Mailing.objects.create(
        edition=edition, kind=Kind.INVITATION, base_url="http://x", finished_at=timezone.now()
    )
    for person in people[:3]:
        Message.objects.create(mailing=mailing, participant=person, state=State.SENT)
    refused = Mailing.objects.create(edition=edition, kind=Kind.REMINDER, base_url="http://x")
    reply = "550 5.1.1 <dana@example.kz>: Recipient address rejected: User unknown in virtual"
    Message.objects.create(mailing=refused, participant=people[2], state=State.REFUSED, error=reply)
    Target.objects.create(edition=edition, field="sector", value="NGO", minimum=15)
    Target.objects.create(edition=edition, field="gender", value="Female", minimum=50, share=True)


def _headings(page: Page) -> None:
    """One h1, and no heading level skipped: screen-reader users move by headings."""
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    levels = page.eval_on_selector_all(
        "main h1, main h2, main h3, main h4", "hs => hs.map(h => Number(h.tagName[1]))"
    )
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels


def _no_sideways_scroll(page: Page, label: str) -> None:
    """At phone width the page itself never scrolls sideways (wide tables scroll inside)."""
    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= 390, f"{label}: the page is {wide}px wide on a 390px phone"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_fieldwork_pages_are_accessible_in_three_languages(
    page: Page, edition: Edition, alice: User, audit: Audit, language: str
) -> None:
    audit.prefix = f"fieldwork-{language}"
    _fieldwork(edition)
    base = f"/editions/{edition.slug}/participants/"
    steps.log_in(page, "alice", ALICE_PASSWORD)
    page.goto(base)
    if language != "en":
        steps.switch_language(page, language)
    expect(page.locator("html")).to_have_attribute("lang", language)
    english = language == "en"

    # Participants: the list, its counts, and the add form sent back with an error.
    expect(page).to_have_url(f"{page.url.split('/editions/')[0]}{base}")
    _headings(page)
    if english:
        expect(page.get_by_role("heading", level=1)).to_have_text("Participants")
        expect(page.get_by_text("3 invited").first).to_be_visible()
    table = page.get_by_role("region").filter(has=page.locator("table"))
    expect(table.locator("tbody tr")).to_have_count(4)
    audit.check("participants")
    page.set_viewport_size({"width": 1280, "height": 900})
    inner, full = table.evaluate("s => [s.clientWidth, s.scrollWidth]")
    assert full <= inner, f"the list scrolls sideways on a desktop: {full}px in {inner}px"
    _no_sideways_scroll(page, "participants")
    form = page.locator(f"form[action='{base}add/']")
    form.locator("[name=name]").fill("Nurlan")
    form.locator("[name=email]").fill("not-an-address")
    form.evaluate("f => { f.noValidate = true; }")
    form.locator("button[type=submit]").click()
    expect(page.locator(".error").first).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", language)
    audit.check("participants-error")

    # Message templates: a kind and language chosen by address, then Preview.
    page.goto(f"{base}templates/?kind=reminder&language=kk")
    _headings(page)
    expect(page.locator("main [name=language]")).to_have_value("kk")
    audit.check("templates")
    body = page.locator("main [name=body]")
    body.fill(body.input_value() + "\n{coalition}: {deadline}")
    page.locator("button[name=action][value=preview]").click()
    preview = page.locator("section[aria-labelledby=preview-title]")
    expect(preview.locator("pre")).to_contain_text("Kazakhstan 2024")
    expect(preview.locator("pre")).not_to_contain_text("{link}")
    if english:
        expect(preview.get_by_role("heading", level=2)).to_have_text("Preview")
    audit.check("templates-preview")
    _no_sideways_scroll(page, "templates")
    body.fill("No link here {nonsense}")
    page.locator("button[name=action][value=preview]").click()
    expect(page.locator(".error").first).to_be_visible()
    audit.check("templates-error")

    # Sample targets: both behind, then one more added and a share over 100% refused.
    page.goto(f"{base}targets/")
    _headings(page)
    expect(page.locator("table tbody tr")).to_have_count(2)
    audit.check("targets")
    _no_sideways_scroll(page, "targets")
    page.locator("main [name=field]").select_option("age_band")
    page.locator("main [name=value]").fill("< 30")
    page.locator("main [name=minimum]").fill("5")
    page.locator("form.fields button[type=submit]").click()
    expect(page.locator("table tbody tr")).to_have_count(3)
    page.locator("main [name=field]").select_option("region")
    page.locator("main [name=value]").fill("Almaty")
    page.locator("main [name=minimum]").fill("150")
    page.locator("main [name=share]").check()
    page.locator("form.fields").evaluate("f => { f.noValidate = true; }")
    page.locator("form.fields button[type=submit]").click()
    expect(page.locator(".error").first).to_be_visible()
    expect(page.locator("table tbody tr")).to_have_count(3)
    audit.check("targets-error")
    audit.assert_clean()
