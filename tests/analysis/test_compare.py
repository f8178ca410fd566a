"""Comparing editions and the network synthesis (analysis/compare.py, variance.py, network.py).

The expected intervals are computed here independently: by hand with
Fractions for small cases, with scipy.stats (Welch's t-test and its
confidence interval, the t quantile) for generated ones, and the respondent
linearisation by a plain-Python loop over respondents.
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Mapping, Sequence
from fractions import Fraction
from importlib import resources

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from scorecard.analysis import (
    MISSING,
    Answers,
    NotComparableError,
    Respondents,
    Results,
    Verdict,
    analyse,
    compare,
    synthesise,
)
from scorecard.analysis.stats import t_critical
from scorecard.analysis.variance import linearise
from scorecard.method import Edition, Framework, default_framework, framework_from_text
from scorecard.sample import sample_answers

Cells = Mapping[tuple[int, int], Sequence[int]]


def edition(cells: Cells, fw: Framework | None = None, label: str = "") -> Answers:
    """Respondent i gives the i-th answer of every list; keys are (goal, area) numbers."""
    fw = fw or default_framework().with_goals((1, 2))
    people = max((len(v) for v in cells.values()), default=1)
    m = np.full((people, len(fw.goals), len(fw.areas)), MISSING, np.int8)
    for (goal, area), values in cells.items():
        gi, ai = fw.goal_numbers.index(goal), fw.area_numbers.index(area)
        m[: len(values), gi, ai] = values
    ids = [f"{label}{i}" for i in range(people)]
    return Answers.from_dense(fw, Respondents.build(ids), m)


def results(cells: Cells, fw: Framework | None = None, year: int = 2022) -> Results:
    return analyse(edition(cells, fw), Edition(country="Testland", year=year))


def welch_points(before: Sequence[int], after: Sequence[int], factor: float) -> tuple[float, float]:
    """scipy's Welch interval of mean(after) - mean(before), in percentage points."""
    ci = sps.ttest_ind(after, before, equal_var=False).confidence_interval(0.95)
    return ci.low * factor, ci.high * factor


@pytest.mark.parametrize("df", [1.0001, 1.3, 1.5, 2.5, 3.7, 7.661, 15.5, 57.3, 1000.5, 123456.7])
def test_the_t_quantile_takes_fractional_df(df: float) -> None:
    # Very large df inherit the whole-number solver's 1e-11 (about 1e-5 of the last digit shown).
    rel = 1e-12 if df < 2000 else 1e-10
    assert t_critical(df) == pytest.approx(sps.t.ppf(0.975, df), rel=rel)
    assert t_critical(df, 0.99) == pytest.approx(sps.t.ppf(0.995, df), rel=10 * rel)


@settings(max_examples=100, deadline=None)
@given(st.floats(1.0, 400.0))
def test_the_t_quantile_matches_scipy_for_any_df(df: float) -> None:
    assert t_critical(df) == pytest.approx(sps.t.ppf(0.975, df), rel=1e-11)


def test_a_cell_change_by_hand() -> None:
    before, after = [1, 2, 3, 4, 5], [2, 3, 4, 5, 5, 5]
    # means 3 and 4: 60% and 80%, change +20 points exactly.
    # variances 10/4 = 5/2 and 8/5; s^2/n = 1/2 and 4/15; se^2 = 400 (1/2 + 4/15) = 920/3.
    v1, v2 = Fraction(1, 2), Fraction(4, 15)
    df = float((v1 + v2) ** 2 / (v1**2 / 4 + v2**2 / 5))
    half = sps.t.ppf(0.975, df) * math.sqrt(920 / 3)
    pair = compare(results({(1, 1): before}), results({(1, 1): after})).pairs[0]
    cell = next(c for c in pair.cells if c.key == (1, 1))
    assert cell.points == 20
    assert cell.df == pytest.approx(df, rel=1e-12)
    assert cell.ci95 == pytest.approx((20 - half, 20 + half), rel=1e-12)
    assert cell.ci95 == pytest.approx(welch_points(before, after, 20), rel=1e-9)
    assert cell.verdict is Verdict.UNCLEAR
    assert not cell.significant
    # The goal has one rated area: its score is that cell, and so is its interval.
    goal = pair.goals[0]
    assert goal.points == 20
    assert goal.ci95 == pytest.approx(cell.ci95, rel=1e-12)


