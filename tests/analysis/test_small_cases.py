"""Small editions computed by hand (METHOD.md "From answers to figures").

Every expected figure below is worked out in the comments; none comes from the
library's own helpers. t quantiles are the table values t(0.975, df).
"""

from __future__ import annotations

import json
import math
from fractions import Fraction

import numpy as np
import numpy.typing as npt
import pytest

from scorecard.analysis import (
    MISSING,
    Answers,
    Comment,
    GoalComment,
    Respondents,
    Results,
    analyse,
)
from scorecard.method import Edition, Framework, default_framework

T975 = {1: 12.706204736, 2: 4.302652730, 4: 2.776445105, 8: 2.306004135, 9: 2.262157163}
M = MISSING

IDS = [f"resp-{i:04d}" for i in range(10)]
GENDER = ["Female"] * 6 + ["Male"] * 4
SECTOR = ["NGO"] * 5 + ["Media"] * 3 + ["Academic/educational"] * 2
AGES = [20, 81, 45, 30, 50, 60, 35, 40, 44, 55]
COMMENT_TEXT = "Budget lines for the poverty programme are missing."


def framework() -> Framework:
    """Goals 1, 2 and 3 of the default framework; all 10 areas."""
    return default_framework().with_goals((1, 2, 3))


def matrix() -> npt.NDArray[np.int8]:
    """10 respondents x 3 goals x 10 areas. Goal 3: nobody. Areas 7-10: nobody.

    goal 1, area 1 (n=10): 3 2 4 1 3 5 2 3 0 2
    goal 1, area 2 (n=5):  -1 0 2 2 4, then 5 x dk
    goal 1, area 3 (n=3):  -2 1 4
    goal 1, area 4 (n=2):  respondents 3 and 4: 1 2
    goal 1, area 5 (n=1):  respondent 9: 5
    goal 2, area 1 (n=9):  1 1 1 1 1 1 1 1 4, respondent 9 dk
    goal 2, area 6 (n=1):  respondent 0: -2
    """
    m = np.full((10, 3, 10), M, dtype=np.int8)
    m[:, 0, 0] = [3, 2, 4, 1, 3, 5, 2, 3, 0, 2]
    m[:, 0, 1] = [-1, 0, 2, 2, 4, M, M, M, M, M]
    m[:3, 0, 2] = [-2, 1, 4]
    m[3:5, 0, 3] = [1, 2]
    m[9, 0, 4] = 5
    m[:9, 1, 0] = [1, 1, 1, 1, 1, 1, 1, 1, 4]
    m[0, 1, 5] = -2
    return m


def answers() -> Answers:
    respondents = Respondents.build(IDS, sector=SECTOR, gender=GENDER, age=AGES)
    comments = (Comment(3, 1, COMMENT_TEXT), Comment(7, 2, "Nobody asked us."))
    return Answers.from_dense(framework(), respondents, matrix(), comments)


@pytest.fixture(scope="module")
def results() -> Results:
    return analyse(answers(), Edition(country="Testland", year=2024))


# (goal, area, n, mean, percent = mean x 20, band, median, variance by hand, counts -5..5)
CELLS = [
    # sum 25, n 10, mean 5/2. Sorted 0 1 2 2 2 3 3 3 4 5: median (2 + 3) / 2 = 5/2.
    # Squared deviations from 2.5: 6 x 0.25 + 2 x 2.25 + 2 x 6.25 = 18.5; / 9 = 37/18.
    (
        1,
        1,
        10,
        "5/2",
        "50",
        "Medium progress",
        "5/2",
        "37/18",
        {0: 1, 1: 1, 2: 3, 3: 3, 4: 1, 5: 1},
    ),
    # sum 7, mean 7/5 -> 28%. Sorted -1 0 2 2 4: median 2.
    # Deviations -2.4 -1.4 .6 .6 2.6, squares 5.76 1.96 .36 .36 6.76 = 15.2; / 4 = 19/5.
    (1, 2, 5, "7/5", "28", "Low progress", "2", "19/5", {-1: 1, 0: 1, 2: 2, 4: 1}),
    # sum 3, mean 1 -> 20% (boundary: Very low). Median 1. (9 + 0 + 9) / 2 = 9.
    (1, 3, 3, "1", "20", "Very low progress", "1", "9", {-2: 1, 1: 1, 4: 1}),
    # mean 3/2 -> 30%. Median (1 + 2) / 2 = 3/2. (0.25 + 0.25) / 1 = 1/2.
    (1, 4, 2, "3/2", "30", "Low progress", "3/2", "1/2", {1: 1, 2: 1}),
    # one answer: mean 5 -> 100%, median 5, no sd.
    (1, 5, 1, "5", "100", "Very high progress", "5", None, {5: 1}),
    # sum 12, n 9, mean 4/3 -> 80/3 % = 26.67%. Median 1.
    # Deviations: 8 x (-1/3), 1 x 8/3; squares 8/9 + 64/9 = 72/9 = 8; / 8 = 1.
    (2, 1, 9, "4/3", "80/3", "Low progress", "1", "1", {1: 8, 4: 1}),
    # one answer -2 -> -40% (boundary: Small reduction).
    (2, 6, 1, "-2", "-40", "Small reduction", "-2", None, {-2: 1}),
]


