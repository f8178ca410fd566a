"""Sampling variance of a score, for the intervals of analysis/compare.py.

Every score is a weighted mean of cell means (METHOD's mean of means; the
weights are ``cell_weights``). Two rules give its variance:

- **independent cells** (needs only Results): var = sum(w_i^2 s_i^2 / n_i),
  the delta method for a linear map, e.g. sum(s_i^2 / n_i) / k^2 for a goal of
  k rated areas; Satterthwaite's df over the cell terms. It ignores that one
  respondent answers many cells of a goal and several goals: respondents who
  rate everything a little higher make cell means move together, and this
  rule then understates the variance of goal, pillar and overall scores.
- **respondents** (needs the Answers): the same delta method with respondents
  as the independent units (Taylor linearisation, as survey statistics does
  for clustered samples). Respondent r's influence on the score is
  z_r = sum over the cells r answered of w_i (x_ri - mean_i) / n_i, and
  var = m / (m - 1) sum(z_r^2) over the m respondents who answered any of its
  cells, with df m - 1. For a single cell this is exactly s^2 / n, so cells
  get Welch's interval under both rules. A cell with one answer has no
  influence (its answer is its mean); each respondent who alone answered some
  of a figure's cells adds the widest variance their part of it can have.

Both are in scale points squared; compare.py turns them into percentage points.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from scorecard.analysis.results import AreaResult, CellResult, GoalResult, PillarResult, Results
from scorecard.analysis.stats import sample_variance
from scorecard.answers import MISSING, Answers
from scorecard.method import Scale

Figure = CellResult | GoalResult | AreaResult | PillarResult | Results
Term = tuple[float, float]  # (variance contribution in scale points squared, its df)


def cell_weights(figure: Figure, results: Results) -> dict[tuple[int, int], Fraction]:
    """The weight of each rated cell in a figure's score: METHOD's averaging rule, unrolled."""
    rated = {(c.goal, c.area) for c in results.cells if c.n}
    fw = results.framework

    def of_goal(goal: int) -> dict[tuple[int, int], Fraction]:
        keys = [(goal, a) for a in fw.area_numbers if (goal, a) in rated]
        return {k: Fraction(1, len(keys)) for k in keys}

    def of_area(area: int) -> dict[tuple[int, int], Fraction]:
        keys = [(g, area) for g in fw.goal_numbers if (g, area) in rated]
        return {k: Fraction(1, len(keys)) for k in keys}

    def mean_of(parts: list[dict[tuple[int, int], Fraction]]) -> dict[tuple[int, int], Fraction]:
        parts = [p for p in parts if p]
        return {k: w / len(parts) for p in parts for k, w in p.items()}

    if isinstance(figure, Results):
        return mean_of([of_goal(g) for g in fw.goal_numbers])
    if isinstance(figure, CellResult):
        return {(figure.goal, figure.area): Fraction(1)} if figure.n else {}
    if isinstance(figure, GoalResult):
        return of_goal(figure.goal)
    if isinstance(figure, PillarResult):
        return mean_of([of_area(x) for x in figure.areas])
    return of_area(figure.area)


def widest_variance(scale: Scale) -> Fraction:
    """The largest variance one answer on the scale can have: half of each answer at either end."""
    return Fraction(scale.maximum - scale.minimum, 2) ** 2


def _weighted_cells(figure: Figure, results: Results) -> list[tuple[CellResult, Fraction]]:
    if isinstance(figure, CellResult):  # the common case, without looking the cell up again
        return [(figure, Fraction(1))] if figure.n else []
    cells = {(c.goal, c.area): c for c in results.cells}
    return [(cells[key], w) for key, w in cell_weights(figure, results).items()]


def cell_terms(figure: Figure, results: Results) -> list[Term]:
    """Independent cells: one term w^2 s^2 / n per rated cell, df n - 1.

    A cell with one answer has no sample variance; it enters with the largest
    variance the scale allows, ((max - min) / 2)^2, and df 1: wide, never narrow.
    """
    values = list(results.framework.scale.values)
    widest = widest_variance(results.framework.scale)
    terms: list[Term] = []
    for cell, w in _weighted_cells(figure, results):
        variance = sample_variance(cell.counts, values)
        s2, nu = (widest, 1) if variance is None else (variance, cell.n - 1)
        terms.append((float(w * w * s2 / cell.n), float(nu)))
    return terms


def single_answer_cells(figure: Figure, results: Results) -> tuple[tuple[int, int], ...]:
    """The figure's cells that one respondent answered, (goal, area): their spread is unknown."""
    return tuple((c.goal, c.area) for c, _ in _weighted_cells(figure, results) if c.n == 1)


FigureKey = tuple[str, int | str | None]  # ("goal", 4), ("area", 1), ("pillar", "policy"), ...


@dataclass(frozen=True)
class Linearised:
    """Per aggregate figure: (variance of the score in scale points squared, respondents).

    ``bounds`` holds, per figure resting on cells that one respondent answered,
    one term per such respondent: the widest variance their part of the score
    can have, df 1 (see ``linearise``).
    """

    goals: dict[int, tuple[float, int]]
    areas: dict[int, tuple[float, int]]
    pillars: dict[str, tuple[float, int]]
    overall: tuple[float, int]
    bounds: dict[FigureKey, list[Term]] = field(default_factory=dict)

    def term(self, figure: Figure) -> tuple[list[Term], int]:
        """The figure's terms (variance with df m - 1, then any bounds) and m.

        Cells fall back to Welch.
        """
        key: FigureKey
        if isinstance(figure, Results):
            found, key = self.overall, ("overall", None)
        elif isinstance(figure, GoalResult):
            found, key = self.goals[figure.goal], ("goal", figure.goal)
        elif isinstance(figure, AreaResult):
            found, key = self.areas[figure.area], ("area", figure.area)
        elif isinstance(figure, PillarResult):
            found, key = self.pillars[figure.pillar], ("pillar", figure.pillar)
        else:
            raise TypeError("cells use cell_terms: their linearised variance is s^2 / n")
        variance, m = found
        terms = [(variance, float(m - 1))] if m > 1 else []
        return terms + self.bounds.get(key, []), m


