"""A draft mapping file: what a coordinator checks instead of writing one from nothing.

An export whose columns the importer cannot place (LimeSurvey's ``G2Q1[SQ001]``
codes, a designer's ``Goal3_Q7``) is refused rather than imported without
them. Writing the mapping by hand means reading 170 column names against the
questionnaire; a draft that guesses from the names of goals and key areas in
every catalogue language, the goal-choice question, column order and the
answers' spellings turns that into checking one line per guess. Every guess
says how sure it is and what it matched; a guess too weak to act on is written
commented out, so importing the unchecked draft cannot invent a score.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scorecard.interop.importers.checks import column_label
from scorecard.interop.importers.labels import AREA_BRACKET, Vocabulary, vocabulary
from scorecard.interop.importers.roles import GoalComment, Meta, Plan, Role, Score
from scorecard.interop.importers.source import Source
from scorecard.interop.importers.values import BAD
from scorecard.interop.importers.words import split_words
from scorecard.method import Framework

ARRAY = re.compile(r"^(?P<prefix>.*?\S)\s*\[\s*(?:sq|a|q)?\s*0*(?P<n>\d{1,3})\s*\]$", re.I)
CODE = re.compile(r"^(?P<letters>[^\W\d_]*)(?P<n>\d{1,3})$")
GOAL_IN_CHOICE = re.compile(r"(?:\[\s*(?:sq)?0*(\d{1,2})\s*\]|/\s*(\d{1,2}))\s*$", re.I)


@dataclass(frozen=True)
class Guess:
    key: str  # a column, a column-name prefix, or an answer, as the file writes it
    value: str | int | None  # sdg3_7, a goal, a score or "dk"; None: no guess to offer
    sure: str  # high, medium or low
    why: str
    active: bool = True  # False: written commented out, to be confirmed


@dataclass(frozen=True)
class Draft:
    """The guesses for one file, and what could not be placed at all."""

    file: str
    format: str
    label: str
    recognised: int  # columns recognised by name: the draft needs no line for them
    goals: tuple[Guess, ...]
    columns: tuple[Guess, ...]
    values: tuple[Guess, ...]
    unplaced: tuple[tuple[str, str], ...]  # score-like columns and why they look like scores
    left_out: tuple[str, ...]  # other columns not understood: ignored on import

    def toml(self) -> str:
        out = [
            f"# Draft mapping file for {_line(self.file)} ({self.label}), written by",
            "# `scorecard import --suggest-map`. Every line is a guess: check each against",
            "# the questionnaire, correct it, then import with `scorecard import FILE --map`",
            "# and this file.",
            "# The comment after a line says how sure the guess is and what it matched; a line",
            "# that starts with # is a guess left off until you confirm it (remove the #).",
            f"# {self.recognised} columns are recognised by name and need no line here.",
            f"format = {_quote(self.format)}",
        ]
        for title, guesses in (
            ("goals", self.goals),
            ("columns", self.columns),
            ("values", self.values),
        ):
            if guesses:
                out += ["", f"[{title}]", *(_guess_line(g) for g in guesses)]
        if self.unplaced:
            out += [
                "",
                "# Columns that look like scores but could not be placed: add a line for each",
                '# under [columns] ("COLUMN" = "sdg3_7"), or leave it out with --ignore COLUMN',
                '# (or "COLUMN" = "ignore"). The import refuses the file until you do.',
                *(f"#   {_quote(name)}: {_line(why)}" for name, why in self.unplaced),
            ]
        if self.left_out:
            out += [
                "",
                "# Other columns not understood (not scores; the import leaves them out):",
                *(f"#   {_quote(name)}" for name in self.left_out),
            ]
        return "\n".join(out) + "\n"

    def lines(self) -> list[str]:
        """What the command line prints after writing the draft."""
        guesses = len(self.goals) + len(self.columns) + len(self.values)
        out = [
            f"{self.file}: {self.label}; {self.recognised} columns recognised by name, "
            f"{guesses} guesses to check"
        ]
        if self.unplaced:
            out.append(f"Could not place (they look like scores): {len(self.unplaced)}")
            out.extend(f"  {name}: {why}" for name, why in self.unplaced)
        if self.left_out:
            out.append(f"Not understood, left out on import: {len(self.left_out)}")
            out.extend(f"  {name}" for name in self.left_out)
        return out


def suggest_mapping(source: Source, plan: Plan, framework: Framework) -> Draft:
    """Guess what the plan could not place, from names, order and answers."""
    table = source.table
    vocab = vocabulary(framework)
    header = table.header
    roles: list[Role | None] = list(plan.roles) + [None] * (len(header) - len(plan.roles))
    unknown = [i for i, role in enumerate(roles) if role is None and header[i].strip()]
    goals, placed = _arrays(header, roles, unknown, framework)
    columns: list[Guess] = []
    for i in unknown:
        if i in placed or vocab.score_like(header[i]) is None:
            continue
        guess = _by_words(vocab, header[i], framework)
        if guess is not None and isinstance(guess.value, str):
            columns.append(guess)
            role = role_of(guess.value)
            if role is not None:
                placed[i] = role
    effective = [placed.get(i, role) for i, role in enumerate(roles)]
    columns += _comments(source, plan, effective, unknown, placed)
    effective = [placed.get(i, role) for i, role in enumerate(roles)]
    unplaced, left_out = [], []
    for i in unknown:
        if i in placed:
            continue
        why = vocab.score_like(header[i])
        if why is not None:
            unplaced.append((column_label(header, i), why))
        else:
            left_out.append(column_label(header, i))
    return Draft(
        file=table.name,
        format=plan.format,
        label=plan.label,
        recognised=sum(1 for r in roles if r is not None),
        goals=tuple(goals),
        columns=tuple(columns),
        values=tuple(_values(source, plan, effective, framework)),
        unplaced=tuple(unplaced),
        left_out=tuple(left_out),
    )


def role_of(target: str) -> Role | None:
    match = re.fullmatch(r"sdg(\d+)_(\d+|comment)", target)
    if match is None:
        return None
    if match[2] == "comment":
        return GoalComment(int(match[1]))
    return Score(int(match[1]), int(match[2]))


def _arrays(
    header: Sequence[str], roles: Sequence[Role | None], unknown: list[int], framework: Framework
) -> tuple[list[Guess], dict[int, Role]]:
    """Arrays of subquestions (``G2Q1[SQ001]``) whose prefix names no goal, one per goal.

    Which array is which goal cannot be read from such a code; the goal-choice question
    lists the goals in the questionnaire's order, and so, failing that, does the edition.
    """
    arrays: dict[str, list[tuple[int, int]]] = {}
    for i in unknown:
        match = ARRAY.match(header[i].strip())
        if match is not None:
            arrays.setdefault(match["prefix"], []).append((i, int(match["n"])))
    if not arrays:
        return [], {}
    chosen = _chosen_goals(header, roles)
    if len(chosen) == len(arrays):
        order, sure = chosen, "medium"
        source = f"the goals offered by the goal-choice columns ({_numbers(chosen)})"
    elif len(framework.goal_numbers) == len(arrays):
        order, sure = framework.goal_numbers, "low"
        source = f"the edition's goals ({_numbers(framework.goal_numbers)})"
    else:
        return [], {}
    guesses: list[Guess] = []
    placed: dict[int, Role] = {}
    areas = set(framework.area_numbers)
    for position, ((prefix, items), goal) in enumerate(zip(arrays.items(), order, strict=True)):
        subs = [n for _, n in items]
        if not set(subs) <= areas:
            continue
        why = (
            f"array {position + 1} of {len(arrays)} in file order = goal {goal}, from {source}; "
            f"its subquestions {min(subs)}..{max(subs)} = key areas"
        )
        guesses.append(Guess(prefix, goal, sure, why))
        placed.update({i: Score(goal, n) for i, n in items})
    return guesses, placed


def _chosen_goals(header: Sequence[str], roles: Sequence[Role | None]) -> tuple[int, ...]:
    """Goals named by the goal-choice columns (``goals[SQ003]``, ``goals/3``), in order."""
    found: list[int] = []
    for name, role in zip(header, roles, strict=False):
        if role == Meta("goal choice"):
            match = GOAL_IN_CHOICE.search(name)
            if match is not None:
                found.append(int(match[1] or match[2]))
    return tuple(dict.fromkeys(found))


def _by_words(vocab: Vocabulary, name: str, framework: Framework) -> Guess | None:
    """A score-like column whose words point at one key area (and goal) more than any other."""
    goal = vocab.goal_number(name)
    match = vocab.area_match(goal, name)
    if len(match.best) != 1 or AREA_BRACKET.search(name) is not None:
        return None
    area = match.best[0]
    words = ", ".join(match.matched)
    area_name = framework.areas[framework.area_numbers.index(area)].name
    if goal is None:
        rest = [w for w in split_words(name) if w not in match.matched]
        goals = vocab.goal_words.match(rest)
        if goals.unique is None:
            return None
        goal = goals.unique
        why = f"goal {goal} by its name ({', '.join(goals.matched)}), key area {area}"
        return Guess(name, f"sdg{goal}_{area}", "low", f"{why} ({area_name}) by {words}")
    sure = "medium" if match.unique is not None else "low"
    why = f"goal {goal} by number; key area {area} ({area_name}) by {words}"
    return Guess(name, f"sdg{goal}_{area}", sure, why)


def _comments(
    source: Source,
    plan: Plan,
    roles: Sequence[Role | None],
    unknown: list[int],
    placed: dict[int, Role],
) -> list[Guess]:
    """A free-text column right after a goal's key areas is most likely its comment."""
    taken = {role.goal for role in roles if isinstance(role, GoalComment)}
    guesses: list[Guess] = []
    for i in unknown:
        before = roles[i - 1] if i > 0 else None
        if i in placed or not isinstance(before, Score) or before.goal in taken:
            continue
        cells = [row[i].strip() for row in source.table.rows[:200] if i < len(row)]
        if any(cell and plan.scores.read(cell) != BAD for cell in cells):
            continue  # answers, not remarks
        name = column_label(source.table.header, i)
        why = f"a text column right after goal {before.goal}'s key areas"
        guesses.append(Guess(name, f"sdg{before.goal}_comment", "low", why))
        placed[i] = GoalComment(before.goal)
        taken.add(before.goal)
    return guesses


