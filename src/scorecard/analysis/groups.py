"""Results by groups of respondents, side by side with the whole, with small groups suppressed.

METHOD: answers are anonymous in every output, and no figure is shown for a
subgroup smaller than the suppression threshold (``thresholds.suppression``,
default 5). The unit is respondents, not answers: every figure knows how
many respondents are behind it (its *reach*): a cell's answers, a goal's or
key area's or pillar's respondents who scored any of its cells, the
respondents who gave any score, and the group's size.

Primary suppression: a figure with reach below the threshold is not shown,
in any group and in the whole (zero too: showing "nobody" where others are
hidden would tell whose the hidden answers are).

Secondary (complementary) suppression closes the two ways to derive a
hidden figure, repeated until nothing changes (each pass only hides more):

- **across groups**, per figure: the whole minus the shown groups is the
  hidden rest. If exactly one group with answers is hidden, the smallest
  shown group with answers is hidden too. For a two-way split this holds
  within every row and column as well, whose totals are the one-way groups.
- **within a group**, per mean of means: a goal score with all but one of
  its rated cells shown gives the last one away (score x k - sum), and so do
  key-area scores (cells over goals), pillar scores (their areas) and the
  overall score (goals). With exactly one hidden rated member, the smallest
  shown rated member is hidden as well, or the score itself when none is left.

Respondents who did not give the attribute form their own "not given" group.
"""

from __future__ import annotations

import itertools
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from scorecard.analysis.compute import analyse
from scorecard.analysis.results import Results, Score
from scorecard.answers import MISSING, Answers
from scorecard.method import Edition

SPLITS = ("sector", "gender", "age", "region")
AGE_BANDS = (("<30", 0, 29), ("30-44", 30, 44), ("45-59", 45, 59), ("60+", 60, 10_000))
NOT_GIVEN = "not given"

FigureKey = tuple[str | int, ...]
COUNT: FigureKey = ("respondents",)
OVERALL: FigureKey = ("overall",)


def cell_key(goal: int, area: int) -> FigureKey:
    return ("cell", goal, area)


def goal_key(goal: int) -> FigureKey:
    return ("goal", goal)


def area_key(area: int) -> FigureKey:
    return ("area", area)


def pillar_key(pillar: str) -> FigureKey:
    return ("pillar", pillar)


@dataclass(frozen=True)
class Group:
    """One group (or the whole, with no values). Read it through ``n`` and ``score``."""

    values: tuple[str | None, ...]  # one per split attribute; None = not given
    results: Results
    reach: Mapping[FigureKey, int]
    suppressed: frozenset[FigureKey]

    @property
    def label(self) -> str:
        return " · ".join(NOT_GIVEN if v is None else v for v in self.values)

    @property
    def n(self) -> int | None:
        """Respondents in the group; None when suppressed."""
        return None if COUNT in self.suppressed else self.results.profile.n

    def shows(self, key: FigureKey) -> bool:
        return key not in self.suppressed

    def figure(self, key: FigureKey) -> tuple[Score, int] | None:
        """The score and its respondents, or None when suppressed."""
        if key in self.suppressed:
            return None
        r = self.results
        kind = key[0]
        if kind == "cell":
            score = r.cell(int(key[1]), int(key[2])).score
        elif kind == "goal":
            score = r.goal(int(key[1])).score
        elif kind == "area":
            score = next(a.score for a in r.areas if a.area == key[1])
        elif kind == "pillar":
            score = next(p.score for p in r.pillars if p.pillar == key[1])
        else:
            score = r.overall
        return score, self.reach[key]

    def json(self, keys: Iterable[FigureKey]) -> dict[str, Any]:
        figures: dict[str, Any] = {}
        for key in keys:
            shown = self.figure(key)
            name = ":".join(str(k) for k in key)
            if shown is None:
                figures[name] = {"suppressed": True}
            else:
                figures[name] = {"n": shown[1], **shown[0].json()}
        return {"values": list(self.values), "label": self.label, "n": self.n, "figures": figures}


@dataclass(frozen=True)
class GroupView:
    by: tuple[str, ...]
    threshold: int
    whole: Group
    groups: tuple[Group, ...]

    def figure_keys(self) -> tuple[FigureKey, ...]:
        """Every figure in display order: overall, pillars, areas, goals, cells."""
        fw = self.whole.results.framework
        return (
            OVERALL,
            *(pillar_key(p.key) for p in fw.pillars),
            *(area_key(a) for a in fw.area_numbers),
            *(goal_key(g) for g in fw.goal_numbers),
            *(cell_key(g, a) for g in fw.goal_numbers for a in fw.area_numbers),
        )

    def to_json(self) -> dict[str, Any]:
        keys = self.figure_keys()
        return {
            "by": list(self.by),
            "suppression": {
                "threshold": self.threshold,
                "unit": "respondents",
                "note": f"suppressed: fewer than {self.threshold} respondents",
            },
            "whole": self.whole.json(keys),
            "groups": [g.json(keys) for g in self.groups],
        }


def split_values(answers: Answers, by: str) -> tuple[npt.NDArray[np.int32], tuple[str, ...]]:
    """Each respondent's group code (-1 = not given) and the group labels, for one attribute."""
    r = answers.respondents
    if by == "age":
        codes = np.full(len(r), -1, dtype=np.int32)
        for i, (_, low, high) in enumerate(AGE_BANDS):
            codes[(r.age >= low) & (r.age <= high)] = i
        return codes, tuple(label for label, _, _ in AGE_BANDS)
    if by not in SPLITS:
        raise ValueError(f"cannot split by {by!r}; choose one of {', '.join(SPLITS)}")
    column = getattr(r, by)
    order = sorted(range(len(column.labels)), key=lambda i: column.labels[i].casefold())
    remap = np.full(len(column.labels) + 1, -1, dtype=np.int32)
    for new, old in enumerate(order):
        remap[old] = new
    codes = remap[column.codes]  # -1 indexes the last slot, which stays -1
    return codes.astype(np.int32), tuple(column.labels[i] for i in order)


