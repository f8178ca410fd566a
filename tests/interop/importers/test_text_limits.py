"""Profile text and ids longer than the database keeps are refused in every format.

The web app stores a respondent's id in 100 characters, sector in 60, gender in 30,
the text of a sector or gender answer kept as Other in 200, and region in 100
(scorecard.web.responses.models). An import stores a sector or gender that matches no
choice as Other with its text, so there the Other limit applies; the canonical reader
keeps text as written and checks the columns' own limits. A longer value must be a file error
naming file, row and column, never a DataError from PostgreSQL halfway through a save.
Each case takes one sample export, lengthens one cell of its first respondent (row 2)
and expects that cell to be named. Limits count characters, not bytes: the text is
Cyrillic.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from scorecard.interop import read_answers
from scorecard.interop.errors import AnswersFileError
from scorecard.interop.importers import read_import
from tests.interop.importers.helpers import HERE

LIMITS = {"respondent": 100, "sector": 200, "gender": 200, "region": 100}
# (sample export, mapping file, format, the column of each field in that export)
EXPORTS = [
    (
        "canonical/answers.csv",
        None,
        "canonical",
        {"respondent": "respondent", "sector": "sector", "gender": "gender", "region": "region"},
    ),
    (
        "kobo/xml-values.csv",
        None,
        "kobo",
        {
            "respondent": "_uuid",
            "sector": "profile/sector",
            "gender": "profile/gender",
            "region": "profile/region",
        },
    ),
    (
        "cognito/entries.csv",
        None,
        "cognito",
        {
            "respondent": "PeoplesScorecard_Id",
            "sector": "Profile_Sector",
            "gender": "Profile_Gender",
            "region": "Profile_Region",
        },
    ),
    (
        "limesurvey/codes.csv",
        "limesurvey/codes.toml",
        "limesurvey",
        {"respondent": "id", "sector": "sector", "gender": "gender", "region": "region"},
    ),
    (
        "gforms/responses.csv",
        None,
        "gforms",
        {
            "respondent": "Timestamp",
            "sector": "Sector of your organisation",
            "gender": "Gender",
            "region": "Region (optional)",
        },
    ),
    (
        "mapped/kk.csv",
        "mapped/kk.toml",
        "spreadsheet",
        {"respondent": "Респондент", "sector": "Сектор", "gender": "Жынысы", "region": "Өңір"},
    ),
]
CASES = [
    pytest.param(name, mapping, fmt, columns[field], LIMITS[field], id=f"{fmt}-{field}")
    for name, mapping, fmt, columns in EXPORTS
    for field in LIMITS
]


def with_cell(tmp_path: Path, name: str, column: str, value: str) -> Path:
    """The sample export with ``column`` of its first respondent set to ``value``."""
    text = (HERE / name).read_text("utf-8-sig")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    rows[1][[h.strip() for h in rows[0]].index(column)] = value
    path = tmp_path / Path(name).name
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out, delimiter=delimiter).writerows(rows)
    return path


def refused(path: Path, **options: object) -> str:
    with pytest.raises(AnswersFileError) as caught:
        read_import(path, **options)  # type: ignore[arg-type]
    return str(caught.value)


@pytest.mark.parametrize(("name", "mapping", "fmt", "column", "limit"), CASES)
def test_it_refuses_text_longer_than_the_database_keeps(
    tmp_path: Path, name: str, mapping: str | None, fmt: str, column: str, limit: int
) -> None:
    path = with_cell(tmp_path, name, column, "Ж" * (limit + 1))
    message = refused(path, mapping=HERE / mapping if mapping else None)
    assert f"{path.name} row 2, column {column}: is longer than {limit} characters" in message
    assert "Hint: " in message
    # the format is still the one the export is: only the cell is wrong
    ok = read_import(HERE / name, mapping=HERE / mapping if mapping else None)
    assert ok.preview.format == fmt


def test_it_counts_the_prefix_an_import_adds_to_an_id(tmp_path: Path) -> None:
    """A Kobo id is stored as kobo:<uuid>, so the uuid itself may hold 95 characters."""
    fits = with_cell(tmp_path, "kobo/xml-values.csv", "_uuid", "Ж" * 95)
    assert read_import(fits).answers.respondents.ids[0] == "kobo:" + "Ж" * 95
    too_long = with_cell(tmp_path, "kobo/xml-values.csv", "_uuid", "Ж" * 96)
    assert "row 2, column _uuid: is longer than 100 characters" in refused(too_long)


def test_the_canonical_reader_keeps_text_at_the_limits_and_refuses_one_more(
    tmp_path: Path,
) -> None:
    """read_answers (scorecard results, the web upload) is the same builder: same limits."""
    header = "respondent,sector,gender,region,sdg3_1\n"
    fits = tmp_path / "answers.csv"
    fits.write_text(header + f"{'Ж' * 100},{'С' * 60},{'Г' * 30},{'Р' * 100},1\n", "utf-8")
    respondents = read_answers(fits).respondents
    assert respondents.ids == ("Ж" * 100,)
    assert respondents.sector.value(0) == "С" * 60
    assert respondents.gender.value(0) == "Г" * 30
    assert respondents.region.value(0) == "Р" * 100

    long = tmp_path / "long.csv"
    long.write_text(header + f"{'Ж' * 101},{'С' * 61},{'Г' * 31},{'Р' * 101},1\n", "utf-8")
    with pytest.raises(AnswersFileError) as caught:
        read_answers(long)
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (2, "respondent"),
        (2, "sector"),
        (2, "gender"),
        (2, "region"),
    ]
    assert all(p.message.startswith("is longer than") for p in caught.value.problems)


def test_the_canonical_reader_refuses_long_text_in_a_workbook_too(tmp_path: Path) -> None:
    path = tmp_path / "answers.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["respondent", "sector", "sdg3_1"])
    sheet.append(["r1", "NGO", 2])
    sheet.append(["r2", "С" * 61, 3])
    book.save(path)
    with pytest.raises(AnswersFileError) as caught:
        read_answers(path)
    assert str(caught.value).startswith(
        "answers.xlsx row 3, column sector: is longer than 60 characters"
    )
