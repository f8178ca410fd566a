"""Editions side by side: the change in percentage points and whether it exceeds the noise.

METHOD: editions must be comparable across years and countries. Two editions
are comparable when their key areas match by number (or through a declared
mapping); percent is the common currency, so a 1-5 edition and a -5..+5
edition compare through their percents. A change is the later percent minus
the earlier one, exact. Whether it is larger than the noise is a 95%
interval of the difference of two independent means (Welch): se^2 =
s1^2/n1 + s2^2/n2, the Welch-Satterthwaite df = se^4 / sum((s_i^2/n_i)^2 /
df_i), and t(df) x se around the change, in percentage points (each
edition's own factor 100 / (max - no_progress)). A cell is one mean; a goal,
key-area, pillar or overall score is a mean of cell means, whose variance
comes from analysis/variance.py: by respondents (linearisation) when the
Answers are given, else from the cells taken as independent. Cells that one
respondent answered have no measured spread; both rules give them the widest
the scale allows, and each change names them (``single_before``,
``single_after``) so a report can say why it is no clear change. A change is
significant when the interval excludes 0. With fewer than ``MIN_N``
answers on either side (respondents for a goal or the overall score), or a
side not rated, the verdict is "too few answers to tell". docs/compare.md
states the rules for readers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Any

from scorecard.analysis.results import CellResult, GoalResult, Results, Score
from scorecard.analysis.stats import t_critical
from scorecard.analysis.variance import (
    Figure,
    Linearised,
    Term,
    cell_terms,
    linearise,
    single_answer_cells,
)
from scorecard.answers import Answers
from scorecard.method import Edition, Framework

MIN_N = 5
"""Fewest answers (respondents for a goal) on each side for a verdict on a change."""

BY_RESPONDENTS = "respondents"
BY_CELLS = "independent cells"
CI_RULE = (
    "Change = later percent - earlier percent, in percentage points. Its 95% interval is "
    "Welch's for two independent means: se^2 = s1^2/n1 + s2^2/n2 with the Welch-Satterthwaite "
    "df. Goal, key-area, pillar and overall scores are weighted means of cell means; their "
    "variance is the delta method's, with respondents as the independent units when the "
    "answers are at hand (a respondent's answers to several cells move together), else "
    "sum(w_i^2 s_i^2/n_i) over cells taken as independent. A cell only one respondent "
    "answered has no measured spread: it takes the widest the scale allows, ((max - min)/2)^2, "
    "with df 1 (by respondents: (W_r (max - min)/2)^2 for respondent r's total weight W_r in "
    "such cells), and the change lists those cells. A change is significant when the "
    "interval excludes 0; with fewer than 5 answers on a side, or a side not rated, there "
    "are too few answers to tell."
)

Key = int | str | tuple[int, int] | None


class NotComparableError(ValueError):
    """Editions whose key areas neither match by number nor through a mapping."""


class Verdict(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    UNCLEAR = "no clear change"
    TOO_FEW = "too few answers to tell"


Cells = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Change:
    """One figure in two editions. ``key``: (goal, area), goal, area, pillar key, None overall.

    ``single_before`` and ``single_after`` are the figure's cells (goal, area, in
    each edition's own numbering) that one respondent answered: the interval
    takes the widest spread the scale allows for them, and a report says so
    where a change is "no clear change" because of them.
    """

    key: Key
    name: str
    before: Score
    after: Score
    n_before: int
    n_after: int
    points: Fraction | None
    ci95: tuple[float, float] | None
    df: float | None
    verdict: Verdict
    single_before: Cells = ()
    single_after: Cells = ()

    @property
    def significant(self) -> bool:
        return self.verdict in (Verdict.HIGHER, Verdict.LOWER)

    @property
    def rests_on_single_answers(self) -> bool:
        return bool(self.single_before or self.single_after)

    @property
    def band_changed(self) -> bool:
        b, a = self.before.band, self.after.band
        return b is not None and a is not None and b != a

    def json(self) -> dict[str, Any]:
        return {
            "before": {"n": self.n_before, **self.before.json()},
            "after": {"n": self.n_after, **self.after.json()},
            "points": None if self.points is None else float(self.points),
            "ci95_points": None if self.ci95 is None else list(self.ci95),
            "df": self.df,
            "significant": self.significant,
            "verdict": self.verdict.value,
            "band_change": [self.before.band, self.after.band] if self.band_changed else None,
            "single_answer_cells": {
                "before": [list(c) for c in self.single_before],
                "after": [list(c) for c in self.single_after],
            },
        }


@dataclass(frozen=True)
class Pair:
    """An earlier edition against the current one (the last edition given)."""

    before: str
    after: str
    same_scale: bool
    area_map: tuple[tuple[int, int], ...]  # earlier area -> current area
    cells: tuple[Change, ...]
    goals: tuple[Change, ...]
    areas: tuple[Change, ...]
    pillars: tuple[Change, ...]
    overall: Change

    def json(self) -> dict[str, Any]:
        def listed(changes: tuple[Change, ...], kind: str) -> list[dict[str, Any]]:
            return [{kind: c.key, "name": c.name, **c.json()} for c in changes]

        return {
            "before": self.before,
            "after": self.after,
            "same_scale": self.same_scale,
            "area_map": {str(b): a for b, a in self.area_map},
            "overall": self.overall.json(),
            "goals": listed(self.goals, "goal"),
            "areas": listed(self.areas, "area"),
            "pillars": listed(self.pillars, "pillar"),
            "cells": [
                {"goal": c.key[0], "area": c.key[1], **c.json()}
                for c in self.cells
                if isinstance(c.key, tuple)
            ],
        }


@dataclass(frozen=True)
class Comparison:
    labels: tuple[str, ...]
    editions: tuple[Edition, ...]
    pairs: tuple[Pair, ...]
    variance: str = BY_CELLS  # BY_RESPONDENTS or BY_CELLS: how aggregate variances were found
    rule: str = CI_RULE

    @property
    def current(self) -> str:
        return self.labels[-1]

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "variance": self.variance,
            "min_n": MIN_N,
            "editions": [
                {"label": x, **e.to_dict()} for x, e in zip(self.labels, self.editions, strict=True)
            ],
            "current": self.current,
            "pairs": [p.json() for p in self.pairs],
        }


def edition_label(edition: Edition, index: int) -> str:
    """ "Kazakhstan 2022", else the title, else "Edition 1"."""
    text = " ".join(p for p in (edition.country, str(edition.year or "")) if p)
    return text or edition.title or f"Edition {index + 1}"


def compare(
    *editions: Results,
    labels: Sequence[str] | None = None,
    area_map: Mapping[int, int] | None = None,
    answers: Sequence[Answers] | None = None,
) -> Comparison:
    """Each earlier edition against the last one given (the current edition).

    ``area_map`` maps an earlier edition's key-area numbers to the current
    one's where they differ; without it the areas must match by number.
    ``answers`` (one per edition, in the same order) lets aggregate scores
    take their variance by respondents; without them cells count as independent.
    """
    if len(editions) < 2:
        raise ValueError("a comparison needs at least two editions")
    names = list(labels or (edition_label(r.edition, i) for i, r in enumerate(editions)))
    if len(names) != len(editions) or (answers is not None and len(answers) != len(editions)):
        raise ValueError("give one label and one set of answers per edition")
    names = [n if names.count(n) == 1 else f"{n} ({i + 1})" for i, n in enumerate(names)]
    sides = [
        _Side(r, None if answers is None else linearise(answers[i], r))
        for i, r in enumerate(editions)
    ]
    pairs = tuple(
        _pair(side, sides[-1], names[i], names[-1], area_map) for i, side in enumerate(sides[:-1])
    )
    rule = BY_CELLS if answers is None else BY_RESPONDENTS
    return Comparison(tuple(names), tuple(r.edition for r in editions), pairs, rule)


@dataclass(frozen=True)
class _Side:
    results: Results
    linearised: Linearised | None

    def terms(self, figure: Figure | None) -> tuple[list[Term], int | None]:
        """Variance terms in percentage points squared, and respondents where counted."""
        if figure is None:
            return [], None
        fw = self.results.framework
        factor = (100 / (fw.scale.maximum - fw.scale.no_progress)) ** 2
        if self.linearised is None or isinstance(figure, CellResult):
            terms, people = cell_terms(figure, self.results), None
        else:
            terms, people = self.linearised.term(figure)
        return [(c * factor, nu) for c, nu in terms], people

    def single(self, figure: Figure | None) -> Cells:
        """The figure's cells that one respondent answered."""
        return () if figure is None else single_answer_cells(figure, self.results)


