"""Who holds a lease on shared work, and whether that holder is still alive.

Background jobs (rendering a published version, sending a mailing) claim their rows
with a conditional UPDATE that writes the holder's name and a time limit. A holder
killed with ``kill -9`` never lets go; the worker frees its leases at start-up when
the holder is a process of this machine that no longer exists, rather than wait for
the time limit. A holder on another machine is left to its time limit: its process
table cannot be read from here.
"""

from __future__ import annotations

import os
import socket


def worker_id() -> str:
    """This process as a lease holder: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


def holder_is_gone(owner: str) -> bool:
    """True when ``owner`` is a process of this machine that has ended."""
    name, _, pid = owner.rpartition(":")
    return name == socket.gethostname() and pid.isdigit() and not _alive(int(pid))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True
