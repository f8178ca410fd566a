"""Production installs requirements-runtime.lock: runtime packages only (issue 16, part 3).

pyxform (ODK Validate, Java) is the optional extra `odk`: `scorecard xlsform` works
without it, and `--check` says how to install it.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorecard.cli import main

ROOT = Path(__file__).resolve().parent.parent
NOT_AT_RUNTIME = (
    "pytest",
    "hypothesis",
    "playwright",
    "mypy",
    "ruff",
    "schemathesis",
    "pandas",
    "duckdb",
    "scipy",
    "moto",
    "boto3",
    "pyxform",
)


def _name(requirement: str) -> str:
    """A requirement's normalised project name: 'psycopg[binary]>=3.2' -> 'psycopg'."""
    name = re.split(r"[\s\[<>=!~;]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def _pinned() -> dict[str, str]:
    text = (ROOT / "requirements-runtime.lock").read_text("utf-8")
    return {_name(n): v for n, v in re.findall(r"(?m)^([A-Za-z0-9][\w.-]*)==(\S+)", text)}


def test_the_runtime_lock_has_no_test_benchmark_or_dev_package() -> None:
    pinned = _pinned()
    assert pinned, "no pins found: the pattern no longer matches the lock"
    found = sorted(p for p in pinned for n in NOT_AT_RUNTIME if p == n or p.startswith(f"{n}-"))
    assert not found, f"development packages in requirements-runtime.lock: {found}"


def test_every_runtime_dependency_is_pinned_with_hashes() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    pinned = _pinned()
    missing = sorted({_name(d) for d in project["dependencies"]} - set(pinned))
    assert not missing, f"runtime dependencies missing from requirements-runtime.lock: {missing}"
    # every pin carries a hash, so `pip install --require-hashes` accepts the file
    text = (ROOT / "requirements-runtime.lock").read_text("utf-8")
    blocks = re.split(r"(?m)^(?=[A-Za-z0-9])", text)
    unhashed = [b.split()[0] for b in blocks if "==" in b.split("\n")[0] and "--hash" not in b]
    assert not unhashed, f"pins without hashes: {unhashed}"


def test_deploy_installs_the_runtime_lock() -> None:
    for doc in (ROOT / "docs" / "deploy.md", ROOT / "deploy" / "check.sh"):
        text = doc.read_text("utf-8")
        assert "--require-hashes -r /srv/scorecard/src/requirements-runtime.lock" in text, doc
        assert "-r /srv/scorecard/src/requirements.lock" not in text, doc


def test_xlsform_works_without_pyxform_and_check_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [m for m in sys.modules if m == "pyxform" or m.startswith("pyxform.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pyxform", None)  # import pyxform -> ImportError
    out = tmp_path / "form.xlsx"
    written = CliRunner().invoke(main, ["xlsform", "--goals", "3,5", "--out", str(out)])
    assert written.exit_code == 0, written.output
    assert out.exists()
    checked = CliRunner().invoke(main, ["xlsform", "--goals", "3", "--out", str(out), "--check"])
    assert checked.exit_code != 0
    assert "pip install 'peoples-scorecard[odk]'" in checked.output
