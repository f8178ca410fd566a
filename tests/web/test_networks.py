"""Comparison with an earlier edition and the network synthesis, through the workspace."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client

from scorecard.analysis import analyse
from scorecard.analysis.compare import compare
from scorecard.analysis.network import synthesise
from scorecard.web.editions.models import Edition, Role
from scorecard.web.networks.models import Comparable, Network, NetworkRole
from scorecard.web.responses.models import GoalAnswer
from scorecard.web.responses.store import load_answers
from tests.web.personas import persona
from tests.web.publishing import publish_now
from tests.web.samples import stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair() -> tuple[Edition, Edition]:
    return stored("Kazakhstan", 2022), stored("Kazakhstan", 2023)


def test_it_compares_with_the_declared_earlier_edition(pair: tuple[Edition, Edition]) -> None:
    before, after = pair
    alice = persona("alice", after, "coordinator")
    Role.objects.create(user=alice_user(), edition=before, kind="viewer")
    alice.post(f"/editions/{after.slug}/compare/earlier/", {"earlier": before.pk})
    assert Comparable.objects.get(edition=after).earlier == before
    page = alice.get(f"/editions/{after.slug}/compare/").content.decode()
    expected = compare(
        analyse(load_answers(before), before.core()), analyse(load_answers(after), after.core()),
        answers=[load_answers(before), load_answers(after)],
    ).pairs[0]  # fmt: skip
    for change in expected.goals:
        if change.points is not None:
            assert f"{float(change.points):.1f}" in page
    report = alice.get(f"/editions/{after.slug}/report.json").content
    assert "comparison" in json.loads(report)


def alice_user() -> User:
    return User.objects.get(username="alice")


def test_it_refuses_comparisons_with_editions_the_user_cannot_see(
    pair: tuple[Edition, Edition],
) -> None:
    before, after = pair
    alice = persona("alice", after, "coordinator")
    bob = persona("bob", after, "viewer")
    assert (
        alice.post(f"/editions/{after.slug}/compare/earlier/", {"earlier": before.pk}).status_code
        == 404
    )
    assert (
        bob.post(f"/editions/{after.slug}/compare/earlier/", {"earlier": before.pk}).status_code
        == 403
    )
    assert persona("charlie").get(f"/editions/{after.slug}/compare/").status_code == 404
    assert not Comparable.objects.exists()


def test_it_freezes_the_comparison_in_a_published_report(pair: tuple[Edition, Edition]) -> None:
    before, after = pair
    Comparable.objects.create(edition=after, earlier=before)
    alice = persona("alice", after, "coordinator")
    # The live comparison needs a role on the earlier edition too (checked when read).
    Role.objects.create(user=User.objects.get(username="alice"), edition=before, kind="viewer")
    publish_now(after)
    url = f"/p/{after.slug}/v1/en/report.json"
    first = json.loads(Client().get(url).content)["comparison"]
    GoalAnswer.objects.filter(respondent__edition=before).update(a1=5, a2=5, a3=5)
    again = json.loads(Client().get(url).content)["comparison"]
    assert again == first
    live = json.loads(alice.get(f"/editions/{after.slug}/report.json").content)["comparison"]
    assert live != first


def test_it_shows_a_network_synthesis_to_its_members_only() -> None:
    editions = [stored(c, 2022) for c in ("Kazakhstan", "Kyrgyzstan", "Uzbekistan")]
    network = Network.objects.create(slug="central-asia", name="Central Asia CSO network")
    network.editions.set(editions)
    alice = persona("alice")
    NetworkRole.objects.create(
        user=User.objects.get(username="alice"), network=network, kind="coordinator"
    )
    ordered = sorted(editions, key=lambda e: e.country)
    expected = synthesise([(e.country, analyse(load_answers(e), e.core())) for e in ordered])
    data = json.loads(alice.get("/networks/central-asia/synthesis.json").content)
    assert data["lowest_everywhere"] == expected.to_json()["lowest_everywhere"]
    assert [c["label"] for c in data["countries"]] == ["Kazakhstan", "Kyrgyzstan", "Uzbekistan"]
    page = alice.get("/networks/central-asia/").content.decode()
    assert "Central Asia CSO network" in page
    assert persona("charlie").get("/networks/central-asia/").status_code == 404
    assert persona("dora").get("/networks/central-asia/synthesis.json").status_code == 404


def test_editions_and_networks_share_one_role_model() -> None:
    from io import StringIO

    from django.core.management import call_command

    from scorecard.web.editions.models import Membership

    assert issubclass(Role, Membership)
    assert issubclass(NetworkRole, Membership)
    network = Network.objects.create(slug="ca", name="Central Asia")
    edition = stored("Kazakhstan", 2023)
    viewer = User.objects.create_user("vera")
    boss = User.objects.create_superuser("root")
    NetworkRole.objects.create(user=viewer, network=network, kind=NetworkRole.Kind.VIEWER)
    Role.objects.create(user=viewer, edition=edition, kind=Role.Kind.COORDINATOR)
    assert network.role_of(viewer) == "viewer"
    assert edition.role_of(viewer) == "coordinator"
    assert network.role_of(boss) == edition.role_of(boss) == "coordinator"
    assert network.role_of(User.objects.create_user("nobody")) is None
    # The shared base changes no table: existing rows are the same rows.
    out = StringIO()
    call_command("makemigrations", "editions", "networks", check=True, dry_run=True, stdout=out)
    assert "No changes detected" in out.getvalue()