@pytest.mark.parametrize(
    ("goal", "area", "n", "mean", "percent", "band", "median", "variance", "counts"),
    CELLS,
    ids=[f"goal {c[0]} area {c[1]} n={c[2]}" for c in CELLS],
)
def test_it_computes_a_cell_by_hand(
    results: Results,
    goal: int,
    area: int,
    n: int,
    mean: str,
    percent: str,
    band: str,
    median: str,
    variance: str | None,
    counts: dict[int, int],
) -> None:
    cell = results.cell(goal, area)
    assert cell.n == n
    assert cell.score.mean == Fraction(mean)
    assert cell.score.percent == Fraction(percent)
    assert cell.score.band == band
    assert cell.median == Fraction(median)
    assert cell.counts == tuple(counts.get(v, 0) for v in range(-5, 6))
    if variance is None:
        assert cell.sd is None
        assert cell.ci95 is None
        return
    # sd = sqrt(variance); 95% CI = mean -/+ t(0.975, n-1) x sd / sqrt(n).
    sd = math.sqrt(float(Fraction(variance)))
    half = T975[n - 1] * sd / math.sqrt(n)
    assert cell.sd == pytest.approx(sd, rel=1e-12)
    assert cell.ci95 is not None
    low, high = cell.ci95
    assert low == pytest.approx(float(Fraction(mean)) - half, abs=1e-8)
    assert high == pytest.approx(float(Fraction(mean)) + half, abs=1e-8)


def test_it_gives_the_worked_intervals(results: Results) -> None:
    # n=2, answers 1 2: half = 12.706204736 x sqrt(1/2) / sqrt(2) = 12.706204736 / 2.
    assert results.cell(1, 4).ci95 == pytest.approx((1.5 - 6.353102368, 1.5 + 6.353102368))
    # n=3, answers -2 1 4: sd 3, half = 4.302652730 x 3 / sqrt(3) = 4.302652730 x sqrt(3).
    half = 4.302652730 * 1.7320508075688772
    assert results.cell(1, 3).sd == pytest.approx(3.0)
    assert results.cell(1, 3).ci95 == pytest.approx((1 - half, 1 + half))


def test_it_treats_dont_know_as_missing_never_zero(results: Results) -> None:
    # goal 1 area 2: five answers and five dk. As zeros the mean would be 7/10.
    cell = results.cell(1, 2)
    assert cell.n == 5
    assert cell.counts[5] == 1  # the single real 0 (index 5 is the answer 0)
    assert cell.score.mean == Fraction(7, 5)


def test_it_leaves_empty_cells_empty(results: Results) -> None:
    assert len(results.cells) == 3 * 10
    for goal, area in [(1, 7), (2, 2), (3, 1), (3, 10)]:
        cell = results.cell(goal, area)
        assert (cell.n, cell.sd, cell.ci95, cell.median) == (0, None, None, None)
        assert (cell.score.mean, cell.score.percent, cell.score.band) == (None, None, None)
        assert cell.counts == (0,) * 11


def test_it_scores_a_goal_as_the_mean_of_its_area_means(results: Results) -> None:
    # Goal 1: (5/2 + 7/5 + 1 + 3/2 + 5) / 5 = (25 + 14 + 10 + 15 + 50) / 10 / 5 = 57/25 = 2.28
    # -> 45.6% Medium. Weighting by answers would give (25+7+3+3+5)/21 = 43/21.
    g1 = results.goal(1)
    assert g1.score.mean == Fraction(57, 25)
    assert g1.score.percent == Fraction(228, 5)
    assert g1.score.band == "Medium progress"
    assert (g1.respondents, g1.answers) == (10, 21)
    # Goal 2: (4/3 + -2) / 2 = -1/3 -> -20/3 % Very small reduction, although the ten
    # answers themselves average (12 - 2) / 10 = 1 (20%): each area weighs the same.
    g2 = results.goal(2)
    assert g2.score.mean == Fraction(-1, 3)
    assert g2.score.percent == Fraction(-20, 3)
    assert g2.score.band == "Very small reduction"
    assert (g2.respondents, g2.answers) == (9, 10)


