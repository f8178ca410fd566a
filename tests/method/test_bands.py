"""Progress bands (METHOD.md "Progress bands"): worked examples, every boundary, exactness.

Expected percents and bands are written out by hand from METHOD.md, never taken from
the code under test.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.analysis import MISSING, Answers, Respondents, analyse
from scorecard.method import default_framework

# METHOD's table, from the largest reduction to the highest progress.
BAND_ORDER = (
    "Very large reduction",
    "Large reduction",
    "Medium reduction",
    "Small reduction",
    "Very small reduction",
    "No progress perceived",
    "Very low progress",
    "Low progress",
    "Medium progress",
    "High progress",
    "Very high progress",
)


def expected_band(p: Fraction) -> str:
    """METHOD's table read literally: a boundary belongs to the band nearer zero."""
    if p > 80:
        return "Very high progress"
    if p > 60:
        return "High progress"
    if p > 40:
        return "Medium progress"
    if p > 20:
        return "Low progress"
    if p > 0:
        return "Very low progress"
    if p == 0:
        return "No progress perceived"
    if p >= -20:
        return "Very small reduction"
    if p >= -40:
        return "Small reduction"
    if p >= -60:
        return "Medium reduction"
    if p >= -80:
        return "Large reduction"
    return "Very large reduction"


# METHOD "Worked examples": (mean, percent = mean x 20, band).
WORKED = [
    ("1.9", "38", "Low progress"),
    ("2.0", "40", "Low progress"),
    ("2.05", "41", "Medium progress"),
    ("-0.5", "-10", "Very small reduction"),
    ("-4.0", "-80", "Large reduction"),
    ("0", "0", "No progress perceived"),
]


@pytest.mark.parametrize(
    ("mean", "percent", "band"),
    WORKED,
    ids=[f"mean {m} -> {p}% {b}" for m, p, b in WORKED],
)
def test_it_follows_every_worked_example(mean: str, percent: str, band: str) -> None:
    fw = default_framework()
    got = fw.scale.percent(Fraction(mean))
    assert got == Fraction(percent)
    assert fw.band(got).name == band


# Both sides of every boundary; 0.0001 is far below any rounding the report does.
BOUNDARIES = [
    ("100", "Very high progress"),
    ("99.9999", "Very high progress"),
    ("80.0001", "Very high progress"),
    ("80", "High progress"),
    ("60.0001", "High progress"),
    ("60", "Medium progress"),
    ("40.0001", "Medium progress"),
    ("40", "Low progress"),
    ("20.0001", "Low progress"),
    ("20", "Very low progress"),
    ("0.0001", "Very low progress"),
    ("0", "No progress perceived"),
    ("-0.0001", "Very small reduction"),
    ("-20", "Very small reduction"),
    ("-20.0001", "Small reduction"),
    ("-40", "Small reduction"),
    ("-40.0001", "Medium reduction"),
    ("-60", "Medium reduction"),
    ("-60.0001", "Large reduction"),
    ("-80", "Large reduction"),
    ("-80.0001", "Very large reduction"),
    ("-99.9999", "Very large reduction"),
    ("-100", "Very large reduction"),
]


@pytest.mark.parametrize(("percent", "band"), BOUNDARIES, ids=[f"{p}% {b}" for p, b in BOUNDARIES])
def test_it_puts_a_boundary_in_the_band_nearer_zero(percent: str, band: str) -> None:
    assert default_framework().band(Fraction(percent)).name == band


@pytest.mark.parametrize("percent", ["100.0001", "-100.0001", "150"], ids=str)
def test_it_refuses_a_percent_outside_every_band(percent: str) -> None:
    with pytest.raises(ValueError, match="outside every band"):
        default_framework().band(Fraction(percent))


def test_it_lists_the_eleven_bands_of_method() -> None:
    assert {b.name for b in default_framework().bands} == set(BAND_ORDER)


def test_it_scores_a_goal_of_exactly_40_percent_as_low_from_a_mean_of_thirds() -> None:
    """Goal 1, areas 1-3 (the other 7 areas unrated), 3 respondents:

    area 1: 2, 2, 2 -> mean 6/3 = 2
    area 2: 2, 2, 3 -> mean 7/3
    area 3: 1, 2, 2 -> mean 5/3
    goal = (2 + 7/3 + 5/3) / 3 = 6 / 3 = 2 -> 2 x 20 = 40% -> Low progress (40 is in 20 < p <= 40).
    """
    fw = default_framework()
    matrix = np.full((3, len(fw.goals), len(fw.areas)), MISSING, dtype=np.int8)
    matrix[:, 0, 0] = [2, 2, 2]
    matrix[:, 0, 1] = [2, 2, 3]
    matrix[:, 0, 2] = [1, 2, 2]

    # The premise: the same chain in floating point lands just above 40% (Medium).
    float_area_means = [float(np.mean(matrix[:, 0, a])) for a in range(3)]
    assert float(np.mean(float_area_means)) * 20 > 40

    answers = Answers.from_dense(fw, Respondents.build(["a", "b", "c"]), matrix)
    goal = analyse(answers).goal(1)
    assert goal.score.mean == Fraction(2)
    assert goal.score.percent == Fraction(40)
    assert goal.score.band == "Low progress"


def test_it_scores_a_cell_of_exactly_40_percent_as_low_from_a_mean_of_tenths() -> None:
    """Goal 2, area 1, ten answers 1,1,1,1,1,3,3,3,3,3 -> 20 / 10 = 2 -> 40% -> Low."""
    fw = default_framework()
    matrix = np.full((10, len(fw.goals), len(fw.areas)), MISSING, dtype=np.int8)
    matrix[:, 1, 0] = [1, 1, 1, 1, 1, 3, 3, 3, 3, 3]
    answers = Answers.from_dense(fw, Respondents.build([f"r{i}" for i in range(10)]), matrix)
    cell = analyse(answers).cell(2, 1)
    assert cell.score.mean == Fraction(2)
    assert cell.score.percent == Fraction(40)
    assert cell.score.band == "Low progress"


percents = st.fractions(min_value=-100, max_value=100, max_denominator=10**6)


@settings(max_examples=200, deadline=None)
@given(percents)
def test_it_puts_every_percent_in_exactly_one_band(p: Fraction) -> None:
    fw = default_framework()
    holders = [b.name for b in fw.bands if b.holds(p)]
    assert holders == [expected_band(p)]
    assert fw.band(p).name == expected_band(p)


@settings(max_examples=200, deadline=None)
@given(percents, percents)
def test_it_never_lowers_the_band_when_the_percent_rises(p: Fraction, q: Fraction) -> None:
    fw = default_framework()
    low, high = sorted((p, q))
    assert BAND_ORDER.index(fw.band(low).name) <= BAND_ORDER.index(fw.band(high).name)
