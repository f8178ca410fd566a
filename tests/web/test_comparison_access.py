"""The earlier edition's figures reach only people who may read that edition, when they read.

Two ways to lose access: never having a role on the earlier edition (another coordinator
linked it), and a role removed after the link was made. Web page, draft report and API.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils.html import escape

from scorecard.analysis import analyse
from scorecard.analysis.compare import compare
from scorecard.web.api.models import ApiToken, Scope
from scorecard.web.editions.models import Edition, Role
from scorecard.web.networks.logic import earlier_for
from scorecard.web.networks.models import Comparable, Network, NetworkRole
from scorecard.web.reports.convert import draft_input
from scorecard.web.responses.store import load_answers
from tests.web.samples import stored

pytestmark = pytest.mark.django_db
HIDDEN = "not available to you"


@pytest.fixture
def pair() -> tuple[Edition, Edition]:
    """kz 2023 compared with kz 2022; alice coordinates both, bob views 2023 only."""
    before, after = stored("Kazakhstan", 2022), stored("Kazakhstan", 2023)
    alice = User.objects.create_user("alice")
    bob = User.objects.create_user("bob")
    Role.objects.create(user=alice, edition=before, kind="coordinator")
    Role.objects.create(user=alice, edition=after, kind="coordinator")
    Role.objects.create(user=bob, edition=after, kind="viewer")
    Comparable.objects.create(edition=after, earlier=before)
    return before, after


def logged_in(name: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=name))
    return client


def api(name: str) -> Client:
    token = ApiToken.issue(User.objects.get(username=name), Scope.values, name)
    return Client(headers={"Authorization": f"Bearer {token}"})


def changes(before: Edition, after: Edition) -> list[str]:
    """The per-goal changes the comparison page prints (one decimal)."""
    found = compare(
        analyse(load_answers(before), before.core()), analyse(load_answers(after), after.core()),
        answers=[load_answers(before), load_answers(after)],
    ).pairs[0]  # fmt: skip
    return [f"{float(c.points):.1f}" for c in found.goals if c.points is not None]


def cut_off(variant: str, before: Edition) -> str:
    """Who must not see the earlier edition: bob never could; alice lost her role on it."""
    if variant == "never":
        return "bob"
    remove_role("alice", before)
    return "alice"


def remove_role(name: str, edition: Edition) -> None:
    Role.objects.filter(user__username=name, edition=edition).delete()


def assert_comparison_hidden(client: Client, before: Edition, after: Edition) -> None:
    assert client.get(f"/editions/{before.slug}/").status_code == 404
    page = client.get(f"/editions/{after.slug}/compare/")
    assert page.status_code == 200
    text = page.content.decode()
    assert HIDDEN in text
    assert escape(before.title) not in text
    assert "<table" not in text  # no per-goal figures at all


def test_the_coordinator_of_both_sees_the_comparison(pair: tuple[Edition, Edition]) -> None:
    before, after = pair
    text = logged_in("alice").get(f"/editions/{after.slug}/compare/").content.decode()
    assert HIDDEN not in text
    for change in changes(before, after):
        assert change in text


def test_a_viewer_who_never_had_a_role_on_the_earlier_edition_sees_none_of_it(
    pair: tuple[Edition, Edition],
) -> None:
    before, after = pair
    assert_comparison_hidden(logged_in("bob"), before, after)


def test_a_role_removed_after_the_link_was_made_hides_the_comparison(
    pair: tuple[Edition, Edition],
) -> None:
    before, after = pair
    remove_role("alice", before)
    alice = logged_in("alice")
    assert_comparison_hidden(alice, before, after)
    # alice still coordinates the later edition: the link stays, her choices do not offer it.
    assert Comparable.objects.get(edition=after).earlier == before
    page = alice.get(f"/editions/{after.slug}/compare/").content.decode()
    assert f'value="{before.pk}"' not in page


@pytest.mark.parametrize("variant", ["never", "removed"])
def test_the_draft_report_leaves_the_comparison_out(
    pair: tuple[Edition, Edition], variant: str
) -> None:
    before, after = pair
    name = cut_off(variant, before)
    reader = User.objects.get(username=name)
    assert draft_input(after, "en", reader).comparison is None
    assert earlier_for(after, reader) == (None, True)
    # The system (publishing, CLI) and a reader who may read both still get it.
    assert draft_input(after, "en").comparison is not None
    Role.objects.get_or_create(user=reader, edition=before, defaults={"kind": "viewer"})
    assert draft_input(after, "en", reader).comparison is not None


def test_only_readable_editions_may_be_chosen_as_earlier(pair: tuple[Edition, Edition]) -> None:
    before, after = pair
    remove_role("alice", before)
    Comparable.objects.all().delete()
    alice = logged_in("alice")
    response = alice.post(f"/editions/{after.slug}/compare/earlier/", {"earlier": before.pk})
    assert response.status_code == 404
    assert not Comparable.objects.exists()


@pytest.mark.parametrize("variant", ["never", "removed"])
def test_the_api_comparison_needs_both_editions(
    pair: tuple[Edition, Edition], variant: str
) -> None:
    before, after = pair
    name = "bob" if variant == "never" else "alice"
    client = api(name)
    if variant == "removed":
        assert client.get(f"/api/v1/editions/{before.slug}/compare/{after.slug}").status_code == 200
        remove_role("alice", before)
    response = client.get(f"/api/v1/editions/{before.slug}/compare/{after.slug}")
    assert response.status_code == 404
    assert "goals" not in response.content.decode()
    assert client.get(f"/api/v1/editions/{after.slug}/results").status_code == 200


def test_the_network_page_lists_only_editions_the_member_may_read(
    pair: tuple[Edition, Edition],
) -> None:
    before, after = pair
    network = Network.objects.create(slug="ca", name="Central Asia")
    network.editions.add(before, after)
    NetworkRole.objects.create(
        user=User.objects.get(username="bob"), network=network, kind="viewer"
    )
    text = logged_in("bob").get("/networks/ca/").content.decode()
    assert escape(after.title) in text
    assert escape(before.title) not in text


@pytest.mark.parametrize("variant", ["never", "removed"])
def test_draft_report_downloads_and_the_preview_leave_it_out(
    pair: tuple[Edition, Edition], variant: str
) -> None:
    """Every page that renders the draft: the workspace download, the API's, the preview."""
    import json

    before, after = pair
    name = cut_off(variant, before)
    web = json.loads(logged_in(name).get(f"/editions/{after.slug}/report.json").content)
    assert web.get("comparison") is None
    by_api = json.loads(api(name).get(f"/api/v1/editions/{after.slug}/report.json").content)
    assert by_api.get("comparison") is None
    carol = User.objects.create_user("carol")
    for edition in (before, after):
        Role.objects.create(user=carol, edition=edition, kind="viewer")
    both = json.loads(logged_in("carol").get(f"/editions/{after.slug}/report.json").content)
    assert both.get("comparison") is not None
