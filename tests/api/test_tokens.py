"""API tokens: issued once, stored hashed, scoped, revocable, and not guessable by brute force."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.fixtures import Settings

from scorecard.web.api import throttle
from scorecard.web.api.models import ApiToken, AuthFailure
from scorecard.web.editions.models import hash_token
from tests.api.conftest import World

TOKEN = "/api/v1/token"


def bearer(token: str, address: str = "127.0.0.1") -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"}, REMOTE_ADDR=address)


def test_it_issues_a_256_bit_token_and_keeps_only_its_hash(db: None) -> None:
    alice = User.objects.create(username="alice")
    plain = ApiToken.issue(alice, ["read_results", "read_results"], "dashboard")
    assert re.fullmatch(r"psc_[A-Za-z0-9_-]{43}", plain)
    token = ApiToken.objects.get()
    assert token.key_hash == hash_token(plain)
    assert token.prefix == plain[:12]
    assert token.scopes == ["read_results"]
    assert plain not in str(list(ApiToken.objects.values_list()))
    assert ApiToken.issue(alice, ["read_results"], "again") != plain


@pytest.mark.parametrize("scopes", [[], ["admin"], ["read_results", "superuser"]])
def test_it_refuses_unknown_scopes(db: None, scopes: list[str]) -> None:
    with pytest.raises(ValueError, match="scopes must be"):
        ApiToken.issue(User.objects.create(username="x"), scopes, "bad")
    assert not ApiToken.objects.exists()


def test_it_finds_tokens_by_hash_only(world: World) -> None:
    plain = world.tokens["alice"]
    with CaptureQueriesContext(connection) as queries:
        assert ApiToken.find(plain) is not None
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert hash_token(plain) in sql
    assert plain not in sql


def test_it_tells_a_token_who_it_is(world: World) -> None:
    body = bearer(world.tokens["alice-read"]).get(TOKEN).json()
    assert body["name"] == "dashboard"
    assert body["user"] == "alice"
    assert body["scopes"] == ["read_results"]
    assert body["prefix"] == world.tokens["alice-read"][:12]


def test_it_stops_a_token_once_revoked_or_its_user_is_inactive(world: World) -> None:
    client = bearer(world.tokens["bob"])
    assert client.get(TOKEN).status_code == 200
    User.objects.filter(username="bob").update(is_active=False)
    assert client.get(TOKEN).status_code == 401
    User.objects.filter(username="bob").update(is_active=True)
    ApiToken.objects.get(user__username="bob").revoke()
    assert client.get(TOKEN).status_code == 401


def test_it_records_when_a_token_was_last_used_without_a_write_per_request(world: World) -> None:
    token = ApiToken.objects.get(user__username="bob")
    assert token.last_used is None
    client = bearer(world.tokens["bob"])
    client.get(TOKEN)
    token.refresh_from_db()
    first = token.last_used
    assert first is not None
    client.get(TOKEN)
    token.refresh_from_db()
    assert token.last_used == first  # within a minute: not written again
    ApiToken.objects.filter(pk=token.pk).update(last_used=first - timedelta(minutes=2))
    client.get(TOKEN)
    token.refresh_from_db()
    assert token.last_used is not None
    assert token.last_used > first - timedelta(minutes=1)


@pytest.mark.parametrize(
    "header",
    ["Bearer", "Bearer ", "Basic YWxpY2U6cHc=", "Token abc", "Bearer " + "x" * 5000, "bearer psc_"],
)
def test_it_refuses_malformed_authorization_headers(world: World, header: str) -> None:
    response = Client(headers={"Authorization": header}).get(TOKEN)
    assert response.status_code == 401
    assert response.json() == {"detail": "Send a valid token: Authorization: Bearer <token>."}


def test_it_blocks_an_address_after_ten_bad_tokens(world: World) -> None:
    for i in range(10):
        assert bearer(f"psc_guess{i}").get(TOKEN).status_code == 401
    blocked = bearer("psc_guess-eleven").get(TOKEN)
    assert blocked.status_code == 429
    assert blocked.json() == {"detail": "Too many bad tokens from this address; try again later."}
    assert 0 < int(blocked["Retry-After"]) <= 2 * throttle.SLOT_SECONDS + 1
    # While blocked, a good token from that address is refused too: no oracle for guesses.
    assert bearer(world.tokens["alice"]).get(TOKEN).status_code == 429
    # Other addresses are not affected, and blocked attempts were not counted.
    assert bearer(world.tokens["alice"], "10.0.0.7").get(TOKEN).status_code == 200
    assert sum(AuthFailure.objects.values_list("hits", flat=True)) == 10
    # Requests without a token are not guesses: they are refused without counting.
    assert Client(REMOTE_ADDR="10.0.0.8").get(TOKEN).status_code == 401
    assert AuthFailure.objects.count() == 1


def test_it_keeps_the_counts_in_the_database_hashed(world: World) -> None:
    for _ in range(3):
        bearer("psc_wrong", "192.0.2.33").get(TOKEN)
    row = AuthFailure.objects.get()
    assert row.hits == 3
    assert "192.0.2.33" not in row.client
    assert len(row.client) == 64


def test_it_counts_ipv6_clients_by_their_64_network(world: World) -> None:
    for i in range(10):
        bearer("psc_wrong", f"2001:db8:1:2::{i + 1}").get(TOKEN)
    assert bearer(world.tokens["alice"], "2001:db8:1:2::ff").get(TOKEN).status_code == 429
    assert bearer(world.tokens["alice"], "2001:db8:1:3::1").get(TOKEN).status_code == 200


def test_it_lets_the_address_try_again_once_the_failures_age_out(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = 1_800_000_000.0 - 1_800_000_000.0 % throttle.SLOT_SECONDS + 5  # early in a slot
    monkeypatch.setattr(throttle, "now", lambda: now)
    for _ in range(10):
        bearer("psc_wrong").get(TOKEN)
    assert bearer(world.tokens["alice"]).get(TOKEN).status_code == 429
    # Next slot: the previous slot's 10 still count (a sliding ten minutes) ...
    monkeypatch.setattr(throttle, "now", lambda: now + throttle.SLOT_SECONDS)
    assert bearer(world.tokens["alice"]).get(TOKEN).status_code == 429
    # ... and two slots later they no longer do.
    monkeypatch.setattr(throttle, "now", lambda: now + 2 * throttle.SLOT_SECONDS)
    assert bearer(world.tokens["alice"]).get(TOKEN).status_code == 200


def test_it_takes_the_limit_from_the_settings(world: World, settings: Settings) -> None:
    settings.SCORECARD_API_AUTH_FAILURES = 2
    for _ in range(2):
        assert bearer("psc_wrong").get(TOKEN).status_code == 401
    assert bearer("psc_wrong").get(TOKEN).status_code == 429


def test_it_drops_old_counts(world: World) -> None:
    AuthFailure.objects.create(client="x" * 64, slot=1, hits=5)
    bearer("psc_wrong").get(TOKEN)
    assert not AuthFailure.objects.filter(slot=1).exists()


def test_it_lets_a_superuser_issue_and_revoke_tokens_in_the_admin(world: World) -> None:
    root = User.objects.create_superuser("root", password="root-secret-pw")
    admin = Client()
    admin.force_login(root)
    bob = User.objects.get(username="bob")
    response = admin.post(
        "/admin/api/apitoken/add/",
        {"user": bob.pk, "name": "kobo bridge", "scopes": ["submit_answers", "read_results"]},
        follow=True,
    )
    assert response.status_code == 200
    shown = re.search(r"psc_[A-Za-z0-9_-]{43}", response.content.decode())
    assert shown is not None
    token = ApiToken.objects.get(name="kobo bridge")
    assert token.key_hash == hash_token(shown[0])
    assert token.scopes == ["read_results", "submit_answers"]
    assert bearer(shown[0]).get(TOKEN).json()["user"] == "bob"
    # The change page never shows the secret again.
    page = admin.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()
    assert shown[0] not in page
    assert token.key_hash not in page
    admin.post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked is not None
    assert token.revoked <= timezone.now()
    assert bearer(shown[0]).get(TOKEN).status_code == 401
