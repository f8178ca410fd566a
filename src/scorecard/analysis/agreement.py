"""Where experts disagree: van der Eijk's agreement A and the interquartile range of a cell.

A standard deviation mixes two different things on an ordered rating scale:
answers spread evenly over the scale and answers split into two camps at its
ends can have the same sd. A validation meeting needs the second case first,
so each cell also carries

- **agreement A** (van der Eijk, C. (2001) "Measuring agreement in ordered
  rating scales", *Quality & Quantity* 35: 325-341): 1 when every answer is
  the same, 0 when answers are spread uniformly, -1 when they are split
  evenly between the two ends. The frequency vector is peeled into layers
  (the smallest non-zero count off every non-empty category, repeatedly); a
  layer's agreement depends only on which categories it covers, and A is the
  mean of the layers' agreements weighted by the answers each layer holds.
  This is the published algorithm (equation 2, p. 332) as the reference R
  package ``agrmt`` (function ``agreement``, Ruedin) implements it;
- the **interquartile range** Q3 - Q1 with Hyndman and Fan's type 7 quantiles
  (the default of R, numpy and ``statistics.quantiles(method="inclusive")``).

Both come from the cell's counts alone, so both are exact Fractions.
A cell is **contested** when A < ``CONTESTED_BELOW`` with at least
``CONTESTED_MIN_N`` answers: a handful of answers is always uneven.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scorecard.analysis.results import CellResult, Results

CONTESTED_BELOW = Fraction(1, 5)
"""Agreement below this marks a contested cell (between uniform, 0, and consensus, 1)."""
CONTESTED_MIN_N = 5
"""Fewest answers for the flag: the suppression threshold of the default framework."""


@lru_cache(maxsize=4096)
def layer_agreement(pattern: tuple[bool, ...]) -> Fraction:
    """Agreement of one layer: A = U (1 - (S - 1) / (K - 1)), van der Eijk (2001) p. 332.

    K categories, S of them non-empty. U counts triples of categories i < j < k:
    TU unimodal ones (pattern 110 or 011), TDU bimodal ones (101), and
    U = ((K - 2) TU - (K - 1) TDU) / ((K - 2) (TU + TDU)). One non-empty
    category is full agreement (1); all non-empty is none (0). The triples are
    counted through each middle category in O(K) instead of O(K^3).
    """
    k, s = len(pattern), sum(pattern)
    if k < 3:
        raise ValueError("agreement A needs at least 3 categories")
    if s == 1:
        return Fraction(1)
    if s in (0, k):
        return Fraction(0)
    unimodal = bimodal = ones_left = 0
    for j, filled in enumerate(pattern):
        ones_right = s - ones_left - filled
        zeros_left = j - ones_left
        zeros_right = (k - j - 1) - ones_right
        if filled:
            unimodal += ones_left * zeros_right + zeros_left * ones_right  # 110 and 011
        else:
            bimodal += ones_left * ones_right  # 101
        ones_left += filled
    u = Fraction((k - 2) * unimodal - (k - 1) * bimodal, (k - 2) * (unimodal + bimodal))
    return u * (1 - Fraction(s - 1, k - 1))


@lru_cache(maxsize=65536)
def agreement(counts: tuple[int, ...]) -> Fraction | None:
    """Van der Eijk's A of a frequency vector in scale order; None without answers.

    Every layer removes the smallest non-zero count from all non-empty
    categories; its weight is the answers it removes over all answers.
    """
    if len(counts) < 3:
        raise ValueError("agreement A needs at least 3 categories")
    n = sum(counts)
    if n == 0:
        return None
    if any(c < 0 for c in counts):
        raise ValueError("counts cannot be negative")
    remainder = list(counts)
    total = Fraction(0)
    while True:
        present = [c for c in remainder if c > 0]
        if not present:
            return total / n
        step = min(present)
        total += layer_agreement(tuple(c > 0 for c in remainder)) * step * len(present)
        remainder = [c - step if c > 0 else 0 for c in remainder]


def quantile(counts: Sequence[int], values: Sequence[int], p: Fraction) -> Fraction | None:
    """Type 7 quantile (Hyndman & Fan 1996): x[h] interpolated at h = (n - 1) p, exactly."""
    n = sum(counts)
    if n == 0:
        return None
    h = (n - 1) * p
    below = math.floor(h)
    return _nth(counts, values, below) + (h - below) * (
        _nth(counts, values, min(below + 1, n - 1)) - _nth(counts, values, below)
    )


def _nth(counts: Sequence[int], values: Sequence[int], k: int) -> int:
    """The k-th smallest answer (0-based) from the counts of each value."""
    seen = 0
    for c, v in zip(counts, values, strict=True):
        seen += c
        if k < seen:
            return v
    raise ValueError("k is beyond the number of answers")


@lru_cache(maxsize=65536)
def interquartile_range(counts: tuple[int, ...]) -> Fraction | None:
    """Q3 - Q1 in scale points; the scale's steps are whole numbers, so no offset is needed."""
    positions = range(len(counts))
    q1 = quantile(counts, positions, Fraction(1, 4))
    q3 = quantile(counts, positions, Fraction(3, 4))
    return None if q1 is None or q3 is None else q3 - q1


def is_contested(
    cell: CellResult, below: Fraction = CONTESTED_BELOW, min_n: int = CONTESTED_MIN_N
) -> bool:
    a = cell.agreement
    return a is not None and cell.n >= min_n and a < below


def contested_cells(
    results: Results, below: Fraction = CONTESTED_BELOW, min_n: int = CONTESTED_MIN_N
) -> tuple[CellResult, ...]:
    """The contested cells, least agreement first; ties by more answers, then framework order."""
    order = {g: i for i, g in enumerate(results.framework.goal_numbers)}
    found = [c for c in results.cells if is_contested(c, below, min_n)]
    found.sort(key=lambda c: (c.agreement or 0, -c.n, order[c.goal], c.area))
    return tuple(found)
