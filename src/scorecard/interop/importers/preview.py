"""What an import understood, shown before anything is stored (CLI now, web app later).

A coordinator should see which columns became which goal x area, which were
left out and why, and how many answers each goal gets, so a wrong guess is
caught before it reaches the report. Pure data: the web app renders the same
object.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass, replace

from scorecard.answers import MISSING, Answers
from scorecard.interop.importers.build import Built
from scorecard.interop.importers.checks import Skipped, column_label
from scorecard.interop.importers.roles import (
    GoalComment,
    Meta,
    Plan,
    ProfileField,
    RespondentKey,
    Score,
    target_name,
)
from scorecard.interop.importers.source import Source


@dataclass(frozen=True)
class ColumnUse:
    column: str  # as the source file names it
    target: str  # sdg3_7, sdg3_comment, sector, respondent id, not stored (...)


@dataclass(frozen=True)
class GoalCount:
    goal: int
    respondents: int  # who gave at least one score for the goal
    scores: int
    dont_know: int  # areas left "don't know" by those respondents


@dataclass(frozen=True)
class ImportPreview:
    file: str
    format: str
    format_label: str
    detected: bool  # the format was recognised, not named by the user
    encoding: str
    mapped: tuple[ColumnUse, ...]
    not_stored: tuple[ColumnUse, ...]
    unmapped: tuple[str, ...]
    respondents: int
    goals: tuple[GoalCount, ...]
    skipped: tuple[Skipped, ...]
    already_imported: tuple[str, ...] = ()  # ids an earlier import stored: replaced, not doubled
    notes: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """The preview as plain English lines for the command line."""
        how = "recognised" if self.detected else "as asked"
        encoding = f", {self.encoding}" if self.encoding else ""
        out = [f"{self.file}: {self.format_label} ({how}){encoding}"]
        out.append(f"Respondents: {self.respondents}")
        for skip in self.skipped:
            out.append(f"  row {skip.row} skipped: {skip.reason}")
        out.append(f"Columns used: {len(self.mapped)}")
        out.extend(f"  {_short(use.column)} -> {use.target}" for use in _squeezed(self.mapped))
        if self.not_stored:
            out.append(f"Columns understood but not stored: {len(self.not_stored)}")
            out.extend(f"  {_short(use.column)} -> {use.target}" for use in self.not_stored)
        if self.unmapped:
            out.append(f"Columns not understood (ignored): {len(self.unmapped)}")
            out.extend(f"  {name}" for name in self.unmapped)
        out.append("Answers per goal:")
        for g in self.goals:
            out.append(
                f"  SDG {g.goal}: {g.respondents} respondents, {g.scores} scores, "
                f"{g.dont_know} don't know"
            )
        if self.already_imported:
            out.append(
                f"Already imported: {len(self.already_imported)} respondents with the same id "
                "will be replaced, not added again."
            )
        out.extend(f"Note: {note}" for note in self.notes)
        return out

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "format": self.format,
            "format_label": self.format_label,
            "detected": self.detected,
            "encoding": self.encoding,
            "mapped": [{"column": u.column, "target": u.target} for u in self.mapped],
            "not_stored": [{"column": u.column, "target": u.target} for u in self.not_stored],
            "unmapped": list(self.unmapped),
            "respondents": self.respondents,
            "goals": [asdict(g) for g in self.goals],
            "skipped": [{"row": s.row, "reason": s.reason} for s in self.skipped],
            "already_imported": len(self.already_imported),
            "notes": list(self.notes),
        }

    def against(self, answers: Answers, existing: Collection[str]) -> ImportPreview:
        """The same preview, naming the respondents an earlier import already stored."""
        if not existing:
            return self
        stored = set(existing)
        return replace(
            self, already_imported=tuple(i for i in answers.respondents.ids if i in stored)
        )


def _short(column: str, limit: int = 70) -> str:
    """Label headers run long; the start and the end say which column it is."""
    if len(column) <= limit:
        return column
    half = (limit - 3) // 2
    return f"{column[:half]}...{column[-half:]}"


def _squeezed(uses: tuple[ColumnUse, ...]) -> list[ColumnUse]:
    """Runs of one goal's area columns shown as one line, so 170 columns stay readable."""
    out: list[ColumnUse] = []
    run: list[ColumnUse] = []

    def flush() -> None:
        if len(run) > 2:
            out.append(ColumnUse(f"{run[0].column} .. {run[-1].column}", _span(run)))
        else:
            out.extend(run)
        run.clear()

    for use in uses:
        goal = _score_goal(use.target)
        if run and (goal is None or goal != _score_goal(run[0].target)):
            flush()
        if goal is None:
            out.append(use)
        else:
            run.append(use)
    flush()
    return out


def _score_goal(target: str) -> int | None:
    head, _, area = target.partition("_")
    if head.startswith("sdg") and area.isdigit():
        return int(head[3:])
    return None


def _span(run: list[ColumnUse]) -> str:
    goal = _score_goal(run[0].target)
    return f"SDG {goal}, {len(run)} key areas ({run[0].target} .. {run[-1].target})"


def make_preview(source: Source, plan: Plan, built: Built, detected: bool) -> ImportPreview:
    header = source.table.header
    mapped: list[ColumnUse] = []
    not_stored: list[ColumnUse] = []
    unmapped: list[str] = []
    for index, role in enumerate(plan.roles):
        name = column_label(header, index)
        if role is None:
            if not name.startswith("#"):
                unmapped.append(name)
        elif isinstance(role, Meta):
            not_stored.append(ColumnUse(name, target_name(role)))
        elif isinstance(role, Score | GoalComment | ProfileField | RespondentKey):
            mapped.append(ColumnUse(name, target_name(role)))
    return ImportPreview(
        file=source.table.name,
        format=plan.format,
        format_label=plan.label,
        detected=detected,
        encoding=source.encoding,
        mapped=tuple(mapped),
        not_stored=tuple(not_stored),
        unmapped=tuple(unmapped),
        respondents=len(built.answers.respondents),
        goals=goal_counts(built.answers),
        skipped=built.skipped,
        notes=(*plan.notes, *built.notes),
    )


def goal_counts(answers: Answers) -> tuple[GoalCount, ...]:
    found = []
    areas = answers.scores.shape[1]
    for index, goal in enumerate(answers.framework.goal_numbers):
        rows = answers.scores[answers.row_goal == index]
        scores = int((rows != MISSING).sum())
        found.append(GoalCount(goal, len(rows), scores, len(rows) * areas - scores))
    return tuple(found)
