"""Run every benchmark and print the figures (`make bench`).

Each benchmark runs in a process of its own, so one's leftovers (a million
respondents, DuckDB's threads, caches) cannot slow the next one down.
"""

from __future__ import annotations

import subprocess
import sys

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
        code = f"import benchmarks.{name} as bench; bench.main()"
        subprocess.run([sys.executable, "-c", code], check=True)
