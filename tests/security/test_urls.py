"""Every URL pattern of the project, as every persona who must not use it: never a 200.

The patterns are read from Django's resolver, so a new page is covered the day
it is added: an unclassified pattern is treated as coordinator-only, and if it
is meant to be public or open to viewers the failure says to classify it here.

For each pattern, GET and POST are sent by an anonymous visitor, a viewer of
the edition (bob) and the coordinator of another edition (dora); the logged-in
personas also carry an API token with every scope. After every POST they must
not make, every stored row is compared with the state before. A control case
per state-changing action shows that the same POST from the edition's own
coordinator does change something, so the "unchanged" checks are not vacuous.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from scorecard.interop import canonical_rows
from scorecard.report.checks import CHECK_IDS
from scorecard.sample import sample_answers
from scorecard.web.editions.models import Edition
from tests.security.conftest import OPEN_KEY, World, database_state

PUBLIC = {
    "admin:login", "admin_login", "set_language", "accounts:login", "accounts:logout",
    "responses:open", "responses:start", "responses:consent", "responses:profile",
    "responses:goals", "responses:goal", "responses:review", "responses:done",
    "reports:public", "reports:public_version", "reports:public_download", "reports:public_file",
    "api-v1:openapi-json", "api-v1:list_published", "api-v1:published_results",
    "api-v1:not_found", "api-v1:root", "api-v1:api-root",
    # One-click opt-out (RFC 8058): reached from an e-mail, no login; the key is signed.
    "participants:optout",
}  # fmt: skip
LOGGED_IN = {
    "editions:home", "editions:create", "api-v1:token", "api-v1:list_editions", "networks:list",
}  # fmt: skip
MEMBERS = {
    "editions:detail", "editions:results", "editions:download",
    "reports:narrative", "reports:history", "reports:meetings", "reports:draft",
    "api-v1:edition_detail", "api-v1:results", "api-v1:comparison", "api-v1:report",
    "networks:comparison",
}  # fmt: skip
COORDINATORS = {
    "editions:edit", "editions:invite", "editions:links", "editions:revoke",
    "editions:transition", "editions:upload", "editions:import_preview",
    "editions:import_confirm", "editions:import_draft_map", "reports:add_suggestion",
    "reports:publish", "reports:publish_preview", "reports:publish_progress",
    "api-v1:answers_csv", "api-v1:submit", "api-v1:transition", "networks:set_earlier",
    # A network's pages are for its members only: alice, never bob or dora.
    "networks:network", "networks:export",
    "editions:reissue", "editions:identity", "editions:identity_logo",
    "editions:identity_partners", "editions:identity_partner_remove",
    "participants:add", "participants:erase", "participants:import", "participants:invite",
    "participants:list", "participants:mailing", "participants:reissue", "participants:remind",
    "participants:remove", "participants:targets", "participants:templates",
}  # fmt: skip
# POSTs that change state when the edition's coordinator sends them (the controls).
CHANGES = {
    # editions:upload stores nothing in the edition: only the confirmed import does (below).
    "editions:create", "editions:edit", "editions:invite", "editions:revoke",
    "editions:transition", "reports:narrative", "reports:meetings", "reports:add_suggestion",
    "reports:publish", "api-v1:submit", "networks:set_earlier",
}  # fmt: skip
# Actions that only act on an edition in the right state.
PRECONDITION = {"editions:transition": "open", "reports:publish": "validated"}
PERSONAS = ("anonymous", "bob", "dora")
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


@dataclass(frozen=True)
class Page:
    key: str  # namespace:name, or the route for a pattern without a name
    route: str

    @property
    def kind(self) -> str:
        if self.key in PUBLIC:
            return "public"
        if self.key in LOGGED_IN:
            return "logged-in"
        if self.key.startswith("admin:") or self.route.startswith("admin/"):
            return "staff"
        if self.key in MEMBERS:
            return "members"
        return "coordinators"  # COORDINATORS, and anything new until classified


def walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Page]:
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = ":".join(x for x in (namespace, p.namespace or "") if x)
            yield from walk(p.url_patterns, prefix + str(p.pattern), inner)
        elif isinstance(p, URLPattern):
            route = prefix + str(p.pattern)
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield Page(name or route, route)


PAGES = list(walk(get_resolver().url_patterns))


def test_it_classifies_every_pattern_it_knows_of() -> None:
    known = PUBLIC | LOGGED_IN | MEMBERS | COORDINATORS
    keys = {page.key for page in PAGES}
    unclassified = sorted(
        page.key for page in PAGES if page.key not in known and page.kind != "staff"
    )
    assert not unclassified, (
        f"classify these new pages in tests/security/test_urls.py: {unclassified}"
    )
    assert not (known - keys - {"api-v1:root"}), "classified pages that no longer exist"


def values(world: World, page: Page) -> dict[str, str]:
    pk = world.ids["meeting"] if page.key == "reports:add_suggestion" else world.ids["invitation"]
    return {
        "slug": "kz", "a": "kz", "b": "kz", "pk": str(pk), "token": world.token, "goal": "3",
        "key": OPEN_KEY, "version": "1", "fmt": "json" if page.key == "api-v1:report" else "csv",
        "rest": "nothing", "object_id": "1", "content_type_id": "1", "id": str(world.ids["user"]),
        "app_label": "editions", "url": "nothing/", "action": "close", "language": "en",
        "name": "report.json",
    }  # fmt: skip


def url_of(world: World, page: Page) -> str:
    given = values(world, page)

    def fill(match: re.Match[str]) -> str:
        return given[match[1] or match[2]]

    path = "/" + PARAMETER.sub(fill, page.route).replace("^", "").replace("$", "")
    assert resolve(path.split("?")[0]).url_name is not None or page.key == page.route
    return path


def form(world: World, page: Page) -> dict[str, Any]:
    """One POST body with a plausible value for every form field of the project."""
    data = io_csv(world)
    slug = "fresh" if page.key == "editions:create" else "kz"
    return {
        "title": "Taken over", "slug": slug, "country": "Nowhere", "year": "2030",
        "organisation": "x", "goals": ["3", "5"], "languages": ["en"], "status": "closed",
        "count": "3", "context": "Rewritten", "text": "Planted", "decision": "accepted",
        "note": "n", "goal": "3", "date": "2024-06-01", "format": "online", "sector_0": "4",
        "consent": "on", "sector": "NGO", "gender": "Female", "region": "Here",
        "comment": "c", "action": "next", "file": SimpleUploadedFile("a.csv", data),
        "earlier": str(world.ids["earlier"]), "accept": list(CHECK_IDS), "reason": "r",
        **{f"a{i}": "1" for i in range(1, 11)},
    }  # fmt: skip


def io_csv(world: World) -> bytes:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows(canonical_rows(sample_answers(3, seed=42)))
    return out.getvalue().replace("r1,", "planted-1,").encode()


SUBMISSION = {"respondent": "planted", "answers": [{"goal": 3, "scores": [1] * 10}]}


def send(world: World, client: Client, page: Page, method: str) -> Any:
    url = url_of(world, page)
    if method == "GET":
        return client.get(url)
    if page.key == "api-v1:submit":
        return client.post(url, SUBMISSION, content_type="application/json")
    return client.post(url, form(world, page))


def prepare(world: World, page: Page) -> None:
    if status := PRECONDITION.get(page.key):
        Edition.objects.filter(pk=world.edition.pk).update(status=status)


CASES = [
    pytest.param(page, who, method, id=f"{method} {page.key} as {who}")
    for page in PAGES
    for who in PERSONAS
    for method in ("GET", "POST")
]


@pytest.mark.parametrize(("page", "who", "method"), CASES)
def test_it_never_gives_a_persona_what_they_must_not_have(
    world: World, page: Page, who: str, method: str
) -> None:
    prepare(world, page)
    client = world.client(who)
    before = database_state()
    response = send(world, client, page, method)
    assert response.status_code < 500
    forbidden = page.kind != "public" and not (
        (page.kind == "logged-in" and who != "anonymous")
        or (page.kind == "members" and who == "bob")  # a viewer sees; the POST check follows
    )
    if forbidden:
        assert not 200 <= response.status_code < 300, (page, response.status_code)
    if (
        method == "POST"
        and page.kind != "public"
        and not (page.kind == "logged-in" and who != "anonymous")
    ):
        assert database_state() == before, "a forbidden POST changed stored rows"


CONTROLS = [page for page in PAGES if page.key in CHANGES]


@pytest.mark.parametrize("page", CONTROLS, ids=[p.key for p in CONTROLS])
def test_it_lets_the_editions_coordinator_do_what_the_others_cannot(
    world: World, page: Page
) -> None:
    prepare(world, page)
    before = database_state()
    response = send(world, world.client("alice"), page, "POST")
    assert response.status_code < 400, response.content[:300]
    assert database_state() != before, f"the control POST to {page.key} changed nothing"


def test_it_covers_every_pattern_with_every_persona() -> None:
    assert len(CASES) == len(PAGES) * len(PERSONAS) * 2
    assert {page.key for page in CONTROLS} == CHANGES
