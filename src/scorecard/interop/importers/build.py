"""One validating builder: a table and its plan -> Answers, or every problem at once.

Whatever tool a file came from, its errors read the same way: file, row as
the spreadsheet numbers it, column as the file names it, and a hint. Nothing
is returned unless the whole file is good (all-or-nothing), so a caller can
store the result in one transaction. All score cells are read in one pass
over the rows into a small int16 array, so a 100,000-row export is never
copied column by column.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from operator import itemgetter

import numpy as np

from scorecard.answers import MISSING, Answers, Comment, Respondents
from scorecard.interop.errors import ProblemList
from scorecard.interop.formulas import unescape_formula
from scorecard.interop.importers.checks import Skipped, check_header, column_label, data_rows
from scorecard.interop.importers.roles import (
    GoalComment,
    Meta,
    Plan,
    ProfileField,
    RespondentKey,
    Role,
    Score,
)
from scorecard.interop.importers.source import Source
from scorecard.interop.importers.values import (
    BAD,
    DK,
    OTHER_MAX,
    has_control_character,
    merge_spellings,
)
from scorecard.method import Framework

ID_MAX = 100  # Respondent.external_id
TEXT_MAX = {"sector": 60, "gender": 30, "region": 100}  # Respondent columns
TOO_LONG = (
    f"the database keeps at most {ID_MAX} characters of an id (with a prefix such as kobo:), "
    + ", ".join(f"{limit} of a {name}" for name, limit in TEXT_MAX.items())
    + f" and {OTHER_MAX} of the text of an Other answer; shorten the text in the file."
)


@dataclass(frozen=True)
class Built:
    answers: Answers
    skipped: tuple[Skipped, ...]
    notes: tuple[str, ...]


def build(source: Source, plan: Plan, framework: Framework) -> Built:
    table = source.table
    problems = ProblemList(table.name)
    for problem in plan.problems:  # from the header or the mapping file, which names itself
        if not problems.full:
            problems.problems.append(problem)
    check_header(table.header, plan, framework, table.first_row - 1, problems)
    problems.raise_if_any()
    rows, numbers, indices, skipped = data_rows(source, plan, problems)
    problems.raise_if_any()
    _control_characters(rows, numbers, table.header, plan, problems)
    formula_cells = _formulas(source, plan, indices, numbers, problems)
    ids, notes = _ids(rows, numbers, table.header, plan, problems)
    goals = tuple(g for g in framework.goal_numbers if any(_goal_of(r) == g for r in plan.roles))
    fw = framework.with_goals(goals)
    dense, dont_know = _scores(rows, numbers, table.header, plan, fw, formula_cells, problems)
    comments = _comments(rows, plan)
    respondents = _respondents(ids, rows, numbers, table.header, plan, problems)
    problems.raise_if_any()
    answers = Answers.from_dense(fw, respondents, dense, comments, dont_know)
    return Built(answers, tuple(skipped), (*notes, *_other_notes(respondents)))


def _goal_of(role: Role | None) -> int | None:
    return role.goal if isinstance(role, Score) else None


def _formulas(
    source: Source, plan: Plan, indices: list[int], numbers: list[int], problems: ProblemList
) -> set[tuple[int, int]]:
    """Formulas in columns that are read: their results are not in the file, so refuse them."""
    if not source.formulas:
        return set()
    row_of = {index: position for position, index in enumerate(indices)}
    found: set[tuple[int, int]] = set()
    for index, column in sorted(source.formulas):
        position = row_of.get(index)
        role = plan.roles[column] if column < len(plan.roles) else None
        if position is None or role is None or isinstance(role, Meta):
            continue
        found.add((position, column))
        problems.add(
            numbers[position],
            column_label(source.table.header, column),
            "holds a spreadsheet formula, not a value",
            "copy the sheet and paste it back as values only (Excel: Paste Special > Values).",
        )
    return found


CONTROL_HINT = (
    "remove control characters such as NUL from the cell (tab and line breaks are fine); "
    "they are not text and cannot be stored."
)


def _control_characters(
    rows: list[list[str]], numbers: list[int], header: list[str], plan: Plan, problems: ProblemList
) -> None:
    """Refuse control characters in every cell that is read (one C-speed scan when clean)."""
    read = [c for c, role in enumerate(plan.roles) if role is not None]
    if not rows or not read or not has_control_character("\t".join(chain.from_iterable(rows))):
        return
    for number, row in zip(numbers, rows, strict=True):
        for column in read:
            if column < len(row) and has_control_character(row[column]) and not problems.full:
                where = column_label(header, column)
                problems.add(number, where, "contains a control character", CONTROL_HINT)


def _ids(
    rows: list[list[str]], numbers: list[int], header: list[str], plan: Plan, problems: ProblemList
) -> tuple[list[str], tuple[str, ...]]:
    keys = [i for i, role in enumerate(plan.roles) if isinstance(role, RespondentKey)]
    if not keys:
        note = "no id column: respondents are named by row; re-import this file, not an edited one."
        return [f"{plan.id_prefix}row-{n}" for n in numbers], (note,)
    column = keys[0]
    role = plan.roles[column]
    repeats = isinstance(role, RespondentKey) and role.repeats
    name = column_label(header, column)
    ids: list[str] = []
    first: dict[str, int] = {}
    for number, row in zip(numbers, rows, strict=True):
        raw = row[column].strip()
        if plan.id_strip and raw.startswith(plan.id_strip):
            raw = raw[len(plan.id_strip) :]
        key = plan.id_prefix + (unescape_formula(raw) if plan.unescape_text else raw)
        if not raw:
            problems.add(number, name, "is empty", "every row needs an id in this column.")
        elif key in first and repeats:
            suffix = 2
            while f"{key}#{suffix}" in first:
                suffix += 1
            key = f"{key}#{suffix}"
        elif key in first:
            problems.add(
                number,
                name,
                f"{raw!r} already appears in row {first[key]}",
                "ids must be unique; the export may hold the same submission twice.",
            )
        if len(key) > ID_MAX:
            problems.add(
                number,
                name,
                f"is longer than {ID_MAX} characters",
                TOO_LONG,
            )
        first.setdefault(key, number)
        ids.append(key)
    return ids, ()


def _scores(
    rows: list[list[str]],
    numbers: list[int],
    header: list[str],
    plan: Plan,
    fw: Framework,
    formula_cells: set[tuple[int, int]],
    problems: ProblemList,
) -> tuple[np.ndarray, np.ndarray]:
    """All score cells in one pass over the rows (row by row is what memory holds well),
    and where a cell said "don't know" rather than nothing (the canonical file's dk)."""
    shape = (len(rows), len(fw.goals), len(fw.areas))
    dense = np.full(shape, MISSING, dtype=np.int8)
    dont_know = np.zeros(shape, dtype=np.bool_)
    columns = [(c, role) for c, role in enumerate(plan.roles) if isinstance(role, Score)]
    if not rows or not columns:
        return dense, dont_know
    indices = [c for c, _ in columns]
    pick = itemgetter(*indices) if len(indices) > 1 else lambda row: (row[indices[0]],)
    cells = chain.from_iterable(map(pick, rows))
    codes = plan.scores.cells(cells, len(rows) * len(indices)).reshape(len(rows), len(indices))
    for position, k in np.argwhere(codes == BAD).tolist():
        column = indices[k]
        if (position, column) not in formula_cells and not problems.full:
            problems.add(
                numbers[position],
                column_label(header, column),
                plan.scores.explain(rows[position][column]),
                plan.scores.hint(),
            )
    codes[codes == BAD] = MISSING
    said = codes == DK
    codes[said] = MISSING
    goal_index = {g: i for i, g in enumerate(fw.goal_numbers)}
    area_index = {a: i for i, a in enumerate(fw.area_numbers)}
    for k, (_, role) in enumerate(columns):
        dense[:, goal_index[role.goal], area_index[role.area]] = codes[:, k]
        dont_know[:, goal_index[role.goal], area_index[role.area]] = said[:, k]
    return dense, dont_know


def _comments(rows: list[list[str]], plan: Plan) -> tuple[Comment, ...]:
    columns = [(c, role.goal) for c, role in enumerate(plan.roles) if isinstance(role, GoalComment)]
    if not rows or not columns:
        return ()
    goals = [goal for _, goal in columns]
    pick = itemgetter(*(c for c, _ in columns)) if len(columns) > 1 else None
    found: list[Comment] = []
    for index, row in enumerate(rows):
        cells = pick(row) if pick is not None else (row[columns[0][0]],)
        if not any(cells):  # most rows comment on nothing: skip them at C speed
            continue
        for goal, cell in zip(goals, cells, strict=True):
            text = cell.strip()
            if text:
                found.append(Comment(index, goal, _text(text, plan)))
    return tuple(sorted(found, key=lambda c: (c.goal, c.respondent)))


def _text(text: str, plan: Plan) -> str:
    return unescape_formula(text) if plan.unescape_text else text


def _other_notes(respondents: Respondents) -> tuple[str, ...]:
    """Say which answers became Other, so a misspelled choice is seen before it is stored."""
    notes = []
    for name, texts in respondents.other_text.items():
        count = sum(1 for t in texts if t)
        distinct = list(dict.fromkeys(t for t in texts if t))
        shown = ", ".join(repr(t[:40]) for t in distinct[:5])
        more = f" and {len(distinct) - 5} more" if len(distinct) > 5 else ""
        notes.append(
            f"{count} {name} answers match no choice and are stored as Other, their text "
            f"kept apart (never in an output): {shown}{more}"
        )
    return tuple(notes)


def _respondents(
    ids: list[str],
    rows: list[list[str]],
    numbers: list[int],
    header: list[str],
    plan: Plan,
    problems: ProblemList,
) -> Respondents:
    columns = {role.name: i for i, role in enumerate(plan.roles) if isinstance(role, ProfileField)}
    others: dict[str, list[str]] = {}

    def text(name: str) -> list[str | None]:
        if name not in columns:
            return [None] * len(rows)
        column, limit = columns[name], TEXT_MAX[name]
        where = column_label(header, column)
        found: list[str | None] = []
        other = others[name] = [""] * len(rows)
        for index, (number, row) in enumerate(zip(numbers, rows, strict=True)):
            raw = _text(row[column].strip(), plan)  # unquoted, then read
            answer = plan.profile.read(name, raw)
            if answer is None:
                problems.add(
                    number, where, plan.profile.explain(name, raw), plan.profile.hint(name)
                )
                found.append(None)
                continue
            if len(answer.label) > limit or len(answer.other) > OTHER_MAX:
                too_long = limit if len(answer.label) > limit else OTHER_MAX
                problems.add(number, where, f"is longer than {too_long} characters", TOO_LONG)
            found.append(answer.label or None)
            other[index] = answer.other
        free = plan.profile.tidy and name not in plan.profile.labels
        return merge_spellings(found) if free else found

    ages: list[int | None] = []
    for number, row in zip(numbers, rows, strict=True):
        raw = row[columns["age"]].strip() if "age" in columns else ""
        whole = raw[:-2] if raw.endswith(".0") else raw
        if not raw:
            ages.append(None)
        elif whole.isascii() and whole.isdigit() and 0 < int(whole) < 130:
            ages.append(int(whole))
        else:
            problems.add(
                number,
                column_label(header, columns["age"]),
                f"{raw[:30]!r} is not an age in years",
                "an age is a whole number of years, or empty.",
            )
            ages.append(None)
    sector, gender, region = text("sector"), text("gender"), text("region")
    return Respondents.build(ids, sector, gender, region, ages, others)
