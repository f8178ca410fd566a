"""A small but complete world for the security tests, and a snapshot of every stored row.

Edition ``kz`` has answers, a personal link, an open link, a meeting with a
suggestion, narrative, a published version, an earlier edition and a regional
network (slug ``kz`` too): every page of the project has something to show.
alice coordinates it, bob views it, dora coordinates another edition (``uz``);
each persona is logged in and also sends an API token.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission, User
from django.test import Client

from scorecard.sample import sample_answers
from scorecard.web.api.models import ApiToken, Scope
from scorecard.web.editions.models import Edition, Role
from scorecard.web.networks.models import Network, NetworkRole
from scorecard.web.reports.convert import snapshot
from scorecard.web.reports.models import Meeting, NarrativeVersion, PublishedReport, Suggestion
from scorecard.web.responses.models import Respondent
from scorecard.web.responses.store import import_answers

OPEN_KEY = "k" * 43
# Rows that change on every request by design: sessions, rate-limit counters, last-use times.
VOLATILE_MODELS = {
    "sessions.session", "api.authfailure", "responses.openlinkcounter", "accounts.loginfailure",
}  # fmt: skip
VOLATILE_FIELDS = {"last_login", "last_used"}


@dataclass
class World:
    edition: Edition
    other: Edition
    token: str  # a personal link of kz
    users: dict[str, User] = field(default_factory=dict)
    api_tokens: dict[str, str] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)

    def client(self, who: str) -> Client:
        """Logged in and carrying an API token; "anonymous" has neither."""
        if who == "anonymous":
            return Client()
        client = Client(headers={"Authorization": f"Bearer {self.api_tokens[who]}"})
        client.force_login(self.users[who])
        return client


def make_user(name: str, *roles: tuple[Edition, str]) -> User:
    person = User.objects.create(username=name)
    for edition, kind in roles:
        Role.objects.create(user=person, edition=edition, kind=kind)
    return person


@pytest.fixture
def world(db: None) -> World:
    kz = Edition.objects.create(
        slug="kz", title="PSC Kazakhstan", country="Kazakhstan", year=2024,
        goals=list(range(1, 18)), status="open", languages=["en", "ru"],
        open_link=True, open_link_token=OPEN_KEY,
    )  # fmt: skip
    import_answers(kz, sample_answers(6, seed=3))
    other = Edition.objects.create(
        slug="uz", title="PSC Uzbekistan", country="Uzbekistan", year=2024, goals=[3, 5],
        status="open",
    )  # fmt: skip
    w = World(kz, other, kz.create_invitations(1)[0])
    w.users = {
        "alice": make_user("alice", (kz, "coordinator")),
        "bob": make_user("bob", (kz, "viewer")),
        "dora": make_user("dora", (other, "coordinator")),
    }
    # alice may also create editions (the control POST to editions:create); bob and dora not.
    w.users["alice"].user_permissions.add(
        Permission.objects.get(content_type__app_label="editions", codename="create_edition")
    )
    for name, person in w.users.items():
        w.api_tokens[name] = ApiToken.issue(person, Scope.values, name)
    NarrativeVersion.objects.create(edition=kz, key="context", text="Context")
    meeting = Meeting.objects.create(
        edition=kz, date=datetime.date(2024, 5, 2), format="online", title="Goal 16",
        participants=[["NGO", 3]], goals=[16],
    )  # fmt: skip
    Suggestion.objects.create(meeting=meeting, text="Add a law", decision="accepted")
    PublishedReport.objects.create(edition=kz, version=1, **snapshot(kz))
    # Last year's edition (alice may compare with it) and a regional network of alice's.
    earlier = Edition.objects.create(
        slug="kz-2023", title="PSC Kazakhstan 2023", country="Kazakhstan", year=2023,
        status="closed",
    )  # fmt: skip
    Role.objects.create(user=w.users["alice"], edition=earlier, kind="coordinator")
    network = Network.objects.create(slug="kz", name="Central Asia network")
    network.editions.add(kz)
    NetworkRole.objects.create(user=w.users["alice"], network=network, kind="coordinator")
    invitation = kz.invitations.get()
    Respondent.objects.create(edition=kz, invitation=invitation, consent_at=kz.created)
    w.ids = {
        "meeting": meeting.pk, "invitation": invitation.pk, "user": w.users["bob"].pk,
        "earlier": earlier.pk,
    }  # fmt: skip
    return w


def database_state() -> dict[str, list[dict[str, Any]]]:
    """Every stored row of every model, except what changes on any request by design."""
    state = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in VOLATILE_MODELS:
            continue
        rows = list(model._default_manager.order_by("pk").values())
        state[label] = [{k: v for k, v in r.items() if k not in VOLATILE_FIELDS} for r in rows]
    return state
