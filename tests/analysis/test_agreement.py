"""Agreement A and the interquartile range of a cell (analysis/agreement.py).

Published worked examples come from:

- van der Eijk, C. (2001) "Measuring agreement in ordered rating scales",
  Quality & Quantity 35: 325-341: the frequency vector of p. 331
  (30, 40, 210, 130, 530, 50, 10) and its seven layers, A = 0.61; the party
  placements of the PvdA (A = 0.61) and D66 (A = 0.48); the ideal types
  (all in one category 1, uniform 0, split between the extremes -1). The
  layer table and the party figures are as reproduced in the vignette of the
  R package agrmt (D. Ruedin, https://CRAN.R-project.org/package=agrmt,
  vignettes/agrmt.Rnw and man/agreement.Rd, "0.6113333").
- The test vectors of kimsin98/agrmt (tests/agreement_test_cases.csv), values
  computed with R's agrmt::agreement.

The interquartile range is checked against ``statistics.quantiles`` with
``method="inclusive"`` (Hyndman and Fan's type 7) and numpy's percentile.
"""

from __future__ import annotations

import statistics
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.analysis import MISSING, Answers, Respondents, analyse, contested_cells
from scorecard.analysis.agreement import (
    CONTESTED_BELOW,
    agreement,
    interquartile_range,
    is_contested,
    layer_agreement,
)
from scorecard.method import default_framework
from scorecard.report.meetings import propose_agenda

PAPER = (30, 40, 210, 130, 530, 50, 10)

# van der Eijk (2001) p. 331: each layer's pattern and agreement (agrmt vignette table).
LAYERS = [
    ((1, 1, 1, 1, 1, 1, 1), Fraction(0)),
    ((1, 1, 1, 1, 1, 1, 0), Fraction(1, 6)),
    ((0, 1, 1, 1, 1, 1, 0), Fraction(1, 3)),
    ((0, 0, 1, 1, 1, 1, 0), Fraction(1, 2)),
    ((0, 0, 1, 1, 1, 0, 0), Fraction(2, 3)),
    ((0, 0, 1, 0, 1, 0, 0), Fraction(7, 15)),  # 0.467 in the table
    ((0, 0, 0, 0, 1, 0, 0), Fraction(1)),
]

# kimsin98/agrmt tests/agreement_test_cases.csv (R agrmt::agreement values).
AGRMT_CASES = [
    ((0, 0, 1), 1.0),
    ((0, 1, 0), 1.0),
    ((0, 1, 1), 0.5),
    ((1, 0, 0), 1.0),
    ((1, 0, 1), -1.0),
    ((1, 1, 0), 0.5),
    ((1, 1, 1), 0.0),
    ((0, 100, 0, 0, 0), 1.0),
    ((0, 0, 0, 0, 100), 1.0),
    ((20, 20, 20, 20, 20), 0.0),
    ((10, 30, 50, 30, 10), 0.384615384615385),
    ((50, 30, 10, 5, 5), 0.575),
    ((5, 5, 10, 30, 50), 0.575),
    ((99999, 0, 0, 0, 99999), -1.0),
    ((40, 10, 0, 10, 40), -0.655555555555556),
    ((60, 0, 10, 20, 30), 0.0),
    ((10,) * 10, 0.0),
    ((5, 10, 20, 40, 50, 40, 20, 10, 5, 0), 0.505555555555556),
    ((50, 20, 5, 0, 0, 0, 5, 20, 50, 0), -0.349814814814815),
]


def test_it_reproduces_the_papers_worked_example() -> None:
    # Layer weights 70, 120, 50, 40, 240, 160, 320 of 1000 answers.
    by_hand = (
        Fraction(1, 6) * 120
        + Fraction(1, 3) * 50
        + Fraction(1, 2) * 40
        + Fraction(2, 3) * 240
        + Fraction(7, 15) * 160
        + 320
    ) / 1000
    assert agreement(PAPER) == by_hand == Fraction(917, 1500)
    assert float(agreement(PAPER) or 0) == pytest.approx(0.6113333, abs=1e-7)


@pytest.mark.parametrize(("pattern", "expected"), LAYERS)
def test_it_gives_each_layer_of_the_example_its_published_agreement(
    pattern: tuple[int, ...], expected: Fraction
) -> None:
    assert layer_agreement(tuple(bool(p) for p in pattern)) == expected


