"""Validation meetings as data, a TOML loader, and the agenda a coordinator starts from.

METHOD: results are discussed in validation meetings; each has a date,
participants, goals discussed and suggestions, and each suggestion is
accepted, rejected or incorporated. Plain frozen data, so the web workspace
can store it as it is. The file format is in docs/report.md.
"""

from __future__ import annotations

import datetime
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

from scorecard.analysis import CellResult, GoalResult, Results, contested_cells
from scorecard.analysis.agreement import CONTESTED_BELOW, CONTESTED_MIN_N
from scorecard.method import Framework
from scorecard.report.text import clean

E = TypeVar("E", bound=StrEnum)


class MeetingsError(ValueError):
    """A meetings file that cannot be used; the message names the file and the entry."""


class MeetingFormat(StrEnum):
    ONLINE = "online"
    IN_PERSON = "in person"


class Decision(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    INCORPORATED = "incorporated"


@dataclass(frozen=True)
class Suggestion:
    text: str
    decision: Decision
    note: str = ""
    goal: int | None = None


@dataclass(frozen=True)
class Meeting:
    date: datetime.date
    format: MeetingFormat
    participants: tuple[tuple[str, int], ...]  # (sector, count), as entered
    goals: tuple[int, ...]
    suggestions: tuple[Suggestion, ...] = ()
    title: str = ""

    @property
    def total(self) -> int:
        return sum(count for _, count in self.participants)


def load_meetings(path: Path, framework: Framework) -> tuple[Meeting, ...]:
    """Meetings from a TOML file with ``[[meeting]]`` tables, oldest first."""
    try:
        data = tomllib.loads(path.read_text("utf-8-sig"))
    except OSError as exc:
        raise MeetingsError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise MeetingsError(f"{path}: not UTF-8 text; save it as UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise MeetingsError(f"{path}: not valid TOML: {exc}") from exc
    raw = data.get("meeting", [])
    if not isinstance(raw, list):
        raise MeetingsError(f"{path}: 'meeting' must be an array of tables ([[meeting]])")
    meetings = [_meeting(m, f"{path}, meeting {i + 1}", framework) for i, m in enumerate(raw)]
    return tuple(sorted(meetings, key=lambda m: m.date))


def _meeting(raw: Any, where: str, framework: Framework) -> Meeting:
    if not isinstance(raw, Mapping):
        raise MeetingsError(f"{where}: must be a table")
    date = raw.get("date")
    if isinstance(date, datetime.datetime):
        date = date.date()
    if not isinstance(date, datetime.date):
        raise MeetingsError(f"{where}: date must be a TOML date like 2022-05-12, not {date!r}")
    fmt = _choice(raw.get("format"), MeetingFormat, f"{where}: format")
    participants = raw.get("participants", {})
    if not isinstance(participants, Mapping) or not all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in participants.values()
    ):
        raise MeetingsError(f"{where}: participants must map each sector to a whole number")
    goals = raw.get("goals", [])
    if not isinstance(goals, list) or not all(isinstance(g, int) for g in goals):
        raise MeetingsError(f"{where}: goals must be a list of goal numbers")
    for g in goals:
        _check_goal(g, where, framework)
    suggestions = raw.get("suggestion", [])
    if not isinstance(suggestions, list):
        raise MeetingsError(f"{where}: 'suggestion' must be an array of tables")
    return Meeting(
        date=date,
        format=fmt,
        participants=tuple((clean(str(k)), int(v)) for k, v in participants.items()),
        goals=tuple(goals),
        suggestions=tuple(
            _suggestion(s, f"{where}, suggestion {j + 1}", framework)
            for j, s in enumerate(suggestions)
        ),
        title=clean(str(raw.get("title", ""))),
    )


def _suggestion(raw: Any, where: str, framework: Framework) -> Suggestion:
    if not isinstance(raw, Mapping):
        raise MeetingsError(f"{where}: must be a table")
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise MeetingsError(f"{where}: text must be non-empty text")
    goal = raw.get("goal")
    if goal is not None:
        if not isinstance(goal, int):
            raise MeetingsError(f"{where}: goal must be a goal number")
        _check_goal(goal, where, framework)
    return Suggestion(
        text=clean(text).strip(),
        decision=_choice(raw.get("decision"), Decision, f"{where}: decision"),
        note=clean(str(raw.get("note", ""))).strip(),
        goal=goal,
    )


def _choice(value: Any, kind: type[E], where: str) -> E:
    try:
        return kind(str(value).strip().casefold().replace("_", " "))
    except ValueError:
        allowed = ", ".join(repr(k.value) for k in kind)
        raise MeetingsError(f"{where} must be one of {allowed}, not {value!r}") from None


def _check_goal(goal: int, where: str, framework: Framework) -> None:
    if goal not in framework.goal_numbers:
        raise MeetingsError(f"{where}: goal {goal} is not in this edition")


@dataclass(frozen=True)
class Agenda:
    """What to put before a validation meeting first: disagreement and thin evidence."""

    disputed: tuple[CellResult, ...]
    least_answered: tuple[GoalResult, ...]
    contested: tuple[CellResult, ...] = ()


def propose_agenda(
    results: Results,
    cells: int = 5,
    goals: int = 3,
    min_n: int = 3,
    contested_below: Fraction = CONTESTED_BELOW,
    contested_min_n: int = CONTESTED_MIN_N,
) -> Agenda:
    """The cells where respondents disagree most and the goals with the fewest answers.

    Disagreement is the sample standard deviation, among cells with at least
    ``min_n`` answers (below that, sd says little). Ties go to the larger n,
    then to framework order, so the agenda is stable. ``contested`` adds the
    cells split into camps: van der Eijk's agreement A below
    ``contested_below`` with at least ``contested_min_n`` answers (analysis/agreement.py).
    """
    order = {g: i for i, g in enumerate(results.framework.goal_numbers)}
    spread = [c for c in results.cells if c.sd is not None and c.n >= min_n]
    spread.sort(key=lambda c: (-(c.sd or 0.0), -c.n, order[c.goal], c.area))
    thin = sorted(results.goals, key=lambda g: (g.answers, order[g.goal]))
    split = contested_cells(results, contested_below, contested_min_n)
    return Agenda(tuple(spread[:cells]), tuple(thin[:goals]), split[:cells])
