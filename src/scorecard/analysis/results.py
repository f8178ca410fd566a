"""The Results object: every figure an output shows, computed once.

Figures are exact Fractions; ``to_json`` turns them into unrounded floats.
Rounding happens only where a person reads a number (the renderers).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from scorecard.analysis.agreement import agreement, interquartile_range, is_contested
from scorecard.method import Edition, Framework


@dataclass(frozen=True)
class Score:
    """A mean on the answer scale with its percent and band; all None without data."""

    mean: Fraction | None
    percent: Fraction | None
    band: str | None

    @classmethod
    def of(cls, mean: Fraction | None, framework: Framework) -> Score:
        if mean is None:
            return cls(None, None, None)
        percent = framework.scale.percent(mean)
        return cls(mean, percent, framework.band(percent).name)

    def json(self) -> dict[str, Any]:
        return {"mean": _num(self.mean), "percent": _num(self.percent), "band": self.band}


@dataclass(frozen=True)
class CellResult:
    goal: int
    area: int
    n: int
    score: Score
    sd: float | None
    ci95: tuple[float, float] | None
    median: Fraction | None
    counts: tuple[int, ...]

    @property
    def agreement(self) -> Fraction | None:
        """Van der Eijk's agreement A of the answers (analysis/agreement.py); None if n = 0."""
        return agreement(self.counts)

    @property
    def iqr(self) -> Fraction | None:
        """Interquartile range in scale points (type 7 quartiles); None if n = 0."""
        return interquartile_range(self.counts)

    @property
    def contested(self) -> bool:
        """Agreement below 0.2 with at least 5 answers (agreement.CONTESTED_BELOW/_MIN_N)."""
        return is_contested(self)

    def json(self, framework: Framework) -> dict[str, Any]:
        ci_percent = None
        if self.ci95 is not None:
            ci_percent = [float(framework.scale.percent(Fraction(x))) for x in self.ci95]
        return {
            "goal": self.goal,
            "area": self.area,
            "n": self.n,
            **self.score.json(),
            "sd": self.sd,
            "ci95": list(self.ci95) if self.ci95 else None,
            "ci95_percent": ci_percent,
            "median": _num(self.median),
            "counts": {str(v): c for v, c in zip(framework.scale.values, self.counts, strict=True)},
            "iqr": _num(self.iqr),
            "agreement": _num(self.agreement),
            "contested": self.contested,
        }


@dataclass(frozen=True)
class GoalResult:
    goal: int
    name: str
    colour: str
    respondents: int  # respondents who scored at least one area of the goal
    answers: int
    score: Score

    def json(self) -> dict[str, Any]:
        return {
            "goal": self.goal,
            "name": self.name,
            "colour": self.colour,
            "n": self.respondents,
            "answers": self.answers,
            **self.score.json(),
        }


@dataclass(frozen=True)
class AreaResult:
    area: int
    name: str
    pillar: str
    answers: int
    score: Score

    def json(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "name": self.name,
            "pillar": self.pillar,
            "n": self.answers,
            **self.score.json(),
        }


@dataclass(frozen=True)
class PillarResult:
    pillar: str
    name: str
    areas: tuple[int, ...]
    answers: int
    score: Score

    def json(self) -> dict[str, Any]:
        return {
            "pillar": self.pillar,
            "name": self.name,
            "areas": list(self.areas),
            "n": self.answers,
            **self.score.json(),
        }


@dataclass(frozen=True)
class Share:
    """A profile group; ``merged`` marks the group that small ones were merged into
    (analysis.anonymity), whose label the renderers translate as one phrase."""

    label: str
    count: int
    percent: Fraction
    merged: bool = False

    def json(self) -> dict[str, Any]:
        return {"label": self.label, "n": self.count, "percent": float(self.percent)}


