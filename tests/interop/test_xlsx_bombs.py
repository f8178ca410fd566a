"""XLSX bombs are refused from the zip directory, quickly and in bounded memory.

The bombs are built here, a few hundred KB on disk each, with the builders of
benchmarks/bombs.py (which measures the full-size ones in a child process).
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from benchmarks import bombs
from benchmarks.bombs import HEADER_ROW, MAIN, row_bomb, whitespace_bomb, write_workbook
from openpyxl import Workbook

from scorecard.interop import AnswersFileError, read_answers, workbooks
from scorecard.interop.importers import read_import, read_source

MB = 1024 * 1024
PEAK_LIMIT = 300 * MB


def refused(call: Callable[[], object]) -> tuple[str, float, int]:
    """The first line of the refusal, the seconds it took and the peak of Python memory."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(AnswersFileError) as caught:
            call()
        seconds = time.perf_counter() - start
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.hint
    return str(caught.value).splitlines()[0], seconds, peak


def test_it_refuses_a_workbook_that_expands_past_ten_times_the_upload_limit(
    tmp_path: Path,
) -> None:
    path = tmp_path / "answers.xlsx"
    whitespace_bomb(path, 120)
    assert path.stat().st_size < MB
    line, seconds, peak = refused(lambda: read_source(path, max_bytes=10 * MB))
    assert line.startswith("answers.xlsx: the workbook expands to 120 MB; "), line
    assert line.endswith("the limit for a 10 MB upload is 100 MB"), line
    assert seconds < 5
    assert peak < PEAK_LIMIT


def test_it_refuses_whitespace_shared_strings_that_expand_a_thousandfold(tmp_path: Path) -> None:
    path = tmp_path / "answers.xlsx"
    whitespace_bomb(path, 120)
    line, seconds, peak = refused(lambda: read_source(path, max_bytes=50 * MB))
    assert line.startswith("answers.xlsx: xl/sharedStrings.xml expands "), line
    assert "a part of a workbook may expand at most 100 times" in line
    assert seconds < 5
    assert peak < PEAK_LIMIT


def test_it_refuses_shared_strings_past_twice_the_upload_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbooks, "RATIO", 10_000)  # only the shared strings' own limit
    path = tmp_path / "answers.xlsx"
    whitespace_bomb(path, 30)
    line, _seconds, _peak = refused(lambda: read_source(path, max_bytes=10 * MB))
    assert line == (
        "answers.xlsx: its shared strings expand to 30 MB; the limit for a 10 MB upload is 20 MB"
    )


def test_it_refuses_millions_of_empty_rows(tmp_path: Path) -> None:
    path = tmp_path / "answers.xlsx"
    row_bomb(path, 5_000_000)
    assert path.stat().st_size < MB
    line, seconds, peak = refused(lambda: read_import(path, max_bytes=50 * MB))
    assert line.startswith("answers.xlsx: xl/worksheets/sheet1.xml expands "), line
    assert seconds < 5
    assert peak < PEAK_LIMIT


def test_it_refuses_a_sheet_that_claims_every_cell(tmp_path: Path) -> None:
    """A few KB whose <dimension> once made openpyxl pad every row to 16,384 cells."""
    path = tmp_path / "answers.xlsx"
    row_bomb(path, 10)
    line, seconds, peak = refused(lambda: read_answers(path, max_bytes=50 * MB))
    assert line.startswith("answers.xlsx: the first sheet claims the range A1:XFD1048576 "), line
    assert "the limit for a 50 MB upload is" in line
    assert seconds < 5
    assert peak < PEAK_LIMIT


def test_it_refuses_a_range_beyond_what_excel_can_hold(tmp_path: Path) -> None:
    path = tmp_path / "answers.xlsx"
    row_bomb(path, 10, dimension="A1:B99999999")
    line, _seconds, _peak = refused(lambda: read_source(path))
    assert line == (
        "answers.xlsx: the first sheet claims the range A1:B99999999, beyond what Excel can hold"
    )


