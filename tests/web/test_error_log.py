"""Every unhandled exception leaves its traceback on stderr (the gunicorn log or journal).

Run in a child process with the project's settings as deployed, so the test reads the
real stderr that LOGGING writes to, not a capture pytest put in its place.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import django
django.setup()
from django.test import Client
from django.test.utils import override_settings
with override_settings(ROOT_URLCONF="tests.web.boom_urls"):
    print(Client(raise_request_exception=False).get("/boom/").status_code)
"""


def test_a_server_error_writes_its_traceback_to_stderr(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "DJANGO_SETTINGS_MODULE": "scorecard.web.settings",
        "SCORECARD_DATA_DIR": str(tmp_path),
        "ALLOWED_HOSTS": "testserver",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip() == "500"
    assert "Traceback (most recent call last)" in done.stderr
    assert "RuntimeError: boom-7f3a: a forced server error" in done.stderr
    assert "django.request" in done.stderr
