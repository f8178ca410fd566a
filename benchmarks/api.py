"""Gateway submissions through the API under load, with crashes (issue "Open API, production
deployment and proof that nothing is lost or leaked").

gunicorn with 2 workers on PostgreSQL (a fresh ``scorecard_api_bench`` database per
run) and N concurrent gateway clients posting ``/api/v1/editions/bench/answers``.
Three runs: steady; a kill -9 of one worker midway (the master starts another);
a kill -9 of the whole server midway (then started again). A client does what a
gateway does: a request that got no answer (connection reset, refused, cut off,
5xx) is sent again, unchanged, until it is acknowledged; and some requests are
sent twice on purpose, as a gateway does after a timeout. Afterwards every
acknowledged submission must be stored exactly once, with its values: the
figures printed are requests, requests/s, p50/p99 latency, errors (attempts
without an answer), retries, lost (acknowledged but missing or different) and
duplicated rows. Prints figures, never asserts time.

The client is a bounded asyncio loop speaking HTTP/1.1 to 127.0.0.1 only
(benchmarks/web.py's helpers); it sends a fixed number of requests and stops.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.web import free_port, in_django, percentile, request, start_server

REQUESTS = int(os.environ.get("BENCH_API_REQUESTS", "2000"))
CONCURRENCY = int(os.environ.get("BENCH_API_CONCURRENCY", "32"))
DOUBLE_SENDS = 0.1  # share of requests a gateway sends twice (a retry after a timeout)
MAX_ATTEMPTS = 20
KILL_AFTER = 1.0  # seconds into the load
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/test"
PG_NAME = "scorecard_api_bench"
PG_BENCH = f"postgres://postgres@127.0.0.1:5432/{PG_NAME}"
URL = "/api/v1/editions/bench/answers"

Key = tuple[str, int]  # (respondent, goal)


@dataclass(frozen=True)
class Submission:
    respondent: str
    answers: dict[int, list[int | None]]

    def body(self) -> bytes:
        answers = [{"goal": g, "scores": s} for g, s in self.answers.items()]
        return json.dumps({"respondent": self.respondent, "answers": answers}).encode()


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    acknowledged: dict[Key, list[int | None]] = field(default_factory=dict)
    errors: int = 0
    retries: int = 0
    gave_up: int = 0


def workload(count: int, seed: int = 7) -> list[Submission]:
    """New respondents, and later requests of earlier respondents with goals not sent before.

    Every (respondent, goal) is sent with one set of values only, so "stored
    exactly once, with its values" has one right answer whatever the order.
    """
    rng = random.Random(seed)
    left: dict[str, list[int]] = {}
    found = []
    for i in range(count):
        if left and rng.random() < 0.3:
            who = rng.choice(sorted(left))
        else:
            who = f"gw-{i:06d}"
            left[who] = rng.sample(range(1, 18), 17)
        goals = [left[who].pop() for _ in range(min(len(left[who]), rng.randint(1, 3)))]
        if not left[who]:
            del left[who]
        scores = {g: [rng.choice([*range(-5, 6), None]) for _ in range(10)] for g in goals}
        found.append(Submission(who, scores))
    return found


def prepare(env: dict[str, str]) -> str:
    """Migrate, create an open edition and a coordinator with a gateway token; prints the token."""
    code = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('migrate', verbosity=0)\n"
        "from django.contrib.auth.models import User\n"
        "from scorecard.web.api.models import ApiToken\n"
        "from scorecard.web.editions.models import Edition, Role\n"
        "e = Edition.objects.create(slug='bench', title='Bench', country='X', year=2024,"
        " goals=list(range(1, 18)), status='open')\n"
        "u = User.objects.create(username='gateway')\n"
        "Role.objects.create(user=u, edition=e, kind='coordinator')\n"
        "print(ApiToken.issue(u, ['submit_answers'], 'bench gateway'))\n"
    )
    return in_django(env, code)


async def send(port: int, token: str, item: Submission, tally: Tally) -> None:
    """Post until acknowledged; an unanswered request is sent again, unchanged (idempotent)."""
    body = item.body()
    raw = (
        f"POST {URL} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode() + body
    for attempt in range(MAX_ATTEMPTS):
        if attempt:
            tally.retries += 1
            await asyncio.sleep(min(1.0, 0.05 * 2**attempt))
        started = time.perf_counter()
        try:
            status, _, _ = await request(port, raw)
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            tally.errors += 1  # no answer: the server died under this request, or was down
            continue
        if status != 200:
            tally.errors += 1
            continue
        tally.latencies.append(time.perf_counter() - started)
        for goal, scores in item.answers.items():
            tally.acknowledged[item.respondent, goal] = scores
        return
    tally.gave_up += 1


async def load(port: int, token: str, items: list[Submission], tally: Tally) -> None:
    """Every submission, some twice at once, with at most CONCURRENCY requests in flight."""
    gate = asyncio.Semaphore(CONCURRENCY)
    rng = random.Random(11)
    sends = [s for item in items for s in ([item, item] if rng.random() < DOUBLE_SENDS else [item])]

    async def one(item: Submission) -> None:
        async with gate:
            await send(port, token, item, tally)

    await asyncio.gather(*(one(item) for item in sends))


async def warm_up(port: int, token: str) -> None:
    """A worker loads the app on its first request (seconds): do that before the clock runs."""
    raw = (
        f"GET /api/v1/token HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    ).encode()
    await asyncio.gather(*(request(port, raw) for _ in range(8)))


def stored(env: dict[str, str]) -> tuple[dict[Key, list[int | None]], int, int]:
    """Rows as stored (read by a fresh process), duplicated rows, and respondents."""
    code = (
        "import django, json; django.setup()\n"
        "from django.db.models import Count\n"
        "from scorecard.web.responses.models import GoalAnswer, Respondent\n"
        "rows = GoalAnswer.objects.values_list('respondent__external_id', 'goal',"
        " 'a1','a2','a3','a4','a5','a6','a7','a8','a9','a10')\n"
        "twice = GoalAnswer.objects.values('respondent__external_id', 'goal')"
        ".annotate(n=Count('pk')).filter(n__gt=1).count()\n"
        "twice += Respondent.objects.values('external_id').annotate(n=Count('pk'))"
        ".filter(n__gt=1).count()\n"
        "print(json.dumps([[list(r) for r in rows], twice, Respondent.objects.count()]))\n"
    )
    rows, twice, people = json.loads(in_django(env, code))
    return {(r[0], r[1]): r[2:] for r in rows}, int(twice), int(people)


def workers_of(master: int) -> list[int]:
    """gunicorn's workers: the master's children, from /proc (else pgrep -P)."""
    children: list[int] = []
    for task in Path(f"/proc/{master}/task").glob("*/children"):
        children += [int(p) for p in task.read_text().split()]
    if not children:
        out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True)
        children = [int(p) for p in out.stdout.split()]
    return children


def pg_reset() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as con:
        con.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
        con.execute(f"CREATE DATABASE {PG_NAME}")


def run(label: str, env: dict[str, str], crash: str | None, items: list[Submission]) -> None:
    pg_reset()
    token = prepare(env)
    port = free_port()
    servers = [start_server(env, port)]
    asyncio.run(warm_up(port, token))
    killed: list[str] = []

    def kill_one_worker() -> None:
        victims = workers_of(servers[-1].pid)
        if victims:
            os.kill(victims[0], signal.SIGKILL)
            killed.append(f"worker {victims[0]}")

    def kill_server() -> None:
        os.killpg(servers[-1].pid, signal.SIGKILL)
        servers[-1].wait()
        killed.append("whole server")
        servers.append(start_server(env, port))

    if crash is not None:
        action = kill_one_worker if crash == "worker" else kill_server
        threading.Timer(KILL_AFTER, action).start()
    tally = Tally()
    started = time.perf_counter()
    try:
        asyncio.run(load(port, token, items, tally))
        elapsed = time.perf_counter() - started
    finally:
        time.sleep(0.1)
        os.killpg(servers[-1].pid, signal.SIGTERM)
        servers[-1].wait()
    rows, twice, people = stored(env)
    lost = sum(1 for key, values in tally.acknowledged.items() if rows.get(key) != values)
    done = len(tally.latencies)
    print(
        f"{label}{' (killed: ' + ', '.join(killed) + ')' if killed else ''}: "
        f"{done} requests in {elapsed:.1f} s = {done / elapsed:.0f} requests/s, "
        f"p50 {percentile(tally.latencies, 0.5):.0f} ms, "
        f"p99 {percentile(tally.latencies, 0.99):.0f} ms, errors {tally.errors}, "
        f"retries {tally.retries}, gave up {tally.gave_up}; "
        f"acknowledged {len(tally.acknowledged)} answers of {people} respondents, "
        f"lost {lost}, stored twice {twice}"
    )


def main() -> None:
    items = workload(REQUESTS)
    goals = sum(len(s.answers) for s in items)
    print(
        f"## Gateway intake through the API: {REQUESTS} submissions ({goals} goal answers, "
        f"{DOUBLE_SENDS:.0%} sent twice), {CONCURRENCY} concurrent, gunicorn -w 2, PostgreSQL"
    )
    base: dict[str, Any] = {**os.environ, "DJANGO_SETTINGS_MODULE": "scorecard.web.settings"}
    with tempfile.TemporaryDirectory() as tmp:
        env = {**base, "SCORECARD_DATA_DIR": tmp, "DATABASE_URL": PG_BENCH}
        run("steady", env, None, items)
        run(f"kill -9 of one worker at {KILL_AFTER:.0f} s", env, "worker", items)
        run(f"kill -9 of the whole server at {KILL_AFTER:.0f} s", env, "server", items)
    print()


if __name__ == "__main__":
    main()
