"""Checks on the shape of a table, before any cell is read as an answer.

A wrong separator, a truncated export, two columns for one target or no score
column at all make every later message meaningless, so these come first and
stop the import on their own. So does a column that looks like a score but was
not understood: importing the rest would change the figures without a word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scorecard.interop.errors import ProblemList
from scorecard.interop.importers.labels import vocabulary
from scorecard.interop.importers.roles import (
    GoalComment,
    Meta,
    Plan,
    RespondentKey,
    Role,
    Score,
    target_name,
)
from scorecard.interop.importers.source import Source
from scorecard.method import Framework

NOT_UNDERSTOOD_HINT = (
    "map each of these columns to its goal x key area in a mapping file ([columns] "
    '"COLUMN" = "sdg3_7", or [goals] for a prefix; `scorecard import FILE --suggest-map '
    "draft.toml` writes a draft to check), or leave a column out on purpose with "
    '--ignore COLUMN or "ignore" in the mapping file (docs/imports.md).'
)


@dataclass(frozen=True)
class Skipped:
    row: int
    reason: str


def column_label(header: Sequence[str], index: int) -> str:
    """A column as the source file names it; an unnamed one by its position."""
    name = header[index].strip() if index < len(header) else ""
    return name or f"#{index + 1}"


def check_header(
    header: list[str], plan: Plan, framework: Framework, row: int, problems: ProblemList
) -> None:
    first: dict[Role, int] = {}
    goals, areas = set(framework.goal_numbers), set(framework.area_numbers)
    doubtful: list[tuple[str, str]] = []
    for index, role in enumerate(plan.roles):
        name = column_label(header, index)
        if role is None:
            if plan.strict:
                problems.add(
                    row,
                    name,
                    "has no name" if name.startswith("#") else "unknown column",
                    "columns are respondent, sector, gender, age, region, sdg<goal>_<area> "
                    "(e.g. sdg3_7) and sdg<goal>_comment; rename or remove the others.",
                )
            elif not name.startswith("#"):
                why = vocabulary(framework).score_like(name)
                if why is not None:
                    doubtful.append((name, why))
            continue
        if isinstance(role, Meta):
            continue
        if role in first:
            other = first[role]
            same = header[other].strip().casefold() == header[index].strip().casefold()
            twice = f"is mapped to {target_name(role)}, like column {column_label(header, other)!r}"
            problems.add(
                row,
                name,
                f"appears twice (also column {other + 1})" if same else twice,
                "each goal x area, comment and profile field may come from one column; "
                'delete the copy or mark it "ignore" in the mapping file.',
            )
            continue
        first[role] = index
        if isinstance(role, Score | GoalComment) and role.goal not in goals:
            problems.add(
                row,
                name,
                f"goal {role.goal} is not in this edition "
                f"(goals {', '.join(map(str, sorted(goals)))})",
                'import into an edition that covers this goal, or mark the column "ignore".',
            )
        elif isinstance(role, Score) and role.area not in areas:
            problems.add(
                row,
                name,
                f"key area {role.area} is not in the framework",
                f"key areas are numbered {min(areas)}..{max(areas)}.",
            )
    if len(header) == 1 and any(sep in header[0] for sep in "|,;\t:"):
        problems.add(
            row,
            None,
            f"the header is a single column ({header[0][:40]!r}...)",
            "the file's separator is not ',', ';' or tab; save it again as CSV.",
        )
    if plan.id_required and not any(isinstance(role, RespondentKey) for role in plan.roles):
        problems.add(
            row,
            None,
            "no 'respondent' column",
            "add a column of respondent ids, one per row and unique in the file.",
        )
    if not any(isinstance(role, Score) for role in plan.roles):
        problems.add(
            row,
            None,
            f"no column was recognised as a score (goal x key area) in this {plan.label}",
            "name columns like sdg3_7, or write a mapping file (docs/imports.md).",
        )
    not_understood(doubtful, row, problems)


def not_understood(doubtful: list[tuple[str, str]], row: int, problems: ProblemList) -> None:
    """Refuse score-like columns nobody placed: one line saying how many, then each one."""
    if not doubtful:
        return
    some = (
        f"{len(doubtful)} columns look like scores"
        if len(doubtful) > 1
        else ("1 column looks like a score")
    )
    problems.add(
        row,
        None,
        f"{some} but {'were' if len(doubtful) > 1 else 'was'} not understood; importing "
        "without them would change the figures",
        NOT_UNDERSTOOD_HINT,
    )
    for name, why in doubtful:
        problems.add(row, name, f"not understood: {why}")


def data_rows(
    source: Source, plan: Plan, problems: ProblemList
) -> tuple[list[list[str]], list[int], list[int], list[Skipped]]:
    table = source.table
    width = len(table.header)
    rows: list[list[str]] = []
    numbers: list[int] = []
    indices: list[int] = []
    skipped: list[Skipped] = []
    keep = plan.row_filter
    for index, row in enumerate(table.rows):
        number = table.first_row + index
        if not any(cell.strip() for cell in row):
            continue
        if keep and keep.column < len(row) and row[keep.column].strip().casefold() in keep.skip:
            skipped.append(Skipped(number, keep.reason))
            continue
        extra = any(cell.strip() for cell in row[width:])
        if (len(row) < width and not table.pad_short_rows) or extra:
            wrong_width(row, width, number, problems)
            continue
        rows.append(row if len(row) >= width else row + [""] * (width - len(row)))
        numbers.append(number)
        indices.append(index)
    if not rows and not problems.problems:
        problems.add(
            None, None, "the file has a header but no respondents", "add one row per respondent."
        )
    return rows, numbers, indices, skipped


def wrong_width(row: list[str], width: int, number: int, problems: ProblemList) -> None:
    if len(row) == 1 and width > 1 and any(sep in row[0] for sep in ",;\t"):
        problems.add(
            number,
            None,
            f"holds one cell ({row[0][:30]!r}...) where the header has {width} columns",
            "this row uses another separator than the header; save the whole file "
            "again with one separator.",
        )
        return
    problems.add(
        number,
        None,
        f"has {len(row)} cells but the header has {width}",
        "the file may be truncated, or a cell holds an unquoted separator.",
    )
