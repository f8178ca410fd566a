"""Reading an export into a Table, with the checks that come before any column is read.

Every reader opens files here, the canonical reader (``read_answers``) too. Files
from other tools fail in ways of their own: a CSV saved by an old Russian Excel
(cp1251), two exports pasted together in two encodings, a title row merged
across the columns above the real header, an XLSX whose answers are formulas.
Each is caught here and named by row, so the coordinator knows which row of
which file to fix.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

from scorecard.interop.errors import AnswersFileError, fail
from scorecard.interop.tabular import (
    CSV_SUFFIXES,
    DEFAULT_MAX_BYTES,
    MB,
    XLSX_SUFFIXES,
    Table,
    cell_text,
    check_text,
    csv_table,
    looks_like_cp1251,
    not_utf8,
    sniff_delimiter,
    split_header,
)
from scorecard.interop.workbooks import check_workbook, too_many_cells, too_many_rows

ENCODINGS = ("auto", "utf-8", "cp1251")
UTF8_BOM = b"\xef\xbb\xbf"
_NO_CELLS: list[str] = []  # shared by every empty row of a workbook: never changed


@dataclass(frozen=True)
class Source:
    """A table and what the file said beyond its text: which cells were formulas."""

    table: Table
    formulas: frozenset[tuple[int, int]] = frozenset()  # (index into table.rows, column)
    encoding: str = "utf-8"  # of a CSV; empty for a workbook


def read_source(
    path: Path, encoding: str = "auto", header_rows: int = 1, max_bytes: int = DEFAULT_MAX_BYTES
) -> Source:
    name = path.name
    _check_size(path, max_bytes)
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        source = _read_xlsx(path, max_bytes)
    elif suffix in CSV_SUFFIXES:
        data = path.read_bytes()
        used = check_encoding(data, name, encoding)
        source = Source(_parse_csv(data, name, used), encoding=used)
    else:
        raise fail(name, f"unknown file type {suffix or '(none)'}", "use .csv or .xlsx.")
    if header_rows > 1:
        return Source(_join_header(source.table, header_rows), _shift(source), source.encoding)
    check_single_header(source.table)
    return source


def _check_size(path: Path, max_bytes: int) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise fail(path.name, f"cannot open the file ({exc.strerror})") from exc
    if size > max_bytes:
        raise fail(
            path.name,
            f"the file is {math.ceil(size * 100 / MB) / 100:.2f} MB, "
            f"more than the limit of {max_bytes / MB:g} MB",
            "split it into smaller files, or raise the limit with --max-size.",
        )
    if size == 0:
        raise fail(path.name, "the file is empty", "the first row must be the header.")


def check_encoding(data: bytes, name: str, encoding: str = "auto") -> str:
    """The codec that reads ``data``; mixed encodings are refused with both rows named.

    "auto" says what the file is instead (cp1251, or two encodings); "utf-8", as the
    canonical reader asks, says that the file is not UTF-8 text, and why in the hint.
    """
    check_text(data, name)
    if encoding == "cp1251":
        _decode_cp1251(data, name)
        return "cp1251"
    if encoding not in ENCODINGS:
        raise fail(name, f"unknown encoding {encoding!r}", f"use one of {', '.join(ENCODINGS)}.")
    try:
        data.decode("utf-8-sig")  # checked whole, then read as a stream (a str of 100 MB
        return "utf-8"  # held by csv's StringIO would cost 4 bytes per character)
    except UnicodeDecodeError as exc:
        bad_row = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        end = data.find(b"\n", exc.start)
        line = data[start : end if end >= 0 else len(data)]
        kind = "Windows Cyrillic (cp1251)" if looks_like_cp1251(line) else "in another encoding"
        utf8_row = _first_utf8_row(data)
        if encoding == "utf-8":  # asked for (the canonical reader always is): say just that
            mixed = (
                f"row {utf8_row} is UTF-8 but row {bad_row} is {kind}: the rows probably come "
                "from two exports; save each as 'CSV UTF-8' before joining them."
            )
            raise not_utf8(data, name, exc, mixed if utf8_row is not None else "") from exc
        if utf8_row is not None:
            raise fail(
                name,
                f"the file mixes encodings: row {utf8_row} is UTF-8 but row {bad_row} is "
                f"{kind}, so no single encoding reads it",
                "the rows probably come from two exports; save each as 'CSV UTF-8' "
                "before joining them.",
                row=bad_row,
            ) from exc
        if encoding == "auto" and looks_like_cp1251(data):
            raise fail(
                name,
                "the file is Windows Cyrillic (cp1251) text, not UTF-8 "
                f"(byte 0x{data[exc.start]:02x} cannot be read as UTF-8)",
                "import it again with --encoding cp1251, or save it as 'CSV UTF-8' "
                "(Excel: File > Save As > CSV UTF-8).",
                row=bad_row,
            ) from exc
        raise not_utf8(data, name, exc) from exc  # the shared message for anything else


def _parse_csv(data: bytes, name: str, codec: str) -> Table:
    """Rows decoded as they are read, so the text never exists whole beside the rows."""
    first = data[: data.find(b"\n")] if b"\n" in data else data
    python_codec = "utf-8-sig" if codec == "utf-8" else codec
    delimiter = sniff_delimiter(first.decode(python_codec, errors="replace"))
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=python_codec, newline="")
    return csv_table(stream, delimiter, name)


def _decode_cp1251(data: bytes, name: str) -> str:
    if data.startswith(UTF8_BOM):
        raise fail(
            name,
            "the file starts with a UTF-8 mark, so it is not cp1251",
            "import it without --encoding (UTF-8 is read by default).",
            row=1,
        )
    utf8_row = _first_utf8_row(data)
    if utf8_row is not None:
        raise fail(
            name,
            f"row {utf8_row} is UTF-8 text, not cp1251: the file mixes encodings",
            "import it without --encoding if it is all UTF-8, or save each part as "
            "'CSV UTF-8' before joining them.",
            row=utf8_row,
        )
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError as exc:
        row = data.count(b"\n", 0, exc.start) + 1
        raise fail(
            name,
            f"byte 0x{data[exc.start]:02x} is not a cp1251 character",
            "the file is neither cp1251 nor UTF-8; save it as 'CSV UTF-8'.",
            row=row,
        ) from exc


def _first_utf8_row(data: bytes) -> int | None:
    """The first row with non-ASCII text that is valid UTF-8 (cp1251 Cyrillic never is)."""
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        if number == 1 and line.startswith(UTF8_BOM):
            line = line[len(UTF8_BOM) :]
            if line.isascii():
                continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        return number
    return None


def _read_xlsx(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """The first sheet, streamed; the zip is checked for bombs before openpyxl opens it.

    The sheet's declared size (``<dimension>``) is ignored while reading, so a sheet
    that claims every row and column costs only the cells it really holds; rows end
    at their last filled cell, and an empty row costs no list of its own.
    """
    import zipfile

    from openpyxl import load_workbook

    limits = check_workbook(path, max_bytes)
    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise fail(path.name, "not a readable .xlsx workbook", "re-save it from Excel.") from exc
    rows: list[list[str]] = []
    formulas: list[tuple[int, int]] = []
    cells_read = 0
    try:
        sheet = book.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
        for r, row in enumerate(sheet.iter_rows()):
            if r >= limits.rows:
                raise too_many_rows(path.name, limits)
            cells: list[str] = []
            for c, cell in enumerate(row):
                value: object = cell.value
                if getattr(cell, "data_type", None) == "f":
                    formulas.append((r, c))
                    value = getattr(value, "text", value)
                cells.append(cell_text(value))
            while cells and not cells[-1]:
                cells.pop()
            cells_read += len(cells)
            if cells_read > limits.cells:
                raise too_many_cells(path.name, limits, r + 1)
            rows.append(cells if cells else _NO_CELLS)
    except AnswersFileError:
        raise
    except Exception as exc:  # a damaged workbook fails in openpyxl in many ways
        raise fail(path.name, "not a readable .xlsx workbook", "re-save it from Excel.") from exc
    finally:
        book.close()
    table = split_header(path.name, rows)
    table = Table(table.name, table.header, table.rows, table.first_row, pad_short_rows=True)
    skipped = table.first_row - 1  # rows above the first data row
    found = frozenset((r - skipped, c) for r, c in formulas if r >= skipped)
    return Source(table, found, encoding="")


def _join_header(table: Table, header_rows: int) -> Table:
    """A header over several rows (merged group titles): fill titles right, join with " / "."""
    extra = table.rows[: header_rows - 1]
    if len(extra) < header_rows - 1:
        raise fail(table.name, f"the file has fewer than {header_rows} header rows")
    levels = [table.header, *([c.strip() for c in row] for row in extra)]
    width = max(len(level) for level in levels)
    filled: list[list[str]] = []
    for level in levels[:-1]:
        padded = level + [""] * (width - len(level))
        current = ""
        for i, text in enumerate(padded):
            current = text or current
            padded[i] = current
        filled.append(padded)
    bottom = levels[-1] + [""] * (width - len(levels[-1]))
    names = []
    for i in range(width):
        parts = [level[i] for level in filled if level[i]] + ([bottom[i]] if bottom[i] else [])
        names.append(" / ".join(dict.fromkeys(parts)))
    while names and not names[-1]:
        names.pop()
    return Table(
        table.name,
        names,
        table.rows[header_rows - 1 :],
        table.first_row + header_rows - 1,
        table.pad_short_rows,
    )


def _shift(source: Source) -> frozenset[tuple[int, int]]:
    return frozenset((r - 1, c) for r, c in source.formulas if r >= 1)


def check_single_header(table: Table) -> None:
    """Refuse a title row merged above the real header instead of misreading every column."""
    if not table.rows:
        return
    below = table.rows[0]
    header = table.header + [""] * (len(below) - len(table.header))
    empty = [i for i, name in enumerate(header) if not name and i < len(below)]
    if not empty or not all(below[i].strip() for i in empty):
        return
    if any(_looks_like_answer(cell) for cell in below if cell.strip()):
        return  # a data row under a header with an unnamed column
    named = ", ".join(repr(below[i].strip()) for i in empty[:3])
    top = table.first_row - 1
    raise fail(
        table.name,
        f"rows {top} and {top + 1} look like a two-row header: row {top} is empty (merged) "
        f"above {named}",
        "delete the title row so that one row names the columns, or write a mapping file "
        "with header_rows = 2 (docs/imports.md).",
        row=top,
    )


def _looks_like_answer(text: str) -> bool:
    stripped = text.strip().lstrip("+-\u2212")
    return stripped.replace(".", "", 1).isdigit() or stripped.casefold() in {"dk", "n/a"}
