"""Secrets in links and headers: long enough that guessing is hopeless, stored only hashed,
looked up by hash, and (for API tokens) rate limited per client address.

Personal links have no attempt limit of their own: with 138 random bits (28
characters without look-alikes, issue 15), a million guesses a second for the age
of the universe finds none. What must
hold is that they are that long, and that the database never holds them.
"""

from __future__ import annotations

import base64
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from scorecard.web.api.models import ApiToken
from scorecard.web.editions.models import Invitation, hash_token
from tests.security.conftest import World, database_state


def random_bits(token: str, prefix: str = "") -> int:
    raw = base64.urlsafe_b64decode(token.removeprefix(prefix) + "=" * (-len(token) % 4))
    return len(raw) * 8


def test_it_makes_personal_links_of_at_least_128_random_bits(world: World) -> None:
    import math

    from scorecard.web.editions.models import TOKEN_ALPHABET

    tokens = world.edition.create_invitations(200)
    assert len(set(tokens)) == 200
    assert all(set(t) <= set(TOKEN_ALPHABET) for t in tokens)
    assert {len(t) * math.log2(len(TOKEN_ALPHABET)) >= 128 for t in tokens} == {True}
    # every letter of the alphabet turns up: the tokens are drawn from all of it
    assert set("".join(tokens)) == set(TOKEN_ALPHABET)


def test_it_makes_api_tokens_of_256_random_bits(world: World) -> None:
    assert {random_bits(t[4:]) for t in world.api_tokens.values()} == {256}


def stored_text() -> str:
    return repr(database_state())


def test_it_stores_no_secret_in_plain_text(world: World) -> None:
    tokens = world.edition.create_invitations(5)
    everything = stored_text()
    for secret in [*tokens, world.token, *world.api_tokens.values()]:
        assert secret not in everything
    assert set(Invitation.objects.values_list("token_hash", flat=True)) >= {
        hash_token(t) for t in tokens
    }


@pytest.mark.parametrize(
    ("path", "secret"),
    [("/r/{token}/", "token"), ("/api/v1/token", "api")],
    ids=["personal link", "API token"],
)
def test_it_looks_secrets_up_by_hash(world: World, path: str, secret: str) -> None:
    plain = world.token if secret == "token" else world.api_tokens["bob"]
    client = Client(headers={"Authorization": f"Bearer {plain}"})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path.format(token=plain))
    assert response.status_code in (200, 302)
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert hash_token(plain) in sql
    assert plain not in sql


@pytest.mark.parametrize(
    "guess",
    ["", "a", "x" * 43, "x" * 101, "%00", "..", "' OR 1=1 --", "\u0430" * 43],
    ids=["empty", "short", "right length", "too long", "nul", "dots", "sql", "cyrillic"],
)
def test_it_answers_a_wrong_personal_link_like_a_revoked_one(world: World, guess: str) -> None:
    revoked = world.edition.create_invitations(1)[0]
    Invitation.find(revoked).revoke()  # type: ignore[union-attr]
    before = database_state()
    wrong = Client().get(f"/r/{guess}/consent/")
    gone = Client().get(f"/r/{revoked}/consent/")
    assert wrong.status_code == gone.status_code == 404
    assert database_state() == before


def test_it_refuses_a_wrong_open_link_key_like_an_unknown_edition(world: World) -> None:
    wrong_key = Client().get("/r/open/kz/not-the-key/")
    no_edition = Client().get("/r/open/nope/not-the-key/")
    assert wrong_key.status_code == no_edition.status_code == 404

    def page(body: bytes) -> bytes:  # the language form: a fresh CSRF token, the current path
        return re.sub(rb'value="[^"]*"', b"", body)

    assert page(wrong_key.content) == page(no_edition.content)


def test_it_rate_limits_bad_api_tokens_per_address(world: World) -> None:
    def attempt(token: str, address: str = "198.51.100.9") -> Any:
        return Client(headers={"Authorization": f"Bearer {token}"}, REMOTE_ADDR=address).get(
            "/api/v1/editions"
        )

    statuses = [attempt(ApiToken.new_key()).status_code for _ in range(12)]
    assert statuses == [401] * 10 + [429] * 2
    assert attempt(world.api_tokens["bob"]).status_code == 429
    assert attempt(world.api_tokens["bob"], "198.51.100.10").status_code == 200


def test_it_rate_limits_behind_a_proxy_by_the_forwarded_address(
    world: World, settings: Any
) -> None:
    settings.SCORECARD_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"

    def attempt(token: str, client_address: str) -> int:
        headers = {"Authorization": f"Bearer {token}", "X-Forwarded-For": client_address}
        return Client(headers=headers, REMOTE_ADDR=proxy).get("/api/v1/editions").status_code

    for _ in range(10):
        assert attempt("psc_wrong", "203.0.113.5") == 401
    assert attempt("psc_wrong", "203.0.113.5") == 429
    assert attempt(world.api_tokens["bob"], "203.0.113.6") == 200  # a neighbour behind the proxy
