"""Answer intake under load (issue "The web app"): gunicorn with 2 workers, SQLite and
PostgreSQL, N concurrent respondents each saving 5 goal pages; then the same with a
kill -9 of the whole server midway. Prints pages/s, p50/p99 and lost answers.

The server is started as docs/deploy.md starts it (`--preload`), so the clock runs on
a server that is ready. "Saves" posts each goal page, as the issue's figure counts; a
browser would also load the page each save redirects to, so the "browser-like" run
does that too and reports the same figures with those loads included.

The client is a bounded asyncio loop on 127.0.0.1 only, one connection per request
(gunicorn's sync workers close each): it sends a fixed number of requests and stops
by itself.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Any

RESPONDENTS = int(os.environ.get("BENCH_WEB_RESPONDENTS", "200"))
CONCURRENCY = int(os.environ.get("BENCH_WEB_CONCURRENCY", "32"))
PAGES = 5
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/test"
PG_BENCH = "postgres://postgres@127.0.0.1:5432/scorecard_bench"
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
COOKIE = re.compile(rb"csrftoken=([^;]+)")
LOCATION = re.compile(rb"(?i)\r\nlocation: (\S+)")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    saves: int = 0
    acknowledged: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    errors: int = 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def in_django(env: dict[str, str], code: str) -> str:
    """Run ``code`` in a fresh Python process (the server's settings) and return the
    last line it printed: the database is read and written as the app would."""
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.strip().splitlines()[-1]


def prepare(env: dict[str, str], respondents: int) -> list[str]:
    """Migrate and create an open edition with respondents past consent, profile and goals."""
    code = (
        "import django, json, sys; django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('migrate', verbosity=0)\n"
        "from scorecard.web.editions.models import Edition, Invitation\n"
        "from scorecard.web.responses.models import Respondent\n"
        "from django.utils import timezone\n"
        "e = Edition.objects.create(slug='bench', title='Bench', country='X', year=2024,"
        " goals=list(range(1, 18)), status='open')\n"
        f"tokens = e.create_invitations({respondents})\n"
        "invs = {i.token_hash: i for i in Invitation.objects.filter(edition=e)}\n"
        "from scorecard.web.editions.models import hash_token\n"
        "Respondent.objects.bulk_create(Respondent(edition=e, invitation=invs[hash_token(t)],"
        " consent_at=timezone.now(), sector='NGO', gender='Female', age=40,"
        " chosen_goals=list(range(1, 18))) for t in tokens)\n"
        "print(json.dumps(tokens))\n"
    )
    tokens: list[str] = json.loads(in_django(env, code))
    return tokens


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "scorecard.web.wsgi", "-w", "2", "--preload",
         "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=env, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


async def request(port: int, raw: bytes) -> tuple[int, bytes, bytes]:
    """One request on its own connection: gunicorn's sync workers close after each."""
    for _ in range(100):  # refused = never sent, so retrying is safe; bounded to ~10 s
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            break
        except ConnectionRefusedError:
            await asyncio.sleep(0.1)
    else:
        raise ConnectionRefusedError("server did not come back")
    try:
        writer.write(raw)
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        length = re.search(rb"(?i)content-length: (\d+)", head)
        body = await reader.readexactly(int(length[1])) if length else await reader.read()
        return int(head.split(b" ", 2)[1]), head, body
    finally:
        writer.close()


async def respondent(port: int, token: str, goals: list[int], tally: Tally, follow: bool) -> None:
    host = f"127.0.0.1:{port}".encode()
    try:
        get = b"GET /r/%s/goal/%d/ HTTP/1.1\r\nHost: %s\r\n\r\n" % (token.encode(), goals[0], host)
        status, head, body = await request(port, get)
        cookie, form_token = COOKIE.search(head), CSRF_FIELD.search(body)
        if status != 200 or not cookie or not form_token:
            tally.errors += 1
            return
        for goal in goals:
            scores = [random.randint(-5, 5) for _ in range(10)]
            fields = "&".join(f"a{i + 1}={v}" for i, v in enumerate(scores))
            payload = (
                f"csrfmiddlewaretoken={form_token[1].decode()}&{fields}&comment=ok&action=next"
            )
            data = payload.encode()
            post = (
                b"POST /r/%s/goal/%d/ HTTP/1.1\r\nHost: %s\r\nCookie: csrftoken=%s\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n"
                % (token.encode(), goal, host, cookie[1], len(data))
            ) + data
            started = time.perf_counter()
            try:
                status, head, _ = await request(port, post)
            except (OSError, asyncio.IncompleteReadError):
                tally.errors += 1  # not acknowledged: the server died under this request
                continue
            tally.latencies.append(time.perf_counter() - started)
            tally.saves += 1
            if status in (200, 302, 303):
                tally.acknowledged[token, goal] = scores
            else:
                tally.errors += 1
            location = LOCATION.search(head)
            if follow and location:
                started = time.perf_counter()
                shown, _, _ = await request(
                    port, b"GET %s HTTP/1.1\r\nHost: %s\r\n\r\n" % (location[1], host)
                )
                tally.latencies.append(time.perf_counter() - started)
                tally.errors += shown != 200
    except (OSError, asyncio.IncompleteReadError, ValueError):
        tally.errors += 1


async def load(port: int, tokens: list[str], tally: Tally, follow: bool = False) -> None:
    """Every respondent's 5 pages; at most CONCURRENCY respondents at once."""
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(token: str) -> None:
        async with gate:
            await respondent(port, token, random.sample(range(1, 18), PAGES), tally, follow)

    await asyncio.gather(*(one(t) for t in tokens))


def stored(env: dict[str, str]) -> dict[tuple[str, int], list[int]]:
    """Everything stored, keyed by token, read back through a fresh process."""
    code = (
        "import django, json; django.setup()\n"
        "from scorecard.web.responses.models import GoalAnswer\n"
        "rows = GoalAnswer.objects.values_list('respondent__invitation__token_hash', 'goal',"
        " 'a1','a2','a3','a4','a5','a6','a7','a8','a9','a10')\n"
        "print(json.dumps([list(r) for r in rows]))\n"
    )
    return {(r[0], r[1]): r[2:] for r in json.loads(in_django(env, code))}


def lost(env: dict[str, str], tally: Tally) -> int:
    rows = stored(env)
    return sum(
        1
        for (token, goal), values in tally.acknowledged.items()
        if rows.get((hashlib.sha256(token.encode()).hexdigest(), goal)) != values
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def run(label: str, env: dict[str, str], mode: str) -> None:
    """mode: "saves", "browser-like" (each save's redirect loaded too) or "kill -9"."""
    tokens = prepare(env, RESPONDENTS)
    port = free_port()
    server = start_server(env, port)
    tally = Tally()
    started = time.perf_counter()
    servers = [server]
    if mode == "kill -9":

        def kill_and_restart() -> None:
            os.killpg(servers[-1].pid, signal.SIGKILL)
            servers[-1].wait()
            servers.append(start_server(env, port))

        threading.Timer(1.0, kill_and_restart).start()
    try:
        asyncio.run(load(port, tokens, tally, follow=mode == "browser-like"))
        elapsed = time.perf_counter() - started
    finally:
        time.sleep(3 if mode == "kill -9" else 0.1)
        os.killpg(servers[-1].pid, signal.SIGTERM)
        servers[-1].wait()
    what = {"saves": f"{CONCURRENCY} concurrent, saves", "kill -9": "with kill -9 midway"}
    print(
        f"{label} ({what.get(mode, f'{CONCURRENCY} concurrent, browser-like')}): "
        f"{tally.saves} goal pages in {elapsed:.1f} s = {tally.saves / elapsed:.0f} pages/s, "
        f"p50 {percentile(tally.latencies, 0.5):.0f} ms, "
        f"p99 {percentile(tally.latencies, 0.99):.0f} ms, "
        f"errors {tally.errors}, acknowledged {len(tally.acknowledged)}, lost {lost(env, tally)}"
    )


def pg_reset() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as con:
        con.execute("DROP DATABASE IF EXISTS scorecard_bench WITH (FORCE)")
        con.execute("CREATE DATABASE scorecard_bench")


def main() -> None:
    print(f"## Answer intake: {RESPONDENTS} respondents x {PAGES} goal pages, gunicorn -w 2")
    base: dict[str, Any] = {**os.environ, "DJANGO_SETTINGS_MODULE": "scorecard.web.settings"}
    base.pop("DATABASE_URL", None)
    for mode in ("saves", "browser-like", "kill -9"):
        with tempfile.TemporaryDirectory() as tmp:
            run("SQLite", {**base, "SCORECARD_DATA_DIR": tmp}, mode)
        pg_reset()
        with tempfile.TemporaryDirectory() as tmp:
            run("PostgreSQL", {**base, "SCORECARD_DATA_DIR": tmp, "DATABASE_URL": PG_BENCH}, mode)
    print()


if __name__ == "__main__":
    main()
