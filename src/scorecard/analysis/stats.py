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
from functools import lru_cache
from statistics import NormalDist

import numpy as np
import numpy.typing as npt

from scorecard.answers import MISSING, Answers


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


@lru_cache(maxsize=8192)  # bounded: Welch dfs are fractional, so a server sees many
def t_critical(df: float, confidence: float = 0.95) -> float:
    """Two-sided Student-t critical value, e.g. 12.706 for df=1 at 95%.

    Computed here (closed forms for df 1 and 2, otherwise Newton's method on the
    regularised incomplete beta function from a Cornish-Fisher start) rather
    than taken from scipy, whose import alone costs about a second on every
    command; tests check it against scipy and published tables. A fractional
    df (Welch-Satterthwaite, analysis/compare.py) is solved the same way,
    safeguarded by the bracket t(ceil(df)) <= t(df) <= t(floor(df)).
    """
    if df < 1:
        raise ValueError("df must be at least 1")
    if df != math.floor(df):
        return _t_fractional(df, confidence)
    alpha = 1.0 - confidence
    q = confidence
    if df == 1:
        return math.tan(math.pi * q / 2)
    if df == 2:
        return math.sqrt(2 * q * q / (1 - q * q))
    z = NormalDist().inv_cdf(1 - alpha / 2)
    t = z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
    log_norm = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    for _ in range(50):
        tail = _betainc(df / 2, 0.5, df / (df + t * t))  # P(|T| > t)
        density = math.exp(log_norm - (df + 1) / 2 * math.log1p(t * t / df))
        step = (tail - alpha) / (2 * density)
        t += step
        if abs(step) < 1e-14 * t:
            break
    return t


def _t_fractional(df: float, confidence: float) -> float:
    """Newton's method on P(|T| > t) = alpha, falling back to bisection inside the bracket.

    The critical value falls as df grows, so the neighbouring whole-number dfs
    bracket the root and a Newton step that leaves the bracket is replaced by
    its midpoint: the iteration cannot diverge for any df >= 1.
    """
    alpha = 1.0 - confidence
    low, high = t_critical(math.ceil(df), confidence), t_critical(math.floor(df), confidence)
    log_norm = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    t = (low + high) / 2
    for _ in range(100):
        excess = _betainc(df / 2, 0.5, df / (df + t * t)) - alpha  # falls as t grows
        if excess > 0:
            low = t
        else:
            high = t
        density = math.exp(log_norm - (df + 1) / 2 * math.log1p(t * t / df))
        following = t + excess / (2 * density)
        if not low <= following <= high:
            following = (low + high) / 2
        if abs(following - t) <= 1e-14 * t:
            return following
        t = following
    return t


def _betainc(a: float, b: float, x: float) -> float:
    """Regularised incomplete beta I_x(a, b) by Lentz's continued fraction."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    front = math.exp(log_front + a * math.log(x) + b * math.log1p(-x))
    if x > (a + 1) / (a + b + 2):
        return 1.0 - _betainc(b, a, 1.0 - x)
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 500):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= c * d
        if abs(c * d - 1.0) < 1e-16:
            break
    return front * result / a


def confidence_interval(mean: Fraction, variance: Fraction, n: int) -> tuple[float, float]:
    half = t_critical(n - 1) * math.sqrt(variance / n)
    return (float(mean) - half, float(mean) + half)


def mean_of(values: Sequence[Fraction | None]) -> Fraction | None:
    """Mean of the figures that exist: METHOD's mean of means, each weighing the same."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return sum(present, Fraction(0)) / len(present)
