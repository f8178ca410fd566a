"""Changes that rest on cells one respondent answered (analysis/compare.py, variance.py).

Under the respondent rule a cell with one answer has influence 0 (the answer
is its own mean), so before the bound a pillar could be called "lower" on one
expert's word. Each respondent who alone answered some of a figure's cells
now adds (W_r (max - min) / 2)^2 with df 1, W_r their total weight in those
cells. The expected figures are computed here by hand, by a loop over
respondents, and by simulation: two editions drawn from one process, so every
"significant" is a false alarm.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from scipy import stats as sps

from scorecard.analysis import MISSING, Answers, Respondents, Results, Verdict, analyse, compare
from scorecard.analysis.variance import linearise
from scorecard.method import default_framework
from scorecard.sample import sample_edition

from .test_compare import brute_variance, dense_editions, edition, hand_weights

WIDEST = 25  # ((5 - (-5)) / 2)^2: half the answers at -5, half at +5


def sample_variance(xs: list[int]) -> Fraction:
    mean = Fraction(sum(xs), len(xs))
    return sum(((x - mean) ** 2 for x in xs), Fraction(0)) / (len(xs) - 1)


def test_a_goal_with_an_area_one_respondent_answered_by_hand() -> None:
    area1_b, area1_a = [1, 2, 2, 3, 4, 1], [3, 4, 4, 5, 4, 3]
    before = edition({(1, 1): area1_b, (1, 2): [4]}, label="b")  # respondent 0 alone on area 2
    after = edition({(1, 1): area1_a, (1, 2): [-3]}, label="a")
    rb, ra = analyse(before), analyse(after)
    pair = compare(rb, ra, answers=[before, after]).pairs[0]
    goal = pair.goals[0]
    # Goal = mean of its two area means: (13/6 + 4)/2 = 37/12 -> (23/6 - 3)/2 = 5/12.
    assert goal.points == (Fraction(5, 12) - Fraction(37, 12)) * 20 == Fraction(-160, 3)
    # Linearised: z_r = (1/2)(x_r - mean)/6 on area 1 and 0 on area 2, so
    # var = 6/5 sum z_r^2 = s^2 / 24; respondent 0's area-2 weight 1/2 bounds
    # their part by (1/2)^2 x 25, df 1. In points: x 20^2.
    terms: list[tuple[Fraction, int]] = [
        (400 * sample_variance(area1_b) / 24, 5),
        (400 * Fraction(1, 4) * WIDEST, 1),
        (400 * sample_variance(area1_a) / 24, 5),
        (400 * Fraction(1, 4) * WIDEST, 1),
    ]
    variance = float(sum(c for c, _ in terms))
    df = variance**2 / sum(float(c) ** 2 / nu for c, nu in terms)
    half = sps.t.ppf(0.975, df) * math.sqrt(variance)
    assert goal.df == pytest.approx(df, rel=1e-12)
    assert goal.ci95 == pytest.approx((goal.points - half, goal.points + half), rel=1e-12)
    assert goal.verdict is Verdict.UNCLEAR  # a fall of 53 points one answer a side could make
    assert (goal.single_before, goal.single_after) == (((1, 2),), ((1, 2),))
    assert goal.rests_on_single_answers
    assert goal.json()["single_answer_cells"] == {"before": [[1, 2]], "after": [[1, 2]]}
    # The linearisation alone would call it a clear fall: the bounds are what hold it back.
    alone = [terms[0], terms[2]]
    old_variance = float(sum(c for c, _ in alone))
    old_df = old_variance**2 / sum(float(c) ** 2 / nu for c, nu in alone)
    assert sps.t.ppf(0.975, old_df) * math.sqrt(old_variance) < abs(goal.points)


def test_one_respondents_lone_cells_add_up_before_squaring() -> None:
    """Popoviciu: their part sum(w x) spans W (max - min), so the bound is (W/2)^2 (max-min)^2.

    Goal 2 rests on respondent 0 alone, in two areas: in the overall score
    (mean of goals 1 and 2) each has weight 1/4, so W = 1/2 and the bound is
    25/4, not 2 x 25/16 as if the two answers were independent.
    """
    answers = edition({(1, 1): [1, 2, 3, 4, 5], (2, 1): [3], (2, 2): [-2]})
    res = analyse(answers)
    lin = linearise(answers, res)
    assert lin.bounds[("overall", None)] == [(WIDEST / 4, 1.0)]
    assert lin.bounds[("goal", 2)] == [(WIDEST, 1.0)]  # the whole goal: W = 1
    assert lin.bounds[("area", 1)] == [(WIDEST / 4, 1.0)]  # mean over goals 1 and 2
    # Areas 1 (goals 1, 2: weight 1/2 on (2, 1)) and 2 (goal 2 only: weight 1 on (2, 2)).
    assert lin.bounds[("pillar", "policy")] == [(WIDEST * (3 / 4) ** 2, 1.0)]
    assert ("goal", 1) not in lin.bounds


@settings(max_examples=60, deadline=None)
@given(dense_editions())
def test_the_bounds_match_a_loop_over_respondents(answers: Answers) -> None:
    res = analyse(answers)
    lin = linearise(answers, res)
    dense = answers.to_dense()
    fw = answers.framework
    single = {(c.goal, c.area) for c in res.cells if c.n == 1}
    figures: list[tuple[str, int | str | None]] = [("overall", None)]
    figures += [("goal", g) for g in fw.goal_numbers] + [("area", a) for a in fw.area_numbers]
    figures += [("pillar", p.key) for p in fw.pillars]
    for kind, key in figures:
        weights = hand_weights(res, kind, key)
        per_person = []
        for r in range(dense.shape[0]):
            w = sum(
                (
                    wi
                    for (g, a), wi in weights.items()
                    if (g, a) in single
                    and dense[r, fw.goal_numbers.index(g), fw.area_numbers.index(a)] != MISSING
                ),
                Fraction(0),
            )
            if w:
                per_person.append(float(WIDEST * w * w))
        found = lin.bounds.get((kind, key), [])
        assert all(nu == 1 for _, nu in found)
        assert sorted(c for c, _ in found) == pytest.approx(sorted(per_person), rel=1e-12)


def blank_all_but_one(answers: Answers, goal: int, keep: int) -> Answers:
    """Only the ``keep``-th respondent who rated ``goal`` keeps their answers to it."""
    dense = answers.to_dense()
    gi = answers.framework.goal_numbers.index(goal)
    raters = np.flatnonzero((dense[:, gi] != MISSING).any(axis=1))
    dense[np.delete(raters, keep), gi] = MISSING
    return Answers.from_dense(answers.framework, answers.respondents, dense, answers.comments)


def test_the_audits_pillar_change_on_one_respondent_is_not_called_significant() -> None:
    """The audit: with goal 4 rated by one respondent in each edition, the policy pillar
    was called a significant change or not depending on which one respondent it was."""
    (a1, e1), (a2, e2) = sample_edition("Kazakhstan", 2022), sample_edition("Kazakhstan", 2023)
    a1, a2 = blank_all_but_one(a1, 4, 0), blank_all_but_one(a2, 4, 1)
    r1, r2 = analyse(a1, e1), analyse(a2, e2)
    pair = compare(r1, r2, answers=[a1, a2]).pairs[0]
    policy = next(p for p in pair.pillars if p.key == "policy")
    assert policy.points is not None
    assert policy.points > 4
    assert policy.verdict is Verdict.UNCLEAR  # ... was "higher" by the linearisation alone
    assert {g for g, _ in policy.single_before} == {4}
    assert {a for _, a in policy.single_after} == {1, 2}  # the pillar's areas goal 4 has
    # The interval by hand: the respondent loop, plus one bound per side for the lone
    # respondent's goal-4 cells of the pillar's areas, each weighing 1/(goals rating it)/2.
    terms: list[tuple[float, float]] = []
    for answers, res in ((a1, r1), (a2, r2)):
        weights = hand_weights(res, "pillar", "policy")
        answered = (answers.scores[:, :2] != MISSING).any(axis=1)
        m = len(set(answers.row_respondent[answered].tolist()))
        assert m > 5
        terms.append((400 * brute_variance(answers, weights), m - 1))
        w = sum(w for (g, a), w in weights.items() if res.cell(g, a).n == 1)
        assert w == Fraction(1, len(res.framework.goals))  # areas 1 and 2 of goal 4: 2 x 1/34
        terms.append((400 * WIDEST * float(w) ** 2, 1))
    variance = sum(c for c, _ in terms)
    df = variance**2 / sum(c * c / nu for c, nu in terms)
    half = sps.t.ppf(0.975, df) * math.sqrt(variance)
    assert policy.ci95 == pytest.approx((policy.points - half, policy.points + half), rel=1e-9)
    assert policy.json()["single_answer_cells"]["before"] == [[4, 1], [4, 2]]


# --- simulation -------------------------------------------------------------------------------

RUNS = 400  # pairs of editions; about 5 s of one core
SEED = 20240613
FRAMEWORK = default_framework().with_goals((1, 2, 3, 4))
GOAL_MEANS = np.array([1.0, 2.0, 0.0, -1.0])
AREA_SHIFT = np.linspace(-0.6, 0.6, 10)
PEOPLE = 30


def draw_edition(rng: np.random.Generator) -> Answers:
    """One edition of the process: no true change between two draws.

    30 respondents rate each of goals 1-3 with probability 0.6 and a personal
    leniency (their cells move together); 8% of answers are "don't know".
    Goal 3's area 10 keeps only its first answer, and goal 4 is rated by one
    respondent, from a field split into two camps 6 points apart (a contested
    goal: one answer is as far from the mean as it gets).
    """
    lenient = rng.normal(0, 0.7, (PEOPLE, 1, 1))
    rates = np.zeros((PEOPLE, 4), bool)
    rates[:, :3] = rng.random((PEOPLE, 3)) < 0.6
    centre = GOAL_MEANS[None, :, None] + AREA_SHIFT[None, None, :] + lenient
    one = rng.integers(PEOPLE)
    rates[one, 3] = True
    centre[one, 3] += 3 if rng.random() < 0.5 else -3
    scores = np.clip(np.rint(rng.normal(centre, 1.5)), -5, 5).astype(np.int8)
    keep = rates[:, :, None] & (rng.random((PEOPLE, 4, 10)) >= 0.08)
    matrix = np.where(keep, scores, MISSING).astype(np.int8)
    raters = np.flatnonzero(matrix[:, 2, 9] != MISSING)
    matrix[raters[1:], 2, 9] = MISSING
    ids = Respondents.build([str(i) for i in range(PEOPLE)])
    return Answers.from_dense(FRAMEWORK, ids, matrix)


def upper_99(alarms: int, runs: int) -> float:
    """Upper end of the exact (Clopper-Pearson) 99% interval of a binomial rate."""
    return float(sps.binomtest(alarms, runs).proportion_ci(0.99, "exact").high)


def test_no_true_change_on_single_respondent_goals_stays_within_five_percent() -> None:
    """Per run, is the goal resting on a lone answer (3), any pillar, the overall score
    called significant? Runs are independent, so each rate is binomial; its 99%
    upper end must be at most 5%. Goals 1 and 2 rest on no lone answer: their rate
    is the respondent rule's own, near 5%, and must not be clearly above it."""
    rng = np.random.default_rng(SEED)
    alarms = {"goal": 0, "pillar": 0, "overall": 0}
    plain, plain_told = 0, 0
    for _ in range(RUNS):
        answers = [draw_edition(rng), draw_edition(rng)]
        pair = compare(*(analyse(a) for a in answers), answers=answers).pairs[0]
        goals = {c.key: c for c in pair.goals}
        assert goals[4].verdict is Verdict.TOO_FEW  # one respondent: no verdict at all
        assert goals[3].rests_on_single_answers
        assert goals[3].ci95 is not None
        assert all(p.rests_on_single_answers for p in (*pair.pillars, pair.overall))
        alarms["goal"] += goals[3].significant
        alarms["pillar"] += any(p.significant for p in pair.pillars)
        alarms["overall"] += pair.overall.significant
        told = [goals[g] for g in (1, 2) if goals[g].ci95 is not None]
        assert not any(c.rests_on_single_answers for c in told)
        plain += sum(c.significant for c in told)
        plain_told += len(told)
    for level, count in alarms.items():
        assert upper_99(count, RUNS) <= 0.05, (level, count)
    assert plain_told > 1.5 * RUNS
    lower = sps.binomtest(plain, plain_told).proportion_ci(0.99, "exact").low
    assert lower <= 0.05, (plain, plain_told)


