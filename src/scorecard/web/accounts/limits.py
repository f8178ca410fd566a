"""Limits on failed logins (workspace and admin), so passwords cannot be guessed at speed.

Only failures count, in two ways:

- per account (the username as typed, case-insensitive): after
  ``SCORECARD_LOGIN_ACCOUNT_FAILURES`` failures in 24 hours each further attempt
  waits, from the latest failure, ``SCORECARD_LOGIN_FIRST_WAIT_SECONDS`` doubled
  for every failure past the free ones, up to ``SCORECARD_LOGIN_MAX_WAIT_SECONDS``.
  Guessing one account's password from many addresses is slowed as much as from
  one, and a successful login clears that account's failures;
- per client address (its /64 for IPv6, behind ``SCORECARD_TRUSTED_PROXY_COUNT``
  proxies): ``SCORECARD_LOGIN_FAILURES_PER_ADDRESS`` failures per clock hour, a
  limit high enough for an office of coordinators behind one address, where one
  locked account never blocks another.

While an account or an address waits, every attempt is refused without checking
the password, the right one included, so a guesser learns nothing; refused
attempts are not counted. Checking and counting are separate statements, so
attempts already in flight when a limit is reached still count.
"""

from __future__ import annotations

import math
import time
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from scorecard.web.accounts.models import LoginFailure
from scorecard.web.responses.ratelimit import client_network, count_hit

HOUR = 3600
ACCOUNT_HOURS = 24  # an account's failures are remembered this long
MAX_DOUBLINGS = 32  # keeps 2**n small; the wait is capped long before


def now() -> float:
    """The clock, in one place so tests can move it."""
    return time.time()


@dataclass(frozen=True)
class Refusal:
    retry_after: int  # seconds
    account: bool  # True: this account waits; False: this address used its hour

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


def account_name(username: str) -> str:
    """The name as the login form reads it (NFKC, outer spaces gone), in one case."""
    return unicodedata.normalize("NFKC", username).strip().casefold()


def _account_key(username: str) -> str | None:
    name = account_name(username)
    if not name:
        return None
    return salted_hmac("scorecard.login.account", name, algorithm="sha256").hexdigest()


def _address_key(request: HttpRequest) -> str:
    return salted_hmac(
        "scorecard.login.address", client_network(request), algorithm="sha256"
    ).hexdigest()


def account_wait(failures: int) -> int:
    """Seconds an account waits after its latest failure, with ``failures`` in 24 hours."""
    free = int(settings.SCORECARD_LOGIN_ACCOUNT_FAILURES)
    if failures < free:
        return 0
    first = int(settings.SCORECARD_LOGIN_FIRST_WAIT_SECONDS)
    longest = int(settings.SCORECARD_LOGIN_MAX_WAIT_SECONDS)
    return int(min(first * 2 ** min(failures - free, MAX_DOUBLINGS), longest))


def refusal(request: HttpRequest, username: str) -> Refusal | None:
    """Why this attempt must wait, and how long; None when it may go ahead. One query."""
    moment = now()
    hour = int(moment // HOUR)
    account, address = _account_key(username), _address_key(request)
    where = Q(client=address, hour=hour)
    if account is not None:
        where |= Q(client=account, hour__gt=hour - ACCOUNT_HOURS)
    failures, last, at_address = 0, 0.0, 0
    for client, row_hour, hits, latest in LoginFailure.objects.filter(where).values_list(
        "client", "hour", "hits", "last"
    ):
        if client == account:
            failures, last = failures + hits, max(last, latest)
        if client == address and row_hour == hour:
            at_address = hits
    if at_address >= int(settings.SCORECARD_LOGIN_FAILURES_PER_ADDRESS):
        return Refusal(int(HOUR - moment % HOUR) + 1, account=False)
    wait = account_wait(failures)
    if wait and moment < last + wait:
        return Refusal(math.ceil(last + wait - moment), account=True)
    return None


def record_failure(request: HttpRequest, username: str) -> None:
    """Count one failed login against the address and, when one was typed, the account."""
    moment = now()
    hour = int(moment // HOUR)
    stamp = {"last": moment}
    count_hit(LoginFailure, "hour", _address_key(request), hour, ACCOUNT_HOURS, also=stamp)
    account = _account_key(username)
    if account is not None:
        count_hit(LoginFailure, "hour", account, hour, ACCOUNT_HOURS, also=stamp)


def record_success(username: str) -> None:
    """A successful login clears its account's failures (not its address's)."""
    account = _account_key(username)
    if account is not None:
        LoginFailure.objects.filter(client=account).delete()