def test_it_keeps_a_goal_nobody_rated_with_n_0(results: Results) -> None:
    assert [g.goal for g in results.goals] == [1, 2, 3]
    g3 = results.goal(3)
    assert (g3.respondents, g3.answers) == (0, 0)
    assert (g3.score.mean, g3.score.percent, g3.score.band) == (None, None, None)
    assert g3.name == "Good health and well-being"


def test_it_scores_an_area_as_the_mean_over_goals_of_cell_means(results: Results) -> None:
    # area 1: (5/2 + 4/3) / 2 = 23/12 -> 115/3 % (38.33) Low; goal 3 has no cell mean.
    expected = {
        1: ("23/12", "115/3", "Low progress", 19),
        2: ("7/5", "28", "Low progress", 5),
        3: ("1", "20", "Very low progress", 3),
        4: ("3/2", "30", "Low progress", 2),
        5: ("5", "100", "Very high progress", 1),
        6: ("-2", "-40", "Small reduction", 1),
    }
    for area in results.areas:
        if area.area in expected:
            mean, percent, band, n = expected[area.area]
            assert area.score.mean == Fraction(mean)
            assert area.score.percent == Fraction(percent)
            assert area.score.band == band
            assert area.answers == n
        else:  # areas 7-10: nobody
            assert (area.answers, area.score.mean, area.score.band) == (0, None, None)


def test_it_scores_a_pillar_as_the_mean_of_its_areas(results: Results) -> None:
    pillars = {p.name: p for p in results.pillars}
    # Policy (1, 2): (23/12 + 7/5) / 2 = (115 + 84) / 60 / 2 = 199/120 -> 199/6 % Low.
    policy = pillars["Policy environment"]
    assert policy.areas == (1, 2)
    assert policy.score.mean == Fraction(199, 120)
    assert policy.score.percent == Fraction(199, 6)
    assert policy.score.band == "Low progress"
    # Institutional (3, 4, 5): (1 + 3/2 + 5) / 3 = 5/2 -> 50% Medium.
    inst = pillars["Institutional capacity"]
    assert inst.areas == (3, 4, 5)
    assert inst.score.mean == Fraction(5, 2)
    assert inst.score.band == "Medium progress"
    # Inclusiveness (6-10): only area 6 has a mean: -2 -> -40%.
    incl = pillars["Inclusiveness"]
    assert incl.areas == (6, 7, 8, 9, 10)
    assert incl.score.mean == Fraction(-2)
    assert incl.score.band == "Small reduction"


def test_it_scores_overall_as_the_mean_of_goal_scores(results: Results) -> None:
    # (57/25 + -1/3) / 2 = (171 - 25) / 75 / 2 = 73/75 -> 292/15 % (19.47) Very low.
    # Mean of area scores would be different: (23/12 + 7/5 + 1 + 3/2 + 5 - 2) / 6.
    assert results.overall.mean == Fraction(73, 75)
    assert results.overall.percent == Fraction(292, 15)
    assert results.overall.band == "Very low progress"


def test_it_gives_the_overall_range_from_the_area_percents(results: Results) -> None:
    # Area percents: 115/3, 28, 20, 30, 100, -40 -> lowest area 6 (-40), highest area 5 (100).
    assert results.range_low is not None
    assert results.range_high is not None
    assert (results.range_low.area, results.range_low.score.percent) == (6, Fraction(-40))
    assert (results.range_high.area, results.range_high.score.percent) == (5, Fraction(100))


def test_it_names_goal_1_highest_and_goal_2_lowest(results: Results) -> None:
    # 45.6% > 40 and -6.67% < 30; goal 3 has no score and is neither.
    assert results.highest == (1,)
    assert results.lowest == (2,)


def test_it_sorts_key_findings_and_keeps_the_thresholds_exclusive() -> None:
    """One goal per row, two answers each in area 1:

    goal 1: 2 2 -> 40% (not above 40)    goal 2: 5 5 -> 100%    goal 3: 3 3 -> 60%
    goal 4: 2 3 -> 50%                   goal 5: 1 2 -> 30% (not below 30)
    goal 6: 1 1 -> 20%                   goal 7: -1 0 -> -10%   goal 8: -5 -5 -> -100%
    goal 9: 4 4 -> 80%
    highest, largest first: 2 (100), 9 (80), 3 (60), 4 (50); lowest, smallest first:
    8 (-100), 7 (-10), 6 (20).
    """
    fw = default_framework().with_goals(tuple(range(1, 10)))
    m = np.full((2, 9, 10), M, dtype=np.int8)
    pairs = [(2, 2), (5, 5), (3, 3), (2, 3), (1, 2), (1, 1), (-1, 0), (-5, -5), (4, 4)]
    for gi, pair in enumerate(pairs):
        m[:, gi, 0] = pair
    res = analyse(Answers.from_dense(fw, Respondents.build(["a", "b"]), m))
    assert [res.goal(g).score.percent for g in range(1, 10)] == [
        40,
        100,
        60,
        50,
        30,
        20,
        -10,
        -100,
        80,
    ]
    assert res.highest == (2, 9, 3, 4)
    assert res.lowest == (8, 7, 6)


