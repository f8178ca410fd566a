"""The canonical answers file (DESIGN.md): one row per respondent.

Columns: respondent, sector, gender, age, region, sdg{G}_{A} and sdg{G}_comment.
A score is a whole number on the scale, or empty / "dk" for not assessed.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

import numpy as np

from scorecard.analysis import MISSING, Answers, Comment, Respondents
from scorecard.interop.errors import ProblemList, fail
from scorecard.interop.tabular import DEFAULT_MAX_BYTES, Table, read_table
from scorecard.method import Framework, default_framework

PROFILE_COLUMNS = ("respondent", "sector", "gender", "age", "region")
SCORE_COLUMN = re.compile(r"^sdg(\d+)_(\d+)$", re.IGNORECASE)
COMMENT_COLUMN = re.compile(r"^sdg(\d+)_comment$", re.IGNORECASE)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BAD = 127  # a code no scale point can have: int8 scale values stay within -100..100


@dataclass(frozen=True)
class Layout:
    """What each column of a canonical header means."""

    profile: dict[str, int]
    scores: dict[tuple[int, int], int]  # (goal, area) -> column index
    comments: dict[int, int]  # goal -> column index
    goals: tuple[int, ...]


def read_answers(
    path: Path, framework: Framework | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Answers:
    return parse_answers(read_table(path, max_bytes), framework or default_framework())


def parse_answers(table: Table, framework: Framework) -> Answers:
    problems = ProblemList(table.name)
    layout = _layout(table, framework, problems)
    problems.raise_if_any()
    fw = framework.with_goals(layout.goals)
    rows = [r for r in _numbered(table) if any(c.strip() for c in r[1])]
    if not rows:
        raise fail(
            table.name,
            "the file has a header but no respondents",
            "add one row per respondent below the header.",
        )
    width = len(table.header)
    for number, row in rows:
        extra = [c for c in row[width:] if c.strip()]
        if (len(row) < width and not table.pad_short_rows) or extra:
            problems.add(
                number,
                None,
                f"has {len(row)} cells but the header has {width}",
                "the file may be truncated, or a cell holds an unquoted separator.",
            )
    problems.raise_if_any()
    padded = [row + [""] * (width - len(row)) for _, row in rows]
    numbers = [number for number, _ in rows]
    columns = list(zip(*padded, strict=True))
    respondents = _respondents(columns, layout, numbers, problems)
    dense = _scores(columns, layout, fw, numbers, table.header, problems)
    comments = _comments(columns, layout)
    problems.raise_if_any()
    return Answers.from_dense(fw, respondents, dense, comments)


def _numbered(table: Table) -> Iterator[tuple[int, list[str]]]:
    for offset, row in enumerate(table.rows):
        yield table.first_row + offset, row


def _layout(table: Table, framework: Framework, problems: ProblemList) -> Layout:
    profile: dict[str, int] = {}
    scores: dict[tuple[int, int], int] = {}
    comments: dict[int, int] = {}
    seen: dict[str, int] = {}
    goals = set(framework.goal_numbers)
    areas = set(framework.area_numbers)
    for index, raw in enumerate(table.header):
        name = raw.strip().lower()
        if name in seen:
            problems.add(
                1,
                raw,
                f"appears twice (also column {seen[name] + 1})",
                "each column may appear once; delete or rename the copy.",
            )
            continue
        seen[name] = index
        score = SCORE_COLUMN.match(name)
        comment = COMMENT_COLUMN.match(name)
        if name in PROFILE_COLUMNS:
            profile[name] = index
        elif score:
            goal, area = int(score[1]), int(score[2])
            if goal not in goals:
                problems.add(
                    1,
                    raw,
                    f"goal {goal} is not in the framework ({framework.name})",
                    f"goals are numbered {min(goals)}..{max(goals)}.",
                )
            elif area not in areas:
                problems.add(
                    1,
                    raw,
                    f"key area {area} is not in the framework",
                    f"key areas are numbered {min(areas)}..{max(areas)}.",
                )
            else:
                scores[goal, area] = index
        elif comment and int(comment[1]) in goals:
            comments[int(comment[1])] = index
        elif not name:
            problems.add(1, f"#{index + 1}", "has no name")
        else:
            problems.add(
                1,
                raw,
                "unknown column",
                "columns are respondent, sector, gender, age, region, sdg<goal>_<area> "
                "(e.g. sdg3_7) and sdg<goal>_comment; rename or remove the others.",
            )
    if "respondent" not in profile:
        problems.add(1, None, "no 'respondent' column", "add a column of respondent ids.")
    if not scores:
        problems.add(1, None, "no score columns (sdg<goal>_<area>)")
    ordered = tuple(g for g in framework.goal_numbers if any(k[0] == g for k in scores))
    return Layout(profile, scores, comments, ordered)


def _respondents(
    columns: list[tuple[str, ...]], layout: Layout, numbers: list[int], problems: ProblemList
) -> Respondents:
    ids = [c.strip() for c in columns[layout.profile["respondent"]]]
    first: dict[str, int] = {}
    for number, rid in zip(numbers, ids, strict=True):
        if not rid:
            problems.add(number, "respondent", "is empty", "every row needs a respondent id.")
        elif rid in first:
            problems.add(
                number,
                "respondent",
                f"{rid!r} already appears in row {first[rid]}",
                "respondent ids must be unique; merge or renumber the rows.",
            )
        else:
            first[rid] = number

    def text(name: str) -> Sequence[str | None]:
        if name not in layout.profile:
            return [None] * len(ids)
        return [unescape_formula(v) for v in columns[layout.profile[name]]]

    ages: list[int | None] = []
    for number, raw in zip(numbers, text("age"), strict=True):
        value = (raw or "").strip()
        if not value:
            ages.append(None)
        elif value.isascii() and value.isdigit() and 0 < int(value) < 130:
            ages.append(int(value))
        else:
            problems.add(
                number,
                "age",
                f"{value!r} is not an age in years",
                "an age is a whole number of years, or empty.",
            )
            ages.append(None)
    return Respondents.build(
        [unescape_formula(i) for i in ids], text("sector"), text("gender"), text("region"), ages
    )


def score_codes(framework: Framework) -> dict[str, int]:
    codes = {"": MISSING}
    codes.update(dict.fromkeys(framework.scale.dont_know, MISSING))
    for v in framework.scale.values:
        codes[str(v)] = v
        if v > 0:
            codes[f"+{v}"] = v
        codes[f"{v}.0"] = v
    return codes


def _scores(
    columns: list[tuple[str, ...]],
    layout: Layout,
    fw: Framework,
    numbers: list[int],
    header: list[str],
    problems: ProblemList,
) -> np.ndarray:
    codes = score_codes(fw)
    scale = fw.scale
    dense = np.full((len(numbers), len(fw.goals), len(fw.areas)), MISSING, dtype=np.int8)
    goal_index = {g: i for i, g in enumerate(fw.goal_numbers)}
    area_index = {a: i for i, a in enumerate(fw.area_numbers)}
    for (goal, area), col in layout.scores.items():
        values = columns[col]
        parsed = np.fromiter(map(codes.get, values, repeat(_BAD)), np.int16, len(values))
        for row in np.flatnonzero(parsed == _BAD):
            raw = values[row]
            value = codes.get(raw.strip().casefold(), _BAD)
            if value == _BAD:
                value = _whole_number_in_scale(raw, scale.minimum, scale.maximum)
            if value == _BAD:
                problems.add(
                    numbers[row],
                    header[col],
                    _explain(raw, scale.minimum, scale.maximum),
                    f"a score is a whole number from {scale} or 'dk' / empty for not assessed.",
                )
                if problems.full:
                    return dense
            parsed[row] = value
        dense[:, goal_index[goal], area_index[area]] = parsed.astype(np.int8)
    return dense


def _whole_number_in_scale(raw: str, low: int, high: int) -> int:
    """Spellings such as '3.00', '-0' or '+2.0' that spreadsheets produce for a valid score."""
    try:
        number = float(raw.strip())
    except ValueError:
        return _BAD
    if number.is_integer() and low <= number <= high:
        return int(number)
    return _BAD


def _explain(raw: str, low: int, high: int) -> str:
    text = raw.strip()
    try:
        number = float(text)
    except ValueError:
        return f"{text!r} is not a number"
    if not number.is_integer():
        return f"{text} is not a whole number"
    return f"{int(number)} is outside the scale {low}..{high}"


def _comments(columns: list[tuple[str, ...]], layout: Layout) -> tuple[Comment, ...]:
    found = []
    for goal, col in layout.comments.items():
        for index, text in enumerate(columns[col]):
            if text.strip():
                found.append(Comment(index, goal, unescape_formula(text.strip())))
    return tuple(sorted(found, key=lambda c: (c.goal, c.respondent)))


def escape_formula(text: str) -> str:
    """Defuse spreadsheet formulas: a text cell that starts like one gets a leading quote.

    Text that already starts with a quote gets one more, so reading back is exact.
    """
    return "'" + text if text.startswith((*FORMULA_START, "'")) else text


def unescape_formula(text: str) -> str:
    if text.startswith("'") and text[1:].startswith((*FORMULA_START, "'")):
        return text[1:]
    return text


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
            row += ["" if v == MISSING else str(int(v)) for v in dense[i, gi]]
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
