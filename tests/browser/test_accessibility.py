"""axe-core finds no WCAG 2.1 A/AA violation on any questionnaire or workspace page.

Every page is checked at a phone's and a desktop's width, and screenshotted
at both into /tmp/browser-shots/ for a person to look at. A page whose
stylesheets did not load is reported too: axe's contrast results mean
nothing without the real styles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from scorecard.web.editions.models import Edition
from tests.browser import steps
from tests.browser.conftest import ALICE_PASSWORD
from tests.web.samples import stored

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = Path("/tmp/browser-shots")
VIEWPORTS = {"mobile": (390, 844), "desktop": (1280, 900)}
RUN_AXE = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
  }));
}"""
UNSTYLED = """() => [...document.querySelectorAll('link[rel=stylesheet]')]
  .filter(l => !l.sheet || l.sheet.cssRules.length === 0).map(l => l.href)"""


@dataclass
class Audit:
    """Runs axe on each page a test reaches and keeps every problem for one readable failure."""

    page: Page
    prefix: str
    problems: list[str] = field(default_factory=list)
    count: int = 0

    def check(self, name: str) -> None:
        self.count += 1
        label = f"{self.prefix}-{self.count:02d}-{name}"
        # A click returns once the next page starts; its stylesheets may still be on the way.
        self.page.wait_for_load_state("load")
        for url in self.page.evaluate(UNSTYLED):
            self.problems.append(f"{label}: stylesheet did not load: {url}")
        if not self.page.evaluate("() => typeof axe !== 'undefined'"):
            # Evaluated through the browser tools, so the pages' own CSP does not block it.
            self.page.evaluate(AXE.read_text("utf-8"))
        for viewport, (width, height) in VIEWPORTS.items():
            self.page.set_viewport_size({"width": width, "height": height})
            self.page.screenshot(path=SHOTS / f"{label}-{viewport}.png", full_page=True)
            violations: list[dict[str, Any]] = self.page.evaluate(RUN_AXE)
            for v in violations:
                self.problems.append(
                    f"{label} [{viewport}] {v['id']} ({v['impact']}): {v['help']}"
                    + "".join(
                        f"\n    {n['target']}: {' '.join(n['summary'].split())}" for n in v["nodes"]
                    )
                )

    def visit(self, url: str, status: int, name: str) -> None:
        """Open a page by its address; an error page in its place would pass axe unnoticed."""
        response = self.page.goto(url)
        assert response is not None
        assert response.status == status, f"{url}: HTTP {response.status}, not {status}"
        self.check(name)

    def assert_clean(self) -> None:
        assert not self.problems, f"{len(self.problems)} problems:\n" + "\n".join(self.problems)


@pytest.fixture(scope="session")
def shots() -> Path:
    # Files are overwritten, never cleared: two runs at once must not delete each other's.
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


@pytest.fixture
def audit(page: Page, shots: Path) -> Audit:
    return Audit(page, "page")


def submit_without_browser_checks(page: Page, button: str) -> None:
    """Send a form as it is, past the browser's own checks, to get the server's error page."""
    page.eval_on_selector_all("main form", "fs => fs.forEach(f => { f.noValidate = true; })")
    page.get_by_role("button", name=button, exact=True).click()


