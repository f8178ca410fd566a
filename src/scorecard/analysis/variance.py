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
  get Welch's interval under both rules.

Both are in scale points squared; compare.py turns them into percentage points.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from scorecard.analysis.results import AreaResult, CellResult, GoalResult, PillarResult, Results
from scorecard.analysis.stats import sample_variance
from scorecard.answers import MISSING, Answers

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


def cell_terms(figure: Figure, results: Results) -> list[Term]:
    """Independent cells: one term w^2 s^2 / n per rated cell, df n - 1.

    A cell with one answer has no sample variance; it enters with the largest
    variance the scale allows, ((max - min) / 2)^2, and df 1: wide, never narrow.
    """
    scale = results.framework.scale
    values = list(scale.values)
    widest = Fraction(scale.maximum - scale.minimum, 2) ** 2
    if isinstance(figure, CellResult):  # the common case, without looking the cell up again
        weighted = [(figure, Fraction(1))] if figure.n else []
    else:
        cells = {(c.goal, c.area): c for c in results.cells}
        weighted = [(cells[key], w) for key, w in cell_weights(figure, results).items()]
    terms: list[Term] = []
    for cell, w in weighted:
        variance = sample_variance(cell.counts, values)
        s2, nu = (widest, 1) if variance is None else (variance, cell.n - 1)
        terms.append((float(w * w * s2 / cell.n), float(nu)))
    return terms


@dataclass(frozen=True)
class Linearised:
    """Per aggregate figure: (variance of the score in scale points squared, respondents)."""

    goals: dict[int, tuple[float, int]]
    areas: dict[int, tuple[float, int]]
    pillars: dict[str, tuple[float, int]]
    overall: tuple[float, int]

    def term(self, figure: Figure) -> tuple[list[Term], int]:
        """The figure's one term (variance, df m - 1) and m; cells fall back to Welch."""
        if isinstance(figure, Results):
            found = self.overall
        elif isinstance(figure, GoalResult):
            found = self.goals[figure.goal]
        elif isinstance(figure, AreaResult):
            found = self.areas[figure.area]
        elif isinstance(figure, PillarResult):
            found = self.pillars[figure.pillar]
        else:
            raise TypeError("cells use cell_terms: their linearised variance is s^2 / n")
        variance, m = found
        return ([(variance, float(m - 1))] if m > 1 else []), m


def linearise(answers: Answers, results: Results) -> Linearised:
    """Respondent influences on every goal, key-area, pillar and overall score, in one pass.

    A respondent has one row per goal, so a goal's influence is the row's own
    weighted sum; key areas add a respondent's rows up (bincount); pillars and
    the overall score are means of area and goal influences, as their scores are.
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
    influence = np.where(valid, (answers.scores - means[goal]) / safe[goal], 0.0)
    people = len(answers.respondents)
    who = answers.row_respondent

    def spread(z: np.ndarray, m: int) -> tuple[float, int]:
        return (float(m / (m - 1) * np.sum(z * z)) if m > 1 else 0.0), m

    def reach(mask: np.ndarray) -> int:
        return int(np.unique(who[mask]).size)

    rated_areas = (counts > 0).sum(axis=1)
    goal_z = influence.sum(axis=1) / np.where(rated_areas > 0, rated_areas, 1)[goal]
    goals = {
        g: spread(goal_z[goal == gi], int(valid[goal == gi].any(axis=1).sum()))
        for gi, g in enumerate(fw.goal_numbers)
    }
    rated_goals = (counts > 0).sum(axis=0)
    area_z = {
        a: np.bincount(who, influence[:, ai], people) / max(1, int(rated_goals[ai]))
        for ai, a in enumerate(fw.area_numbers)
    }
    areas = {a: spread(area_z[a], reach(valid[:, ai])) for ai, a in enumerate(fw.area_numbers)}
    pillars: dict[str, tuple[float, int]] = {}
    for p in results.pillars:
        members = [x for x in p.areas if rated_goals[area_at[x]]]
        z = sum((area_z[x] for x in members), np.zeros(people)) / max(1, len(members))
        columns = [area_at[x] for x in p.areas]
        pillars[p.pillar] = spread(z, reach(valid[:, columns].any(axis=1)))
    scored = int((rated_areas > 0).sum())
    per_person = np.bincount(who, goal_z, people) / max(1, scored)
    overall = spread(per_person, reach(valid.any(axis=1)))
    return Linearised(goals, areas, pillars, overall)
