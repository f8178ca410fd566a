"""The in-process cache in front of public pages: same answers, never a private one."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from scorecard.web.public_cache import PublicCache


class Counting:
    """A stand-in WSGI app that counts calls (the cache's own logic is under test)."""

    def __init__(self, headers: list[tuple[str, str]]) -> None:
        self.calls = 0
        self.headers = headers

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        self.calls += 1
        start_response("200 OK", self.headers)
        return [f"body {self.calls} {environ.get('HTTP_ACCEPT_LANGUAGE', '')}".encode()]


def get(app: PublicCache, path: str, **extra: str) -> tuple[str, bytes]:
    seen: dict[str, str] = {}

    def start(status: str, headers: list[tuple[str, str]], *args: Any) -> None:
        seen["status"] = status

    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "wsgi.input": io.BytesIO()} | extra
    body = b"".join(app(environ, start))
    return seen["status"], body


def test_it_serves_an_immutable_file_again_without_the_app() -> None:
    inner = Counting([("Cache-Control", "public, immutable"), ("ETag", '"abc"')])
    app = PublicCache(inner)
    first = get(app, "/p/kz/v1/en/report.pdf")
    assert get(app, "/p/kz/v1/en/report.pdf") == first
    assert inner.calls == 1
    assert get(app, "/p/kz/v1/en/report.pdf", HTTP_IF_NONE_MATCH='"abc"')[0].startswith("304")
    assert inner.calls == 1


def test_it_keys_on_language_and_skips_sessions_cookies_and_private_pages() -> None:
    inner = Counting([("Cache-Control", "public, max-age=60")])
    app = PublicCache(inner)
    en = get(app, "/p/kz/", HTTP_ACCEPT_LANGUAGE="en")
    ru = get(app, "/p/kz/", HTTP_ACCEPT_LANGUAGE="ru")
    assert en != ru
    assert inner.calls == 2
    get(app, "/p/kz/", HTTP_COOKIE="sessionid=x")
    get(app, "/editions/kz/")
    assert inner.calls == 4
    private = Counting([("Cache-Control", "private")])
    app2 = PublicCache(private)
    get(app2, "/p/kz/")
    get(app2, "/p/kz/")
    assert private.calls == 2
    cookie = Counting([("Cache-Control", "public"), ("Set-Cookie", "a=b")])
    app3 = PublicCache(cookie)
    get(app3, "/p/kz/")
    get(app3, "/p/kz/")
    assert cookie.calls == 2