def linearise(answers: Answers, results: Results) -> Linearised:
    """Respondent influences on every goal, key-area, pillar and overall score, in one pass.

    A respondent has one row per goal, so a goal's influence is the row's own
    weighted sum; key areas add a respondent's rows up (bincount); pillars and
    the overall score are means of area and goal influences, as their scores are.

    A cell with one answer has influence 0 (the answer is the mean), as if one
    expert's score were exact. The same roll-up of an indicator of such answers
    gives each respondent's total weight W_r in a figure over the cells only they
    answered; their part of the score, sum w_i x_ri, then lies in an interval of
    width W_r (max - min), so its variance is at most (W_r (max - min) / 2)^2
    (Popoviciu's inequality) whatever the spread of answers and however alike
    one person rates several areas. That bound enters as a term of its own, df 1,
    as rule 1 treats a single answer: wide, never narrow.
    """
    fw = results.framework
    n_goals, n_areas = len(fw.goals), len(fw.areas)
    valid = answers.scores != MISSING
    means = np.zeros((n_goals, n_areas))
    counts = np.zeros((n_goals, n_areas))
    goal_at = {g: i for i, g in enumerate(fw.goal_numbers)}
    area_at = {a: i for i, a in enumerate(fw.area_numbers)}
    for c in results.cells:
        if c.n and c.score.mean is not None:
            gi, ai = goal_at[c.goal], area_at[c.area]
            means[gi, ai], counts[gi, ai] = float(c.score.mean), c.n
    goal = answers.row_goal.astype(np.intp)
    safe = np.where(counts > 0, counts, 1.0)
    people = len(answers.respondents)
    who = answers.row_respondent
    rated_areas = (counts > 0).sum(axis=1)
    rated_goals = (counts > 0).sum(axis=0)
    scored = int((rated_areas > 0).sum())
    members = {p.pillar: [x for x in p.areas if rated_goals[area_at[x]]] for p in results.pillars}

    def roll_up(x: np.ndarray) -> _Rolled:
        """Per-row weights of answers (rows x areas) -> each figure's per-respondent sums."""
        goal_z = x.sum(axis=1) / np.where(rated_areas > 0, rated_areas, 1)[goal]
        area_z = {
            a: np.bincount(who, x[:, ai], people) / max(1, int(rated_goals[ai]))
            for ai, a in enumerate(fw.area_numbers)
        }
        pillar_z = {
            p: sum((area_z[a] for a in ms), np.zeros(people)) / max(1, len(ms))
            for p, ms in members.items()
        }
        overall_z = np.bincount(who, goal_z, people) / max(1, scored)
        return _Rolled(goal_z, area_z, pillar_z, overall_z)

    def spread(z: np.ndarray, m: int) -> tuple[float, int]:
        return (float(m / (m - 1) * np.sum(z * z)) if m > 1 else 0.0), m

    def reach(mask: np.ndarray) -> int:
        return int(np.unique(who[mask]).size)

    z = roll_up(np.where(valid, (answers.scores - means[goal]) / safe[goal], 0.0))
    goals = {
        g: spread(z.goal[goal == gi], int(valid[goal == gi].any(axis=1).sum()))
        for gi, g in enumerate(fw.goal_numbers)
    }
    areas = {a: spread(z.area[a], reach(valid[:, ai])) for ai, a in enumerate(fw.area_numbers)}
    pillars = {
        p.pillar: spread(
            z.pillar[p.pillar], reach(valid[:, [area_at[x] for x in p.areas]].any(axis=1))
        )
        for p in results.pillars
    }
    overall = spread(z.overall, reach(valid.any(axis=1)))
    if not (counts == 1).any():  # the usual case: no second roll-up
        return Linearised(goals, areas, pillars, overall)
    widest = float(widest_variance(fw.scale))
    w = roll_up(np.where(valid & (counts[goal] == 1), 1.0, 0.0))  # 1 / n where n = 1

    def bound(weights: np.ndarray) -> list[Term]:
        return [(widest * float(x) ** 2, 1.0) for x in weights[weights > 0]]

    bounds: dict[FigureKey, list[Term]] = {
        ("goal", g): bound(w.goal[goal == gi]) for gi, g in enumerate(fw.goal_numbers)
    }
    bounds |= {("area", a): bound(w.area[a]) for a in fw.area_numbers}
    bounds |= {("pillar", p): bound(w.pillar[p]) for p in members}
    bounds[("overall", None)] = bound(w.overall)
    return Linearised(goals, areas, pillars, overall, {k: v for k, v in bounds.items() if v})


@dataclass(frozen=True)
class _Rolled:
    """Per-respondent sums of one figure kind: goals by row, the rest by respondent."""

    goal: np.ndarray
    area: dict[int, np.ndarray]
    pillar: dict[str, np.ndarray]
    overall: np.ndarray
