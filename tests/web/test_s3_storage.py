"""Published files on S3-compatible storage, as several app servers would share them.

moto's S3 server runs on 127.0.0.1 in a child process; a publishing job and two
independent "app servers" (child processes with the same settings and an empty local
data folder each) go through django-storages to it: both answer with the stored bytes.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

SETUP = """
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
import boto3, os
boto3.client("s3", endpoint_url=os.environ["SCORECARD_S3_ENDPOINT_URL"], region_name="us-east-1",
    aws_access_key_id="k", aws_secret_access_key="s").create_bucket(Bucket="scorecard")
from scorecard.sample import sample_answers
from scorecard.web.editions.models import Edition
from scorecard.web.responses.store import import_answers
from scorecard.web.reports.publishing import publish, render_version
e = Edition.objects.create(slug="kz", title="PSC", country="Kazakhstan", year=2024,
    goals=list(range(1, 18)), status="open", languages=["en"])
import_answers(e, sample_answers(20, seed=4))
e.transition("close"); e.transition("validate")
r = publish(e, None, None)
assert render_version(r.pk)
from scorecard.web.reports.models import PublishedFile
f = PublishedFile.objects.get(language="en", name="report.pdf")
print(f.sha256, f.storage_name)
"""
FETCH = """
import django, hashlib; django.setup()
from django.test import Client
response = Client().get("/p/kz/v1/en/report.pdf")
print(response.status_code, hashlib.sha256(response.content).hexdigest())
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def s3() -> Iterator[str]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "moto's S3 server did not start"
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait()


def run(code: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


def test_two_app_servers_serve_the_same_stored_bytes_from_s3(s3: str, tmp_path: Path) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "AWS_"))}
    base |= {
        "DJANGO_SETTINGS_MODULE": "scorecard.web.settings",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "SCORECARD_S3_BUCKET": "scorecard",
        "SCORECARD_S3_ENDPOINT_URL": s3,
        "SCORECARD_S3_REGION": "us-east-1",
        "SCORECARD_S3_ACCESS_KEY": "k",
        "SCORECARD_S3_SECRET_KEY": "s",
    }
    publisher = {**base, "SCORECARD_DATA_DIR": str(tmp_path / "publisher")}
    sha256, name = run(SETUP, publisher).split()
    assert name.startswith("published/")
    assert not list((tmp_path / "publisher").rglob("report.pdf"))  # nothing on local disk
    for server in ("one", "two"):
        env = {**base, "SCORECARD_DATA_DIR": str(tmp_path / server)}
        assert run(FETCH, env) == f"200 {sha256}"
