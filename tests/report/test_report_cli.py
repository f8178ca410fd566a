"""`scorecard report` with --narrative and --meetings, and its errors (exit 2, file named)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorecard.cli import main

from .conftest import SAMPLE


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    result = CliRunner().invoke(main, ["sample", "--out", str(folder / "answers.csv")])
    assert result.exit_code == 0, result.output
    return folder / "answers.csv"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_it_writes_a_report_with_narrative_and_meetings(answers: Path, tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    code, stdout, stderr = run(
        "report", str(answers), "--format", "pptx", "--out", str(out),
        "--narrative", str(SAMPLE / "narrative"), "--meetings", str(SAMPLE / "meetings.toml"),
    )  # fmt: skip
    assert code == 0, stderr
    assert f"Wrote {out}" in stdout
    assert "Not written yet (shown as such): pillars/inclusiveness.md" in stderr
    assert out.stat().st_size > 0


def test_it_names_the_narrative_file_it_cannot_use(answers: Path, tmp_path: Path) -> None:
    folder = tmp_path / "narrative"
    shutil.copytree(SAMPLE / "narrative", folder)
    (folder / "goals" / "18.md").write_text("x", "utf-8")
    out = tmp_path / "report.html"
    code, _, stderr = run("report", str(answers), "--out", str(out), "--narrative", str(folder))
    assert code == 2
    assert "Error: " in stderr
    assert "goals/18.md: goal 18 is not in this edition" in stderr
    assert "Traceback" not in stderr
    assert not out.exists()


def test_it_names_the_meeting_it_cannot_use(answers: Path, tmp_path: Path) -> None:
    bad = tmp_path / "meetings.toml"
    bad.write_text("[[meeting]]\ndate = 2022-05-01\nformat = 'fax'\n", "utf-8")
    code, _, stderr = run("report", str(answers), "--out", str(tmp_path / "r.html"),
                          "--meetings", str(bad))  # fmt: skip
    assert code == 2
    assert "meetings.toml, meeting 1: format must be one of 'online', 'in person'" in stderr


@pytest.mark.parametrize("fmt", ["html", "csv", "json", "datadict", "xlsx"])
def test_it_writes_each_quick_format(answers: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    code, _, stderr = run("report", str(answers), "--format", fmt, "--out", str(out))
    assert code == 0, stderr
    assert out.stat().st_size > 0


@pytest.mark.parametrize(
    ("name", "starts"),
    [("report.xlsx", b"PK"), ("report.json", b"{"), ("report.htm", b"<!"), ("notes.txt", b"<!")],
)
def test_the_out_suffix_chooses_the_format(
    answers: Path, tmp_path: Path, name: str, starts: bytes
) -> None:
    """`--out report.xlsx` writes a workbook; a suffix no format has gets the HTML default."""
    out = tmp_path / name
    code, _, stderr = run("report", str(answers), "--out", str(out))
    assert code == 0, stderr
    assert out.read_bytes().lstrip().startswith(starts)


def test_a_suffix_that_disagrees_with_the_format_is_refused(answers: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    code, _, stderr = run("report", str(answers), "--format", "html", "--out", str(out))
    assert code == 2
    assert "names a pdf file, but --format is html" in stderr
    assert not out.exists()


def test_groups_and_compare_read_the_suffix_too(answers: Path, tmp_path: Path) -> None:
    out = tmp_path / "groups.csv"
    code, _, stderr = run("groups", str(answers), "--by", "sector", "--out", str(out))
    assert code == 0, stderr
    assert out.read_text("utf-8").splitlines()[0].count(",") >= 2
    code, _, stderr = run(
        "compare", str(answers), str(answers), "--format", "csv", "--out", str(tmp_path / "c.pdf")
    )
    assert code == 2
    assert "names a pdf file" in stderr
