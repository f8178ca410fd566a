"""No page is wider than a phone's screen (390 px), in English, Russian and Kazakh.

Pages are found by crawling, from the workspace home, every edition's pages, a
published report and questionnaire links, so a page added later is checked
without touching this test. A few pages are also screenshotted at 390 px into
/tmp/shots/ for a person to look at.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError
from pytest_django.live_server_helper import LiveServer

from scorecard.web.editions.models import Edition
from tests.browser import steps
from tests.browser.conftest import ALICE_PASSWORD, NewContext
from tests.web.samples import stored

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 390, "height": 844}
MAX_PAGES = 150
DOWNLOADS = (".csv", ".xlsx", ".pdf", ".pptx", ".json", ".md", ".png")
# The report and the network synthesis as HTML documents: the report renderer's own pages
# (src/scorecard/report/templates), checked apart in test_report_documents_fit_a_phone.
DOCUMENTS = ("/report.html", "/synthesis.html")
SHOTS = Path("/tmp/shots")
WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"
# The innermost elements (or whole tables) reaching past the screen's right edge, themselves
# or by the text in them, outside any scroll box.
CULPRITS = """() => {
  const out = [];
  const reach = (el) => el.getBoundingClientRect().left
    + Math.max(el.getBoundingClientRect().width, el.scrollWidth || 0);
  const walk = (el) => {
    let found = false;
    for (const child of el.children) {
      const open = getComputedStyle(child).overflowX === 'visible';
      const inside = open && child.tagName !== 'TABLE' && walk(child);
      const sticks = (open ? reach(child) : child.getBoundingClientRect().right) > innerWidth + 0.5;
      if (sticks && !inside) {
        const text = (child.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
        const name = child.tagName.toLowerCase() + (child.id ? '#' + child.id : '');
        out.push(`<${name} class="${child.getAttribute('class') || ''}"> ${text}`);
      }
      found = found || inside || sticks;
    }
    return found;
  };
  walk(document.body);
  return out.slice(0, 3);
}"""
OPEN_DETAILS = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"
LINKS = "() => [...document.querySelectorAll('a[href]')].map(a => a.href)"
# Realistic long words: a link pasted into a narrative, a comment without spaces.
LONG_LINK = "https://www.example.org/publications/2023/peoples-scorecard-kazakhstan-full-report-with-annexes.pdf"
LONG_COMMENT = "Clinics#in#the#regions#lack#staff#and#medicines#since#the#2021#reform#" * 2
CORRECTION = f"Figures for SDG 16 corrected; the method note now links {LONG_LINK}"


@dataclass(frozen=True)
class World:
    compared: str  # an edition compared with an earlier one, published twice
    open_edition: str  # the open edition respondents answer
    tokens: dict[str, str]  # questionnaire links by the step they lead to


@pytest.fixture
def world(edition: Edition, alice: User, settings: Any, tmp_path: Path) -> World:
    """Three sample editions (one compared with another, two in a network, one published
    twice), an open edition with respondents at every step, a narrative, a meeting."""
    from scorecard.web.networks.models import Comparable, Network, NetworkRole
    from scorecard.web.reports.models import Meeting, NarrativeVersion
    from tests.web.publishing import publish_now, walk_to

    settings.DATA_DIR = tmp_path  # uploads wait here
    editions = []
    for country, year in (("Kazakhstan", 2022), ("Kazakhstan", 2023), ("Kyrgyzstan", 2022)):
        editions.append(stored(country, year, alice))
    compared = editions[1]
    Comparable.objects.create(edition=compared, earlier=editions[0])
    network = Network.objects.create(slug="ca", name="Central Asia network")
    network.editions.set([editions[1], editions[2]])
    NetworkRole.objects.create(user=alice, network=network, kind="coordinator")
    for key, text in (
        ("context", f"**Context.** The full report: {LONG_LINK}"),
        ("goal:3:findings", "# Clinics\n\nStaff are short in the regions.\n\n- one\n- two"),
        ("goal:3:quotes", f"{LONG_COMMENT}\n\nClinics in the regions lack staff."),
    ):
        NarrativeVersion.objects.create(edition=compared, key=key, text=text, author=alice)
    Meeting.objects.create(
        edition=compared, date="2024-05-02", format="online", goals=[3, 16],
        participants=[["NGO", 4], ["Academia", 2]], title="Validation with the regions",
    )  # fmt: skip
    for e in (editions[0], editions[2]):
        walk_to(e, "closed")
    publish_now(compared, alice.pk)
    compared.transition("correct", CORRECTION)
    publish_now(compared, alice.pk)

    edition.goals = list(range(1, 18))
    edition.save(update_fields=["goals"])
    tokens = dict(zip(("new", "started", "done"), edition.create_invitations(3), strict=True))
    steps.seed(tokens["started"], {3: steps.GOAL3}, submitted=False, chosen=[3, 16])
    steps.seed(tokens["done"], {3: steps.GOAL3, 16: steps.GOAL16})
    return World(compared=compared.slug, open_edition=edition.slug, tokens=tokens)


def _same_site(base: str, url: str) -> str | None:
    """The page's path (and query) if a crawl should open it: same origin, not a download,
    not the admin, not logging out."""
    url = urldefrag(url)[0]
    parts, origin = urlsplit(url), urlsplit(base)
    if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
        return None
    path = parts.path
    if path.lower().endswith(DOWNLOADS + DOCUMENTS):
        return None
    if path.startswith("/admin/") or "logout" in path:
        return None
    return path + (f"?{parts.query}" if parts.query else "")


@dataclass
class Ruler:
    """Opens pages and keeps every page wider than the screen for one readable failure."""

    page: Page
    base: str
    language: str
    widths: dict[str, int]
    problems: list[str]

    def measure(self, label: str) -> None:
        """The page's width with every <details> open: what a closed one hides counts too."""
        self.page.evaluate(OPEN_DETAILS)
        width, screen = self.page.evaluate(WIDTH)
        self.widths[label] = width
        if width > screen:
            culprits = "".join(f"\n    {c}" for c in self.page.evaluate(CULPRITS))
            self.problems.append(
                f"{self.language} {label}: {width} px wide on a {screen} px screen{culprits}"
            )

    def crawl(self, starts: list[str]) -> None:
        """Breadth first from ``starts``, following links, at most MAX_PAGES pages in all."""
        queue = deque(starts)
        seen = set(starts) | set(self.widths)
        while queue and len(self.widths) < MAX_PAGES:
            path = queue.popleft()
            try:
                response = self.page.goto(path)
            except PlaywrightError as error:  # another download (report.datadict): no page
                if "Download is starting" in error.message:
                    continue
                raise
            assert response is not None
            if response.status >= 500:
                self.problems.append(f"{self.language} {path}: HTTP {response.status}")
            self.measure(path)
            for href in self.page.evaluate(LINKS):
                found = _same_site(self.base, href)
                if found is not None and found not in seen:
                    seen.add(found)
                    queue.append(found)


def _context(new_context: NewContext, live_server: LiveServer, language: str) -> BrowserContext:
    ctx = new_context(viewport=VIEWPORT)
    ctx.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    return ctx


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_no_page_is_wider_than_a_phone(
    new_context: NewContext, live_server: LiveServer, world: World, language: str
) -> None:
    from tests.interop.importers.helpers import HERE  # a real tool's export: long column names

    widths: dict[str, int] = {}
    problems: list[str] = []

    # The public side, as anyone sees it: a published report, the login, the questionnaire.
    public = _context(new_context, live_server, language).new_page()
    ruler = Ruler(public, live_server.url, language, widths, problems)
    tokens = world.tokens
    started = f"/r/{tokens['started']}"
    ruler.crawl(
        [
            f"/p/{world.compared}/",
            "/accounts/login/",
            f"/r/{tokens['new']}/",
            *(f"{started}/{step}/" for step in ("consent", "profile", "goals", "review")),
            *(f"{started}/goal/{goal}/" for goal in (3, 16)),
            f"/r/{tokens['done']}/",
            "/r/this-link-does-not-exist/",
        ]
    )
    assert f"/p/{world.compared}/v1/" in widths, sorted(widths)
    assert f"{started}/goal/3/" in widths

    # The workspace, as its coordinator sees it.
    page = new_context(viewport=VIEWPORT).new_page()
    steps.log_in(page, "alice", ALICE_PASSWORD)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    ruler.page = page
    editions = Edition.objects.order_by("slug").values_list("slug", flat=True)
    ruler.crawl(["/", *(f"/editions/{slug}/" for slug in editions)])
    assert f"/editions/{world.compared}/compare/" in widths
    assert f"/editions/{world.compared}/results/" in widths

    # Pages a form leads to: new links, and the import preview of an upload.
    page.goto(f"/editions/{world.open_edition}/")
    page.locator("form:has(input[name=count]) input[name=count]").fill("3")
    with page.expect_navigation():
        page.locator("form:has(input[name=count]) [type=submit]:not([name=download])").click()
    ruler.measure(f"/editions/{world.open_edition}/invite/ (new links)")
    page.goto(f"/editions/{world.open_edition}/")
    page.set_input_files("input[type=file][name=file]", HERE / "kobo" / "xml-values.csv")
    page.locator("form:has(input[name=file]) [type=submit][value=check]").click()
    page.wait_for_url(f"**/editions/{world.open_edition}/import/")
    ruler.measure(f"/editions/{world.open_edition}/import/")

    if language != "en":
        _screenshots(page, language, world)
    assert len(widths) > 40, sorted(widths)
    assert not problems, f"{len(problems)} of {len(widths)} pages too wide:\n" + "\n".join(problems)


def _screenshots(page: Page, language: str, world: World) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    slug = world.compared
    for name, path in (
        ("home", "/"),
        ("detail", f"/editions/{slug}/"),
        ("links", f"/editions/{world.open_edition}/links/"),
        ("comparison", f"/editions/{slug}/compare/"),
        ("narrative", f"/editions/{slug}/narrative/"),
        ("results", f"/editions/{slug}/results/"),
        ("public", f"/p/{slug}/"),
        ("questionnaire", f"/r/{world.tokens['started']}/goals/"),
    ):
        page.goto(path)
        page.evaluate(OPEN_DETAILS)
        page.screenshot(path=SHOTS / f"{language}-{name}.png", full_page=True)


def test_report_documents_fit_a_phone(
    new_context: NewContext, live_server: LiveServer, world: World
) -> None:
    """The report and the synthesis as HTML (draft, published, network), which the crawl
    leaves out: a phone opens them from "Read the report" and "Read the synthesis"."""
    problems: list[str] = []
    for language in ("en", "ru", "kk"):
        page = new_context(viewport=VIEWPORT).new_page()
        steps.log_in(page, "alice", ALICE_PASSWORD)
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        ruler = Ruler(page, live_server.url, language, {}, problems)
        editions = Edition.objects.order_by("slug").values_list("slug", flat=True)
        for path in (
            *(f"/editions/{slug}/report.html" for slug in editions),
            f"/p/{world.compared}/v2/{language}/report.html",
            "/networks/ca/synthesis.html",
        ):
            page.goto(path)
            ruler.measure(path)
    assert not problems, f"{len(problems)} documents too wide:\n" + "\n".join(problems)
