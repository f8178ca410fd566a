"""Rows of text: the Table every reader works on, and the CSV pieces every format shares.

Encoding and separator problems are the first things that go wrong with files
exported from other tools, so they are caught once for every reader, before any
row is interpreted. Files are opened by importers/source.py (CSV or XLSX, size
limit, encodings); ``parse_csv`` reads CSV text already in memory.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from scorecard.interop.errors import AnswersFileError, fail

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


def parse_csv(data: bytes, name: str) -> Table:
    return parse_csv_text(decode(data, name), name)


def parse_csv_text(text: str, name: str) -> Table:
    """Rows of already decoded CSV text (importers that choose the encoding start here)."""
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    return csv_table(io.StringIO(text, newline=""), delimiter, name)


def csv_table(stream: TextIO, delimiter: str, name: str) -> Table:
    """Every row of a CSV stream, or the row where a quote opens and never closes."""
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        raise fail(
            name,
            f"broken CSV quoting ({exc})",
            "a quote opened in this row is never closed; the file may be truncated.",
            # The record where the quote opened, numbered as a spreadsheet numbers rows
            # (a cell with a line break is still one row).
            row=len(rows) + 1,
        ) from exc
    return _split_header(name, rows)


def sniff_delimiter(first_line: str) -> str:
    """`;`, `,` or tab, counted outside quotes: exported labels are full of quoted commas."""
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    delimiter = ";" if counts[";"] > counts[","] else ","
    return "\t" if counts["\t"] > counts[delimiter] else delimiter


def decode(data: bytes, name: str) -> str:
    """UTF-8, with or without BOM. Anything else is refused with the row it breaks on."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise not_utf8(data, name, exc) from exc


def not_utf8(data: bytes, name: str, exc: UnicodeDecodeError, hint: str = "") -> AnswersFileError:
    """The error for bytes UTF-8 cannot read: it names the row, and hints at cp1251 or
    at ``hint`` (what the caller knows about the file)."""
    save = "save it as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8)."
    if not hint:
        hint = save
        if looks_like_cp1251(data):
            hint = (
                "it looks like Windows Cyrillic (cp1251) from an older Excel: "
                + save
                + " `scorecard import` can also read it with --encoding cp1251."
            )
    return fail(
        name,
        f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read)",
        hint,
        row=data.count(b"\n", 0, exc.start) + 1,
    )


def looks_like_cp1251(data: bytes) -> bool:
    """Most non-ASCII bytes read as Cyrillic letters in cp1251 (what old Russian Excel saves)."""
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return False
    other = [c for c in text if not c.isascii()]
    cyrillic = sum(1 for c in other if "\u0400" <= c <= "\u04ff")
    return bool(other) and cyrillic >= 0.6 * len(other)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def split_header(name: str, rows: list[list[str]]) -> Table:
    """The first row with any text is the header; blank rows above it are skipped."""
    return _split_header(name, rows)


def _split_header(name: str, rows: list[list[str]]) -> Table:
    rows_iter: Iterator[tuple[int, list[str]]] = iter(enumerate(rows, start=1))
    for number, row in rows_iter:
        if any(cell.strip() for cell in row):
            header = [cell.strip() for cell in row]
            while header and not header[-1]:
                header.pop()
            return Table(name, header, rows[number:], number + 1)
    raise fail(name, "the file has no header row", "the first row must name the columns.")
