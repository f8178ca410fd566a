"""answers -> Results, following METHOD.md "From answers to figures"."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from scorecard.analysis.results import (
    AreaResult,
    CellResult,
    GoalComment,
    GoalResult,
    PillarResult,
    Profile,
    Results,
    Score,
    Share,
)
from scorecard.analysis.stats import (
    confidence_interval,
    count_cells,
    exact_mean,
    exact_median,
    goal_respondent_counts,
    mean_of,
    sample_variance,
)
from scorecard.answers import Answers, Categorical
from scorecard.method import Edition


def analyse(answers: Answers, edition: Edition | None = None) -> Results:
    fw = answers.framework
    values = list(fw.scale.values)
    counts = count_cells(answers)
    goal_n = goal_respondent_counts(answers)

    cells: list[CellResult] = []
    means: dict[tuple[int, int], Fraction | None] = {}
    for gi, goal in enumerate(fw.goals):
        for ai, area in enumerate(fw.areas):
            cell_counts = [int(c) for c in counts[gi, ai]]
            cells.append(_cell(goal.number, area.number, cell_counts, values, answers))
            means[goal.number, area.number] = cells[-1].score.mean

    goals = tuple(
        GoalResult(
            g.number,
            g.name,
            g.colour,
            int(goal_n[gi]),
            int(counts[gi].sum()),
            Score.of(mean_of([means[g.number, a.number] for a in fw.areas]), fw),
        )
        for gi, g in enumerate(fw.goals)
    )
    areas = tuple(
        AreaResult(
            a.number,
            a.name,
            a.pillar,
            int(counts[:, ai].sum()),
            Score.of(mean_of([means[g.number, a.number] for g in fw.goals]), fw),
        )
        for ai, a in enumerate(fw.areas)
    )
    pillars = tuple(
        PillarResult(
            p.key,
            p.name,
            tuple(a.area for a in areas if a.pillar == p.key),
            sum(a.answers for a in areas if a.pillar == p.key),
            Score.of(mean_of([a.score.mean for a in areas if a.pillar == p.key]), fw),
        )
        for p in fw.pillars
    )
    overall = Score.of(mean_of([g.score.mean for g in goals]), fw)
    scored_areas = [a for a in areas if a.score.percent is not None]
    th = fw.thresholds
    rated = [g for g in goals if g.score.percent is not None]
    highest = sorted(
        (g for g in rated if g.score.percent is not None and g.score.percent > th.highest_above),
        key=lambda g: (-(g.score.percent or 0), g.goal),
    )
    lowest = sorted(
        (g for g in rated if g.score.percent is not None and g.score.percent < th.lowest_below),
        key=lambda g: (g.score.percent or 0, g.goal),
    )
    return Results(
        edition=edition or Edition(),
        framework=fw,
        profile=_profile(answers),
        cells=tuple(cells),
        goals=goals,
        areas=areas,
        pillars=pillars,
        overall=overall,
        overall_answers=int(counts.sum()),
        range_low=min(scored_areas, key=lambda a: a.score.percent or 0, default=None),
        range_high=max(scored_areas, key=lambda a: a.score.percent or 0, default=None),
        highest=tuple(g.goal for g in highest),
        lowest=tuple(g.goal for g in lowest),
        comments=tuple(GoalComment(c.goal, c.text) for c in answers.comments),
    )


def _cell(
    goal: int, area: int, counts: list[int], values: list[int], answers: Answers
) -> CellResult:
    fw = answers.framework
    n = sum(counts)
    mean = exact_mean(counts, values)
    variance = sample_variance(counts, values)
    sd = ci = None
    if variance is not None and mean is not None:
        sd = float(variance) ** 0.5
        ci = confidence_interval(mean, variance, n)
    return CellResult(
        goal,
        area,
        n,
        Score.of(mean, fw),
        sd,
        ci,
        exact_median(counts, values),
        tuple(counts),
    )


def _profile(answers: Answers) -> Profile:
    r = answers.respondents
    n = len(r)
    # A count per respondent, not np.unique: linear, where sorting 5M rows took most of a second.
    who = answers.row_respondent
    if answers.has_dont_know:  # a row of "don't know" alone answers nothing that counts
        who = who[answers.rated_rows()]
    answering = int(np.count_nonzero(np.bincount(who, minlength=n)))
    ages = r.age[r.age >= 0]
    return Profile(
        n=n,
        answering=answering,
        gender=_shares(r.gender, n),
        sector=_shares(r.sector, n),
        region=_shares(r.region, n),
        age_n=len(ages),
        age_min=int(ages.min()) if len(ages) else None,
        age_max=int(ages.max()) if len(ages) else None,
        age_mean=Fraction(int(ages.astype(np.int64).sum()), len(ages)) if len(ages) else None,
    )


def _shares(column: Categorical, n: int) -> tuple[Share, ...]:
    """Counts per label, largest first; shares are of all respondents."""
    if n == 0:
        return ()
    counts = np.bincount(column.codes[column.codes >= 0], minlength=len(column.labels))
    # Largest first, ties by label so the order does not depend on respondent order;
    # labels nobody in this (sub)group has are left out.
    order: Sequence[int] = sorted(
        (i for i in range(len(column.labels)) if counts[i]),
        key=lambda i: (-counts[i], column.labels[i].casefold()),
    )
    return tuple(
        Share(column.labels[i], int(counts[i]), Fraction(int(counts[i]) * 100, n)) for i in order
    )
