"""Run every benchmark in one process and print the figures (`make bench`)."""

from __future__ import annotations

from benchmarks import core, formats, imports, web

if __name__ == "__main__":
    core.main()
    formats.main()
    imports.main()
    web.main()