answer_lists = st.lists(st.integers(-5, 5), min_size=5, max_size=40)


@settings(max_examples=80, deadline=None)
@given(answer_lists, answer_lists)
def test_a_cell_interval_is_welchs(before: list[int], after: list[int]) -> None:
    pair = compare(results({(2, 3): before}), results({(2, 3): after})).pairs[0]
    cell = next(c for c in pair.cells if c.key == (2, 3))
    assert (
        cell.points == (Fraction(sum(after), len(after)) - Fraction(sum(before), len(before))) * 20
    )
    if statistics.pvariance(before) == statistics.pvariance(after) == 0:
        assert cell.ci95 == (float(cell.points or 0),) * 2
        return
    assert cell.ci95 == pytest.approx(welch_points(before, after, 20), rel=1e-8, abs=1e-9)
    assert cell.ci95 is not None
    excludes_zero = cell.ci95[0] > 0 or cell.ci95[1] < 0
    assert cell.significant == excludes_zero


def test_a_goal_of_two_cells_takes_the_mean_of_their_variances_by_hand() -> None:
    b1, b2 = [1, 2, 2, 3, 4, 1], [0, 1, 1, 2, 3]
    a1, a2 = [3, 4, 4, 5, 4, 3, 5], [2, 2, 3, 4, 3, 2]
    pair = compare(
        results({(1, 1): b1, (1, 2): b2}), results({(1, 1): a1, (1, 2): a2}, year=2024)
    ).pairs[0]
    goal = pair.goals[0]
    mean = statistics.mean
    expected = (mean(a1) + mean(a2)) / 2 * 20 - (mean(b1) + mean(b2)) / 2 * 20
    assert float(goal.points or 0) == pytest.approx(expected)
    # var(goal) = (s1^2/n1 + s2^2/n2) / 2^2 on each side, in points: x 20^2.
    terms = [400 * statistics.variance(x) / len(x) / 4 for x in (b1, b2, a1, a2)]
    dfs = [len(x) - 1 for x in (b1, b2, a1, a2)]
    df = sum(terms) ** 2 / sum(t * t / d for t, d in zip(terms, dfs, strict=True))
    half = sps.t.ppf(0.975, df) * math.sqrt(sum(terms))
    assert goal.df == pytest.approx(df)
    assert goal.ci95 == pytest.approx((expected - half, expected + half))
    assert goal.verdict is Verdict.HIGHER


def brute_variance(answers: Answers, weights: Mapping[tuple[int, int], Fraction]) -> float:
    """Linearised variance by a loop over respondents: z_r = sum w (x - mean) / n."""
    dense = answers.to_dense()
    fw = answers.framework
    cells: dict[tuple[int, int], list[int]] = {}
    for r in range(dense.shape[0]):
        for (g, a), _ in weights.items():
            x = int(dense[r, fw.goal_numbers.index(g), fw.area_numbers.index(a)])
            if x != MISSING:
                cells.setdefault((g, a), []).append(x)
    z: list[float] = []
    for r in range(dense.shape[0]):
        total, answered = 0.0, False
        for (g, a), w in weights.items():
            x = int(dense[r, fw.goal_numbers.index(g), fw.area_numbers.index(a)])
            if x != MISSING:
                answered = True
                values = cells[g, a]
                total += float(w) * (x - statistics.mean(values)) / len(values)
        if answered:
            z.append(total)
    m = len(z)
    return m / (m - 1) * sum(v * v for v in z)


