"""Published reports under anonymous load (issue "Publishing you can stand behind").

64 concurrent anonymous clients fetch a published PDF, the HTML report and the landing
page for 20 s from gunicorn with 2 workers (`--preload`, as deployed), SQLite. Prints
requests/s, p50/p99, and how many renders happened during the run: the app logs one
"rendered ..." line per file it renders, and the server's log is read after the run.
Goal: 0 renders, p99 < 50 ms, >= 500 requests/s. Loopback only; the run stops by itself.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.web import free_port, in_django, percentile, request

CLIENTS = int(os.environ.get("BENCH_PUBLIC_CLIENTS", "64"))
SECONDS = float(os.environ.get("BENCH_PUBLIC_SECONDS", "20"))
PATHS = ("/p/bench/v1/en/report.pdf", "/p/bench/v1/en/report.html", "/p/bench/")
SETUP = """
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from scorecard.sample import sample_answers
from scorecard.web.editions.models import Edition
from scorecard.web.responses.store import import_answers
from scorecard.web.reports.publishing import publish, render_version
e = Edition.objects.create(slug="bench", title="Bench", country="Kazakhstan", year=2024,
    goals=list(range(1, 18)), status="open", languages=["en", "ru", "kk"])
import_answers(e, sample_answers(61, seed=2022))
e.transition("close"); e.transition("validate")
r = publish(e, None, None)
print(render_version(r.pk))
"""


def start(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "scorecard.web.wsgi", "-w", "2", "--preload",
             "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
            env=env, start_new_session=True, stderr=out, stdout=out,
        )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            asyncio.run(request(port, _get("/p/bench/")))
            return server
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def _get(path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()


async def client(port: int, until: float, latencies: list[float], errors: list[int]) -> None:
    i = 0
    while time.perf_counter() < until:
        path = PATHS[i % len(PATHS)]
        i += 1
        began = time.perf_counter()
        status, _head, _body = await request(port, _get(path))
        latencies.append(time.perf_counter() - began)
        if status != 200:
            errors.append(status)


async def load(port: int) -> tuple[list[float], list[int], float]:
    latencies: list[float] = []
    errors: list[int] = []
    began = time.perf_counter()
    until = began + SECONDS
    await asyncio.gather(*(client(port, until, latencies, errors) for _ in range(CLIENTS)))
    return latencies, errors, time.perf_counter() - began


def main() -> None:
    print(f"## Published report: {CLIENTS} anonymous clients for {SECONDS:.0f} s, gunicorn -w 2")
    env: dict[str, Any] = {**os.environ, "DJANGO_SETTINGS_MODULE": "scorecard.web.settings"}
    env.pop("DATABASE_URL", None)
    with tempfile.TemporaryDirectory() as tmp:
        env["SCORECARD_DATA_DIR"] = tmp
        in_django(env, SETUP)
        for label, cache_mb in (("with the public cache", "96"), ("without it", "0")):
            port = free_port()
            log = Path(tmp) / "server.log"
            server = start({**env, "SCORECARD_PUBLIC_CACHE_MB": cache_mb}, port, log)
            try:
                latencies, errors, elapsed = asyncio.run(load(port))
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait()
            renders = log.read_text("utf-8", "replace").count(" rendered ")
            print(
                f"PDF + HTML report + landing page, {label}: {len(latencies)} requests in "
                f"{elapsed:.1f} s = {len(latencies) / elapsed:.0f} requests/s, "
                f"p50 {percentile(latencies, 0.5):.0f} ms, "
                f"p99 {percentile(latencies, 0.99):.0f} ms, "
                f"errors {len(errors)}, renders during the run {renders}"
            )
    print()


if __name__ == "__main__":
    main()
