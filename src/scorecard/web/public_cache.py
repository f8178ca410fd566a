"""A small in-process cache of anonymous public responses, in front of Django.

Published files are immutable (their ETag is their SHA-256), and a landing page
changes only when a version is published. So an anonymous GET under ``/p/`` whose
response Django marked ``public`` is kept in memory, keyed by everything the page
depends on (path, query, host, language cookie and Accept-Language), and served
again without running Django's middleware and views: immutable files for good
(within a memory budget), landing pages for a few seconds. Requests with a session
cookie, other methods, and responses that set a cookie are never cached.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

LANDING_SECONDS = 5.0
BUDGET = 96 * 1024 * 1024


class PublicCache:
    def __init__(self, app: WSGIApp, budget: int = BUDGET) -> None:
        self.app = app
        self.budget = budget
        self.used = 0
        self.items: OrderedDict[tuple[str, ...], tuple[float, str, list[tuple[str, str]], bytes]]
        self.items = OrderedDict()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        key = self._key(environ)
        if key is None:
            return self.app(environ, start_response)
        hit = self.items.get(key)
        now = time.monotonic()
        if hit is not None and hit[0] > now:
            _, status, headers, body = hit
            etag = next((v for k, v in headers if k.lower() == "etag"), None)
            if etag and etag in environ.get("HTTP_IF_NONE_MATCH", ""):
                start_response("304 Not Modified", [h for h in headers if h[0] != "Content-Length"])
                return [b""]
            start_response(status, headers)
            return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]
        return self._fill(key, environ, start_response, now)

    def _key(self, environ: dict[str, Any]) -> tuple[str, ...] | None:
        if environ.get("REQUEST_METHOD") != "GET" or not environ.get("PATH_INFO", "").startswith(
            "/p/"
        ):
            return None
        cookies = environ.get("HTTP_COOKIE", "")
        if "sessionid=" in cookies or environ.get("HTTP_AUTHORIZATION"):
            return None
        language = next(
            (c.strip() for c in cookies.split(";") if c.strip().startswith("django_language=")), ""
        )
        return (
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
            environ.get("HTTP_HOST", ""),
            environ.get("wsgi.url_scheme", ""),
            language,
            environ.get("HTTP_ACCEPT_LANGUAGE", ""),
        )

    def _fill(
        self,
        key: tuple[str, ...],
        environ: dict[str, Any],
        start_response: StartResponse,
        now: float,
    ) -> Iterable[bytes]:
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
            captured["status"], captured["headers"] = status, headers
            return start_response(status, headers, *args)

        result = self.app(environ, capture)
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        headers: list[tuple[str, str]] = captured.get("headers", [])
        names = {k.lower(): v for k, v in headers}
        control = names.get("cache-control", "")
        if (
            captured.get("status", "").startswith("200")
            and "public" in control
            and "set-cookie" not in names
            and len(body) <= self.budget // 8
        ):
            life = 1e12 if "immutable" in control else LANDING_SECONDS
            self._store(key, (now + life, captured["status"], headers, body))
        return [body]

    def _store(
        self, key: tuple[str, ...], item: tuple[float, str, list[tuple[str, str]], bytes]
    ) -> None:
        old = self.items.pop(key, None)
        if old is not None:
            self.used -= len(old[3])
        self.items[key] = item
        self.used += len(item[3])
        while self.used > self.budget:
            _, dropped = self.items.popitem(last=False)
            self.used -= len(dropped[3])