def hand_weights(res: Results, kind: str, key: int | str | None) -> dict[tuple[int, int], Fraction]:
    """METHOD's averaging rule as cell weights, written out again for the test."""
    rated = {(c.goal, c.area) for c in res.cells if c.n}
    fw = res.framework

    def goal(g: int) -> dict[tuple[int, int], Fraction]:
        cells = [(g, a) for a in fw.area_numbers if (g, a) in rated]
        return {c: Fraction(1, len(cells)) for c in cells}

    def area(a: int) -> dict[tuple[int, int], Fraction]:
        cells = [(g, a) for g in fw.goal_numbers if (g, a) in rated]
        return {c: Fraction(1, len(cells)) for c in cells}

    def average(parts: list[dict[tuple[int, int], Fraction]]) -> dict[tuple[int, int], Fraction]:
        parts = [p for p in parts if p]
        return {c: w / len(parts) for p in parts for c, w in p.items()}

    if kind == "goal":
        return goal(int(key or 0))
    if kind == "area":
        return area(int(key or 0))
    if kind == "pillar":
        return average([area(a.number) for a in fw.areas_of(str(key))])
    return average([goal(g) for g in fw.goal_numbers])


@st.composite
def dense_editions(draw: st.DrawFn) -> Answers:
    fw = default_framework().with_goals((1, 2, 3))
    people = draw(st.integers(2, 12))
    answer = st.one_of(st.just(MISSING), st.just(MISSING), st.integers(-5, 5))
    m = np.array(
        draw(st.lists(answer, min_size=people * 30, max_size=people * 30)), dtype=np.int8
    ).reshape(people, 3, 10)
    return Answers.from_dense(fw, Respondents.build([str(i) for i in range(people)]), m)


@settings(max_examples=60, deadline=None)
@given(dense_editions())
def test_the_respondent_linearisation_matches_a_loop_over_respondents(answers: Answers) -> None:
    res = analyse(answers)
    lin = linearise(answers, res)
    figures: list[tuple[str, int | str | None, tuple[float, int]]] = [
        ("overall", None, lin.overall),
        *(("goal", g, v) for g, v in lin.goals.items()),
        *(("area", a, v) for a, v in lin.areas.items()),
        *(("pillar", p, v) for p, v in lin.pillars.items()),
    ]
    for kind, key, (variance, m) in figures:
        weights = hand_weights(res, kind, key)
        if m < 2 or not weights:
            continue
        assert variance == pytest.approx(brute_variance(answers, weights), rel=1e-9, abs=1e-12)


def test_a_single_cell_has_the_same_variance_by_both_rules() -> None:
    values = [1, 3, 3, 4, 5, -2]
    answers = edition({(1, 4): values})
    res = analyse(answers)
    variance, m = linearise(answers, res).goals[1]
    assert m == 6
    assert variance == pytest.approx(statistics.variance(values) / 6)


def test_too_few_answers_to_tell() -> None:
    five, four = [1, 2, 3, 4, 5], [1, 2, 3, 4]
    pair = compare(results({(1, 1): five}), results({(1, 1): four, (2, 1): five})).pairs[0]
    by_key = {c.key: c for c in pair.cells}
    assert by_key[1, 1].verdict is Verdict.TOO_FEW  # 4 answers on one side
    assert by_key[1, 1].points == -10  # 60% -> 50%: the change is still given
    assert by_key[1, 1].ci95 is None
    assert by_key[2, 1].verdict is Verdict.TOO_FEW  # not rated before
    assert by_key[2, 1].points is None
    assert pair.goals[1].verdict is Verdict.TOO_FEW


def test_it_reports_band_changes() -> None:
    before = [2] * 9 + [1]  # mean 1.9: 38%, Low progress
    after = [2] * 19 + [3]  # mean 2.05: 41%, Medium progress
    pair = compare(results({(1, 1): before}), results({(1, 1): after})).pairs[0]
    cell = next(c for c in pair.cells if c.key == (1, 1))
    assert cell.points == 3
    assert (cell.before.band, cell.after.band) == ("Low progress", "Medium progress")
    assert cell.band_changed
    assert cell.json()["band_change"] == ["Low progress", "Medium progress"]


