"""Exact cell statistics from answer counts.

Every figure derives from the count of each answer in a cell, so sums, means,
medians and sums of squares are integers or Fractions: METHOD requires that a
figure that is exactly 40% is Low progress even when it is a mean of means of
thirds, and floating point cannot promise that. Only sd and the confidence
interval, which are irrational in general, are floats.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from functools import cache

import numpy as np
import numpy.typing as npt

from scorecard.analysis.answers import MISSING, Answers


def count_cells(answers: Answers) -> npt.NDArray[np.int64]:
    """Counts of each scale point per cell: shape (goals, areas, scale points).

    One bincount over a combined index, in chunks that fit the cache: the
    fastest of the ways measured in benchmarks/ (no Python loop per answer).
    """
    framework = answers.framework
    scale = framework.scale
    points = len(scale.values)
    slots = points + 1  # the last slot collects MISSING
    n_goals, n_areas = len(framework.goals), len(framework.areas)
    lut = np.full(256, points, dtype=np.int32)
    for v in scale.values:
        lut[v & 0xFF] = v - scale.minimum
    area_offset = np.arange(n_areas, dtype=np.int32) * slots
    total = np.zeros(n_goals * n_areas * slots, dtype=np.int64)
    raw = answers.scores.view(np.uint8)
    chunk = 65536
    for start in range(0, len(raw), chunk):
        index = lut[raw[start : start + chunk]]
        index += (answers.row_goal[start : start + chunk].astype(np.int32) * (n_areas * slots))[
            :, None
        ]
        index += area_offset
        total += np.bincount(index.ravel(), minlength=total.size)
    return total.reshape(n_goals, n_areas, slots)[:, :, :points]


def goal_respondent_counts(answers: Answers) -> npt.NDArray[np.int64]:
    """Per goal, how many respondents gave it at least one score."""
    rated = (answers.scores != MISSING).any(axis=1)
    return np.bincount(answers.row_goal[rated], minlength=len(answers.framework.goals)).astype(
        np.int64
    )


def exact_mean(counts: Sequence[int], values: Sequence[int]) -> Fraction | None:
    n = sum(counts)
    if n == 0:
        return None
    return Fraction(sum(c * v for c, v in zip(counts, values, strict=True)), n)


def exact_median(counts: Sequence[int], values: Sequence[int]) -> Fraction | None:
    """Median of the answers; with an even n the mean of the two middle ones."""
    n = sum(counts)
    if n == 0:
        return None

    def nth(k: int) -> int:  # 0-based k-th smallest answer
        seen = 0
        for c, v in zip(counts, values, strict=True):
            seen += c
            if k < seen:
                return v
        raise AssertionError("k beyond n")

    if n % 2:
        return Fraction(nth(n // 2))
    return Fraction(nth(n // 2 - 1) + nth(n // 2), 2)


def sample_variance(counts: Sequence[int], values: Sequence[int]) -> Fraction | None:
    """Sample variance (n - 1 denominator); absent when n < 2."""
    n = sum(counts)
    if n < 2:
        return None
    s = sum(c * v for c, v in zip(counts, values, strict=True))
    ss = sum(c * v * v for c, v in zip(counts, values, strict=True))
    return Fraction(n * ss - s * s, n * (n - 1))


@cache
def t_critical(df: int) -> float:
    """Two-sided 95% Student-t critical value."""
    from scipy.stats import t  # deferred: scipy is slow to import and only needed here

    return float(t.ppf(0.975, df))


def confidence_interval(mean: Fraction, variance: Fraction, n: int) -> tuple[float, float]:
    half = t_critical(n - 1) * math.sqrt(variance / n)
    return (float(mean) - half, float(mean) + half)


def mean_of(values: Sequence[Fraction | None]) -> Fraction | None:
    """Mean of the figures that exist: METHOD's mean of means, each weighing the same."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return sum(present, Fraction(0)) / len(present)
