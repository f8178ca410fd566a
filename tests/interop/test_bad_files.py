"""Bad answers files: every error names the file, the row and the column, and gives a hint.

Row numbers are spreadsheet rows: the header is row 1, the first respondent row 2.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook

from scorecard.interop import DEFAULT_MAX_BYTES, AnswersFileError, read_answers

HEADER = "respondent,sector,gender,age,region,sdg3_1,sdg3_7,sdg3_comment\n"
GOOD_ROW = "r1,NGO,Female,34,Almaty,2,3,ok\n"


@dataclass(frozen=True)
class Bad:
    """A bad file and where its error must point."""

    name: str
    content: bytes
    location: str  # the start of the problem line: file, row and column
    message: str  # a fragment of what the line says
    max_bytes: int | None = None


def csv_bytes(*lines: str) -> bytes:
    return "".join(lines).encode("utf-8")


CASES = [
    Bad(
        "answers.csv",
        csv_bytes(HEADER, GOOD_ROW, "r2,NGO,Male,40,Astana,1,7,\n"),
        "answers.csv row 3, column sdg3_7: ",
        "answers.csv row 3, column sdg3_7: 7 is outside the scale -5..5",
    ),
    Bad(
        "answers.csv",
        csv_bytes(HEADER, "r1,NGO,Female,34,Almaty,good,3,\n"),
        "answers.csv row 2, column sdg3_1: ",
        "'good' is not a number",
    ),
    Bad(
        "answers.csv",
        csv_bytes(HEADER, GOOD_ROW, GOOD_ROW.replace("r1", "r2"), "r3,,,,,2,1.5,\n"),
        "answers.csv row 4, column sdg3_7: ",
        "1.5 is not a whole number",
    ),
    Bad(
        "answers.csv",
        csv_bytes(HEADER.replace("region", "favourite_colour"), GOOD_ROW),
        "answers.csv row 1, column favourite_colour: ",
        "unknown column",
    ),
    Bad(
        "answers.csv",
        csv_bytes("respondent,sdg3_1,sdg3_7,sdg3_1\n", "r1,1,2,3\n"),
        "answers.csv row 1, column sdg3_1: ",
        "appears twice",
    ),
    Bad(
        "answers.csv",
        csv_bytes(HEADER, GOOD_ROW, GOOD_ROW.replace("r1", "r2"), GOOD_ROW),
        "answers.csv row 4, column respondent: ",
        "row 2",  # names the earlier row
    ),
    Bad(
        "answers.csv",
        csv_bytes(HEADER, GOOD_ROW, "  ,NGO,Male,40,Astana,1,1,\n"),
        "answers.csv row 3, column respondent: ",
        "empty",
    ),
    Bad("answers.csv", b"", "answers.csv: ", "empty"),
    Bad("answers.csv", csv_bytes(HEADER), "answers.csv: ", "no respondents"),
    Bad(
        "answers.csv",
        HEADER.encode() + GOOD_ROW.encode() + "r2,НПО,Ж,40,Алматы,1,1,\n".encode("cp1251"),
        "answers.csv row 3: ",
        "not UTF-8",
    ),
    Bad(
        "answers.csv",
        csv_bytes(HEADER, *[GOOD_ROW.replace("r1", f"r{i}") for i in range(40)]),
        "answers.csv: ",
        "limit",
        max_bytes=500,
    ),
    Bad(
        "answers.csv",
        csv_bytes(HEADER, GOOD_ROW, 'r2,NGO,Male,40,Astana,1,2,"The budget is not tr'),
        "answers.csv row 3: ",
        "quot",
    ),
    Bad(
        "answers.csv",
        csv_bytes(HEADER, GOOD_ROW, "r2,NGO,Male,40,Astana,1,2,too,many\n"),
        "answers.csv row 3: ",
        "cells",
    ),
    Bad(
        "answers.csv",
        csv_bytes(HEADER, GOOD_ROW, "r2,NGO,Male,40\n"),
        "answers.csv row 3: ",
        "cells",
    ),
    Bad(
        "answers.csv",
        csv_bytes("respondent,sdg3_1,sdg18_3\n", "r1,1,2\n"),
        "answers.csv row 1, column sdg18_3: ",
        "goal 18",
    ),
    Bad(
        "answers.csv",
        csv_bytes(HEADER, GOOD_ROW, "r2,NGO,Male,forty,Astana,1,1,\n"),
        "answers.csv row 3, column age: ",
        "forty",
    ),
    Bad(
        "answers.xlsx",
        b"respondent,sdg3_1\nr1,2\n",
        "answers.xlsx: ",
        "xlsx",
    ),
]
IDS = [
    "score-out-of-scale",
    "not-a-number",
    "not-a-whole-number",
    "unknown-column",
    "duplicate-column",
    "duplicate-respondent",
    "empty-respondent",
    "empty-file",
    "header-only",
    "cp1251-encoding",
    "bigger-than-max-bytes",
    "truncated-unclosed-quote",
    "ragged-too-many-cells",
    "ragged-too-few-cells",
    "unknown-goal-18",
    "age-not-a-number",
    "xlsx-not-a-zip",
]


def read_bad(tmp_path: Path, bad: Bad) -> AnswersFileError:
    path = tmp_path / bad.name
    path.write_bytes(bad.content)
    limit = DEFAULT_MAX_BYTES if bad.max_bytes is None else bad.max_bytes
    with pytest.raises(AnswersFileError) as caught:
        read_answers(path, max_bytes=limit)
    return caught.value


@pytest.mark.parametrize("bad", CASES, ids=IDS)
def test_it_names_file_row_and_column_and_gives_a_hint(tmp_path: Path, bad: Bad) -> None:
    error = read_bad(tmp_path, bad)
    lines = str(error).splitlines()
    located = [line for line in lines if line.startswith(bad.location)]
    assert located, f"no line starts with {bad.location!r} in:\n{error}"
    assert any(bad.message in line for line in located), str(error)
    assert all(p.file == bad.name for p in error.problems)
    assert error.hint.strip(), f"no hint in:\n{error}"
    assert lines[-1] == f"Hint: {error.hint}"


def test_it_reports_the_exact_out_of_scale_line(tmp_path: Path) -> None:
    error = read_bad(tmp_path, CASES[0])
    assert str(error).splitlines()[0] == (
        "answers.csv row 3, column sdg3_7: 7 is outside the scale -5..5"
    )
    [problem] = error.problems
    assert (problem.file, problem.row, problem.column) == ("answers.csv", 3, "sdg3_7")


def test_it_keeps_the_default_size_limit_below_200_mb() -> None:
    default = inspect.signature(read_answers).parameters["max_bytes"].default
    assert default == DEFAULT_MAX_BYTES
    assert 0 < DEFAULT_MAX_BYTES < 200_000_000


def test_it_refuses_a_201_mb_file_by_default_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    with path.open("wb") as f:  # sparse: the size check must come before any read
        f.truncate(201_000_000)
    with pytest.raises(AnswersFileError) as caught:
        read_answers(path)
    assert "limit" in str(caught.value)
    assert caught.value.hint


def test_it_reports_every_bad_cell_at_once(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_text(
        HEADER
        + "r1,NGO,Female,34,Almaty,9,3,\n"
        + "r2,NGO,Female,34,Almaty,1,x,\n"
        + GOOD_ROW.replace("r1", "r3")
        + "r4,NGO,Female,34,Almaty,-6,0.5,\n",
        "utf-8",
    )
    with pytest.raises(AnswersFileError) as caught:
        read_answers(path)
    error = caught.value
    assert [(p.row, p.column) for p in error.problems] == [
        (2, "sdg3_1"),
        (3, "sdg3_7"),
        (5, "sdg3_1"),
        (5, "sdg3_7"),
    ]
    text = str(error)
    assert "answers.csv row 2, column sdg3_1: 9 is outside the scale -5..5" in text
    assert "answers.csv row 3, column sdg3_7: 'x' is not a number" in text
    assert "answers.csv row 5, column sdg3_1: -6 is outside the scale -5..5" in text
    assert "answers.csv row 5, column sdg3_7: 0.5 is not a whole number" in text
    assert "stopped after" not in text
    assert error.hint


def test_it_stops_after_50_problems(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    rows = "".join(f"r{i},,,,,bad,7,\n" for i in range(80))  # 160 bad cells
    path.write_text(HEADER + rows, "utf-8")
    with pytest.raises(AnswersFileError) as caught:
        read_answers(path)
    error = caught.value
    assert len(error.problems) == 50
    lines = str(error).splitlines()
    problem_lines = [line for line in lines if line.startswith("answers.csv row ")]
    assert len(problem_lines) == 50
    assert any(line.startswith("(stopped after 50") for line in lines)
    assert lines[-1].startswith("Hint: ")
    rows_named = [p.row for p in error.problems if p.row is not None]
    assert len(rows_named) == 50
    assert rows_named == sorted(rows_named)
    assert rows_named[0] == 2


def test_it_names_the_xlsx_row_and_column_of_a_bad_score(tmp_path: Path) -> None:
    path = tmp_path / "answers.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["respondent", "sdg5_1", "sdg5_2"])
    sheet.append(["r1", 1, 2])
    sheet.append(["r2", 1, 11])
    book.save(path)
    with pytest.raises(AnswersFileError) as caught:
        read_answers(path)
    assert str(caught.value).startswith(
        "answers.xlsx row 3, column sdg5_2: 11 is outside the scale -5..5"
    )


@pytest.mark.parametrize("cell", ["-0", "3.00", "+2.0", "2e0"])
def test_it_never_calls_a_value_inside_the_scale_outside_it(tmp_path: Path, cell: str) -> None:
    """Whether or not such spellings are accepted, the message must not be false."""
    path = tmp_path / "answers.csv"
    path.write_text(f"respondent,sdg3_1\nr1,{cell}\n", "utf-8")
    message = ""
    try:
        read_answers(path)
    except AnswersFileError as error:
        message = str(error)
    assert "outside the scale" not in message, message


@pytest.mark.parametrize("age", ["²", "½", "٣٠٠"], ids=["superscript-two", "half", "arabic-300"])
def test_it_reports_a_strange_age_as_a_file_error(tmp_path: Path, age: str) -> None:
    """Characters str.isdigit() accepts but int() may not: still a cell to fix, not a crash."""
    path = tmp_path / "answers.csv"
    path.write_text(HEADER + f"r1,NGO,Female,{age},Almaty,2,3,\n", "utf-8")
    with pytest.raises(AnswersFileError) as caught:
        read_answers(path)
    assert "answers.csv row 2, column age: " in str(caught.value)


def test_it_reports_a_file_cut_after_the_first_cell_of_a_row(tmp_path: Path) -> None:
    """A truncated last line holding only an id is as short as any other cut row."""
    path = tmp_path / "answers.csv"
    path.write_text(HEADER + GOOD_ROW + "r2", "utf-8")
    with pytest.raises(AnswersFileError) as caught:
        read_answers(path)
    assert "answers.csv row 3: " in str(caught.value)


def test_it_names_the_row_where_an_unclosed_quote_opens(tmp_path: Path) -> None:
    """An unclosed quote swallows the rest of the file; the row to fix is where it opened."""
    path = tmp_path / "answers.csv"
    rows = [GOOD_ROW, 'r2,NGO,Male,40,Astana,1,2,"never closed\n']
    rows += [GOOD_ROW.replace("r1", f"r{i}") for i in range(3, 9)]
    path.write_text(HEADER + "".join(rows), "utf-8")
    with pytest.raises(AnswersFileError) as caught:
        read_answers(path)
    assert str(caught.value).startswith("answers.csv row 3: "), str(caught.value)


def test_it_says_the_file_is_bigger_than_the_limit(tmp_path: Path) -> None:
    """'the file is 1 MB, more than the limit of 1 MB' would contradict itself."""
    path = tmp_path / "answers.csv"
    path.write_bytes(HEADER.encode() + b"x" * 1_100_000)
    with pytest.raises(AnswersFileError) as caught:
        read_answers(path, max_bytes=1024 * 1024)
    sizes = [float(x) for x in re.findall(r"(\d+(?:\.\d+)?) ?MB", str(caught.value))]
    assert len(sizes) == 2, str(caught.value)
    assert sizes[0] > sizes[1], str(caught.value)