def group_view(
    answers: Answers, by: str, by2: str | None = None, edition: Edition | None = None
) -> GroupView:
    """Results for every group of ``by`` (crossed with ``by2``) and the whole, suppressed."""
    splits = (by,) if by2 is None else (by, by2)
    if len(set(splits)) != len(splits):
        raise ValueError("split by two different attributes")
    columns = [split_values(answers, s) for s in splits]
    options: list[list[tuple[int, str | None]]] = []
    for codes, labels in columns:
        values: list[tuple[int, str | None]] = [
            (i, label) for i, label in enumerate(labels) if by2 is not None or (codes == i).any()
        ]
        if (codes < 0).any():
            values.append((-1, None))
        options.append(values)
    whole = analyse(answers, edition)
    groups = []
    for combo in itertools.product(*options):
        keep = np.ones(len(answers.respondents), dtype=bool)
        for (codes, _), (code, _) in zip(columns, combo, strict=True):
            keep &= codes == code
        sub = answers.select(keep)
        groups.append((tuple(v for _, v in combo), analyse(sub, edition), _reach(sub)))
    threshold = answers.framework.thresholds.suppression
    slices = [list(range(len(groups)))]
    if by2 is not None:
        for axis in (0, 1):
            for value in dict.fromkeys(g[0][axis] for g in groups):
                slices.append([i for i, g in enumerate(groups) if g[0][axis] == value])
    hidden = _suppress([g[2] for g in groups], slices, threshold, whole)
    whole_reach = _reach(answers)
    return GroupView(
        splits,
        threshold,
        Group(
            (), whole, whole_reach, frozenset(k for k, n in whole_reach.items() if n < threshold)
        ),
        tuple(
            Group(values, res, reach, frozenset(h))
            for (values, res, reach), h in zip(groups, hidden, strict=True)
        ),
    )


def _reach(answers: Answers) -> dict[FigureKey, int]:
    """Respondents behind every figure of one group."""
    fw = answers.framework
    valid = answers.scores != MISSING
    who = answers.row_respondent

    def people(rows: npt.NDArray[np.bool_]) -> int:
        return int(np.unique(who[rows]).size)

    reach: dict[FigureKey, int] = {COUNT: len(answers.respondents), OVERALL: people(valid.any(1))}
    for gi, g in enumerate(fw.goal_numbers):
        mine = answers.row_goal == gi
        reach[goal_key(g)] = int(valid[mine].any(axis=1).sum())
        for ai, a in enumerate(fw.area_numbers):
            reach[cell_key(g, a)] = int(valid[mine, ai].sum())
    for ai, a in enumerate(fw.area_numbers):
        reach[area_key(a)] = people(valid[:, ai])
    for p in fw.pillars:
        columns = [fw.area_numbers.index(a.number) for a in fw.areas_of(p.key)]
        reach[pillar_key(p.key)] = people(valid[:, columns].any(axis=1))
    return reach


def _relations(results: Results) -> list[tuple[FigureKey, list[FigureKey]]]:
    """Each mean of means and the figures it averages (METHOD's averaging rule)."""
    fw = results.framework
    goals, areas = fw.goal_numbers, fw.area_numbers
    return [
        *((goal_key(g), [cell_key(g, a) for a in areas]) for g in goals),
        *((area_key(a), [cell_key(g, a) for g in goals]) for a in areas),
        *(
            (pillar_key(p.key), [area_key(a.number) for a in fw.areas_of(p.key)])
            for p in fw.pillars
        ),
        (OVERALL, [goal_key(g) for g in goals]),
    ]


def _suppress(
    reaches: list[dict[FigureKey, int]], slices: list[list[int]], threshold: int, whole: Results
) -> list[set[FigureKey]]:
    """Primary, then complementary suppression across groups and within each, to a fixpoint."""
    hidden = [{k for k, n in reach.items() if n < threshold} for reach in reaches]
    relations = _relations(whole)
    keys = list(reaches[0]) if reaches else []
    changed = True
    while changed:
        changed = False
        for members, key in itertools.product(slices, keys):
            column = {i: reaches[i][key] for i in members}
            if _exposed(column, {i for i in members if key in hidden[i]}):
                partner = _smallest_shown(column, {i for i in members if key in hidden[i]})
                if partner is not None:
                    hidden[partner].add(key)
                    changed = True
        for reach, mine in zip(reaches, hidden, strict=True):
            for margin, parts in relations:
                row = {p: reach[p] for p in parts}
                if margin not in mine and _exposed(row, mine):
                    partner = _smallest_shown(row, mine)
                    mine.add(margin if partner is None else partner)
                    changed = True
    return hidden


def _exposed(members: Mapping[Any, int], hidden: Container[Any]) -> bool:
    """Exactly one hidden member has respondents: the total minus the rest would give it away."""
    return sum(1 for m, n in members.items() if n > 0 and m in hidden) == 1


def _smallest_shown(members: Mapping[Any, int], hidden: Container[Any]) -> Any:
    """The shown member with the fewest (but some) respondents, first in order on ties."""
    shown = [(n, i, m) for i, (m, n) in enumerate(members.items()) if n > 0 and m not in hidden]
    return min(shown)[2] if shown else None
