"""Fuzzing the importers: any input ends in answers or in AnswersFileError, never a crash.

Headers are drawn from what real exports hold (canonical names, Kobo paths and meta
columns, Cognito and LimeSurvey names, labels in three languages) mixed with junk;
cells from real answer spellings mixed with separators, quotes, line breaks and stray
bytes; files as CSV in three encodings, XLSX, or bytes that are neither.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from scorecard.interop.errors import AnswersFileError
from scorecard.interop.importers import ENCODINGS, FORMATS, read_import

HEADERS = [
    "respondent", "sector", "gender", "age", "region", "sdg3_1", "sdg3_7", "sdg5_10",
    "sdg18_1", "sdg3_11", "sdg3_comment", "sdg3/sdg3_2", "goals", "goals/3", "_uuid", "_id",
    "_submission_time", "_validation_status", "Entry_Status", "Scorecard_Id", "Entry_Number",
    "SDG3_StrategiesNationalActionPlansNationalBudgeting", "id", "submitdate", "lastpage",
    "startlanguage", "SDG3[SQ001]", "G1Q1[SQ002]", "Timestamp", "Email address",
    "SDG 3: Good health and well-being [Legal and policy framework]",
    "ЦУР 5 — 2. Правовая и политическая база", "ТДМ 16 — түсініктеме", "Comments on SDG 3",
    "Sector of your organisation", "Жынысы", "", " ", "x", "sdg3_1",
]  # fmt: skip
CELLS = [
    "", "3", "+3", "-5", "5", "6", "3.0", "3.5", "dk", "Don't know", "Не знаю", "Білмеймін",
    "−2", "3 - High progress", "M5", "P2", "DK", "validation_status_not_approved",
    "Not approved", "NGO", "ngo", "НПО", "34", "200", "-1", "abc", "=SUM(A1)", "'=x", "a,b",
    'say "hi"', "line\nbreak", "a;b", "\t", "x" * 120, "uuid:1234", "0",
]  # fmt: skip
MAPPINGS = [
    None,
    'header_rows = 2\n[columns]\n"x" = "sdg3_1"\n',
    '[columns]\n"id" = "respondent"\n"sdg3_1" = "sdg3_2"\n[values]\n"abc" = 2\n',
    '[goals]\n"G1Q1" = 3\n[values]\n"M5" = "dk"\n',
    "[columns\n",
    "header_rows = 0\nformat = 'nothing'\n[values]\n'a' = 'b'\n",
    'unknown = 1\n[sector]\n"ngo" = "NGO"\n',
]

cells = st.one_of(st.sampled_from(CELLS), st.text(max_size=8))
tables = st.tuples(
    st.lists(st.sampled_from(HEADERS), min_size=1, max_size=12),
    st.lists(st.lists(cells, max_size=14), max_size=6),
)


def csv_bytes(header: list[str], rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


def xlsx_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [header, *rows]:
        sheet.append([_safe_xlsx(c) for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _safe_xlsx(text: str) -> str:
    """openpyxl refuses control characters that XML cannot hold."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 32)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=tables,
    kind=st.sampled_from(["csv-utf8", "csv-bom", "csv-cp1251", "xlsx", "junk", "junk-xlsx"]),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    fmt=st.sampled_from(FORMATS),
    encoding=st.sampled_from(ENCODINGS),
    mapping=st.sampled_from(MAPPINGS),
    junk=st.binary(max_size=200),
)
def test_it_never_crashes_on_any_input(
    table: tuple[list[str], list[list[str]]],
    kind: str,
    delimiter: str,
    fmt: str,
    encoding: str,
    mapping: str | None,
    junk: bytes,
) -> None:
    header, rows = table
    with tempfile.TemporaryDirectory() as folder:
        suffix = ".xlsx" if "xlsx" in kind else ".csv"
        path = Path(folder) / f"export{suffix}"
        if kind == "xlsx":
            data = xlsx_bytes(header, rows)
        elif kind.startswith("junk"):
            data = junk
        else:
            data = csv_bytes(header, rows, delimiter, "cp1251" if "cp1251" in kind else "utf-8")
            data = (b"\xef\xbb\xbf" if kind == "csv-bom" else b"") + data
        path.write_bytes(data)
        spec = None
        if mapping is not None:
            spec = Path(folder) / "map.toml"
            spec.write_text(mapping, "utf-8")
        problems = None
        try:
            result = read_import(path, format=fmt, mapping=spec, encoding=encoding)
        except AnswersFileError as exc:
            problems = exc.problems
        if problems is not None:
            assert problems, "an error must say what is wrong"
            assert all(p.message for p in problems)
        else:
            assert len(result.answers.respondents) == result.preview.respondents
            assert result.preview.lines()