@pytest.mark.parametrize("language", ["en", "ru"], ids=["en", "ru"])
def test_it_finds_no_violation_on_questionnaire_pages(
    page: Page, edition: Edition, audit: Audit, language: str
) -> None:
    audit.prefix = language
    token = edition.create_invitations(1)[0]
    page.goto(f"/r/{token}/")
    words = steps.switch_language(page, language) if language != "en" else steps.EN
    audit.check("consent")
    submit_without_browser_checks(page, words.start)
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check("consent-error")
    steps.give_consent(page, words)

    expect(page.get_by_role("heading", level=1)).to_have_text(words.about_you)
    audit.check("profile")
    submit_without_browser_checks(page, words.save)
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check("profile-error")
    steps.fill_profile(page, words)

    expect(page.get_by_role("heading", level=1)).to_have_text(words.choose_goals)
    audit.check("goals")
    steps.choose_goals(page, words)

    expect(page.get_by_role("heading", level=1)).to_contain_text(words.goal_names[3])
    audit.check("goal")
    # A value off the scale, as a stale or tampered page could send it.
    steps.tick(page, words, steps.GOAL3)
    page.eval_on_selector("#area-2 input:checked", "r => { r.value = '9'; }")
    page.get_by_role("button", name=words.save).click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check("goal-error")
    steps.answer_goal(page, words, 3, steps.GOAL3)
    # Saved with three areas left empty, the page comes back once to ask about them.
    steps.tick(page, words, steps.GOAL16[:7])
    page.get_by_role("button", name=words.save).click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check("goal-empty-areas")
    steps.answer_goal(page, words, 16, steps.GOAL16)

    expect(page.get_by_role("heading", level=1)).to_have_text(words.check_answers)
    audit.check("review")
    page.get_by_role("button", name=words.submit, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words.thank_you)
    audit.check("done")

    audit.visit(f"/r/{token}/goal/5/", 404, "goal-not-chosen")
    audit.visit("/r/this-link-does-not-exist/", 404, "invalid-link")
    closed = Edition.objects.create(
        slug="kz-2023", title="Kazakhstan 2023", country="Kazakhstan", year=2023,
        goals=[3], status="open", languages=["en", "ru", "kk"],
    )  # fmt: skip
    closed_link = closed.create_invitations(1)[0]
    closed.transition("close")
    audit.visit(f"/r/{closed_link}/", 403, "closed")
    edition.open_link, edition.open_link_token = True, "shared-key"
    edition.save(update_fields=["open_link", "open_link_token"])
    audit.visit(f"/r/open/{edition.slug}/shared-key/", 200, "open-link")
    audit.assert_clean()


