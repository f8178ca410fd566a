"""Files that are not UTF-8 CSV text are named for what they are: UTF-16, binary, NULs."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from scorecard.interop import AnswersFileError, read_answers
from scorecard.interop.importers import read_import
from scorecard.interop.tabular import parse_csv

TEXT = "respondent,sector,sdg3_1,sdg3_comment\nr1,NGO,2,Хорошо\nr2,СМИ,-1,\n"
READERS = [read_answers, read_import]


def refusal(tmp_path: Path, name: str, data: bytes, reader: object = read_answers) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(AnswersFileError) as caught:
        reader(path)  # type: ignore[operator]
    assert caught.value.hint
    return str(caught.value)


@pytest.mark.parametrize("reader", READERS, ids=["canonical", "import"])
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_it_names_utf16_text_and_says_to_save_as_utf8(
    tmp_path: Path, codec: str, reader: object
) -> None:
    """Excel's "Unicode Text": with a BOM (FF FE / FE FF) or without, NULs in every other byte."""
    text = refusal(tmp_path, "answers.csv", TEXT.encode(codec), reader)
    first = text.splitlines()[0]
    assert first == "answers.csv: the file is UTF-16 text (Excel's 'Unicode Text'), not UTF-8"
    assert "CSV UTF-8" in text
    assert "cp1251" not in text


def test_parse_csv_names_utf16_too() -> None:
    with pytest.raises(AnswersFileError) as caught:
        parse_csv(TEXT.encode("utf-16"), "answers.csv")
    assert "UTF-16" in str(caught.value)


@pytest.mark.parametrize("reader", READERS, ids=["canonical", "import"])
def test_it_says_random_bytes_are_not_a_csv_or_xlsx_file(tmp_path: Path, reader: object) -> None:
    data = random.Random(12).randbytes(5000)
    text = refusal(tmp_path, "answers.csv", data, reader)
    assert text.startswith("answers.csv: the file is not a CSV or XLSX file ("), text
    assert "cp1251" not in text


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), ".xls workbook"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(100), "XLSX workbook"),
    ],
    ids=["png", "pdf", "xls", "zip"],
)
def test_it_says_what_a_binary_file_is(tmp_path: Path, data: bytes, what: str) -> None:
    text = refusal(tmp_path, "answers.csv", data)
    assert text.startswith("answers.csv: the file is not a CSV or XLSX file ("), text
    assert what in text.splitlines()[0]


def test_it_calls_a_file_of_nul_bytes_binary(tmp_path: Path) -> None:
    text = refusal(tmp_path, "answers.csv", TEXT.encode() + bytes(4096))
    assert "is not a CSV or XLSX file" in text


@pytest.mark.parametrize("reader", READERS, ids=["canonical", "import"])
def test_a_nul_after_a_quote_is_named_with_its_row_not_as_broken_quoting(
    tmp_path: Path, reader: object
) -> None:
    data = b'respondent,sdg3_1,sdg3_comment\nr1,2,"fine"\nr2,1,"padded"\x00\x00\nr3,1,\n'
    text = refusal(tmp_path, "answers.csv", data, reader)
    assert "contains NUL characters (row 3)" in text, text
    assert "broken CSV quoting" not in text


def test_a_stray_nul_in_a_cell_still_names_the_cell(tmp_path: Path) -> None:
    text = refusal(tmp_path, "answers.csv", b"respondent,sdg3_1\nr1,2\nr2,\x003\n")
    assert "answers.csv row 3, column sdg3_1: contains a control character" in text


@pytest.mark.parametrize("reader", READERS, ids=["canonical", "import"])
def test_utf8_and_cp1251_text_is_still_read_or_named_as_before(
    tmp_path: Path, reader: object
) -> None:
    path = tmp_path / "answers.csv"
    path.write_bytes(TEXT.encode("utf-8-sig"))
    reader(path)  # type: ignore[operator]
    text = refusal(tmp_path, "old.csv", TEXT.encode("cp1251"), reader)
    assert "cp1251" in text
    assert "UTF-16" not in text
    assert "not a CSV or XLSX" not in text