def one_to_five() -> Framework:
    text = resources.files("scorecard.method").joinpath("default.toml").read_text("utf-8")
    text = text.replace("min = -5\nmax = 5\nno_progress = 0", "min = 1\nmax = 5\nno_progress = 1")
    return framework_from_text(text, "one-to-five.toml").with_goals((1, 2))


def test_editions_on_different_scales_compare_through_percent() -> None:
    before, after = [3, 3, 4, 4, 5], [3, 3, 4, 4, 4]
    old = results({(1, 1): before}, one_to_five())  # mean 3.8: (3.8 - 1) / 4 = 70%
    new = results({(1, 1): after})  # mean 3.6: 72%
    pair = compare(old, new).pairs[0]
    cell = next(c for c in pair.cells if c.key == (1, 1))
    assert not pair.same_scale
    assert cell.points == 2
    v1 = Fraction(25) ** 2 * Fraction(statistics.variance(before)) / 5
    v2 = Fraction(20) ** 2 * Fraction(statistics.variance(after)) / 5
    df = float((v1 + v2) ** 2 / (v1**2 / 4 + v2**2 / 4))
    half = sps.t.ppf(0.975, df) * math.sqrt(v1 + v2)
    assert cell.ci95 == pytest.approx((2 - half, 2 + half))


def renumbered() -> Framework:
    text = resources.files("scorecard.method").joinpath("default.toml").read_text("utf-8")
    for n in range(10, 0, -1):
        text = text.replace(f"number = {n}\npillar", f"number = {n + 10}\npillar")
    return framework_from_text(text, "renumbered.toml").with_goals((1, 2))


def test_areas_match_by_number_or_through_a_mapping() -> None:
    old = results({(1, 11): [1, 2, 3, 4, 5], (1, 12): [2, 2, 2, 2, 2]}, renumbered())
    new = results({(1, 1): [2, 3, 4, 5, 5], (1, 2): [3, 3, 3, 3, 3]})
    with pytest.raises(NotComparableError, match="key areas differ"):
        compare(old, new)
    with pytest.raises(NotComparableError, match="unknown areas"):
        compare(old, new, area_map={99: 1})
    pair = compare(old, new, area_map={n + 10: n for n in range(1, 11)}).pairs[0]
    by_key = {c.key: c for c in pair.cells}
    assert by_key[1, 1].points == 16
    assert by_key[1, 2].points == 20
    assert [p.key for p in pair.pillars] == ["policy", "institutional", "inclusiveness"]
    assert dict(pair.area_map)[11] == 1


def test_earlier_editions_are_each_compared_with_the_last() -> None:
    a = results({(1, 1): [1, 1, 2, 2, 3]}, year=2020)
    b = results({(1, 1): [2, 2, 3, 3, 4]}, year=2022)
    c = results({(1, 1): [3, 3, 4, 4, 5]}, year=2024)
    comparison = compare(a, b, c)
    assert comparison.labels == ("Testland 2020", "Testland 2022", "Testland 2024")
    assert [(p.before, p.after) for p in comparison.pairs] == [
        ("Testland 2020", "Testland 2024"),
        ("Testland 2022", "Testland 2024"),
    ]
    assert [p.overall.points for p in comparison.pairs] == [40, 20]  # 36%, 56% -> 76%
    same = compare(a, a, labels=["X", "X"])
    assert same.labels == ("X (1)", "X (2)")
    data = json.loads(json.dumps(comparison.to_json(), allow_nan=False))
    assert data["current"] == "Testland 2024"
    assert data["pairs"][0]["cells"][0]["points"] == 40.0
    assert data["variance"] == "independent cells"
    with pytest.raises(ValueError, match="at least two"):
        compare(a)


def test_aggregates_take_respondents_as_units_when_answers_are_given() -> None:
    answers = [sample_answers(100, seed) for seed in (5, 6)]
    res = [analyse(a) for a in answers]
    by_cells = compare(*res).pairs[0]
    by_people = compare(*res, answers=answers).pairs[0]
    assert compare(*res, answers=answers).variance == "respondents"
    # Cells are single means: Welch either way.
    assert [c.ci95 for c in by_cells.cells] == [c.ci95 for c in by_people.cells]
    assert by_people.overall.points == by_cells.overall.points
    assert by_people.overall.ci95 != by_cells.overall.ci95


