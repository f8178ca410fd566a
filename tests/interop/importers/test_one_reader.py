"""The canonical reader is the importer: read_answers and read_import(format="canonical")
are one builder with the canonical plan, so they accept and refuse the same files.

What differs between formats is said by the plan, not by a second reader: the canonical
file's answers are numbers and its profile text is kept as written; a tool's export
carries labelled choices, which become the English labels the report groups by.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from scorecard.analysis import MISSING
from scorecard.interop import read_answers, write_answers_csv
from scorecard.interop.errors import AnswersFileError
from scorecard.interop.importers import read_import
from tests.interop.importers.helpers import TRUTH

BAD_HEADER = "respondent,sdg3_1,sdg3_bad\nr1,1,2\n"
BAD_CELLS = "respondent,sector,age,sdg3_1,sdg3_2\nr1,NGO,34,good,7\nr1,NGO,forty,1.5,\n,NGO,,3,2\n"


def error(call: Callable[[], object]) -> AnswersFileError:
    with pytest.raises(AnswersFileError) as caught:
        call()
    return caught.value


def test_both_entry_points_read_a_canonical_file_alike() -> None:
    via_import = read_import(TRUTH, format="canonical").answers
    via_reader = read_answers(TRUTH)
    assert via_import.respondents.ids == via_reader.respondents.ids
    np.testing.assert_array_equal(via_import.to_dense(), via_reader.to_dense())
    assert via_import.comments == via_reader.comments


def test_both_entry_points_refuse_a_canonical_file_alike(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_text(BAD_HEADER, "utf-8")
    header = error(lambda: read_answers(path))
    assert str(header) == str(error(lambda: read_import(path, format="canonical")))
    assert str(header).startswith("answers.csv row 1, column sdg3_bad: unknown column")

    path.write_text(BAD_CELLS, "utf-8")
    cells = error(lambda: read_answers(path))
    assert str(cells) == str(error(lambda: read_import(path, format="canonical")))
    lines = str(cells).splitlines()
    assert lines[:6] == [
        "answers.csv row 2, column sdg3_1: 'good' is not a number",
        "answers.csv row 2, column sdg3_2: 7 is outside the scale -5..5",
        "answers.csv row 3, column respondent: 'r1' already appears in row 2",
        "answers.csv row 3, column sdg3_1: 1.5 is not a whole number",
        "answers.csv row 3, column age: 'forty' is not an age in years",
        "answers.csv row 4, column respondent: is empty",
    ]


@pytest.mark.parametrize("fmt", ["canonical", "spreadsheet"])
@pytest.mark.parametrize(
    ("cell", "score"),
    [("2e0", 2), ("3.00", 3), ("-0", 0), ("+2.0", 2), ("−3", -3), ("5", 5), ("dk", MISSING)],
)
def test_every_format_reads_whole_numbers_however_spreadsheets_spell_them(
    tmp_path: Path, fmt: str, cell: str, score: int
) -> None:
    path = tmp_path / "answers.csv"
    path.write_text(f"respondent,sdg3_1,sdg3_2\nr1,{cell},1\n", "utf-8")
    assert read_import(path, format=fmt).answers.to_dense()[0, 0, 0] == score


@pytest.mark.parametrize(
    ("fmt", "good"),
    [
        ("canonical", "'good' is not a number"),
        ("spreadsheet", "'good' is not an answer this import knows"),
    ],
)
def test_each_format_says_what_a_score_cell_should_have_been(
    tmp_path: Path, fmt: str, good: str
) -> None:
    path = tmp_path / "answers.csv"
    path.write_text('respondent,sdg3_1,sdg3_2,sdg3_3,sdg3_4\nr1,good,7,1.5,"3,0"\n', "utf-8")
    problems = [p.message for p in error(lambda: read_import(path, format=fmt)).problems]
    assert problems[:3] == [good, "7 is outside the scale -5..5", "1.5 is not a whole number"]
    # 3,0 is a whole number inside the scale written with a decimal comma: not read as 3
    # (1,000 would be a thousand), and never called "outside the scale"
    assert "outside the scale" not in problems[3]
    assert problems[3].startswith("'3,0' is not")


def test_the_canonical_reader_keeps_profile_text_as_written(tmp_path: Path) -> None:
    """Reading the platform's own file back (scorecard results, a published version) keeps
    its text; an import, of any format, maps choice labels to the report's English labels."""
    path = tmp_path / "answers.csv"
    path.write_text("respondent,sector,gender,sdg3_1\nr1,НПО,Әйел,1\n", "utf-8")
    kept = read_answers(path).respondents
    assert (kept.sector.value(0), kept.gender.value(0)) == ("НПО", "Әйел")
    for fmt in ("canonical", "spreadsheet"):
        sheet = read_import(path, format=fmt).answers.respondents
        assert (sheet.sector.value(0), sheet.gender.value(0)) == ("NGO", "Female")


def test_the_canonical_file_reads_back_exactly_what_was_written(tmp_path: Path) -> None:
    original = read_answers(TRUTH)
    path, again = tmp_path / "written.csv", tmp_path / "again.csv"
    write_answers_csv(original, path)
    back = read_import(path).answers
    write_answers_csv(back, again)
    assert again.read_bytes() == path.read_bytes()
    assert back.respondents.ids == original.respondents.ids
    for column in ("sector", "gender", "region"):
        a, b = getattr(back.respondents, column), getattr(original.respondents, column)
        assert [a.value(i) for i in range(10)] == [b.value(i) for i in range(10)]
    assert back.comments == original.comments


def test_the_canonical_file_needs_a_respondent_column(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_text("sector,sdg3_1\nNGO,1\n", "utf-8")
    assert str(error(lambda: read_answers(path))).startswith(
        "answers.csv row 1: no 'respondent' column"
    )
    # any other spreadsheet names its respondents by row instead
    assert read_import(path, format="spreadsheet").answers.respondents.ids == ("row-2",)


def test_asking_for_utf8_says_the_file_is_not_utf8(tmp_path: Path) -> None:
    """What read_answers asks for; the hint still says what the file probably is."""
    path = tmp_path / "answers.csv"
    path.write_bytes("respondent,region,sdg3_1\nr1,Алматы,1\n".encode("cp1251"))
    message = str(error(lambda: read_import(path, encoding="utf-8")))
    assert message.startswith("answers.csv row 2: the file is not UTF-8 text")
    assert "cp1251" in message.splitlines()[-1]
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(
        "respondent,region,sdg3_1\nr1,Алматы,1\n".encode() + "r2,Астана,2\n".encode("cp1251")
    )
    message = str(error(lambda: read_answers(mixed)))
    assert message.startswith("mixed.csv row 3: the file is not UTF-8 text")
    assert "row 2 is UTF-8 but row 3 is Windows Cyrillic (cp1251)" in message
