"""Chromium through Playwright against pytest-django's live server.

Debian's /usr/bin/chromium is driven directly (STACK.md: never `playwright install`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

from scorecard.web.editions.models import Edition, Role

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ALICE_PASSWORD = "alice-secret-pw"

NewContext = Callable[..., BrowserContext]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # Playwright's sync API runs an asyncio loop on the test thread, so without
    # this Django would refuse the ORM calls a test makes between two clicks.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            yield chromium
            chromium.close()
    finally:
        if before is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture
def new_context(browser: Browser, live_server: LiveServer) -> Iterator[NewContext]:
    """Fresh browser profiles (no cookies shared), like another browser or a reopened tab."""
    made: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        options.setdefault("locale", "en-US")
        ctx = browser.new_context(base_url=live_server.url, **options)
        ctx.set_default_timeout(10_000)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


@pytest.fixture
def page(new_context: NewContext) -> Page:
    return new_context().new_page()


@pytest.fixture
def edition(transactional_db: None) -> Edition:
    """An open edition on SDG 3 and 16 in the three languages."""
    return Edition.objects.create(
        slug="kz-2024", title="Kazakhstan 2024", country="Kazakhstan", year=2024,
        goals=[3, 16], status="open", languages=["en", "ru", "kk"],
    )  # fmt: skip


@pytest.fixture
def alice(edition: Edition) -> User:
    """The edition's coordinator."""
    user = User.objects.create_user("alice", password=ALICE_PASSWORD)
    Role.objects.create(user=user, edition=edition, kind="coordinator")
    return user