def test_the_respondent_rule_keeps_false_alarms_near_five_percent() -> None:
    """Two draws of one synthetic process: no true change, so about 5% may look like one.

    Respondents rate several goals with a personal leniency, so cell means move
    together; counting cells as independent flags many more goal, pillar and
    overall changes than 5% (docs/compare.md gives the figures).
    """
    alarms = {True: 0, False: 0}
    figures = 0
    for seed in range(0, 40, 2):
        answers = [sample_answers(100, 5000 + seed), sample_answers(100, 5001 + seed)]
        res = [analyse(a) for a in answers]
        for by_people in (True, False):
            pair = compare(*res, answers=answers if by_people else None).pairs[0]
            told = [c for c in (*pair.goals, *pair.pillars, pair.overall) if c.ci95]
            alarms[by_people] += sum(c.significant for c in told)
            figures += len(told) if by_people else 0
    assert alarms[True] / figures < 0.09
    assert alarms[False] > 1.5 * alarms[True]


def test_the_synthesis_of_three_countries() -> None:
    fw = default_framework().with_goals((1, 2, 3))
    a = results({(1, 1): [1] * 5, (2, 1): [2] * 5, (3, 1): [3] * 5}, fw)  # 20 40 60
    b = results({(1, 1): [2] * 5, (2, 1): [1] * 5}, fw)  # 40 20 -
    c = results({(1, 1): [3] * 5, (2, 1): [1] * 5, (3, 1): [-1] * 5}, fw)  # 60 20 -20
    s = synthesise([("A", a), ("B", b), ("C", c)])
    assert s.countries == ("A", "B", "C")
    g1, g2, g3 = s.goals
    assert g1.percents == (Fraction(20), Fraction(40), Fraction(60))
    assert g1.median == 40
    assert g2.median == 20
    assert g3.percents == (Fraction(60), None, Fraction(-20))
    assert g3.median == 20  # mean of the two middle ones of an even count
    assert g3.rated == 2
    assert (g1.below, g2.below, g3.below) == (1, 2, 1)  # below 30%
    assert (g1.above, g3.above) == (1, 1)  # above 40%
    counts = dict(g3.band_counts)
    assert counts["Medium progress"] == 1
    assert counts["Very small reduction"] == 1
    assert counts["not rated"] == 1
    assert sum(counts.values()) == 3
    assert [g.key for g in s.lowest_everywhere()] == [2, 3, 1]
    assert s.areas[0].percents == (Fraction(40), Fraction(30), Fraction(20))
    assert s.areas[1].percents == (None, None, None)
    data = json.loads(json.dumps(s.to_json(), allow_nan=False))
    assert data["goals"][2]["countries"]["B"]["percent"] is None
    assert data["lowest_everywhere"] == [2, 3, 1]
    with pytest.raises(ValueError, match="repeat"):
        synthesise([("A", a), ("A", b)])


def test_the_sample_editions_of_the_network() -> None:
    from scorecard.sample import SAMPLE_EDITION, sample_edition

    answers, edition = sample_edition("Kazakhstan", 2022)
    assert edition == SAMPLE_EDITION
    assert np.array_equal(answers.scores, sample_answers(61, 2022).scores)
    again, _ = sample_edition("Kyrgyzstan", 2022)
    kg, kg_edition = sample_edition("Kyrgyzstan", 2022)
    assert np.array_equal(again.scores, kg.scores)
    assert (kg_edition.country, kg_edition.year, kg_edition.synthetic) == ("Kyrgyzstan", 2022, True)
    kz23, kz23_edition = sample_edition("Kazakhstan", 2023)
    assert len(kz23.respondents) == 74
    assert kz23_edition.title == "People's Scorecard Kazakhstan 2023 (synthetic sample data)"
    assert analyse(kz23).cell(16, 6).contested  # experts split on goal 16 in the later editions
    with pytest.raises(ValueError, match="no sample data"):
        sample_edition("Atlantis", 2022)
