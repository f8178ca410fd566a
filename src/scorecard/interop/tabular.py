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
    lines = _LastLine(stream)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        if "\x00" in lines.last:  # NUL after a closing quote: not a quoting mistake
            raise nul_characters(name, len(rows) + 1) from exc
        raise fail(
            name,
            f"broken CSV quoting ({exc})",
            "a quote opened in this row is never closed; the file may be truncated.",
            # The record where the quote opened, numbered as a spreadsheet numbers rows
            # (a cell with a line break is still one row).
            row=len(rows) + 1,
        ) from exc
    return _split_header(name, rows)


class _LastLine:
    """The lines of a stream, remembering the last one the csv reader took."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.last = ""

    def __iter__(self) -> _LastLine:
        return self

    def __next__(self) -> str:
        self.last = next(self.stream)
        return self.last


def nul_characters(name: str, row: int) -> AnswersFileError:
    return fail(
        name,
        f"the file contains NUL characters (row {row}), which no CSV text holds",
        "the file may be damaged or padded with zero bytes by the tool that saved it: "
        "open it, check that row, and save it again as 'CSV UTF-8'.",
    )


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
    check_text(data, name)
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


SAVE_UTF8 = "save it as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8)."
SAMPLE = 64 * 1024  # bytes looked at to tell text from UTF-16 and binary files
CONTROLS = bytes(c for c in range(32) if c not in b"\t\n\r\x0c")
MAGIC = (  # how other files start, and what to say about each
    (b"PK\x03\x04", "it is a zip archive, perhaps an XLSX workbook: name it .xlsx"),
    (b"\xd0\xcf\x11\xe0", "it looks like an old Excel .xls workbook: save it as .xlsx"),
    (b"%PDF", "it is a PDF document"),
    (b"\x89PNG", "it is a PNG image"),
    (b"\xff\xd8\xff", "it is a JPEG image"),
    (b"GIF8", "it is a GIF image"),
    (b"\x1f\x8b", "it is a gzip archive"),
    (b"SQLite format 3\x00", "it is an SQLite database"),
)


def check_text(data: bytes, name: str) -> None:
    """Refuse UTF-16 text and binary files with what they are, before any decoding.

    UTF-16 (Excel's "Unicode Text") starts with FF FE or FE FF, or has NUL bytes in
    every other position; a binary file has many control bytes, or starts like a
    known format. A few NULs in text are left to the row that holds them.
    """
    sample = data[:SAMPLE]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) or _alternate_nuls(sample):
        raise fail(
            name,
            "the file is UTF-16 text (Excel's 'Unicode Text'), not UTF-8",
            SAVE_UTF8,
        )
    for magic, what in MAGIC:
        if sample.startswith(magic):
            raise not_a_table(name, what)
    controls = len(sample) - len(sample.translate(None, CONTROLS))
    if controls > max(3, len(sample) // 50):
        raise not_a_table(name, f"{controls} of its first {len(sample):,} bytes are control codes")


def not_a_table(name: str, what: str) -> AnswersFileError:
    return fail(
        name,
        f"the file is not a CSV or XLSX file ({what})",
        "save the answers as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8) or as an "
        ".xlsx workbook.",
    )


def _alternate_nuls(sample: bytes) -> bool:
    """ASCII-heavy UTF-16 without a BOM: NULs in most odd (LE) or even (BE) positions only."""
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    little = odd.count(0) / len(odd)
    big = even.count(0) / len(even)
    return (little > 0.3 and big < 0.02) or (big > 0.3 and little < 0.02)


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
