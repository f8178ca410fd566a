"""Shared table writers for every format: workbook sheets, CSV and JSON as bytes.

Every renderer (report, comparison, groups, network) returns bytes; these
helpers are the one place that turns rows into a workbook sheet, a CSV or a
JSON document, so the formats agree on how text is made inert (text.py).
openpyxl is imported inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from scorecard.report.text import clean, formula_safe

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

MEAN, PERCENT = "0.00", "0.0"
Value = str | int | float | datetime.date | None


def new_workbook() -> Workbook:
    """A workbook without openpyxl's default sheet: every sheet is created by name."""
    from openpyxl import Workbook

    wb = Workbook()
    if wb.active is not None:
        wb.remove(wb.active)
    return wb


def workbook_bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def table(
    ws: Worksheet,
    header: Sequence[str],
    rows: Sequence[Sequence[Value]],
    formats: dict[int, str] | None = None,
) -> None:
    """Header row (bold, frozen, filtered), then rows; text always as inert strings."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for col, title in enumerate(header, 1):
        put(ws, 1, col, title).font = Font(bold=True)
    for r, row in enumerate(rows, 2):
        for col, value in enumerate(row, 1):
            cell = put(ws, r, col, value)
            if formats and col in formats and isinstance(value, int | float | datetime.date):
                cell.number_format = formats[col]
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    for col, title in enumerate(header, 1):
        longest = max([len(title), *(len(str(r[col - 1] or "")) for r in rows[:200])])
        ws.column_dimensions[get_column_letter(col)].width = min(60, max(8, longest + 2))


def put(ws: Worksheet, row: int, col: int, value: Value) -> Any:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        # As the CSVs (text.formula_safe): a leading ' where the text starts like a formula,
        # so the cell reads as text in any program, and Excel's quote prefix as well.
        text = formula_safe(value)
        cell.value = text
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
        if text != clean(value):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """UTF-8, comma-separated, CRLF line ends (the csv module's default dialect)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def json_bytes(data: object) -> bytes:
    """Every JSON output: UTF-8 as written (Cyrillic stays readable), indented, newline-ended."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
