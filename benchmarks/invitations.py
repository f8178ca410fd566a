"""Invitation benchmark (issue 15): 5,000 invitations queued and sent to a local SMTP sink.

A fresh SQLite database (or DATABASE_URL's server, in a new database) gets an open
trilingual edition with 5,000 participants; a child process queues one invitation
each (``queue_invitations``) and sends them (``send_mailing``, the worker's code) to
an aiosmtpd server in this process that counts what it accepts. Timed: queueing and
sending separately. Goal: at least 100 messages per second with no rate limit set.
Peak memory is the child's own (``ru_maxrss`` of RUSAGE_CHILDREN in a fresh parent).
"""

from __future__ import annotations

import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

PARTICIPANTS = int(os.environ.get("BENCH_INVITATIONS", "5000"))
RATE_GOAL = 100.0
ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, resource, sys, time
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from scorecard.web.editions.models import Edition
from scorecard.web.participants.models import Participant
from scorecard.web.participants.sending import queue_invitations, send_mailing
count = int(sys.argv[1])
edition = Edition.objects.create(slug="bench", title="Bench", country="KZ", year=2025,
    organisation="Coalition", goals=[3, 5], status="open", languages=["en", "ru", "kk"])
Participant.objects.bulk_create(
    Participant(edition=edition, name=f"Person {i}", email=f"p{i}@example.org",
                language=("en", "ru", "kk")[i % 3]) for i in range(count))
from django.urls import reverse
reverse("participants:optout", args=["warm"])  # the URLconf loads once per process, untimed
began = time.perf_counter()
mailing = queue_invitations(edition, "https://scorecard.example.org")
queued = time.perf_counter() - began
began = time.perf_counter()
outcome = send_mailing(mailing.pk)
sent = time.perf_counter() - began
print(json.dumps({"queue_seconds": queued, "send_seconds": sent, "sent": outcome.sent,
                  "finished": outcome.finished, "error": outcome.error}))
"""


class Counter:
    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.count += 1
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def run(count: int = PARTICIPANTS) -> dict[str, float]:
    from aiosmtpd.controller import Controller

    sink = Counter()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with tempfile.TemporaryDirectory() as data:
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "scorecard.web.settings",
                "SCORECARD_DATA_DIR": data,
                "EMAIL_URL": f"smtp://127.0.0.1:{port}",
                "SCORECARD_MAIL_PER_MINUTE": "0",
            }
            env.pop("DATABASE_URL", None)  # a fresh SQLite file: nothing else's data
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(count)],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
    finally:
        controller.stop()
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if not figures["finished"] or figures["sent"] != count or sink.count != count:
        raise SystemExit(f"benchmark failed: {figures}, sink received {sink.count}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "participants": count,
        "queue_seconds": figures["queue_seconds"],
        "send_seconds": figures["send_seconds"],
        "per_second": count / figures["send_seconds"],
        "peak_megabytes": peak,
        "received": sink.count,
    }


def main() -> None:
    figures = run()
    print(f"## {figures['participants']:,.0f} e-mail invitations to a local SMTP sink (SQLite)")
    print(f"queueing (links made, one message row each): {figures['queue_seconds']:.2f} s")
    print(
        f"sending: {figures['send_seconds']:.2f} s, {figures['per_second']:.0f} messages/s "
        f"(goal >= {RATE_GOAL:.0f}/s; {figures['per_second'] / RATE_GOAL:.1f}x), "
        f"{figures['received']:,.0f} received by the sink"
    )
    print(f"peak memory of the sending process: {figures['peak_megabytes']:.0f} MB")
    print()


if __name__ == "__main__":
    main()
