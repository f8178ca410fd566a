"""Import errors that say where: file, row and column, all at once.

Coordinators fix a spreadsheet by hand, so one message per bad cell (up to a
limit) is worth far more than the first failure alone. Nothing is returned
when anything is wrong: an import is all-or-nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # 1-based as a spreadsheet shows it; the header is row 1
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.column is not None:
            where += f", column {self.column}" if self.row is not None else f" column {self.column}"
        return f"{where}: {self.message}"


class AnswersFileError(ValueError):
    """A file that cannot be imported; ``problems`` lists every cell at fault."""

    def __init__(self, problems: list[Problem], hint: str = "", truncated: bool = False) -> None:
        self.problems = problems
        self.hint = hint
        self.truncated = truncated
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems]
        if self.truncated:
            lines.append(f"(stopped after {len(self.problems)} problems; fix these and try again)")
        if self.hint:
            lines.append(f"Hint: {self.hint}")
        return "\n".join(lines)


@dataclass
class ProblemList:
    """Collects problems up to a limit, then asks the reader to stop."""

    file: str
    limit: int = MAX_PROBLEMS
    problems: list[Problem] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)

    def add(self, row: int | None, column: str | None, message: str, hint: str = "") -> None:
        if len(self.problems) < self.limit:
            self.problems.append(Problem(self.file, row, column, message))
        if hint and hint not in self.hints:
            self.hints.append(hint)

    @property
    def full(self) -> bool:
        return len(self.problems) >= self.limit

    def raise_if_any(self) -> None:
        if self.problems:
            ordered = sorted(
                self.problems, key=lambda p: p.row or 0
            )  # stable: columns stay in order
            raise AnswersFileError(ordered, " ".join(self.hints), self.full)


def fail(file: str, message: str, hint: str = "", row: int | None = None) -> AnswersFileError:
    return AnswersFileError([Problem(file, row, None, message)], hint)
