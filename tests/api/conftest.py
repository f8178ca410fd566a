"""Editions and token personas for the API tests.

As in tests/web/personas.py: alice coordinates ``kz`` (and last year's ``kz-2023``),
bob views ``kz``, charlie is an outsider, dora coordinates another country's
edition. Each persona holds a token with every scope; ``alice-read`` and
``alice-submit`` hold one scope each, ``revoked`` is alice's revoked token,
``bogus`` a well-formed token nobody issued, and ``none`` sends no header.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import User
from django.test import Client

from scorecard.sample import sample_answers
from scorecard.web.api.models import ApiToken, Scope
from scorecard.web.editions.models import Edition, Role
from scorecard.web.responses.models import GoalAnswer, Respondent
from scorecard.web.responses.store import import_answers

ALL_SCOPES = tuple(Scope.values)
PERSONAS = ("alice", "bob", "charlie", "dora", "alice-read", "alice-submit", "revoked", "bogus")


@dataclass
class World:
    edition: Edition
    previous: Edition
    other: Edition
    tokens: dict[str, str] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def client(self, who: str) -> Client:
        """A test client that sends this persona's token ("none": no header at all)."""
        if who == "none":
            return Client()
        return Client(headers={"Authorization": f"Bearer {self.tokens[who]}"})


def make_edition(
    slug: str, year: int, goals: list[int] | None = None, status: str = "open"
) -> Edition:
    return Edition.objects.create(
        slug=slug, title=f"PSC {slug}", country="Kazakhstan", year=year,
        goals=goals or list(range(1, 18)), status=status, languages=["en", "ru"],
    )  # fmt: skip


def user(name: str, *roles: tuple[Edition, str]) -> User:
    person = User.objects.create(username=name)  # no password: tokens and force_login need none
    for edition, kind in roles:
        Role.objects.create(user=person, edition=edition, kind=kind)
    return person


@pytest.fixture
def world(db: None) -> World:
    kz = make_edition("kz", 2024)
    import_answers(kz, sample_answers(30, seed=11))
    previous = make_edition("kz-2023", 2023)
    import_answers(previous, sample_answers(25, seed=7))
    previous.transition("close")
    other = make_edition("uz", 2024, goals=[3, 5])
    w = World(kz, previous, other)
    w.users = {
        "alice": user("alice", (kz, "coordinator"), (previous, "coordinator")),
        "bob": user("bob", (kz, "viewer")),
        "charlie": user("charlie"),
        "dora": user("dora", (other, "coordinator")),
    }
    for name, person in w.users.items():
        w.tokens[name] = ApiToken.issue(person, ALL_SCOPES, f"{name}'s gateway")
    alice = w.users["alice"]
    w.tokens["alice-read"] = ApiToken.issue(alice, [Scope.READ_RESULTS], "dashboard")
    w.tokens["alice-submit"] = ApiToken.issue(alice, [Scope.SUBMIT_ANSWERS], "sms gateway")
    w.tokens["revoked"] = ApiToken.issue(alice, ALL_SCOPES, "old")
    ApiToken.objects.get(name="old").revoke()
    w.tokens["bogus"] = ApiToken.new_key()
    return w


def snapshot() -> list[tuple[object, ...]]:
    """Every stored respondent and answer, to show that a refused request stored nothing."""
    people = Respondent.objects.order_by("pk").values_list()
    answers = GoalAnswer.objects.order_by("pk").values_list()
    return [*people, *answers]


def submission(respondent: str = "sms-0001", **changes: object) -> dict[str, object]:
    """A valid gateway request for SDG 3 and 5; ``changes`` replace top-level fields."""
    body: dict[str, object] = {
        "respondent": respondent,
        "sector": "NGO",
        "gender": "Female",
        "age": 41,
        "region": "Almaty",
        "answers": [
            {"goal": 3, "scores": [2, 3, None, -1, 0, 5, -5, 1, 1, 2], "comment": "Clinics far"},
            {"goal": 5, "scores": [1] * 10},
        ],
    }
    return {**body, **changes}
