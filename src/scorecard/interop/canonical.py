"""The canonical answers file (DESIGN.md): one row per respondent.

Columns: respondent, sector, gender, age, region, sdg{G}_{A} and sdg{G}_comment.
A score is a whole number on the scale, "dk" where the respondent chose "Don't
know", or empty where they gave no answer. Both are missing in the figures; the
file keeps them apart so a coordinator sees what was chosen and what was skipped.

Written here; read by the one validating builder every import shares
(importers/build.py) with the canonical plan (importers/canonical.py), so the
canonical file and the files of other tools are checked by the same code.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from scorecard.answers import MISSING, Answers
from scorecard.interop.formulas import FORMULA_START, escape_formula, unescape_formula
from scorecard.interop.importers.build import build
from scorecard.interop.importers.canonical import plan
from scorecard.interop.importers.source import Source, read_source
from scorecard.interop.tabular import DEFAULT_MAX_BYTES, Table
from scorecard.method import Framework, default_framework

__all__ = [
    "FORMULA_START",
    "PROFILE_COLUMNS",
    "answers_xlsx_bytes",
    "canonical_header",
    "canonical_rows",
    "escape_formula",
    "parse_answers",
    "read_answers",
    "unescape_formula",
    "write_answers_csv",
]

PROFILE_COLUMNS = ("respondent", "sector", "gender", "age", "region")
DONT_KNOW = "dk"
"""A cell the respondent answered "Don't know"; an empty cell is one left unanswered."""


def read_answers(
    path: Path, framework: Framework | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Answers:
    """Read and check a canonical file (CSV or XLSX); raises AnswersFileError naming every
    problem. The same builder as every other import (importers/build.py), with the
    canonical plan: unknown columns are errors, profile text is kept as written, and the
    file must be UTF-8 (old cp1251 files go through `scorecard import --encoding cp1251`).
    """
    return _answers(read_source(path, "utf-8", max_bytes=max_bytes), framework)


def parse_answers(table: Table, framework: Framework) -> Answers:
    """A canonical table already read (e.g. the answers a stored report kept as text)."""
    return _answers(Source(table), framework)


def _answers(source: Source, framework: Framework | None) -> Answers:
    fw = framework or default_framework()
    return build(source, plan(source.table, fw), fw).answers


def canonical_header(fw: Framework) -> list[str]:
    header = list(PROFILE_COLUMNS)
    for goal in fw.goal_numbers:
        header += [f"sdg{goal}_{area}" for area in fw.area_numbers]
        header.append(f"sdg{goal}_comment")
    return header


def canonical_rows(answers: Answers) -> Iterator[list[str]]:
    """Rows of the canonical file, header first; a generator so big editions stream."""
    fw = answers.framework
    yield canonical_header(fw)
    dense = answers.to_dense()
    dont_know = answers.dont_know_dense() if answers.has_dont_know else None
    r = answers.respondents
    comments = {(c.respondent, c.goal): c.text for c in answers.comments}
    for i in range(len(r)):
        age = int(r.age[i])
        row = [
            escape_formula(r.ids[i]),
            escape_formula(r.sector.value(i) or ""),
            escape_formula(r.gender.value(i) or ""),
            "" if age < 0 else str(age),
            escape_formula(r.region.value(i) or ""),
        ]
        for gi, goal in enumerate(fw.goal_numbers):
            row += [str(int(v)) if v != MISSING else "" for v in dense[i, gi]]
            if dont_know is not None and dont_know[i, gi].any():
                row[-len(fw.areas) :] = [
                    DONT_KNOW if said else cell
                    for cell, said in zip(row[-len(fw.areas) :], dont_know[i, gi], strict=True)
                ]
            row.append(escape_formula(comments.get((i, goal), "")))
        yield row


def write_answers_csv(answers: Answers, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(canonical_rows(answers))


def answers_xlsx_bytes(answers: Answers) -> bytes:
    """The canonical file as a workbook (write-only mode streams rows as they come)."""
    import io

    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("answers")
    for row in canonical_rows(answers):
        sheet.append([int(v) if _is_score(v) else v for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _is_score(text: str) -> bool:
    return text.lstrip("-").isdigit() and text.isascii()
