"""A per-client limit on new questionnaires from an open link.

An open link needs no invitation, so without a limit one script could fill an
edition with invented respondents. The count lives in the database (one
counter row per client network and clock hour) so that every app process
shares it; one ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` statement
increments and reads it, so two requests at once cannot both slip under the
limit (SQLite >= 3.35 and PostgreSQL both accept it).

The window is the clock hour: a client can start at most ``limit`` in any one
hour, up to twice that across an hour boundary, which is enough to stop bulk
filling while a room of people sharing one address can still take part.
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Model
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from scorecard.web.responses.models import OpenLinkCounter

HOUR = 3600
KEEP_HOURS = 48


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the next window, for the Retry-After header


def client_network(request: HttpRequest) -> str:
    """The client's address, or its /64 for IPv6, where one household holds a whole /64.

    Behind a reverse proxy REMOTE_ADDR is the proxy; set
    SCORECARD_TRUSTED_PROXY_COUNT to the number of proxies that append to
    X-Forwarded-For, and the address they saw is used instead. The header is
    never trusted without that setting, because a client can write it.
    """
    address = request.META.get("REMOTE_ADDR", "") or ""
    proxies: int = getattr(settings, "SCORECARD_TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(hops) >= proxies and hops[-proxies]:
            address = hops[-proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def hit(request: HttpRequest, limit: int, scope: str = "open-link") -> Verdict:
    """Count one event of ``scope`` for this client; refused once the hour's ``limit`` is used.

    Scopes count separately (only open links use this today): the key is a keyed
    hash of scope and address, so the table never holds an address.
    """
    prefix = "scorecard.responses.open-link" if scope == "open-link" else f"scorecard.{scope}"
    key = salted_hmac(prefix, client_network(request), algorithm="sha256").hexdigest()
    now = time.time()
    hour = int(now // HOUR)
    hits = count_hit(OpenLinkCounter, "hour", key, hour, KEEP_HOURS)
    allowed = hits is not None and hits <= limit  # no row back: refuse, as when over
    return Verdict(allowed=allowed, retry_after=int(HOUR - now % HOUR) + 1)


def count_hit(
    model: type[Model],
    window: str,
    client: str,
    at: int,
    keep: int,
    *,
    also: Mapping[str, float | int | str] | None = None,
) -> int | None:
    """One more hit for ``client`` in window ``at``, counted and read in one statement.

    ``model`` has ``client``, ``window`` and ``hits`` columns, unique on (client,
    window), so two requests at once cannot both read the old count. ``also`` sets
    further columns of the row (such as the time of this hit) in the same statement.
    The first hit of a window drops windows more than ``keep`` old. None if the
    database returned no row (it always does; callers decide what that would mean).
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    column = quote(window)
    extra = [quote(name) for name in also or {}]
    names = "".join(f", {name}" for name in extra)
    marks = ", %s" * len(extra)
    updates = "".join(f", {name} = excluded.{name}" for name in extra)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (client, {column}, hits{names}) VALUES (%s, %s, 1{marks}) "  # noqa: S608
            f"ON CONFLICT (client, {column}) DO UPDATE SET hits = {table}.hits + 1{updates} "
            "RETURNING hits",
            [client, at, *(also or {}).values()],
        )
        row = cursor.fetchone()
    hits = None if row is None else int(row[0])
    if hits == 1:
        model._default_manager.filter(**{f"{window}__lt": at - keep}).delete()
    return hits
