"""Content-Security-Policy on every page, published files' own stricter one, secure cookies."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from typing import Any

import pytest
from django.test import Client

from scorecard.web.reports import public
from scorecard.web.reports.models import PublishedFile, PublishedReport
from tests.security.conftest import World
from tests.web.publishing import stored_version

CSP = "Content-Security-Policy"


@pytest.fixture
def published(world: World) -> PublishedReport:
    """Version 2 of kz with its Results (no files rendered), so /p/kz/ shows it."""
    return stored_version(world.edition, 2)


def directives(header: str) -> dict[str, list[str]]:
    parts = (p.split() for p in header.split(";") if p.strip())
    return {p[0]: p[1:] for p in parts}


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("alice", "/editions/kz/"),
        ("alice", "/editions/kz/results/"),
        ("anonymous", "/accounts/login/"),
        ("anonymous", "/p/kz/"),
    ],
)
def test_every_page_carries_the_policy(
    world: World, published: PublishedReport, who: str, path: str
) -> None:
    response = world.client(who).get(path)
    assert response.status_code == 200
    policy = directives(response[CSP])
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy.get("script-src", policy["default-src"])
    # style="..." swatches and the report's <style> need inline styles, and only styles.
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_a_questionnaire_page_carries_the_policy(world: World) -> None:
    client = Client()
    r = f"/r/{world.token}"
    client.post(f"{r}/consent/", {"consent": "on"})
    client.post(f"{r}/profile/", {"sector": "NGO", "gender": "Male", "region": "Almaty"})
    client.post(f"{r}/goals/", {"goals": ["5"]})
    response = client.get(f"{r}/goal/5/")
    assert response.status_code == 200
    assert directives(response[CSP])["default-src"] == ["'self'"]
    page = response.content.decode()
    assert "<script>" not in page
    assert " onclick=" not in page


def test_the_public_page_keeps_its_swatches_and_chart_as_markup(
    published: PublishedReport,
) -> None:
    page = Client().get("/p/kz/").content.decode()
    assert 'class="swatch" style="background:' in page  # allowed by style-src
    assert "<script>" not in page


def test_a_published_file_keeps_its_own_stricter_policy(
    published: PublishedReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = published
    data = b"<!doctype html><p>report</p>"
    sha = hashlib.sha256(data).hexdigest()
    PublishedFile.objects.create(
        report=report, language="en", name="report.html", storage_name="x/report.html",
        media_type="text/html; charset=utf-8", size=len(data), sha256=sha,
    )  # fmt: skip
    monkeypatch.setitem(public.FILES.items, sha, data)
    response = Client().get("/p/kz/v2/en/report.html")
    assert response.status_code == 200
    assert response[CSP] == public.FILE_CSP
    again = Client().get("/p/kz/v2/en/report.html", HTTP_IF_NONE_MATCH=f'"{sha}"')
    assert (again.status_code, again[CSP]) == (304, public.FILE_CSP)


def test_templates_have_no_inline_script_or_event_handler() -> None:
    import re
    from pathlib import Path

    root = Path(public.__file__).resolve().parents[1]
    for template in root.rglob("templates/**/*.html"):
        text = template.read_text("utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), template
        assert not re.search(r"\son[a-z]+\s*=", text), template
        assert "javascript:" not in text, template


def test_the_language_cookie_is_secure_under_https(tmp_path: Any) -> None:
    code = "from scorecard.web import settings as s; print(getattr(s, 'LANGUAGE_COOKIE_SECURE', 0))"
    env = {**os.environ, "SECRET_KEY": "x" * 50, "SCORECARD_DATA_DIR": str(tmp_path)}
    seen = {}
    for https in ("1", "0"):
        run = subprocess.run(
            [sys.executable, "-c", code], env={**env, "SCORECARD_HTTPS": https},
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        seen[https] = run.stdout.strip()
    assert seen == {"1": "True", "0": "0"}


def test_the_language_cookie_carries_the_secure_flag(db: None, settings: Any) -> None:
    settings.LANGUAGE_COOKIE_SECURE = True
    response = Client().post("/i18n/setlang/", {"language": "ru", "next": "/accounts/login/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "ru"
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"
