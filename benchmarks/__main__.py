"""Run every benchmark and print the figures (`make bench`).

Each benchmark runs in a process of its own, so one's leftovers (a million
respondents, DuckDB's threads, caches) cannot slow the next one down.

Wall times on a 2-core machine mean little while other work runs: a test suite in
the background made the edition page's p99 122 ms and the cold PDF 5.2 s, which
are 37 ms and 3.3 s on a quiet machine. So how busy the machine is shows before
each benchmark, with a warning when other work is running.
"""

from __future__ import annotations

import subprocess
import sys
import time


def _cpu_times() -> tuple[int, int]:
    """Idle and total jiffies of all cores since boot (Linux's /proc/stat)."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    return fields[3] + fields[4], sum(fields)  # idle + iowait


def busy() -> str:
    """How much of the machine other work used in the last second, with a warning.

    Measured just before a benchmark starts (its predecessor has ended), so a test
    suite or a build in the background shows, and the load average's one-minute
    memory of the previous benchmark does not.
    """
    try:
        idle, total = _cpu_times()
        time.sleep(1)
        idle2, total2 = _cpu_times()
    except OSError:
        return "machine load unknown"
    used = 1 - (idle2 - idle) / max(1, total2 - total)
    note = f"{used:.0%} of the CPU busy before it started"
    if used > 0.15:
        note += ": BUSY, other work shares the cores and wall times will be high"
    return note


BENCHMARKS = (
    "core",
    "formats",
    "cold_start",
    "imports",
    "network",
    "api",
    "web",
    "public",
    "edition_page",
    "bombs",
    "invitations",
)

if __name__ == "__main__":
    for name in BENCHMARKS:
        print(f"[{name}: {busy()}]", flush=True)
        code = f"import benchmarks.{name} as bench; bench.main()"
        subprocess.run([sys.executable, "-c", code], check=True)
