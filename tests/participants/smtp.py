"""A real SMTP server in the test process (aiosmtpd), to send invitations to.

It keeps every message it accepted, can refuse chosen recipients for good (550),
and can be killed while a client is in the middle of a session.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Received:
    to: list[str]
    message: EmailMessage

    @property
    def body(self) -> str:
        part = self.message.get_body(("plain",))
        assert part is not None
        text: str = part.get_content()
        return text


@dataclass
class Sink:
    """The handler: accepted messages, addresses to refuse, and a kill switch."""

    refuse: set[str] = field(default_factory=set)
    received: list[Received] = field(default_factory=list)
    kill_after: int | None = None  # die when this many messages have been accepted
    controller: Controller | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 no such mailbox"
        if self.kill_after is not None and len(self.received) >= self.kill_after:
            # The server dies with this message half sent: no reply, the connection drops.
            threading.Thread(target=self.stop).start()
            await asyncio.sleep(60)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        with self.lock:
            self.received.append(Received(list(envelope.rcpt_tos), parsed))
        return "250 OK"

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start(sink: Sink, port: int) -> None:
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    sink.controller = controller