def area_mapping(
    before: Framework, after: Framework, area_map: Mapping[int, int] | None = None
) -> dict[int, int]:
    """Earlier area -> current area: identity when the numbers match, else the mapping given."""
    if area_map is None:
        if set(before.area_numbers) != set(after.area_numbers):
            raise NotComparableError(
                f"the key areas differ ({list(before.area_numbers)} and "
                f"{list(after.area_numbers)}); give a mapping from one to the other"
            )
        return {a: a for a in before.area_numbers}
    unknown = set(area_map) - set(before.area_numbers)
    outside = set(area_map.values()) - set(after.area_numbers)
    if unknown or outside:
        raise NotComparableError(f"the area mapping names unknown areas: {unknown | outside}")
    if len(set(area_map.values())) != len(area_map):
        raise NotComparableError("the area mapping sends two areas to the same one")
    return dict(area_map)


def _pair(
    sb: _Side, sa: _Side, before: str, after: str, area_map: Mapping[int, int] | None
) -> Pair:
    b, a = sb.results, sa.results
    mapping = area_mapping(b.framework, a.framework, area_map)
    back = {new: old for old, new in mapping.items()}
    goals_b = set(b.framework.goal_numbers)
    cells = tuple(
        _change(
            (c.goal, c.area),
            "",
            (b.cell(c.goal, back[c.area]) if c.goal in goals_b and c.area in back else None),
            c,
            sb,
            sa,
        )
        for c in a.cells
    )
    goals = tuple(
        _change(g.goal, g.name, b.goal(g.goal) if g.goal in goals_b else None, g, sb, sa)
        for g in a.goals
    )
    areas_b = {x.area: x for x in b.areas}
    areas = tuple(
        _change(x.area, x.name, areas_b.get(back.get(x.area, -1)), x, sb, sa) for x in a.areas
    )
    pillars_b = {p.pillar: p for p in b.pillars}
    pillars = tuple(
        _change(p.pillar, p.name, pillars_b[p.pillar], p, sb, sa)
        for p in a.pillars
        if p.pillar in pillars_b
        and {mapping.get(x, -1) for x in pillars_b[p.pillar].areas} == set(p.areas)
    )
    same = (b.framework.scale.minimum, b.framework.scale.maximum, b.framework.scale.no_progress)
    scale = a.framework.scale
    return Pair(
        before,
        after,
        same == (scale.minimum, scale.maximum, scale.no_progress),
        tuple(sorted(mapping.items())),
        cells,
        goals,
        areas,
        pillars,
        _change(None, "", b, a, sb, sa),
    )


