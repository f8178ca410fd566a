"""Publishing across real processes: a worker killed mid-render, two publishers at once.

Each test gets its own database (an SQLite file, or a fresh PostgreSQL database on
the machine's server) and drives it only through the ``scorecard`` command and
small Django scripts in child processes, as a deployment would.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

SCORECARD = str(Path(sys.executable).with_name("scorecard"))
PG = "postgres://postgres@127.0.0.1:5432/"

SETUP = """
from scorecard.sample import sample_answers
from scorecard.web.editions.models import Edition
from scorecard.web.responses.store import import_answers
e = Edition.objects.create(slug="kz", title="PSC", country="Kazakhstan", year=2024,
    goals=list(range(1, 18)), status="open", languages=["en", "ru"])
import_answers(e, sample_answers(40, seed=5))
e.transition("close"); e.transition("validate")
"""
PUBLISH = """
from scorecard.web.editions.models import Edition
from scorecard.web.reports.publishing import publish
print(publish(Edition.objects.get(slug="kz"), None, None).pk)
"""
STATE = """
import json
from django.test import Client
from scorecard.web.reports.models import PublishedReport
from scorecard.web.reports.publishing import planned_files
out = []
for r in PublishedReport.objects.order_by("version"):
    files = {f"{f.language}/{f.name}": f.sha256 for f in r.files.all()}
    out.append({"version": r.version, "completed": r.completed is not None, "files": files,
                "planned": len(planned_files(r)),
                "landing": Client().get(f"/p/kz/v{r.version}/").status_code,
                "file": Client().get(f"/p/kz/v{r.version}/en/report.html").status_code})
print(json.dumps(out))
"""


def _databases() -> list[str]:
    return ["sqlite", "postgres"]


@pytest.fixture(params=_databases())
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["SCORECARD_DATA_DIR"] = str(tmp_path)
    env["DJANGO_SETTINGS_MODULE"] = "scorecard.web.settings"
    env["ALLOWED_HOSTS"] = "testserver"
    name = ""
    if request.param == "postgres":
        import psycopg

        name = f"scorecard_proc_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(PG + "postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = PG + name
    subprocess.run([SCORECARD, "migrate"], env=env, check=True, capture_output=True)
    django(SETUP, env)
    yield env
    if name:
        import psycopg

        with psycopg.connect(PG + "postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def django(code: str, env: dict[str, str]) -> str:
    script = "import django; django.setup()\n" + code
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def state(env: dict[str, str]) -> list[dict[str, object]]:
    found = json.loads(django(STATE, env))
    assert isinstance(found, list)
    return found


def test_a_killed_render_leaves_no_half_version_and_finishes_after_restart(
    world: dict[str, str],
) -> None:
    django(PUBLISH, world)
    worker = subprocess.Popen(
        [SCORECARD, "worker"], env=world, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while True:
        seen = state(world)[0]
        files = seen["files"]
        assert isinstance(files, dict)
        if len(files) >= 3:
            break
        assert time.monotonic() < deadline, "the worker rendered nothing"
        time.sleep(0.2)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    half = state(world)[0]
    assert half["completed"] is False
    assert isinstance(half["files"], dict)
    assert 3 <= len(half["files"]) < int(str(half["planned"]))
    assert half["landing"] == 404  # no public half version
    assert half["file"] == 404
    done = subprocess.run(
        [SCORECARD, "worker", "--batch"], env=world, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    final = state(world)[0]
    assert final["completed"] is True
    assert isinstance(final["files"], dict)
    assert len(final["files"]) == final["planned"] == 18  # 9 files in en and ru
    for name, digest in half["files"].items():
        assert final["files"][name] == digest  # kept, not rendered again
    assert final["landing"] == 200
    assert final["file"] == 200


def test_two_publishers_at_once_make_exactly_one_version(world: dict[str, str]) -> None:
    command = [SCORECARD, "edition", "publish", "kz", "--accept-all"]
    runs = [
        subprocess.Popen(command, env=world, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    errors = [run.communicate(timeout=300)[1] for run in runs]
    assert sorted(run.returncode for run in runs) == [0, 2]
    loser = next(e for run, e in zip(runs, errors, strict=True) if run.returncode == 2)
    assert b"Status of the edition" in loser
    versions = state(world)
    assert [v["version"] for v in versions] == [1]
    assert versions[0]["completed"] is True