def test_it_finds_no_violation_on_workspace_pages(
    page: Page, edition: Edition, alice: User, audit: Audit
) -> None:
    audit.prefix = "workspace"
    # Filled tables, not only their empty states.
    for token in edition.create_invitations(2):
        steps.seed(token, {3: steps.GOAL3, 16: steps.GOAL16})
    audit.visit("/accounts/login/", 200, "login")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("wrong-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check("login-error")
    steps.log_in(page, "alice", ALICE_PASSWORD)
    audit.check("home")
    page.get_by_role("link", name=steps.EDITION_TITLE).click()
    audit.check("detail")
    page.get_by_label("Number of links").fill("3")
    page.get_by_role("button", name="Create links", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New personal links")
    audit.check("links-created")
    audit.visit(f"/editions/{edition.slug}/links/", 200, "link-list")
    audit.visit(f"/editions/{edition.slug}/edit/", 200, "edit")
    from django.contrib.auth.models import Permission

    alice.user_permissions.add(Permission.objects.get(codename="create_edition"))
    audit.visit("/editions/new/", 200, "new")
    submit_without_browser_checks(page, "Save")
    expect(page.get_by_role("heading", level=1)).to_have_text("New edition")
    audit.check("new-error")
    audit.assert_clean()


def test_it_finds_no_violation_on_the_live_results_page(
    page: Page, edition: Edition, alice: User, audit: Audit
) -> None:
    audit.prefix = "results"
    for token in edition.create_invitations(2):
        steps.seed(token, {3: steps.GOAL3, 16: steps.GOAL16})
    steps.log_in(page, "alice", ALICE_PASSWORD)
    audit.visit(f"/editions/{edition.slug}/results/", 200, "live-results")
    expect(page.get_by_role("table", name="Goals ranked by percent")).to_be_visible()
    audit.assert_clean()


def test_it_finds_no_violation_on_validation_and_public_pages(
    page: Page, edition: Edition, alice: User, audit: Audit
) -> None:
    """Narrative, history, meetings, the draft report and the public report pages."""
    from scorecard.web.reports.models import Meeting, NarrativeVersion, Suggestion

    audit.prefix = "reports"
    for token in edition.create_invitations(2):
        steps.seed(token, {3: steps.GOAL3, 16: steps.GOAL16})
    NarrativeVersion.objects.create(edition=edition, key="context", text="**Context** text")
    meeting = Meeting.objects.create(
        edition=edition, date="2024-05-02", format="online", goals=[3], participants=[["NGO", 4]]
    )
    Suggestion.objects.create(meeting=meeting, text="Add a goal", decision="accepted")
    steps.log_in(page, "alice", ALICE_PASSWORD)
    audit.visit(f"/editions/{edition.slug}/narrative/", 200, "narrative")
    audit.visit(f"/editions/{edition.slug}/narrative/history/", 200, "history")
    audit.visit(f"/editions/{edition.slug}/meetings/", 200, "meetings")
    audit.visit(f"/editions/{edition.slug}/report.html", 200, "draft-report")
    audit.assert_clean()


def test_it_publishes_through_checks_and_preview_to_a_public_page_in_three_languages(
    page: Page, edition: Edition, alice: User, audit: Audit
) -> None:
    """Close, validate, meet a failing check, acknowledge it, preview, publish, read it."""
    from tests.web.publishing import work_queue

    audit.prefix = "publish"
    for i, token in enumerate(edition.create_invitations(6)):
        steps.seed(token, {3: steps.GOAL3, 16: steps.GOAL16}, submitted=i < 4)
    steps.log_in(page, "alice", ALICE_PASSWORD)
    page.goto(f"/editions/{edition.slug}/")
    audit.check("open-edition")
    page.get_by_role("link", name="Close the edition").click()
    expect(page.get_by_text("2 of 6 respondents have not submitted")).to_be_visible()
    audit.check("close-confirm")
    page.get_by_role("button", name="Close the edition").click()
    page.get_by_role("link", name="Mark the results validated").click()
    page.get_by_role("button", name="Mark the results validated").click()
    page.get_by_role("link", name="Publish the report").click()
    audit.check("checks")
    page.get_by_role("button", name="Publish version 1").click()
    expect(page.get_by_role("alert")).to_contain_text("meetings")
    audit.check("checks-refused")
    page.get_by_role("link", name="Preview the public page").click()
    expect(page.get_by_text("Nothing is public yet")).to_be_visible()
    audit.check("preview")
    page.go_back()
    for box in page.locator("input[name=accept]").all():
        box.check()
    page.get_by_role("button", name="Publish version 1").click()
    expect(page.get_by_role("status")).to_contain_text("Rendering")
    audit.check("progress")
    progress_url = page.url
    page.goto("about:blank")  # its polling would share the test's in-memory database
    assert work_queue() == [1]  # what the worker does
    page.goto(progress_url)
    page.get_by_role("link", name="Open the public page").click()
    for language, overall in (("en", "Overall score"), ("ru", "Общая оценка"), ("kk", "Жалпы")):
        response = page.goto(f"/p/{edition.slug}/v1/?lang={language}")
        assert response is not None
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == language
        expect(page.get_by_role("heading", level=2).first).to_contain_text(overall)
        audit.check(f"public-{language}")
    audit.assert_clean()
    # The stored report file runs nothing, not even axe (its template is audited as a draft).
    response = page.goto(f"/p/{edition.slug}/v1/ru/report.html")
    assert response is not None
    assert response.status == 200
    assert "default-src 'none'" in response.headers["content-security-policy"]
    page.screenshot(path=SHOTS / "publish-report-ru.png")


def test_it_finds_no_violation_on_comparison_and_network_pages(
    page: Page, edition: Edition, alice: User, audit: Audit
) -> None:
    from scorecard.web.networks.models import Comparable, Network, NetworkRole

    audit.prefix = "networks"
    editions = []
    for country, year in (("Kazakhstan", 2022), ("Kazakhstan", 2023), ("Kyrgyzstan", 2022)):
        e = stored(country, year, alice)
        e.transition("close")
        editions.append(e)
    Comparable.objects.create(edition=editions[1], earlier=editions[0])
    network = Network.objects.create(slug="ca", name="Central Asia network")
    network.editions.set([editions[1], editions[2]])
    NetworkRole.objects.create(user=alice, network=network, kind="coordinator")
    steps.log_in(page, "alice", ALICE_PASSWORD)
    audit.visit("/editions/kazakhstan-2023/compare/", 200, "comparison")
    audit.visit("/networks/", 200, "network-list")
    audit.visit("/networks/ca/", 200, "network")
    audit.visit("/networks/ca/synthesis.html", 200, "synthesis")
    audit.visit("/editions/kazakhstan-2023/report.html", 200, "report-with-comparison")
    audit.assert_clean()
