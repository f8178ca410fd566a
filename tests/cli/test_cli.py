"""The `scorecard` command: sample, results (table and JSON), and bad input.

The JSON figures are checked against a computation written here from METHOD.md,
reading the CSV with the csv module and exact Fractions, not with the code under test.
"""

from __future__ import annotations

import csv
import json
import math
import re
import subprocess
import sys
import tomllib
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from scipy.stats import t as student_t

from scorecard.cli import main

TOL = 1e-12
SCALE = range(-5, 6)
# METHOD.md "The framework": key area -> pillar.
PILLAR_OF_AREA = {
    1: "Policy environment",
    2: "Policy environment",
    3: "Institutional capacity",
    4: "Institutional capacity",
    5: "Institutional capacity",
    6: "Inclusiveness",
    7: "Inclusiveness",
    8: "Inclusiveness",
    9: "Inclusiveness",
    10: "Inclusiveness",
}
GOALS = range(1, 18)
AREAS = range(1, 11)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    result = run("sample", "--out", str(folder / "answers.csv"))
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def results_json(sample_dir: Path) -> dict[str, Any]:
    result = run("results", str(sample_dir / "answers.csv"), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def close(got: object, expected: Fraction | float | None) -> bool:
    if expected is None:
        return got is None
    assert isinstance(got, int | float), got
    return math.isclose(got, float(expected), rel_tol=TOL, abs_tol=TOL)


def mean(values: Sequence[Fraction]) -> Fraction | None:
    return sum(values, Fraction(0)) / len(values) if values else None


def band(p: Fraction) -> str:
    """METHOD.md "Progress bands": a boundary belongs to the band nearer zero."""
    for limit, name in ((80, "Very high"), (60, "High"), (40, "Medium"), (20, "Low")):
        if p > limit:
            return f"{name} progress"
    if p > 0:
        return "Very low progress"
    if p == 0:
        return "No progress perceived"
    for limit, name in ((-20, "Very small"), (-40, "Small"), (-60, "Medium"), (-80, "Large")):
        if p >= limit:
            return f"{name} reduction"
    return "Very large reduction"


def check_score(entry: dict[str, Any], m: Fraction | None) -> None:
    assert close(entry["mean"], m), (entry, m)
    assert close(entry["percent"], None if m is None else m * 20), (entry, m)
    assert entry["band"] == (None if m is None else band(m * 20)), (entry, m)


# --- sample ------------------------------------------------------------------------------


def test_it_writes_a_synthetic_sample_and_its_edition(sample_dir: Path) -> None:
    rows = read_rows(sample_dir / "answers.csv")
    assert len(rows) == 61
    assert all(r["respondent"].startswith("synthetic-") for r in rows)
    assert len({r["respondent"] for r in rows}) == 61
    header = list(rows[0])
    assert header[:5] == ["respondent", "sector", "gender", "age", "region"]
    assert {"sdg1_1", "sdg17_10", "sdg16_comment"} <= set(header)
    scores = [v for r in rows for k, v in r.items() if re.fullmatch(r"sdg\d+_\d+", k) and v]
    assert scores, "the sample has answers"
    assert {int(v) for v in scores} <= set(SCALE)
    edition = tomllib.loads((sample_dir / "edition.toml").read_text("utf-8"))
    assert edition["synthetic"] is True
    # The title in each language the sample offers (docs/report.md, "Languages").
    assert "synthetic" in edition["title"]["en"].lower()
    assert set(edition["title"]) >= {"en", "ru", "kk"}


def test_it_writes_the_number_of_respondents_asked_for(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "folder" / "answers.csv"
    result = run("sample", "--out", str(out), "--respondents", "7", "--seed", "1")
    assert result.exit_code == 0, result.output
    assert len(read_rows(out)) == 7


# --- results --json ----------------------------------------------------------------------


def test_it_prints_results_json_with_every_key(results_json: dict[str, Any]) -> None:
    for key in (
        "edition",
        "method",
        "respondents",
        "cells",
        "goals",
        "areas",
        "pillars",
        "overall",
        "range",
        "key_findings",
    ):
        assert key in results_json, key
    assert results_json["respondents"]["n"] == 61
    assert results_json["edition"]["synthetic"] is True


def test_its_json_figures_equal_an_independent_computation(
    sample_dir: Path, results_json: dict[str, Any]
) -> None:
    rows = read_rows(sample_dir / "answers.csv")
    answers: dict[tuple[int, int], list[int]] = {(g, a): [] for g in GOALS for a in AREAS}
    raters: dict[int, set[str]] = {g: set() for g in GOALS}
    for row in rows:
        for g in GOALS:
            for a in AREAS:
                cell = row[f"sdg{g}_{a}"].strip()
                if cell and cell.lower() != "dk":
                    answers[g, a].append(int(cell))
                    raters[g].add(row["respondent"])

    # cells
    cell_mean: dict[tuple[int, int], Fraction | None] = {}
    cells = {(c["goal"], c["area"]): c for c in results_json["cells"]}
    assert set(cells) == set(answers)
    for key, values in answers.items():
        c = cells[key]
        n = len(values)
        m = mean([Fraction(v) for v in values])
        cell_mean[key] = m
        assert c["n"] == n, key
        check_score(c, m)
        assert c["counts"] == {str(v): values.count(v) for v in SCALE}, key
        ordered = sorted(values)
        median = None if n == 0 else Fraction(ordered[(n - 1) // 2] + ordered[n // 2], 2)
        assert close(c["median"], median), key
        if n < 2:
            assert c["sd"] is None
            assert c["ci95"] is None
            continue
        assert m is not None
        variance = sum((v - m) ** 2 for v in values) / (n - 1)
        sd = math.sqrt(variance)
        assert close(c["sd"], sd), key
        half = float(student_t.ppf(0.975, n - 1)) * sd / math.sqrt(n)
        lo, hi = c["ci95"]
        assert math.isclose(lo, float(m) - half, rel_tol=1e-9, abs_tol=1e-9), key
        assert math.isclose(hi, float(m) + half, rel_tol=1e-9, abs_tol=1e-9), key

    # goals: mean of their area means; n = respondents who scored the goal
    goal_mean: dict[int, Fraction | None] = {}
    goals = {g["goal"]: g for g in results_json["goals"]}
    assert sorted(goals) == list(GOALS)
    for g in GOALS:
        m = mean([x for a in AREAS if (x := cell_mean[g, a]) is not None])
        goal_mean[g] = m
        check_score(goals[g], m)
        assert goals[g]["n"] == len(raters[g])

    # areas: mean over goals of the area's cell means; n = answers
    area_mean: dict[int, Fraction | None] = {}
    areas = {a["area"]: a for a in results_json["areas"]}
    assert sorted(areas) == list(AREAS)
    for a in AREAS:
        m = mean([x for g in GOALS if (x := cell_mean[g, a]) is not None])
        area_mean[a] = m
        check_score(areas[a], m)
        assert areas[a]["n"] == sum(len(answers[g, a]) for g in GOALS)

    # pillars: mean of their areas
    pillars = {p["name"]: p for p in results_json["pillars"]}
    assert set(pillars) == set(PILLAR_OF_AREA.values())
    for name, p in pillars.items():
        mine = [a for a, pillar in PILLAR_OF_AREA.items() if pillar == name]
        assert p["areas"] == mine
        check_score(p, mean([x for a in mine if (x := area_mean[a]) is not None]))

    # overall: mean of goal scores
    overall = mean([x for x in goal_mean.values() if x is not None])
    check_score(results_json["overall"], overall)

    # range: lowest and highest area percent
    area_percents = [m * 20 for m in area_mean.values() if m is not None]
    assert close(results_json["range"]["min_percent"], min(area_percents))
    assert close(results_json["range"]["max_percent"], max(area_percents))

    # key findings: goals above 40% (highest first), below 30% (lowest first)
    rated = {g: m * 20 for g, m in goal_mean.items() if m is not None}
    highest = sorted((g for g, p in rated.items() if p > 40), key=lambda g: (-rated[g], g))
    lowest = sorted((g for g, p in rated.items() if p < 30), key=lambda g: (rated[g], g))
    assert results_json["key_findings"] == {"highest": highest, "lowest": lowest}

    # respondents' profile
    profile = results_json["respondents"]
    ages = [int(r["age"]) for r in rows if r["age"]]
    assert profile["age"]["n"] == len(ages)
    assert profile["age"]["min"] == min(ages)
    assert profile["age"]["max"] == max(ages)
    assert close(profile["age"]["mean"], Fraction(sum(ages), len(ages)))
    genders = {s["label"]: s for s in profile["gender"]}
    for label in {r["gender"] for r in rows if r["gender"]}:
        count = sum(r["gender"] == label for r in rows)
        assert genders[label]["n"] == count
        assert close(genders[label]["percent"], Fraction(count * 100, 61))


def test_it_reads_the_same_figures_from_an_edition_given_explicitly(
    sample_dir: Path, tmp_path: Path
) -> None:
    alone = tmp_path / "answers.csv"
    alone.write_bytes((sample_dir / "answers.csv").read_bytes())
    plain = run("results", str(alone), "--json")
    assert plain.exit_code == 0, plain.output
    assert json.loads(plain.stdout)["edition"]["synthetic"] is False
    named = run("results", str(alone), "--json", "--edition", str(sample_dir / "edition.toml"))
    assert named.exit_code == 0, named.output
    data = json.loads(named.stdout)
    assert data["edition"]["synthetic"] is True
    assert data["overall"] == json.loads(plain.stdout)["overall"]


def test_it_prints_a_results_table(sample_dir: Path) -> None:
    result = run("results", str(sample_dir / "answers.csv"))
    assert result.exit_code == 0, result.output
    assert "Overall" in result.stdout
    assert "61 respondents" in result.stdout
    assert "SYNTHETIC" in result.stdout
    assert "SDG 17" in result.stdout


# --- bad input ---------------------------------------------------------------------------


def bad_scores_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.csv"
    path.write_text("respondent,sdg3_1,sdg3_7\nr1,1,2\nr2,3,7\n", "utf-8")
    return path


def test_it_exits_2_with_row_column_and_hint_on_a_bad_file(tmp_path: Path) -> None:
    result = run("results", str(bad_scores_file(tmp_path)), "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Error: answers.csv row 3, column sdg3_7: 7 is outside the scale -5..5" in (
        result.stderr
    )
    assert "row" in result.stderr
    assert "column" in result.stderr
    assert "Hint:" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ("respondent,sdg3_1,sdg3_7\nr1,1,2\nr2,3,7\n", "row 3, column sdg3_7"),
        ("respondent,age,sdg3_1\nr1,30,1\nr2,²,2\n", "row 3, column age"),
    ],
    ids=["score-out-of-scale", "age-superscript-two"],
)
def test_it_never_shows_a_traceback_for_bad_input(tmp_path: Path, content: str, where: str) -> None:
    """The installed command in a real process: stderr as a user sees it."""
    path = tmp_path / "answers.csv"
    path.write_text(content, "utf-8")
    done = subprocess.run(
        [sys.executable, "-c", "from scorecard.cli import main; main()", "results", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2, done.stderr
    assert where in done.stderr
    assert "Hint:" in done.stderr


def test_it_exits_2_on_an_encoding_problem(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_bytes("respondent,region,sdg3_1\nr1,Алматы,1\n".encode("cp1251"))
    result = run("results", str(path))
    assert result.exit_code == 2
    assert "Error: answers.csv row 2: the file is not UTF-8 text" in result.stderr
    assert "Hint:" in result.stderr


def big_valid_file(tmp_path: Path, size: int) -> Path:
    path = tmp_path / "big.csv"
    comment = "x" * 1000
    lines = ["respondent,sdg3_1,sdg3_comment"]
    i = 0
    while sum(len(line) + 1 for line in lines) < size:
        lines.append(f"r{i},1,{comment}")
        i += 1
    path.write_text("\n".join(lines) + "\n", "utf-8")
    assert path.stat().st_size > size
    return path


def test_it_refuses_a_file_over_max_size(tmp_path: Path) -> None:
    path = big_valid_file(tmp_path, 1_100_000)
    assert path.stat().st_size > 1024 * 1024
    refused = run("results", str(path), "--max-size", "1")
    assert refused.exit_code == 2
    assert "Error: big.csv" in refused.stderr
    assert "limit" in refused.stderr
    assert "--max-size" in refused.stderr  # the hint says how to raise it
    assert "Traceback" not in refused.output
    allowed = run("results", str(path), "--max-size", "2")
    assert allowed.exit_code == 0, allowed.output


def test_it_states_the_limit_in_the_units_of_max_size(tmp_path: Path) -> None:
    """`--max-size 1` is a 1 MB limit: the message must not call the file 1 MB too."""
    path = big_valid_file(tmp_path, 1_100_000)
    refused = run("results", str(path), "--max-size", "1")
    assert refused.exit_code == 2
    sizes = [float(x) for x in re.findall(r"(\d+(?:\.\d+)?) ?MB", refused.stderr)]
    assert len(sizes) == 2, refused.stderr
    assert sizes[1] == 1, refused.stderr  # the limit the user gave
    assert sizes[0] > sizes[1], refused.stderr


def test_it_keeps_the_default_max_size_below_200_mb(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    with path.open("wb") as f:  # sparse: refused before a byte is read
        f.truncate(200_000_001)
    refused = run("results", str(path))
    assert refused.exit_code == 2
    assert "limit" in refused.stderr
    assert "Traceback" not in refused.output


def test_it_rejects_a_missing_file_as_a_usage_error(tmp_path: Path) -> None:
    result = run("results", str(tmp_path / "nope.csv"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_its_sample_file_reads_back_to_the_sample_answers(sample_dir: Path) -> None:
    from scorecard.interop import read_answers
    from scorecard.sample import sample_answers

    back = read_answers(sample_dir / "answers.csv")
    made = sample_answers(61, 2022)
    assert back.respondents.ids == made.respondents.ids
    assert (back.to_dense() == made.to_dense()).all()
    assert {(c.respondent, c.goal, c.text) for c in back.comments} == {
        (c.respondent, c.goal, c.text) for c in made.comments
    }


# --- report (scorecard.report) -----------------------------------------------------------


def test_it_writes_an_html_report(sample_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "site" / "report.html"
    result = run("report", str(sample_dir / "answers.csv"), "--format", "html", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert str(out) in result.stdout
    html = out.read_text("utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "synthetic" in html.lower()
    assert "61" in html
    assert "Traceback" not in html


def test_it_refuses_an_unknown_report_format(sample_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    result = run("report", str(sample_dir / "answers.csv"), "--format", "docx", "--out", str(out))
    assert result.exit_code == 2
    assert "--format" in result.stderr
    assert "html" in result.stderr  # names the formats it knows
    assert not out.exists()


def test_its_report_exits_2_on_a_bad_file(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run("report", str(bad_scores_file(tmp_path)), "--out", str(out))
    assert result.exit_code == 2
    assert "Error: answers.csv row 3, column sdg3_7: " in result.stderr
    assert "Hint:" in result.stderr
    assert not out.exists()


@pytest.mark.django_db(transaction=True)
def test_it_builds_the_demo_without_serving(tmp_path: Path) -> None:
    from scorecard.web.editions.models import Edition, Invitation, hash_token

    folder = tmp_path / "demo"
    result = run("demo", "--dir", str(folder), "--no-serve")
    assert result.exit_code == 0, result.output
    assert len(read_rows(folder / "answers.csv")) == 61
    assert (folder / "edition.toml").exists()
    assert "synthetic" in (folder / "report.html").read_text("utf-8").lower()
    edition = Edition.objects.get(slug="kazakhstan-2022-sample")
    assert edition.respondents.count() == 61
    assert "password: " in result.output
    tokens = [line.strip().rstrip("/").rsplit("/", 1)[-1] for line in result.output.splitlines()
              if "/r/" in line]  # fmt: skip
    assert len(tokens) == 3
    assert all(Invitation.find(t) is not None for t in tokens)
    assert {hash_token(t) for t in tokens} <= set(
        edition.invitations.values_list("token_hash", flat=True)
    )
