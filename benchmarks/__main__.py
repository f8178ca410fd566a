"""Run every benchmark in one process and print the figures (`make bench`)."""

from __future__ import annotations

from benchmarks import api, core, formats, imports, network, web

if __name__ == "__main__":
    core.main()
    formats.main()
    imports.main()
    network.main()
    api.main()
    web.main()
