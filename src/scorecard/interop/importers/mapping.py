"""A mapping file (TOML): what a spreadsheet's columns and answers mean.

For the spreadsheet no importer can read by itself: old Excel surveys with
Russian or Kazakh headers, LimeSurvey question codes such as ``G1Q1[SQ001]``,
answer labels such as "3 - High progress" or "Не знаю". The mapping only
says what differs; every column it does not name is still recognised by
name, and the one builder checks the result like any other import.

    header_rows = 2                 # a merged title row above the header
    [columns]                       # column -> sdg3_7 / sdg3_comment / sector /
    "ЦУР 3 / Стратегии" = "sdg3_1"  #           respondent / ignore
    [goals]                         # column-name prefix -> goal; the rest names
    "G1Q1" = 3                      #   the area ([SQ001], 7, or its name)
    [values]                        # answer -> score, or "dk"
    "Высокий прогресс" = 3
    [sector]                        # profile answers -> stored label
    "НКО" = "NGO"
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from scorecard.answers import MISSING
from scorecard.interop.errors import AnswersFileError, Problem, ProblemList
from scorecard.interop.importers.labels import role_from_target, vocabulary
from scorecard.interop.importers.roles import Meta, Plan, Role
from scorecard.interop.importers.values import normalise
from scorecard.interop.tabular import Table
from scorecard.method import Framework

KEYS = {"format", "header_rows", "id_prefix", "columns", "goals", "values", "sector", "gender"}
TOML_LINE = re.compile(r"at line (\d+)")


@dataclass(frozen=True)
class Mapping:
    name: str
    format: str | None = None
    header_rows: int = 1
    id_prefix: str | None = None
    columns: dict[str, Role] = field(default_factory=dict)
    goals: dict[str, int] = field(default_factory=dict)
    values: dict[str, int] = field(default_factory=dict)
    profile: dict[str, dict[str, str]] = field(default_factory=dict)


def load_mapping(path: Path) -> Mapping:
    name = path.name
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise _error(name, None, None, f"cannot read the mapping file ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise _error(name, None, None, "the mapping file is not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        line = TOML_LINE.search(str(exc))
        raise _error(name, int(line[1]) if line else None, None, f"not valid TOML: {exc}") from exc
    return parse_mapping(data, name)


def parse_mapping(data: dict[str, Any], name: str) -> Mapping:
    problems = ProblemList(name)
    for key in sorted(set(data) - KEYS):
        problems.add(
            None, key, "is not a mapping setting", f"settings are {', '.join(sorted(KEYS))}."
        )
    rows = data.get("header_rows", 1)
    if not isinstance(rows, int) or isinstance(rows, bool) or not 1 <= rows <= 5:
        problems.add(None, "header_rows", f"must be a whole number from 1 to 5, not {rows!r}")
        rows = 1
    columns: dict[str, Role] = {}
    for column, target in _table(data, "columns", problems).items():
        role = role_from_target(target) if isinstance(target, str) else None
        if role is None:
            problems.add(
                None,
                column,
                f"maps to {target!r}, which is not a target",
                "targets are sdg<goal>_<area> (sdg3_7), sdg<goal>_comment, respondent, sector, "
                "gender, age, region, or ignore.",
            )
        else:
            columns[column] = role
    goals = {}
    for prefix, goal in _table(data, "goals", problems).items():
        if isinstance(goal, int) and not isinstance(goal, bool):
            goals[prefix] = goal
        else:
            problems.add(None, prefix, f"must map to a goal number, not {goal!r}")
    values: dict[str, int] = {}
    for text, score in _table(data, "values", problems).items():
        if isinstance(score, str) and normalise(score) in {"dk", "don't know", "missing"}:
            values[text] = MISSING
        elif isinstance(score, int) and not isinstance(score, bool):
            values[text] = score
        else:
            problems.add(None, text, f'must map to a whole number or "dk", not {score!r}')
    profile = {
        part: {str(k): str(v) for k, v in _table(data, part, problems).items()}
        for part in ("sector", "gender")
    }
    problems.raise_if_any()
    fmt = data.get("format")
    id_prefix = data.get("id_prefix")
    return Mapping(
        name=name,
        format=str(fmt) if fmt is not None else None,
        header_rows=rows,
        id_prefix=str(id_prefix) if id_prefix is not None else None,
        columns=columns,
        goals=goals,
        values=values,
        profile=profile,
    )


def _table(data: dict[str, Any], key: str, problems: ProblemList) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        problems.add(None, key, "must be a table ([" + key + "])")
        return {}
    return value


def apply_mapping(plan: Plan, table: Table, mapping: Mapping, framework: Framework) -> Plan:
    """The plan with the mapping's columns, goal prefixes, answers and profile labels."""
    roles = list(plan.roles)
    header_row = table.first_row - 1
    lookup = {normalise(h): i for i, h in reversed(list(enumerate(table.header)))}
    problems = list(plan.problems)
    vocab = vocabulary(framework)
    for prefix, goal in mapping.goals.items():
        key = normalise(prefix)
        for index, header in enumerate(table.header):
            name = normalise(header)
            if name.startswith(key) and not name[len(key) : len(key) + 1].isalnum():
                roles[index] = vocab.area_or_comment(goal, name[len(key) :], header)
    for column, role in mapping.columns.items():
        found = lookup.get(normalise(column))
        if found is None:
            problems.append(
                Problem(
                    mapping.name,
                    None,
                    column,
                    f"names a column that {table.name} does not have (its header is row "
                    f"{header_row})",
                )
            )
        else:
            roles[found] = role
    scale = framework.scale
    for text, score in mapping.values.items():
        if score != MISSING and not scale.minimum <= score <= scale.maximum:
            problems.append(
                Problem(mapping.name, None, text, f"{score} is outside the scale {scale}")
            )
    return replace(
        plan,
        roles=tuple(roles),
        scores=plan.scores.with_extra(mapping.values),
        profile=plan.profile.with_extra(mapping.profile),
        id_prefix=plan.id_prefix if mapping.id_prefix is None else mapping.id_prefix,
        problems=tuple(problems),
    )


def ignore_columns(plan: Plan, table: Table, columns: Iterable[str]) -> Plan:
    """The plan with ``columns`` left out on purpose (``--ignore``), whatever they looked like.

    A name the file lacks is a problem like a mapping file's: a misspelled --ignore
    would otherwise leave the column it meant refused without saying why.
    """
    roles = list(plan.roles)
    lookup = {normalise(h): i for i, h in reversed(list(enumerate(table.header)))}
    problems = list(plan.problems)
    for column in columns:
        found = lookup.get(normalise(column))
        if found is None:
            problems.append(
                Problem(
                    table.name,
                    table.first_row - 1,
                    column,
                    "was named to be ignored, but the file has no such column",
                )
            )
        else:
            roles[found] = Meta("ignored as asked")
    return replace(plan, roles=tuple(roles), problems=tuple(problems))


def _error(name: str, row: int | None, column: str | None, message: str) -> AnswersFileError:
    return AnswersFileError([Problem(name, row, column, message)])
