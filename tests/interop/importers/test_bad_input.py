"""Bad exports: one clear message naming file, row and column, and no answers at all.

Every case raises AnswersFileError before anything could be stored (the CLI tests check
the database stays empty); the message is what a coordinator reads to fix the file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from scorecard.interop.errors import AnswersFileError
from scorecard.interop.importers import read_import
from scorecard.method import default_framework
from tests.interop.importers.helpers import HERE, figures

RU_HEADER = "respondent,sector,gender,age,region,sdg3_1,sdg3_2,sdg3_comment\n"
RU_ROWS = (
    "r1,НКО,Женский,34,Алматы,3,2,Хорошо\n",
    "r2,СМИ,Мужской,41,Астана,-1,dk,Плохо\n",
    "r3,Другое,Женский,,Шымкент,0,5,\n",
)
KOBO = HERE / "kobo" / "xml-values.csv"


def problem(path: Path, **options: object) -> str:
    with pytest.raises(AnswersFileError) as caught:
        read_import(path, **options)  # type: ignore[arg-type]
    return str(caught.value)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def ru_csv(encoding: str, bom: bool = False) -> bytes:
    text = RU_HEADER + "".join(RU_ROWS)
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def test_it_reads_utf8_with_and_without_a_byte_order_mark_alike(tmp_path: Path) -> None:
    plain = read_import(write(tmp_path, "a.csv", ru_csv("utf-8")))
    marked = read_import(write(tmp_path, "b.csv", ru_csv("utf-8", bom=True)))
    assert figures(plain.answers) == figures(marked.answers)
    assert plain.answers.respondents.region.labels[0] == "Алматы"


def test_it_refuses_cp1251_naming_the_row_unless_asked_for_it(tmp_path: Path) -> None:
    path = write(tmp_path, "old-excel.csv", ru_csv("cp1251"))
    message = problem(path)
    assert message.startswith("old-excel.csv row 2: the file is Windows Cyrillic (cp1251)")
    assert "--encoding cp1251" in message
    decoded = read_import(path, encoding="cp1251")
    assert decoded.preview.encoding == "cp1251"
    utf8 = read_import(write(tmp_path, "new.csv", ru_csv("utf-8")))
    assert figures(decoded.answers) == figures(utf8.answers)


def test_it_refuses_a_file_that_mixes_utf8_and_cp1251_rows(tmp_path: Path) -> None:
    data = (RU_HEADER + RU_ROWS[0] + RU_ROWS[1]).encode("utf-8") + RU_ROWS[2].encode("cp1251")
    path = write(tmp_path, "joined.csv", data)
    message = problem(path)
    assert message.startswith("joined.csv row 4: the file mixes encodings: row 2 is UTF-8")
    assert "Windows Cyrillic (cp1251)" in message
    assert problem(path, encoding="cp1251").startswith(
        "joined.csv row 2: row 2 is UTF-8 text, not cp1251"
    )


def test_it_refuses_cp1251_for_a_file_marked_as_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "marked.csv", ru_csv("utf-8", bom=True))
    assert "starts with a UTF-8 mark" in problem(path, encoding="cp1251")


def test_it_names_rows_that_use_another_separator_than_the_header(tmp_path: Path) -> None:
    text = KOBO.read_text("utf-8").splitlines()
    text[3] = ",".join(cell.strip('"') for cell in text[3].split(";"))  # re-saved with commas
    path = write(tmp_path, "kobo.csv", "\n".join(text).encode())
    message = problem(path)
    assert message.startswith("kobo.csv row 4: holds one cell")
    assert "another separator than the header" in message


def test_it_names_a_separator_it_does_not_know(tmp_path: Path) -> None:
    path = write(tmp_path, "piped.csv", b"respondent|sdg3_1|sdg3_2\nr1|3|4\n")
    message = problem(path, format="spreadsheet")
    assert "piped.csv row 1: the header is a single column ('respondent|sdg3_1|sdg3_2'" in message


def test_it_refuses_a_merged_title_row_above_the_header(tmp_path: Path) -> None:
    message = problem(HERE / "mapped" / "ru.xlsx")
    assert message.startswith("ru.xlsx row 1: rows 1 and 2 look like a two-row header")
    assert "header_rows = 2" in message
    csv_path = write(tmp_path, "titled.csv", b"Survey 2021,,\nrespondent,sdg3_1,sdg3_2\nr1,3,4\n")
    assert "titled.csv row 1: rows 1 and 2 look like a two-row header" in problem(csv_path)


def test_it_names_an_answer_label_nobody_mapped(tmp_path: Path) -> None:
    text = KOBO.read_text("utf-8").replace('"4";"5";"5"', '"4";"Very good";"5"', 1)
    path = write(tmp_path, "kobo.csv", text.encode())
    message = problem(path)
    assert "kobo.csv row 2, column sdg3/sdg3_2: 'Very good' is not an answer this import knows" in (
        message
    )
    assert "[values]" in message


def test_it_names_both_columns_of_a_target_mapped_twice(tmp_path: Path) -> None:
    mapping = write(tmp_path, "twice.toml", b'[columns]\n"3.1" = "sdg3_1"\n"3.2" = "sdg3_1"\n')
    shutil.copy(HERE / "mapped" / "kk.csv", tmp_path / "kk.csv")
    message = problem(tmp_path / "kk.csv", mapping=mapping)
    assert "kk.csv row 1, column 3.2: is mapped to sdg3_1, like column '3.1'" in message


def test_it_names_mapping_mistakes_in_the_mapping_file(tmp_path: Path) -> None:
    mapping = write(
        tmp_path,
        "bad.toml",
        b'[columns]\n"3.1" = "sdg3_99x"\n"Nope" = "sdg3_2"\n[values]\n"Good" = 9\n',
    )
    message = problem(HERE / "mapped" / "kk.csv", mapping=mapping)
    assert "bad.toml column 3.1: maps to 'sdg3_99x', which is not a target" in message
    broken = write(tmp_path, "broken.toml", b'[columns]\n"a" = \n')
    assert problem(HERE / "mapped" / "kk.csv", mapping=broken).startswith(
        "broken.toml row 2: not valid TOML"
    )
    missing = write(tmp_path, "missing.toml", b'[columns]\n"Nope" = "sdg3_2"\n')
    assert "missing.toml column Nope: names a column that kk.csv does not have" in problem(
        HERE / "mapped" / "kk.csv", mapping=missing
    )
    outside = write(tmp_path, "outside.toml", b'[values]\n"Good" = 9\n')
    assert "outside.toml column Good: 9 is outside the scale -5..5" in problem(
        HERE / "mapped" / "kk.csv", mapping=outside
    )


def test_it_names_the_row_where_a_truncated_export_ends(tmp_path: Path) -> None:
    data = KOBO.read_bytes()
    cut_in_quote = write(tmp_path, "cut.csv", data[: data.rstrip().rfind(b';"') + 3])
    assert "cut.csv row 12: broken CSV quoting" in problem(cut_in_quote)
    lines = data.decode().splitlines()
    width = len(lines[0].split(";"))
    cut_at_cell = ";".join(lines[-1].split(";")[:12])
    short = write(tmp_path, "short.csv", "\n".join([*lines[:-1], cut_at_cell]).encode())
    assert f"short.csv row 12: has 12 cells but the header has {width}" in problem(short)
    xlsx = (HERE / "kobo" / "labels.xlsx").read_bytes()
    truncated = write(tmp_path, "labels.xlsx", xlsx[: len(xlsx) // 2])
    assert problem(truncated).startswith("labels.xlsx: not a readable .xlsx workbook")


def test_it_refuses_formulas_naming_their_cells(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["respondent", "sdg3_1", "sdg3_2", "sdg3_comment"])
    sheet.append(["r1", 3, "=A1+1", "ok"])
    sheet.append(["r2", "=SUM(B2:B2)", 2, "=B2"])
    book.save(tmp_path / "formulas.xlsx")
    message = problem(tmp_path / "formulas.xlsx")
    assert "formulas.xlsx row 2, column sdg3_2: holds a spreadsheet formula" in message
    assert "formulas.xlsx row 3, column sdg3_1: holds a spreadsheet formula" in message
    assert "formulas.xlsx row 3, column sdg3_comment: holds a spreadsheet formula" in message
    assert "Paste Special > Values" in message


def test_it_refuses_goals_the_edition_does_not_cover() -> None:
    three_and_five = default_framework().with_goals((3, 5))
    message = problem(KOBO, framework=three_and_five)
    assert "xml-values.csv row 1, column sdg16/sdg16_1: goal 16 is not in this edition" in message
    labels = problem(HERE / "kobo" / "labels.xlsx", framework=three_and_five)
    assert (
        "labels.xlsx row 1, column SDG 16: Peace, justice and strong institutions/SDG 16" in labels
    )
    assert "goal 16 is not in this edition (goals 3, 5)" in labels


def test_it_refuses_the_same_submission_twice(tmp_path: Path) -> None:
    lines = KOBO.read_text("utf-8").splitlines()
    path = write(tmp_path, "twice.csv", "\n".join([*lines, lines[1]]).encode())
    message = problem(path)
    assert "twice.csv row 13, column _uuid: " in message
    assert "already appears in row 2" in message


def test_it_refuses_scores_outside_the_scale_and_profile_text_too_long(tmp_path: Path) -> None:
    long_sector = "S" * 201  # stored as Other, whose text the database keeps in 200
    path = write(
        tmp_path,
        "sheet.csv",
        f"respondent,sector,sdg3_1\nr1,{long_sector},7\nr2,NGO,3.5\nr3,NGO,-6\n".encode(),
    )
    message = problem(path)
    assert "sheet.csv row 2, column sdg3_1: 7 is outside the scale -5..5" in message
    assert "sheet.csv row 2, column sector: is longer than 200 characters" in message
    assert "sheet.csv row 3, column sdg3_1: 3.5 is not a whole number" in message
    assert "sheet.csv row 4, column sdg3_1: -6 is outside the scale -5..5" in message


def test_it_keeps_the_canonical_file_strict_about_unknown_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "answers.csv", b"respondent,sdg3_1,sdg3_l\nr1,3,4\n")
    assert "answers.csv row 1, column sdg3_l: unknown column" in problem(path)


def test_it_says_when_no_column_holds_scores(tmp_path: Path) -> None:
    path = write(tmp_path, "people.csv", b"name,town\nAigul,Almaty\n")
    message = problem(path)
    assert "no column was recognised as a score" in message
    assert "mapping file" in message


def test_it_refuses_unknown_formats_and_encodings(tmp_path: Path) -> None:
    assert "unknown format 'qualtrics'" in problem(KOBO, format="qualtrics")
    assert "unknown encoding 'latin-9'" in problem(KOBO, encoding="latin-9")
    assert "unknown file type .ods" in problem(write(tmp_path, "a.ods", b"x"))
