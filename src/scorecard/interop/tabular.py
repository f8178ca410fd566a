"""Reading a CSV or XLSX file into rows of text, with the checks every format shares.

Size, encoding and separator problems are the first things that go wrong with
files exported from other tools, so they are caught here once for every
importer, before any row is interpreted.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scorecard.interop.errors import fail

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 100 * MB
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}


@dataclass(frozen=True)
class Table:
    """A file as header and rows of text; ``first_row`` is the spreadsheet row of rows[0]."""

    name: str
    header: list[str]
    rows: list[list[str]]
    first_row: int = 2
    pad_short_rows: bool = False  # XLSX rows end at their last filled cell


def read_table(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Table:
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise fail(name, f"cannot open the file ({exc.strerror})") from exc
    if size > max_bytes:
        raise fail(
            name,
            # Rounded up, so a file just over the limit never reads as equal to it.
            f"the file is {math.ceil(size * 100 / MB) / 100:.2f} MB, "
            f"more than the limit of {max_bytes / MB:g} MB",
            "split it into smaller files, or raise the limit with --max-size.",
        )
    if size == 0:
        raise fail(name, "the file is empty", "the first row must be the header.")
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return _read_xlsx(path)
    if suffix not in CSV_SUFFIXES:
        raise fail(name, f"unknown file type {suffix or '(none)'}", "use .csv or .xlsx.")
    return parse_csv(path.read_bytes(), name)


def parse_csv(data: bytes, name: str) -> Table:
    text = decode(data, name)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    if "\t" in first_line and first_line.count("\t") > first_line.count(delimiter):
        delimiter = "\t"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    row_start = 1  # the line a row starts on; a broken quote is reported there
    try:
        for row in reader:
            rows.append(row)
            row_start = reader.line_num + 1
    except csv.Error as exc:
        raise fail(
            name,
            f"broken CSV quoting ({exc})",
            "a quote opened in this row is never closed; the file may be truncated.",
            row=row_start,
        ) from exc
    return _split_header(name, rows)


def decode(data: bytes, name: str) -> str:
    """UTF-8, with or without BOM. Anything else is refused with the row it breaks on."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data.count(b"\n", 0, exc.start) + 1
        raise fail(
            name,
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read)",
            "save it as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8).",
            row=row,
        ) from exc


def _read_xlsx(path: Path) -> Table:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise fail(path.name, "not a readable .xlsx workbook", "re-save it from Excel.") from exc
    try:
        sheet = book.worksheets[0]
        rows = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    table = _split_header(path.name, rows)
    return Table(table.name, table.header, table.rows, table.first_row, pad_short_rows=True)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _split_header(name: str, rows: list[list[str]]) -> Table:
    rows_iter: Iterator[tuple[int, list[str]]] = iter(enumerate(rows, start=1))
    for number, row in rows_iter:
        if any(cell.strip() for cell in row):
            header = [cell.strip() for cell in row]
            while header and not header[-1]:
                header.pop()
            return Table(name, header, rows[number:], number + 1)
    raise fail(name, "the file has no header row", "the first row must name the columns.")