def test_it_reproduces_the_party_placements() -> None:
    # Percentages x 10 (A does not depend on the total): PvdA 0.61, D66 0.48.
    pvda = agreement((24, 28, 32, 62, 135, 304, 416))
    d66 = agreement((16, 26, 82, 210, 293, 270, 103))
    assert round(float(pvda or 0), 2) == 0.61
    assert round(float(d66 or 0), 2) == 0.48


@pytest.mark.parametrize(("counts", "expected"), AGRMT_CASES)
def test_it_agrees_with_r_agrmt(counts: tuple[int, ...], expected: float) -> None:
    assert float(agreement(counts) or 0) == pytest.approx(expected, abs=1e-12)


def test_it_has_the_ideal_types_on_the_eleven_point_scale() -> None:
    assert agreement((0,) * 5 + (12,) + (0,) * 5) == 1
    assert agreement((3,) * 11) == 0
    assert agreement((7,) + (0,) * 9 + (7,)) == -1
    assert agreement((0,) * 11) is None


counts_11 = st.lists(st.integers(0, 40), min_size=11, max_size=11).filter(lambda c: sum(c) > 0)


@settings(max_examples=200, deadline=None)
@given(counts_11, st.integers(1, 5))
def test_it_is_bounded_scale_free_and_mirror_symmetric(counts: list[int], k: int) -> None:
    a = agreement(tuple(counts))
    assert a is not None
    assert -1 <= a <= 1
    assert agreement(tuple(c * k for c in counts)) == a
    assert agreement(tuple(reversed(counts))) == a


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=2, max_size=60))
def test_the_interquartile_range_is_type_7(answers: list[int]) -> None:
    counts = tuple(answers.count(v) for v in range(-5, 6))
    q1, _, q3 = statistics.quantiles([Fraction(a) for a in answers], n=4, method="inclusive")
    assert interquartile_range(counts) == q3 - q1
    low, high = np.percentile(answers, [25, 75])
    assert float(interquartile_range(counts) or 0) == pytest.approx(high - low)


def test_the_interquartile_range_of_one_answer_is_zero_and_of_none_absent() -> None:
    assert interquartile_range((0,) * 5 + (1,) + (0,) * 5) == 0
    assert interquartile_range((0,) * 11) is None


def _edition(cells: dict[tuple[int, int], list[int]]) -> Answers:
    """Goals 1 and 2; answers per (goal index, area index), one respondent per answer slot."""
    fw = default_framework().with_goals((1, 2))
    people = max(len(v) for v in cells.values())
    m = np.full((people, 2, 10), MISSING, np.int8)
    for (g, a), values in cells.items():
        m[: len(values), g, a] = values
    return Answers.from_dense(fw, Respondents.build([f"r{i}" for i in range(people)]), m)


def test_it_flags_contested_cells_in_results_and_agenda() -> None:
    split = [-5, -5, -5, 5, 5, 5]  # two camps at the ends: A = -1
    close = [2, 2, 3, 3, 2, 2]  # near consensus
    thin = [-5, 5]  # split, but only 2 answers
    res = analyse(_edition({(0, 0): split, (0, 1): close, (1, 0): thin}))
    first = res.cell(1, 1)
    assert first.agreement == -1
    assert first.iqr == 10
    assert first.contested
    assert is_contested(first)
    assert not res.cell(1, 2).contested
    assert not res.cell(2, 1).contested  # n < 5
    assert contested_cells(res) == (first,)
    assert contested_cells(res, min_n=2) == (first, res.cell(2, 1))
    assert propose_agenda(res).contested == (first,)
    cell_json = res.to_json()["cells"][0]
    assert cell_json["agreement"] == -1.0
    assert cell_json["iqr"] == 10.0
    assert cell_json["contested"] is True
    # Backward compatible: every key the Results JSON had before is still there.
    before = {"goal", "area", "n", "mean", "percent", "band", "sd", "ci95", "median", "counts"}
    assert before <= set(cell_json)
    assert Fraction(1, 5) == CONTESTED_BELOW


def test_a_cell_nobody_rated_has_no_agreement() -> None:
    res = analyse(_edition({(0, 0): [1, 2]}))
    empty = res.cell(2, 5)
    assert empty.agreement is None
    assert empty.iqr is None
    assert not empty.contested
    assert res.to_json()["cells"][-1]["agreement"] is None
