"""DESIGN.md: method, analysis, interop and report never import Django."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CHECK = textwrap.dedent(
    """
    import importlib
    import sys

    import scorecard.analysis
    import scorecard.interop
    import scorecard.method

    try:
        importlib.import_module("scorecard.report")
    except ImportError:
        print("report: not importable")
    else:
        print("report: imported")

    loaded = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
    print("django modules:", loaded)
    assert "django" not in sys.modules, loaded
    """
)


def test_it_imports_the_core_without_django() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "django modules: []" in done.stdout
