"""The layer contracts (pyproject.toml [tool.importlinter], docs/architecture.md) bite.

Each case writes one wrong import into a copy of the package and runs lint-imports on
the copy: it must fail and name the contract. Imports inside functions count.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONTRACTS = {
    c["id"]: c["name"]
    for c in tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"][
        "contracts"
    ]
}
LAZY = "\n\ndef _wrong() -> None:\n    {}\n"

# (contract id, file under src/scorecard, line appended to it)
WRONG = [
    ("core-layers", "analysis/compute.py", LAZY.format("import scorecard.report")),
    ("core-layers", "method/framework.py", "\nfrom scorecard.analysis import analyse\n"),
    ("core-layers", "answers.py", LAZY.format("from scorecard.analysis import Results")),
    ("interop", "interop/canonical.py", LAZY.format("from scorecard.report import RENDERERS")),
    ("interop", "interop/tabular.py", "\nimport scorecard.web.settings\n"),
    ("interop", "interop/catalog.py", LAZY.format("from scorecard.analysis import analyse")),
    ("core-without-django", "method/framework.py", "\nimport django\n"),
    ("core-without-django", "report/html.py", LAZY.format("from django.conf import settings")),
    ("core-without-django", "answers.py", LAZY.format("import django.db")),
    ("web-apps", "web/editions/models.py", LAZY.format("from scorecard.web.api import api")),
    ("web-apps", "web/responses/models.py", "\nimport scorecard.web.reports.models\n"),
    ("web-apps", "web/reports/models.py", LAZY.format("import scorecard.web.api")),
    ("web-apps", "web/responses/store.py", LAZY.format("from scorecard.web import workspace")),
    ("web-apps", "web/editions/models.py", "\nimport scorecard.web.workspace.results_cache\n"),
    ("cli-on-top", "analysis/compute.py", LAZY.format("import scorecard.cli")),
    ("cli-on-top", "commands/groups.py", LAZY.format("from scorecard.cli import main")),
    ("cli-on-top", "web/demo.py", LAZY.format("from scorecard.commands.base import main")),
]


def lint_imports(cwd: Path, src: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(cwd / "pyproject.toml")],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("pristine")
    shutil.copytree(
        ROOT / "src" / "scorecard",
        copy / "src" / "scorecard",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "locale", "static", "templates"),
    )
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def test_the_real_tree_keeps_every_contract() -> None:
    done = lint_imports(ROOT, ROOT / "src")
    assert done.returncode == 0, done.stdout + done.stderr
    for name in CONTRACTS.values():
        assert f"{name} KEPT" in done.stdout


def test_the_copy_keeps_every_contract(pristine: Path) -> None:
    done = lint_imports(pristine, pristine / "src")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(("contract", "module", "line"), WRONG)
def test_a_wrong_import_breaks_its_contract(
    pristine: Path, tmp_path: Path, contract: str, module: str, line: str
) -> None:
    shutil.copytree(pristine, tmp_path, dirs_exist_ok=True)
    with (tmp_path / "src" / "scorecard" / module).open("a", encoding="utf-8") as f:
        f.write(line)
    done = lint_imports(tmp_path, tmp_path / "src")
    assert done.returncode != 0, done.stdout
    assert f"{CONTRACTS[contract]} BROKEN" in done.stdout


def test_every_contract_is_drawn_in_the_architecture_doc() -> None:
    doc = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    for name in CONTRACTS.values():
        assert name in doc