def test_it_profiles_the_respondents(results: Results) -> None:
    profile = results.profile
    assert (profile.n, profile.answering) == (10, 10)
    # 6 of 10 women (60%), 4 men (40%); sectors 5 / 3 / 2 of 10.
    assert {s.label: (s.count, s.percent) for s in profile.gender} == {
        "Female": (6, Fraction(60)),
        "Male": (4, Fraction(40)),
    }
    assert {s.label: (s.count, s.percent) for s in profile.sector} == {
        "NGO": (5, Fraction(50)),
        "Media": (3, Fraction(30)),
        "Academic/educational": (2, Fraction(20)),
    }
    # 20+81+45+30+50+60+35+40+44+55 = 460; / 10 = 46. Ages 20-81.
    assert (profile.age_n, profile.age_min, profile.age_max) == (10, 20, 81)
    assert profile.age_mean == 46


def test_it_leaves_unknown_ages_out_of_the_age_figures() -> None:
    # Ages 30, (none), 41: n 2, mean 71/2.
    fw = default_framework().with_goals((1,))
    m = np.full((3, 1, 10), M, dtype=np.int8)
    m[:, 0, 0] = [1, 2, 3]
    res = analyse(Answers.from_dense(fw, Respondents.build(["a", "b", "c"], age=[30, None, 41]), m))
    assert (res.profile.age_n, res.profile.age_min, res.profile.age_max) == (2, 30, 41)
    assert res.profile.age_mean == Fraction(71, 2)


def test_it_keeps_comments_without_respondent_ids(results: Results) -> None:
    assert results.comments == (GoalComment(1, COMMENT_TEXT), GoalComment(2, "Nobody asked us."))
    assert results.comments_on(1) == (COMMENT_TEXT,)
    dumped = json.dumps(results.to_json())
    assert COMMENT_TEXT in dumped
    for rid in IDS:
        assert rid not in dumped
    for comment in results.to_json()["comments"]:
        assert set(comment) == {"goal", "text"}


def test_it_writes_the_design_json_keys(results: Results) -> None:
    data = results.to_json()
    for key in (
        "edition",
        "method",
        "respondents",
        "cells",
        "goals",
        "areas",
        "pillars",
        "overall",
        "range",
        "key_findings",
    ):
        assert key in data, key
    assert json.loads(json.dumps(data)) == data  # plain JSON types only
    assert data["edition"]["country"] == "Testland"
    assert data["respondents"]["n"] == 10
    assert data["key_findings"] == {"highest": [1], "lowest": [2]}
    assert data["range"]["min_percent"] == -40.0
    assert data["range"]["max_percent"] == 100.0
    cell = next(c for c in data["cells"] if (c["goal"], c["area"]) == (1, 1))
    assert {"goal", "area", "n", "mean", "percent", "band", "sd", "ci95", "median"} <= set(cell)
    assert cell["counts"] == {
        str(v): c for v, c in zip(range(-5, 6), [0] * 5 + [1, 1, 3, 3, 1, 1], strict=True)
    }
    assert cell["sd"] == pytest.approx(math.sqrt(37 / 18))
    empty = next(c for c in data["cells"] if (c["goal"], c["area"]) == (3, 1))
    assert (empty["n"], empty["mean"], empty["sd"], empty["ci95"]) == (0, None, None, None)


def test_it_writes_floats_unrounded(results: Results) -> None:
    data = results.to_json()
    g2 = next(g for g in data["goals"] if g["goal"] == 2)
    assert g2["mean"] == -1 / 3  # -0.3333333333333333, not -0.33
    assert g2["percent"] == -20 / 3
    a1 = next(a for a in data["areas"] if a["area"] == 1)
    assert a1["mean"] == 23 / 12
    assert a1["percent"] == 115 / 3
    policy = next(p for p in data["pillars"] if p["name"] == "Policy environment")
    assert policy["percent"] == 199 / 6
    assert data["overall"]["mean"] == 73 / 75
    assert data["overall"]["percent"] == 292 / 15
    assert data["overall"]["band"] == "Very low progress"