@dataclass(frozen=True)
class Profile:
    n: int
    answering: int
    gender: tuple[Share, ...]
    sector: tuple[Share, ...]
    region: tuple[Share, ...]
    age_n: int
    age_min: int | None
    age_max: int | None
    age_mean: Fraction | None

    def json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "answering": self.answering,
            "gender": [s.json() for s in self.gender],
            "sector": [s.json() for s in self.sector],
            "region": [s.json() for s in self.region],
            "age": {
                "n": self.age_n,
                "min": self.age_min,
                "max": self.age_max,
                "mean": _num(self.age_mean),
            },
        }


@dataclass(frozen=True)
class GoalComment:
    """A comment without its author: outputs are anonymous."""

    goal: int
    text: str


@dataclass(frozen=True)
class Results:
    edition: Edition
    framework: Framework
    profile: Profile
    cells: tuple[CellResult, ...]
    goals: tuple[GoalResult, ...]
    areas: tuple[AreaResult, ...]
    pillars: tuple[PillarResult, ...]
    overall: Score
    overall_answers: int
    range_low: AreaResult | None
    range_high: AreaResult | None
    highest: tuple[int, ...]
    lowest: tuple[int, ...]
    comments: tuple[GoalComment, ...]

    def goal(self, number: int) -> GoalResult:
        return next(g for g in self.goals if g.goal == number)

    def cell(self, goal: int, area: int) -> CellResult:
        return next(c for c in self.cells if c.goal == goal and c.area == area)

    def comments_on(self, goal: int) -> tuple[str, ...]:
        return tuple(c.text for c in self.comments if c.goal == goal)

    def to_json(self) -> dict[str, Any]:
        fw = self.framework
        return {
            "edition": self.edition.to_dict(),
            "method": method_json(fw),
            "respondents": self.profile.json(),
            "cells": [c.json(fw) for c in self.cells],
            "goals": [g.json() for g in self.goals],
            "areas": [a.json() for a in self.areas],
            "pillars": [p.json() for p in self.pillars],
            "overall": {"n": self.profile.answering, "answers": self.overall_answers}
            | self.overall.json(),
            "range": {
                "min_percent": _num(self.range_low.score.percent) if self.range_low else None,
                "max_percent": _num(self.range_high.score.percent) if self.range_high else None,
                "min_area": self.range_low.area if self.range_low else None,
                "max_area": self.range_high.area if self.range_high else None,
            },
            "key_findings": {"highest": list(self.highest), "lowest": list(self.lowest)},
            "comments": [{"goal": c.goal, "text": c.text} for c in self.comments],
        }


def method_json(fw: Framework) -> dict[str, Any]:
    return {
        "framework": fw.name,
        "version": fw.version,
        "scale": {
            "min": fw.scale.minimum,
            "max": fw.scale.maximum,
            "no_progress": fw.scale.no_progress,
        },
        "percent_rule": (
            f"percent = (mean - {fw.scale.no_progress}) / "
            f"({fw.scale.maximum} - {fw.scale.no_progress}) x 100"
        ),
        "averaging": AVERAGING_RULE,
        "bands": [{"name": b.name, "min": b.minimum, "max": b.maximum} for b in fw.bands],
        "band_boundaries": "a boundary value belongs to the band nearer zero",
        "thresholds": {
            "highest_above": fw.thresholds.highest_above,
            "lowest_below": fw.thresholds.lowest_below,
            "suppression": fw.thresholds.suppression,
        },
        "areas": [{"area": a.number, "name": a.name, "pillar": a.pillar} for a in fw.areas],
        "pillars": [{"pillar": p.key, "name": p.name} for p in fw.pillars],
    }


AVERAGING_RULE = (
    "A cell (goal x key area) is the mean of the answers given; 'don't know' is missing, "
    "never 0. A goal's score is the mean of its key-area means, each area weighing the same. "
    "A key area's score is the mean over goals of that area's cell means. A pillar's score "
    "is the mean of its key areas. The overall score is the mean of the goal scores. "
    "Cells, goals or areas without answers are left out of the means above them."
)


def _num(value: Fraction | None) -> float | None:
    return None if value is None else float(value)
