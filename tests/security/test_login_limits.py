"""Login limits count failures only: per account with back-off, per address much higher.

An office of coordinators behind one address logs in all day; one account's
wrong guesses make that account wait, never its neighbours; guessing one
account from many addresses is slowed as much as from one.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from scorecard.web.accounts import limits
from scorecard.web.accounts.models import LoginFailure

OFFICE = "203.0.113.7"
START = 1_800_000_000.0  # a fixed clock, on an hour boundary


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    moved = Clock()
    monkeypatch.setattr(limits, "now", moved)
    return moved


@pytest.fixture
def people(db: None, settings: Any) -> dict[str, str]:
    settings.SCORECARD_LOGIN_ACCOUNT_FAILURES = 5
    settings.SCORECARD_LOGIN_FIRST_WAIT_SECONDS = 60
    settings.SCORECARD_LOGIN_MAX_WAIT_SECONDS = 3600
    settings.SCORECARD_LOGIN_FAILURES_PER_ADDRESS = 100
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests
    passwords = {name: f"{name}-secret-pw" for name in ("alice", "bob", "carol")}
    for name, password in passwords.items():
        User.objects.create_user(name, password=password, is_staff=True, is_superuser=True)
    return passwords


def attempt(user: str, password: str, address: str = OFFICE, path: str = "/accounts/login/") -> int:
    client = Client(REMOTE_ADDR=address)
    return client.post(path, {"username": user, "password": password}).status_code


def test_an_office_logging_in_all_day_is_never_locked_out(
    people: dict[str, str], clock: Clock
) -> None:
    for i in range(30):
        name = ("alice", "bob", "carol")[i % 3]
        assert attempt(name, people[name]) == 302
    assert LoginFailure.objects.count() == 0


def test_one_locked_account_never_blocks_another_behind_the_same_address(
    people: dict[str, str], clock: Clock
) -> None:
    codes = [attempt("alice", f"guess-{i}") for i in range(6)]
    assert codes == [200] * 5 + [429]
    # Even alice's right password waits now: a guesser learns nothing.
    assert attempt("alice", people["alice"]) == 429
    assert attempt("bob", people["bob"]) == 302
    assert attempt("carol", people["carol"], path="/admin/login/") == 302


def test_the_refusal_says_when_to_try_again(people: dict[str, str], clock: Clock) -> None:
    for i in range(5):
        attempt("alice", f"guess-{i}")
    clock.now += 15
    response = Client(REMOTE_ADDR=OFFICE).post(
        "/accounts/login/", {"username": "alice", "password": "x"}
    )
    assert response.status_code == 429
    assert response["Retry-After"] == "45"
    assert "Please try again in 1 min." in response.content.decode()


def test_one_account_guessed_from_many_addresses_is_slowed(
    people: dict[str, str], clock: Clock, settings: Any
) -> None:
    settings.SCORECARD_TRUSTED_PROXY_COUNT = 1

    def guess(i: int) -> Any:
        # Behind one proxy: the address the proxy saw, a new one for every guess.
        client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
        return client.post("/accounts/login/", {"username": "Alice", "password": f"guess-{i}"})

    assert [guess(i).status_code for i in range(5)] == [200] * 5
    # The account waits, whatever the address (and the case): 1 minute after the fifth
    # failure, then 2, 4... capped at an hour.
    waits = []
    for i in range(5, 13):
        refused = guess(i)
        assert refused.status_code == 429
        wait = int(refused["Retry-After"])
        waits.append(wait)
        clock.now += wait - 1
        assert guess(i).status_code == 429
        clock.now += 1
        assert guess(i).status_code == 200
    assert waits == [60, 120, 240, 480, 960, 1920, 3600, 3600]
    assert limits.account_wait(5) == 60
    assert limits.account_wait(50) == 3600
    # The same from REMOTE_ADDR alone, without a proxy.
    settings.SCORECARD_TRUSTED_PROXY_COUNT = 0
    assert attempt("alice", "guess", address="192.0.2.99") == 429


def test_a_success_resets_its_accounts_count(people: dict[str, str], clock: Clock) -> None:
    for i in range(4):
        assert attempt("alice", f"guess-{i}") == 200
    assert attempt("alice", people["alice"]) == 302
    # Four failures forgotten: five more are free before any wait.
    assert [attempt("alice", f"again-{i}") for i in range(6)] == [200] * 5 + [429]


def test_an_address_has_a_higher_limit_of_its_own(
    people: dict[str, str], clock: Clock, settings: Any
) -> None:
    settings.SCORECARD_LOGIN_FAILURES_PER_ADDRESS = 8
    # A sprayer tries a few accounts each, never enough to make one account wait.
    codes = [attempt(f"user-{i}", "password1") for i in range(9)]
    assert codes == [200] * 8 + [429]
    response = Client(REMOTE_ADDR=OFFICE).post(
        "/accounts/login/", {"username": "bob", "password": people["bob"]}
    )
    assert response.status_code == 429
    assert "from your address" in response.content.decode()
    assert attempt("bob", people["bob"], address="192.0.2.1") == 302  # elsewhere, fine
    clock.now += 3600  # the next hour
    assert attempt("bob", people["bob"]) == 302


def test_failures_are_counted_without_storing_names_or_addresses(
    people: dict[str, str], clock: Clock
) -> None:
    attempt("alice", "wrong")
    stored = " ".join(f"{row.client} {row.hour}" for row in LoginFailure.objects.all())
    assert LoginFailure.objects.count() == 2  # the account and the address
    assert "alice" not in stored
    assert OFFICE not in stored
