"""What an XLSX upload will cost, found from its zip directory before openpyxl opens it.

An XLSX is a zip of XML parts, and a small zip can expand a thousandfold: 2 MB of
whitespace in sharedStrings.xml cost a worker 36 s and 4 GB, and a sheet of millions
of empty ``<row/>`` elements, or a ``<dimension>`` that claims every row and column,
kept one busy past its timeout. The limits below follow from the caller's upload
limit (``max_bytes``, the CLI's --max-size); a workbook past one is refused, naming
the file, before any of its XML is parsed. Pure: the CLI, the workspace upload and
the API all read workbooks through ``importers/source.py``, which calls this.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from scorecard.interop.errors import AnswersFileError, fail

KB = 1024
MB = 1024 * KB
GB = 1024 * MB
EXPANSION = 10  # the whole workbook may expand to 10 times the upload limit
SHARED_STRINGS = 2  # sharedStrings.xml is held whole in memory: twice the upload limit
RATIO = 100  # no part may expand more than 100 times (Apache POI's default, too)
RATIO_FLOOR = 1 * MB  # parts smaller than this may compress as well as they like
EXCEL_ROWS = 1_048_576  # the most rows and columns Excel itself can write
EXCEL_COLUMNS = 16_384
HEAD = 16 * KB  # the sheet XML read to find <dimension>, which comes first
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref=[\"']([^\"']*)[\"']")
ROOT = re.compile(rb"<(\w+:)?worksheet\b")
CELL = re.compile(r"\$?([A-Za-z]*)\$?(\d*)")
SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\br:id=[\"']([^\"']+)[\"']")
RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
REL_ID = re.compile(rb"\bId=[\"']([^\"']+)[\"']")
REL_TARGET = re.compile(rb"\bTarget=[\"']([^\"']+)[\"']")
HINT = (
    "save the answers from Excel again (only the answers sheet, without empty formatted "
    "rows), or split them into smaller files; --max-size raises the limit of the CLI."
)


@dataclass(frozen=True)
class WorkbookLimits:
    """What a workbook accepted under an upload limit of ``max_bytes`` may cost."""

    max_bytes: int

    @property
    def expanded(self) -> int:
        return EXPANSION * self.max_bytes

    @property
    def shared_strings(self) -> int:
        return SHARED_STRINGS * self.max_bytes

    @property
    def cells(self) -> int:
        """Cells read into rows of text (8 bytes each at least): 1 per 2 bytes of upload."""
        return max(self.max_bytes // 2, 100_000)

    @property
    def rows(self) -> int:
        """1 row per 256 bytes of upload, as many as openpyxl reads before a worker times out."""
        return min(EXCEL_ROWS, max(self.max_bytes // 256, 10_000))


def check_workbook(path: Path, max_bytes: int) -> WorkbookLimits:
    """Refuse a workbook whose parts would expand past the limits for ``max_bytes``.

    Reads only the zip directory and the first few KB of the first sheet. A file
    that is not a zip at all is left to openpyxl, which says so.
    """
    limits = WorkbookLimits(max_bytes)
    name = path.name
    try:
        book = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return limits
    with book:
        parts = book.infolist()
        total = sum(p.file_size for p in parts)
        if total > limits.expanded:
            raise _refuse(
                name,
                f"the workbook expands to {_size(total)}; the limit for a "
                f"{_size(max_bytes)} upload is {_size(limits.expanded)}",
            )
        for part in parts:
            if part.file_size > RATIO_FLOOR and part.file_size > RATIO * max(part.compress_size, 1):
                raise _refuse(
                    name,
                    f"{part.filename} expands {part.file_size // max(part.compress_size, 1)} "
                    f"times ({_size(part.compress_size)} to {_size(part.file_size)}); a part of "
                    f"a workbook may expand at most {RATIO} times",
                )
            if _is_shared_strings(part.filename) and part.file_size > limits.shared_strings:
                raise _refuse(
                    name,
                    f"its shared strings expand to {_size(part.file_size)}; the limit for a "
                    f"{_size(max_bytes)} upload is {_size(limits.shared_strings)}",
                )
        sheet = _first_sheet(book)
        if sheet is not None:
            _check_dimension(book, sheet, name, limits)
            if _count_rows(book, sheet, limits.rows) > limits.rows:
                raise too_many_rows(name, limits)
    return limits


def too_many_rows(name: str, limits: WorkbookLimits) -> AnswersFileError:
    return _refuse(name, f"the first sheet has more than {limits.rows:,} rows")


def too_many_cells(name: str, limits: WorkbookLimits, row: int) -> AnswersFileError:
    return _refuse(
        name,
        f"the first sheet has more than {limits.cells:,} cells (by row {row:,}); the limit "
        f"for a {_size(limits.max_bytes)} upload is {limits.cells:,} cells",
    )


def _check_dimension(book: zipfile.ZipFile, sheet: str, name: str, limits: WorkbookLimits) -> None:
    """The used range the sheet declares (``<dimension ref="A1:K120"/>``), read streaming."""
    try:
        with book.open(sheet) as stream:
            head = stream.read(HEAD)
    except (KeyError, OSError, zipfile.BadZipFile, EOFError, RuntimeError):
        return  # openpyxl will say the workbook cannot be read
    found = DIMENSION.search(head)
    if found is None:
        return
    ref = found.group(1).decode("ascii", errors="replace")
    corners = [CELL.fullmatch(c) for c in ref.split(":")]
    if not ref or any(c is None for c in corners):
        return
    columns = [_column(c.group(1)) for c in corners if c is not None and c.group(1)]
    rows = [int(c.group(2)) for c in corners if c is not None and c.group(2)]
    width = max(columns) - min(columns) + 1 if columns else EXCEL_COLUMNS
    height = max(rows) - min(rows) + 1 if rows else EXCEL_ROWS
    if max(rows, default=0) > EXCEL_ROWS or max(columns, default=0) > EXCEL_COLUMNS:
        raise _refuse(name, f"the first sheet claims the range {ref}, beyond what Excel can hold")
    if width * height > limits.cells:
        raise _refuse(
            name,
            f"the first sheet claims the range {ref} ({width * height:,} cells); the limit "
            f"for a {_size(limits.max_bytes)} upload is {limits.cells:,} cells",
        )


def _count_rows(book: zipfile.ZipFile, sheet: str, limit: int) -> int:
    """The ``<row>`` elements of the sheet, counted in 1 MB pieces (stops past ``limit``)."""
    try:
        with book.open(sheet) as stream:
            head = stream.read(HEAD)
            root = ROOT.search(head)
            tag = b"<" + (root.group(1) or b"" if root else b"") + b"row"
            count, data = 0, head
            while data:
                count += data.count(tag) - data.count(tag + b"Breaks")
                if count > limit:
                    break
                tail = data[-(len(tag) - 1) :]  # a tag cut between two pieces
                data = stream.read(MB)
                data = tail + data if data else b""
    except (OSError, zipfile.BadZipFile, EOFError, RuntimeError):
        return 0  # openpyxl will say the workbook cannot be read
    return count


def _first_sheet(book: zipfile.ZipFile) -> str | None:
    """The part of the workbook's first sheet, as openpyxl will read it."""
    names = set(book.namelist())
    workbook = _small(book, "xl/workbook.xml")
    rels = _small(book, "xl/_rels/workbook.xml.rels")
    if workbook and rels:
        first = SHEET.search(workbook)
        if first is not None:
            for rel in RELATIONSHIP.findall(rels):
                rel_id, target = REL_ID.search(rel), REL_TARGET.search(rel)
                if rel_id and target and rel_id.group(1) == first.group(1):
                    path = target.group(1).decode("utf-8", errors="replace")
                    part = path.lstrip("/") if path.startswith("/") else f"xl/{path}"
                    part = posixpath.normpath(part)
                    if part in names:
                        return part
    sheets = sorted(n for n in names if re.fullmatch(r"xl/worksheets/[^/]+\.xml", n))
    return sheets[0] if sheets else None


def _small(book: zipfile.ZipFile, part: str, limit: int = 4 * MB) -> bytes:
    try:
        if book.getinfo(part).file_size > limit:
            return b""
        return book.read(part)
    except (KeyError, OSError, zipfile.BadZipFile, EOFError, RuntimeError):
        return b""


def _is_shared_strings(part: str) -> bool:
    return posixpath.basename(part).lower() == "sharedstrings.xml"


def _column(letters: str) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - ord("A") + 1
    return number


def _size(n: int) -> str:
    """3.1 GB, 500 MB, 1.9 MB, 12 KB."""
    for unit, size in (("GB", GB), ("MB", MB)):
        if n >= size:
            value = n / size
            return f"{value:.1f} {unit}" if value < 10 or unit == "GB" else f"{value:.0f} {unit}"
    return f"{max(n / KB, 0.1):.1f} KB" if n < 10 * KB else f"{n / KB:.0f} KB"


def _refuse(name: str, message: str) -> AnswersFileError:
    return fail(name, message, HINT)
