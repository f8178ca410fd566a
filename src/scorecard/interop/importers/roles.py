"""What a column of someone else's export means in the canonical layout.

Every importer answers one question, "which column is which goal x area,
comment or profile field, and how are answers spelled?", and hands the
answer to one builder as a :class:`Plan`. Keeping the answer as data (not
as code that builds answers) is what lets every format give the same
errors, and lets the preview show what was understood before anything is
stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from scorecard.interop.errors import Problem
from scorecard.interop.importers.values import ProfileReader, ScoreReader

PROFILE_FIELDS = ("sector", "gender", "age", "region")


@dataclass(frozen=True)
class Score:
    goal: int
    area: int


@dataclass(frozen=True)
class GoalComment:
    goal: int


@dataclass(frozen=True)
class ProfileField:
    name: str  # one of PROFILE_FIELDS


@dataclass(frozen=True)
class RespondentKey:
    """The column that identifies a respondent across re-imports of the same export.

    ``repeats`` allows the same key twice (a timestamp): later ones get a suffix.
    """

    repeats: bool = False


@dataclass(frozen=True)
class Meta:
    """A column that was understood and is deliberately not stored (submission time, e-mail)."""

    what: str


Role = Score | GoalComment | ProfileField | RespondentKey | Meta


def target_name(role: Role) -> str:
    """How the preview names a target: the canonical column name where there is one."""
    match role:
        case Score(goal, area):
            return f"sdg{goal}_{area}"
        case GoalComment(goal):
            return f"sdg{goal}_comment"
        case ProfileField(name):
            return name
        case RespondentKey():
            return "respondent id"
        case Meta(what):
            return f"not stored ({what})"
    raise AssertionError(role)  # pragma: no cover - the match is exhaustive


@dataclass(frozen=True)
class RowFilter:
    """Rows the source itself marks as not to be used, e.g. Kobo's "Not approved"."""

    column: int
    skip: frozenset[str]  # casefolded cell values
    reason: str


@dataclass(frozen=True)
class Plan:
    """How to read one table: a role (or None: not understood) for each column."""

    format: str  # canonical, kobo, ...
    label: str  # "KoboToolbox export", for people
    roles: tuple[Role | None, ...]
    scores: ScoreReader
    profile: ProfileReader
    id_prefix: str = ""
    id_strip: str = ""  # a prefix the source adds to every id ("uuid:")
    strict: bool = False  # columns not understood are errors (the canonical file)
    id_required: bool = False  # no respondent column is an error, not ids by row number
    unescape_text: bool = False  # text cells carry the canonical file's formula quote
    row_filter: RowFilter | None = None
    problems: tuple[Problem, ...] = ()  # found while reading the header
    notes: tuple[str, ...] = field(default=())

    def with_roles(self, roles: tuple[Role | None, ...]) -> Plan:
        return replace(self, roles=roles)
