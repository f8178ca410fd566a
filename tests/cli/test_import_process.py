"""`scorecard import` as a coordinator runs it: a process of its own, no test settings.

The in-process tests run under pytest-django, which has already started Django; a web
model imported before the command starts Django passes there and crashes for real
(it did, with --ignore/--suggest-map). These run the installed command in a new process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "interop" / "importers"
SCORECARD = Path(sys.executable).with_name("scorecard")


def environment(data: Path) -> dict[str, str]:
    """The embedded SQLite in `data`, whichever database the suite runs on.

    Under `make test-postgres` DATABASE_URL names the suite's server; the migrate step
    and the command must agree on one database, and neither may touch the server's.
    """
    env = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    env["SCORECARD_DATA_DIR"] = str(data)
    return env


def scorecard(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCORECARD), *args], capture_output=True, text=True, env=environment(data),
        timeout=300, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-data")
    migrate = subprocess.run(
        [sys.executable, "-m", "django", "migrate", "-v0"],
        env={**environment(folder), "DJANGO_SETTINGS_MODULE": "scorecard.web.settings"},
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert migrate.returncode == 0, migrate.stderr
    made = scorecard(
        folder, "edition", "create", "kz", "--title", "KZ", "--country", "Kazakhstan",
        "--year", "2024", "--goals", "3,5,16",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    return folder


def test_a_dry_run_of_a_cognito_export_in_russian_reads_every_goal(data: Path) -> None:
    done = scorecard(
        data, "import", str(FIXTURES / "cognito" / "labels-ru.csv"), "--edition", "kz", "--dry-run"
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "SDG 16: 6 respondents" in done.stdout
    assert "Dry run: nothing was stored." in done.stdout


def test_an_unplaced_score_column_is_refused_without_a_traceback(
    data: Path, tmp_path: Path
) -> None:
    source = (FIXTURES / "cognito" / "short-names.csv").read_text("utf-8-sig").splitlines()
    header = source[0].split(",")
    at = next(i for i, name in enumerate(header) if name.startswith("Goal3_"))
    header[at] = "Goal3_Zzzq"
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([",".join(header), *source[1:]]) + "\n", "utf-8")
    done = scorecard(data, "import", str(bad), "--edition", "kz")
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "column Goal3_Zzzq" in done.stderr
    ignored = scorecard(data, "import", str(bad), "--edition", "kz", "--ignore", "Goal3_Zzzq")
    assert ignored.returncode == 0, ignored.stderr
