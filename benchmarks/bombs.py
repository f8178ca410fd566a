"""XLSX bombs (issue 12, "Hardening after an outside audit"): small files that expand.

Two workbooks a few MB on disk: 2,000 MB of whitespace in sharedStrings.xml (before
the zip checks: 36 s and 4+ GB in a worker), and a 4.9 MB sheet of 560 million empty
``<row/>`` elements under a ``<dimension>`` claiming every cell (before: past the
60 s worker timeout). Each is read with ``read_source()`` under the web app's
default 50 MB upload limit in a child process and must be refused. Prints the
wall time and the child's peak RSS (``RUSAGE_CHILDREN``); goals: at most 10 s and
300 MB each. The builders are shared with tests/interop/test_xlsx_bombs.py.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

MB = 1024 * 1024
ROOT = Path(__file__).resolve().parent.parent  # where `python -m benchmarks.bombs` runs
WHITESPACE_MB = int(os.environ.get("BENCH_BOMB_WHITESPACE_MB", "2000"))
EMPTY_ROWS = int(os.environ.get("BENCH_BOMB_ROWS", "560000000"))
UPLOAD_LIMIT = 50 * MB
TIME_GOAL_S = 10.0
MEMORY_GOAL_MB = 300.0

MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELS = b"http://schemas.openxmlformats.org/package/2006/relationships"
DOC = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    b'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    b'"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    b'"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    b'spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType='
    b'"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="' + RELS + b'">'
    b'<Relationship Id="rId1" Type="' + DOC + b'/officeDocument" Target="xl/workbook.xml"/>'
    b"</Relationships>"
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?><workbook ' + MAIN + b' xmlns:r="' + DOC + b'">'
    b'<sheets><sheet name="answers" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="' + RELS + b'">'
    b'<Relationship Id="rId1" Type="' + DOC + b'/worksheet" Target="worksheets/sheet1.xml"/>'
    b'<Relationship Id="rId2" Type="' + DOC + b'/sharedStrings" Target="sharedStrings.xml"/>'
    b"</Relationships>"
)
EMPTY = (b"<sst " + MAIN + b' count="0" uniqueCount="0"/>',)
HEADER_ROW = b'<row r="1"><c r="A1" t="inlineStr"><is><t>respondent</t></is></c></row>'


def write_workbook(path: Path, sheet: Iterable[bytes], shared: Iterable[bytes] = EMPTY) -> None:
    """An XLSX whose sheet and shared strings are written from chunks (ZIP_DEFLATED):
    the expanded parts never exist whole in memory, only their few compressed KB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", TYPES)
        book.writestr("_rels/.rels", ROOT_RELS)
        book.writestr("xl/workbook.xml", WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        for part, chunks in (("xl/sharedStrings.xml", shared), ("xl/worksheets/sheet1.xml", sheet)):
            with book.open(part, "w", force_zip64=True) as out:
                for chunk in chunks:
                    out.write(chunk)


def _repeat(chunk: bytes, total: int) -> Iterable[bytes]:
    """``total`` bytes of ``chunk`` repeated, in pieces of about 1 MB."""
    piece = chunk * max(MB // len(chunk), 1)
    left = total
    while left > 0:
        yield piece[:left]
        left -= len(piece)


def whitespace_bomb(path: Path, megabytes: int) -> None:
    """A shared string of ``megabytes`` MB of spaces, used by the one data cell."""
    shared = [
        b"<sst " + MAIN + b' count="1" uniqueCount="1"><si><t xml:space="preserve">',
        *_repeat(b" ", megabytes * MB),
        b"</t></si></sst>",
    ]
    sheet = (
        b"<worksheet " + MAIN + b'><dimension ref="A1:A2"/><sheetData>' + HEADER_ROW
        + b'<row r="2"><c r="A2" t="s"><v>0</v></c></row></sheetData></worksheet>'
    )  # fmt: skip
    write_workbook(path, [sheet], shared)


def row_bomb(path: Path, rows: int, dimension: str = "A1:XFD1048576") -> None:
    """A header, then ``rows`` empty ``<row/>`` elements (6 bytes each before zipping)."""
    head = b"<worksheet " + MAIN + b">"
    if dimension:
        head += b'<dimension ref="' + dimension.encode() + b'"/>'
    sheet = [
        head + b"<sheetData>" + HEADER_ROW,
        *_repeat(b"<row/>", rows * 6),
        b"</sheetData></worksheet>",
    ]
    write_workbook(path, sheet)


def worker(path: Path) -> None:
    """The measured child: read the bomb and print seconds and the first line of the error."""
    from scorecard.interop import AnswersFileError
    from scorecard.interop.importers import read_source

    start = time.perf_counter()
    try:
        read_source(path, max_bytes=UPLOAD_LIMIT)
        outcome = "read (not refused)"
    except AnswersFileError as error:
        outcome = str(error).splitlines()[0]
    print(f"{time.perf_counter() - start} {outcome}")


def measure(path: Path) -> tuple[float, float, str]:
    """Wall time of the child that reads ``path``, its peak RSS in MB, what it said.

    Run from a fresh process whose only child is the worker, so RUSAGE_CHILDREN is
    that worker's peak and nothing else's.
    """
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bombs", "--measure", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - start
    peak_kib, outcome = done.stdout.strip().split(" ", 1)
    return wall, int(peak_kib) / 1024, outcome


def _measured(path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bombs", "--worker", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    _seconds, outcome = done.stdout.strip().split(" ", 1)
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, outcome)


def run(whitespace_mb: int = WHITESPACE_MB, rows: int = EMPTY_ROWS) -> list[dict[str, object]]:
    figures: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as folder:
        bombs: list[tuple[str, str, Callable[[Path], None]]] = [
            (
                f"{whitespace_mb:,} MB of whitespace in sharedStrings.xml",
                "whitespace.xlsx",
                lambda path: whitespace_bomb(path, whitespace_mb),
            ),
            (
                f"{rows:,} empty <row/> under A1:XFD1048576",
                "rows.xlsx",
                lambda path: row_bomb(path, rows),
            ),
        ]
        for label, name, build in bombs:
            path = Path(folder) / name
            build(path)
            wall, peak, outcome = measure(path)
            figures.append(
                {
                    "bomb": label,
                    "megabytes": path.stat().st_size / MB,
                    "seconds": wall,
                    "peak_megabytes": peak,
                    "outcome": outcome,
                }
            )
    return figures


def main() -> None:
    print(f"## XLSX bombs read under a {UPLOAD_LIMIT // MB} MB upload limit (child process)")
    for f in run():
        print(f"{f['bomb']}: {f['megabytes']:.1f} MB on disk")
        print(
            f"  refused in {f['seconds']:.2f} s wall (goal <= {TIME_GOAL_S:.0f} s), peak RSS "
            f"{f['peak_megabytes']:.0f} MB (goal <= {MEMORY_GOAL_MB:.0f} MB)"
        )
        print(f"  {f['outcome']}")
    print()


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        worker(Path(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "--measure":
        _measured(Path(sys.argv[2]))
    else:
        main()
