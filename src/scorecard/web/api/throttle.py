"""A per-client limit on bad API tokens, so tokens cannot be guessed by brute force.

Tokens carry 256 random bits, so guessing is hopeless anyway; the limit stops a
script from trying at speed, and answers 429 to a misconfigured gateway that
retries a revoked token in a loop. Counts live in the database
(one row per client network and ten-minute slot) so every gunicorn worker and
every app server shares them; the increment is one ``INSERT ... ON CONFLICT DO
UPDATE ... RETURNING`` statement (responses.ratelimit.count_hit).

A client is blocked once the current and the previous slot together hold
``limit`` failures, so at most ``limit`` bad tokens pass in any ten minutes
(plus those already in flight when the limit is reached: the check and the
count are separate statements, so that a good token costs no write). While
blocked, every token from that client is refused, good ones included: answering
a good token differently would tell the guesser that a guess was right.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.db.models import Subquery
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from scorecard.web.api.models import AuthFailure
from scorecard.web.responses.ratelimit import client_network, count_hit

SLOT_SECONDS = 600
DEFAULT_LIMIT = 10
KEEP_SLOTS = 6


def now() -> float:
    """The clock, in one place so tests can move it."""
    return time.time()


def limit() -> int:
    """Bad tokens allowed per client in ten minutes (setting SCORECARD_API_AUTH_FAILURES)."""
    return int(getattr(settings, "SCORECARD_API_AUTH_FAILURES", DEFAULT_LIMIT))


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the client's network (its /64 for IPv6): no address is stored."""
    return salted_hmac(
        "scorecard.api.auth-failures", client_network(request), algorithm="sha256"
    ).hexdigest()


def recent(client: str, moment: float) -> dict[str, Subquery]:
    """Failures in the current and the previous slot, as subqueries to annotate a lookup with.

    The token lookup carries them, so a request with a good token costs one query.
    """
    slot = int(moment // SLOT_SECONDS)
    mine = AuthFailure.objects.filter(client=client)
    return {
        "failures_now": Subquery(mine.filter(slot=slot).values("hits")[:1]),
        "failures_before": Subquery(mine.filter(slot=slot - 1).values("hits")[:1]),
    }


def counts(client: str, moment: float) -> tuple[int, int]:
    """(current slot, previous slot) failures, read on their own (for an unknown token)."""
    slot = int(moment // SLOT_SECONDS)
    found = dict(
        AuthFailure.objects.filter(client=client, slot__in=[slot - 1, slot])
        .values_list("slot", "hits")
        .order_by()
    )
    return found.get(slot, 0), found.get(slot - 1, 0)


def wait(current: int, previous: int, moment: float) -> int | None:
    """Seconds until this client may try again, or None when it is not blocked."""
    allowed = limit()
    if current + previous < allowed:
        return None
    rest_of_slot = int(SLOT_SECONDS - moment % SLOT_SECONDS) + 1
    # Blocked requests are not counted, so the block ends when enough failures age out.
    return rest_of_slot + SLOT_SECONDS if current >= allowed else rest_of_slot


def record_failure(request: HttpRequest) -> int:
    """Count one bad token for this client; returns the count in the current slot."""
    slot = int(now() // SLOT_SECONDS)
    hits = count_hit(AuthFailure, "slot", client_key(request), slot, KEEP_SLOTS)
    return 1 if hits is None else hits