def test_the_simulation_tells_the_old_rule_apart() -> None:
    """The simulation can fail: without the bounds (the linearisation alone) the same
    process shows false alarms far beyond 5%."""
    rng = np.random.default_rng(SEED)
    alarms = 0
    runs = 40
    for _ in range(runs):
        answers = [draw_edition(rng), draw_edition(rng)]
        results: list[Results] = [analyse(a) for a in answers]
        lin = [linearise(a, r) for a, r in zip(answers, results, strict=True)]
        # The overall change and its linearised variance alone, in points.
        points = float(results[1].overall.percent or 0) - float(results[0].overall.percent or 0)
        parts = [(400 * x.overall[0], x.overall[1] - 1) for x in lin]
        variance = sum(c for c, _ in parts)
        df = variance**2 / sum(c * c / nu for c, nu in parts)
        alarms += abs(points) > sps.t.ppf(0.975, df) * math.sqrt(variance)
    assert alarms / runs > 0.3


def test_the_sample_editions_rest_on_no_lone_answer() -> None:
    """The synthetic editions of the docs have no cell with a single answer: nothing flagged."""
    (a1, e1), (a2, e2) = sample_edition("Kazakhstan", 2022), sample_edition("Kazakhstan", 2023)
    pair = compare(analyse(a1, e1), analyse(a2, e2), answers=[a1, a2]).pairs[0]
    changes = (*pair.cells, *pair.goals, *pair.areas, *pair.pillars, pair.overall)
    assert not any(c.rests_on_single_answers for c in changes)
