"""Read every output format back the way people's programs do, for the format tests."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any


def pdf_text(path: Path, html_fallback: str) -> str:
    """The PDF's text by poppler's pdftotext; the print HTML's text where poppler is missing."""
    if shutil.which("pdftotext"):
        done = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
        )
        return done.stdout
    return re.sub(r"<[^>]+>", " ", html_fallback)


def slide_titles(path: Path) -> list[str]:
    from pptx import Presentation

    deck = Presentation(str(path))
    return [
        next(s.text_frame.text for s in slide.shapes if s.name == "Title") for slide in deck.slides
    ]


def slide_texts(path: Path) -> list[str]:
    """All text of each slide, tables included, one string per slide."""
    from pptx import Presentation

    texts = []
    for slide in Presentation(str(path)).slides:
        parts: list[str] = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [c.text for row in shape.table.rows for c in row.cells]
        texts.append("\n".join(parts))
    return texts


def slide_tables(path: Path) -> list[list[list[str]]]:
    from pptx import Presentation

    tables = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_table:
                tables.append([[c.text for c in row.cells] for row in shape.table.rows])
    return tables


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def sheet_rows(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return [tuple(c.value for c in row) for row in wb[sheet].iter_rows()]
