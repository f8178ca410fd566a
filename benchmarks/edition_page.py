"""The coordinator's edition page of a large edition (issue 16, part 4).

8 concurrent logged-in clients load the edition page of an edition with 1,000 respondents
for 15 s from gunicorn with 2 workers (`--preload`, as deployed), SQLite: once with the
results cache (results_cache.py: figures computed once per version of the answers), once
without it (SCORECARD_RESULTS_CACHE=0: analyse() on every request). Prints requests/s
and p50/p99. Goal: p99 < 100 ms with the cache. Loopback only; the run stops by itself.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import tempfile
import time
from typing import Any

from benchmarks.web import free_port, in_django, percentile, request, start_server

CLIENTS = int(os.environ.get("BENCH_EDITION_CLIENTS", "8"))
SECONDS = float(os.environ.get("BENCH_EDITION_SECONDS", "15"))
RESPONDENTS = int(os.environ.get("BENCH_EDITION_RESPONDENTS", "1000"))
PATH = "/editions/bench/"
SETUP = f"""
import django, json; django.setup()
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
from scorecard.sample import sample_answers
from scorecard.web.editions.models import Edition, Role
from scorecard.web.responses.store import import_answers
e = Edition.objects.create(slug="bench", title="Bench", country="Kazakhstan", year=2024,
    goals=list(range(1, 18)), status="open", languages=["en"])
import_answers(e, sample_answers({RESPONDENTS}, seed=2022))
user = User.objects.create_user("coordinator", password="bench-coordinator-pw")
Role.objects.create(user=user, edition=e, kind="coordinator")
sessions = []
for _ in range({CLIENTS}):
    client = Client()
    client.force_login(user)
    sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
print(json.dumps([settings.SESSION_COOKIE_NAME, sessions]))
"""


def _get(path: str, cookie: str) -> bytes:
    return (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
    ).encode()


async def client(
    port: int, cookie: str, until: float, latencies: list[float], errors: list[int]
) -> None:
    while time.perf_counter() < until:
        began = time.perf_counter()
        status, _head, _body = await request(port, _get(PATH, cookie))
        latencies.append(time.perf_counter() - began)
        if status != 200:
            errors.append(status)


async def load(port: int, cookies: list[str]) -> tuple[list[float], list[int], float]:
    latencies: list[float] = []
    errors: list[int] = []
    # every client loads the page once first, concurrently, so that both workers have
    # computed the figures (two loads in a row may both land on one worker, and the
    # other would then pay for analyse() inside the measured run)
    await asyncio.gather(*(request(port, _get(PATH, c)) for c in cookies))
    began = time.perf_counter()
    until = began + SECONDS
    await asyncio.gather(*(client(port, c, until, latencies, errors) for c in cookies))
    return latencies, errors, time.perf_counter() - began


def main() -> None:
    print(
        f"## Edition page, {RESPONDENTS} respondents: {CLIENTS} logged-in clients "
        f"for {SECONDS:.0f} s, gunicorn -w 2, SQLite"
    )
    env: dict[str, Any] = {**os.environ, "DJANGO_SETTINGS_MODULE": "scorecard.web.settings"}
    env.pop("DATABASE_URL", None)
    with tempfile.TemporaryDirectory() as tmp:
        env["SCORECARD_DATA_DIR"] = tmp
        name, sessions = json.loads(in_django(env, SETUP))
        cookies = [f"{name}={s}" for s in sessions]
        for label, flag in (("with the results cache", "1"), ("without it", "0")):
            port = free_port()
            server = start_server({**env, "SCORECARD_RESULTS_CACHE": flag}, port)
            try:
                latencies, errors, elapsed = asyncio.run(load(port, cookies))
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait()
            print(
                f"edition page, {label}: {len(latencies)} requests in {elapsed:.1f} s = "
                f"{len(latencies) / elapsed:.0f} requests/s, "
                f"p50 {percentile(latencies, 0.5):.0f} ms, "
                f"p99 {percentile(latencies, 0.99):.0f} ms, errors {len(errors)}"
            )
    print()


if __name__ == "__main__":
    main()
