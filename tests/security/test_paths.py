"""Path traversal in report formats and slugs reaches no file and no other edition.

Report formats are looked up in the renderer registry, never joined to a path,
and slugs only match Django's slug converter; these requests must all end in
a 4xx, show nothing of the file system, and create no file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security.conftest import World

ATTEMPTS = [
    "/editions/kz/report.../../x",
    "/editions/kz/report.%2E%2E%2F%2E%2E%2Fx",
    "/editions/kz/report....%2F..%2F..%2Fetc%2Fpasswd",
    "/editions/kz/report..",
    "/editions/kz/report.%00",
    "/editions/kz/answers.%2E%2E%2Fx",
    "/p/kz/v1/report.%2E%2E%2F%2E%2E%2Fx",
    "/p/kz/v1/report..",
    "/api/v1/editions/kz/report.%2E%2E%2F%2E%2E%2Fx",
    "/api/v1/editions/kz/report..",
    "/editions/../admin/",
    "/editions/%2E%2E/",
    "/editions/..%2F..%2Fetc%2Fpasswd/",
    "/editions/kz%2F..%2Fuz/",
    "/p/..%2F..%2Fetc%2Fpasswd/",
    "/p/%2E%2E/",
    "/api/v1/editions/%2E%2E/results",
    "/api/v1/editions/..%2Fuz/results",
    "/api/v1/published/..%2Fkz",
    "/api/v1/editions/kz/compare/..%2Fuz",
    "/r/..%2F..%2Fetc%2Fpasswd/",
    "/r/open/kz/..%2F..%2Fx/",
]


@pytest.mark.parametrize("path", ATTEMPTS)
@pytest.mark.parametrize("who", ["alice", "anonymous"])
def test_it_treats_traversal_in_urls_as_not_found(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: str, who: str
) -> None:
    monkeypatch.chdir(tmp_path)
    response = world.client(who).get(path)
    assert 400 <= response.status_code < 500 or (
        response.status_code == 302 and who == "anonymous"
    ), (path, response.status_code)
    body = response.content
    assert b"root:" not in body
    assert b"[extensions]" not in body
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["..", "exe", "pdf"])
def test_it_serves_answers_only_in_the_formats_it_has(world: World, fmt: str) -> None:
    assert world.client("alice").get(f"/editions/kz/answers.{fmt}").status_code == 404