def test_it_stops_reading_rows_past_the_row_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows that compress too little to be caught by the zip still end at the bound."""
    monkeypatch.setattr(workbooks, "EXCEL_ROWS", 1_000)
    monkeypatch.setattr(workbooks, "_count_rows", lambda *args: 0)  # only the reader's bound
    path = tmp_path / "answers.xlsx"
    rows = (f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>'.encode() for i in range(2, 2_000))
    write_workbook(
        path,
        [b"<worksheet " + MAIN + b"><sheetData>" + HEADER_ROW, *rows, b"</sheetData></worksheet>"],
    )
    line, _seconds, _peak = refused(lambda: read_source(path))
    assert line == "answers.xlsx: the first sheet has more than 1,000 rows"


def test_it_counts_the_rows_before_openpyxl_reads_any(tmp_path: Path) -> None:
    """Rows that compress too little for the zip checks are counted in the sheet XML."""
    path = tmp_path / "answers.xlsx"
    rows = (f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>'.encode() for i in range(2, 15_000))
    write_workbook(
        path,
        [b"<worksheet " + MAIN + b"><sheetData>" + HEADER_ROW, *rows, b"</sheetData></worksheet>"],
    )
    line, seconds, peak = refused(lambda: read_source(path, max_bytes=MB))
    assert line == "answers.xlsx: the first sheet has more than 10,000 rows"
    assert seconds < 5
    assert peak < PEAK_LIMIT


def test_it_stops_reading_cells_past_the_cell_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbooks.WorkbookLimits, "cells", property(lambda _self: 5_000))
    path = tmp_path / "answers.xlsx"
    row = "".join(f'<c r="{col}{{i}}"><v>1</v></c>' for col in "ABCDEFGHIJKLMNOPQRST")
    rows = (f'<row r="{i}">{row.format(i=i)}</row>'.encode() for i in range(2, 600))
    write_workbook(
        path,
        [b"<worksheet " + MAIN + b"><sheetData>" + HEADER_ROW, *rows, b"</sheetData></worksheet>"],
    )
    line, _seconds, _peak = refused(lambda: read_source(path, max_bytes=MB))
    assert line.startswith("answers.xlsx: the first sheet has more than 5,000 cells (by row "), line
    assert line.endswith("the limit for a 1.0 MB upload is 5,000 cells"), line


def test_it_reads_every_column_of_a_sheet_whose_dimension_is_wrong(tmp_path: Path) -> None:
    """Some tools write <dimension ref="A1"/> whatever the sheet holds; it is ignored."""
    path = tmp_path / "answers.xlsx"
    rows = [
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>r1</t></is></c><c r="B2"><v>3</v></c></row>'
    ]
    header = (
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>respondent</t></is></c>'
        b'<c r="B1" t="inlineStr"><is><t>sdg3_1</t></is></c></row>'
    )
    write_workbook(
        path,
        [
            b"<worksheet " + MAIN + b'><dimension ref="A1"/><sheetData>' + header,
            *rows,
            b"</sheetData></worksheet>",
        ],
    )
    source = read_source(path)
    assert source.table.header == ["respondent", "sdg3_1"]
    assert source.table.rows == [["r1", "3"]]


def test_it_still_reads_a_normal_workbook_with_blank_rows(tmp_path: Path) -> None:
    path = tmp_path / "answers.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["respondent", "sdg5_1", "sdg5_2", "sdg5_comment"])
    sheet.append(["r1", 1, 2, "fine"])
    sheet.append([])
    sheet.append(["r2", -1, None, None])
    book.save(path)
    answers = read_answers(path, max_bytes=1 * MB)
    assert list(answers.respondents.ids) == ["r1", "r2"]


def test_the_benchmark_measures_both_bombs_in_a_child_process() -> None:
    figures = bombs.run(whitespace_mb=60, rows=2_000_000)
    outcomes = [str(f["outcome"]) for f in figures]
    assert outcomes[0].startswith("whitespace.xlsx: xl/sharedStrings.xml expands "), outcomes
    assert outcomes[1].startswith("rows.xlsx: xl/worksheets/sheet1.xml expands "), outcomes
    for f in figures:
        assert 0 < float(str(f["seconds"])) < 30
        assert 0 < float(str(f["peak_megabytes"])) < 300