def _change(
    key: Key, name: str, before: Figure | None, after: Figure, sb: _Side, sa: _Side
) -> Change:
    """The change of one figure; ``before`` is None where the earlier edition lacks it."""
    pb, pa = _score(before), _score(after)
    nb, na = _n(before), _n(after)
    points = None if pb.percent is None or pa.percent is None else pa.percent - pb.percent
    single = (sb.single(before), sa.single(after))
    terms_b, people_b = sb.terms(before)
    terms_a, people_a = sa.terms(after)
    people = [x for x in (people_b, people_a) if x is not None]
    fewest = min(nb, na, *people)
    if points is None or fewest < MIN_N:
        return Change(key, name, pb, pa, nb, na, points, None, None, Verdict.TOO_FEW, *single)
    terms = terms_b + terms_a
    variance = sum(c for c, _ in terms)
    if variance <= 0:  # every answer the same on both sides: no noise at all
        ci, df = (float(points), float(points)), None
    else:
        df = variance * variance / sum(c * c / nu for c, nu in terms)
        half = t_critical(max(1.0, df)) * math.sqrt(variance)
        ci = (float(points) - half, float(points) + half)
    verdict = Verdict.HIGHER if ci[0] > 0 else Verdict.LOWER if ci[1] < 0 else Verdict.UNCLEAR
    return Change(key, name, pb, pa, nb, na, points, ci, df, verdict, *single)


def _score(figure: Figure | None) -> Score:
    if figure is None:
        return Score(None, None, None)
    return figure.overall if isinstance(figure, Results) else figure.score


def _n(figure: Figure | None) -> int:
    """Answers in a cell, key area or pillar; respondents for a goal or the overall score."""
    if figure is None:
        return 0
    if isinstance(figure, Results):
        return figure.profile.answering
    if isinstance(figure, GoalResult):
        return figure.respondents
    return figure.n if isinstance(figure, CellResult) else figure.answers