def _values(
    source: Source, plan: Plan, roles: Sequence[Role | None], framework: Framework
) -> list[Guess]:
    """Answers in score columns that no reader knows: codes in order are the scale."""
    columns = [i for i, role in enumerate(roles) if isinstance(role, Score)]
    seen: dict[str, None] = {}
    for row in source.table.rows:
        for i in columns:
            if i < len(row):
                seen.setdefault(row[i].strip(), None)
    unknown = [text for text in seen if text and plan.scores.read(text) == BAD]
    if not unknown:
        return []
    scale = framework.scale
    points = list(range(scale.minimum, scale.maximum + 1))
    codes = [CODE.match(text) for text in unknown]
    if all(codes) and len({m["letters"].casefold() for m in codes if m}) == 1:
        numbers = [int(m["n"]) for m in codes if m]
        letters = next(m["letters"] for m in codes if m)
        low = 0 if 0 in numbers else 1  # tools number codes from 1 (or 0): A1 may be unused
        span = max(numbers) - low + 1
        if span in (len(points), len(points) + 1):
            why = f"answer codes in order = the scale {scale.minimum}..{scale.maximum}"
            guesses = [
                Guess(f"{letters}{low + k}", point, "low", why) for k, point in enumerate(points)
            ]
            if span > len(points):
                left = 'the one code after the scale: "Don\'t know"?'
                guesses.append(Guess(f"{letters}{max(numbers)}", "dk", "low", left, False))
            return guesses
    return [
        Guess(text, None, "low", 'an answer no reader knows: write its score or "dk"')
        for text in sorted(unknown)
    ]


def _guess_line(guess: Guess) -> str:
    value = "?" if guess.value is None else _value(guess.value)
    line = f"{_quote(guess.key)} = {value}"
    if not guess.active or guess.value is None:
        line = "# " + line
    return f"{line}  # {guess.sure}: {_line(guess.why)}"


def _value(value: str | int) -> str:
    if isinstance(value, int):
        return str(value)
    return _quote(value)


def _quote(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's; DEL needs its own)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007F")


def _line(text: str) -> str:
    """Text safe inside a one-line comment."""
    return " ".join(text.split())


def _numbers(numbers: Iterable[int]) -> str:
    return ", ".join(str(n) for n in numbers)


__all__ = ["Draft", "Guess", "suggest_mapping"]
