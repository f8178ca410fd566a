"""Properties of analyse() on generated editions (METHOD.md "From answers to figures").

The independent side of each comparison is plain Python: Fractions, statistics,
and the dense respondents x goals x areas matrix.
"""

from __future__ import annotations

import math
import statistics
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.stats import t as student_t

from scorecard.analysis import MISSING, Answers, Comment, Respondents, Results, Score, analyse
from scorecard.method import Framework, default_framework

GOALS = (1, 4, 17)
N_AREAS = 10
FAST = settings(max_examples=60, deadline=None)
GENDERS = ("Female", "Male", "Other")
SECTORS = ("NGO", "Media", "Academic/educational", "Other")

Dense = npt.NDArray[np.int8]


def framework() -> Framework:
    return default_framework().with_goals(GOALS)


def dense(draw: st.DrawFn, low: int = -5, high: int = 5, min_rows: int = 0) -> Dense:
    rows = draw(st.integers(min_rows, 8))
    answer = st.one_of(st.just(MISSING), st.integers(low, high))
    result: Dense = draw(arrays(np.int8, (rows, len(GOALS), N_AREAS), elements=answer))
    return result


@st.composite
def editions(draw: st.DrawFn, low: int = -5, high: int = 5, min_rows: int = 0) -> Answers:
    """An edition with a profile and a comment per respondent who rated goal 1."""
    m = dense(draw, low, high, min_rows)
    n = m.shape[0]
    respondents = Respondents.build(
        [f"id{i}" for i in range(n)],
        sector=draw(st.lists(st.sampled_from(SECTORS), min_size=n, max_size=n)),
        gender=draw(st.lists(st.sampled_from(GENDERS), min_size=n, max_size=n)),
        age=draw(st.lists(st.none() | st.integers(18, 90), min_size=n, max_size=n)),
    )
    comments = tuple(
        Comment(i, GOALS[0], f"comment {i}") for i in range(n) if (m[i, 0] != MISSING).any()
    )
    return Answers.from_dense(framework(), respondents, m, comments)


def figures(res: Results) -> dict[str, Any]:
    """Every figure of the results except the respondent profile."""
    return {
        "cells": res.cells,
        "goals": res.goals,
        "areas": res.areas,
        "pillars": res.pillars,
        "overall": (res.overall, res.overall_answers),
        "range": (res.range_low, res.range_high),
        "key_findings": (res.highest, res.lowest),
        "comments": sorted((c.goal, c.text) for c in res.comments),
    }


def profile(res: Results) -> dict[str, Any]:
    """The profile with shares as label -> (count, percent), leaving out labels with 0."""
    p = res.profile

    def shares(column: Any) -> dict[str, tuple[int, Fraction]]:
        return {s.label: (s.count, s.percent) for s in column if s.count}

    return {
        "n": p.n,
        "answering": p.answering,
        "gender": shares(p.gender),
        "sector": shares(p.sector),
        "region": shares(p.region),
        "age": (p.age_n, p.age_min, p.age_max, p.age_mean),
    }


def answered(m: Dense, gi: int, ai: int) -> list[int]:
    return [int(v) for v in m[:, gi, ai] if v != MISSING]


@FAST
@given(editions(), st.randoms(use_true_random=False))
def test_it_changes_no_figure_when_respondents_are_permuted(answers: Answers, rnd: Any) -> None:
    n = len(answers.respondents)
    order = list(range(n))
    rnd.shuffle(order)
    r = answers.respondents
    shuffled = Respondents.build(
        [r.ids[i] for i in order],
        sector=[r.sector.value(i) for i in order],
        gender=[r.gender.value(i) for i in order],
        age=[None if r.age[i] < 0 else int(r.age[i]) for i in order],
    )
    where = {old: new for new, old in enumerate(order)}
    comments = tuple(Comment(where[c.respondent], c.goal, c.text) for c in answers.comments)
    permuted = Answers.from_dense(answers.framework, shuffled, answers.to_dense()[order], comments)
    before, after = analyse(answers), analyse(permuted)
    assert figures(after) == figures(before)
    assert profile(after) == profile(before)


@FAST
@given(editions())
def test_it_changes_no_figure_for_a_respondent_who_answers_only_dont_know(
    answers: Answers,
) -> None:
    r = answers.respondents
    n = len(r)
    more = Respondents.build(
        [*r.ids, "dk-only"],
        sector=[*(r.sector.value(i) for i in range(n)), "NGO"],
        gender=[*(r.gender.value(i) for i in range(n)), "Female"],
    )
    m = answers.to_dense()
    blank = np.full((1, *m.shape[1:]), MISSING, dtype=np.int8)
    extended = Answers.from_dense(
        answers.framework, more, np.concatenate([m, blank]), answers.comments
    )
    before, after = analyse(answers), analyse(extended)
    assert figures(after) == figures(before)
    assert after.profile.answering == before.profile.answering
    assert after.profile.n == before.profile.n + 1


def _shifted(score: Score, other: Score) -> bool:
    if score.mean is None or other.mean is None:
        return score.mean is None and other.mean is None
    assert score.percent is not None
    return other.mean == score.mean + 1 and other.percent == score.percent + 20


@FAST
@given(editions(low=-5, high=4))
def test_it_shifts_every_mean_by_exactly_1_when_every_answer_moves_up_1(
    answers: Answers,
) -> None:
    m = answers.to_dense()
    up = np.where(m == MISSING, m, m + 1).astype(np.int8)
    before = analyse(answers)
    after = analyse(Answers.from_dense(answers.framework, answers.respondents, up))
    for c0, c1 in zip(before.cells, after.cells, strict=True):
        assert _shifted(c0.score, c1.score)
        assert c1.n == c0.n
        assert c1.sd == c0.sd
        assert c1.median == (None if c0.median is None else c0.median + 1)
        assert c1.counts == (0, *c0.counts[:-1])
    for g0, g1 in zip(before.goals, after.goals, strict=True):
        assert _shifted(g0.score, g1.score)
    for a0, a1 in zip(before.areas, after.areas, strict=True):
        assert _shifted(a0.score, a1.score)
    for p0, p1 in zip(before.pillars, after.pillars, strict=True):
        assert _shifted(p0.score, p1.score)
    assert _shifted(before.overall, after.overall)


@FAST
@given(editions())
def test_it_agrees_with_a_plain_computation_from_the_dense_matrix(answers: Answers) -> None:
    m = answers.to_dense()
    res = analyse(answers)
    goal_means: list[Fraction] = []
    area_cells: dict[int, list[Fraction]] = {a: [] for a in range(N_AREAS)}
    for gi, goal in enumerate(GOALS):
        cell_means = []
        for ai in range(N_AREAS):
            values = answered(m, gi, ai)
            cell = res.cell(goal, ai + 1)
            assert cell.n == len(values)
            assert cell.counts == tuple(values.count(v) for v in range(-5, 6))
            if not values:
                assert (cell.score.mean, cell.median) == (None, None)
                continue
            mean = Fraction(sum(values), len(values))
            assert cell.score.mean == mean
            assert cell.score.percent == mean * 20
            assert cell.median == Fraction(statistics.median(values))
            cell_means.append(mean)
            area_cells[ai].append(mean)
        g = res.goal(goal)
        rated = sum(1 for row in m[:, gi] if (row != MISSING).any())
        assert (g.respondents, g.answers) == (rated, int((m[:, gi] != MISSING).sum()))
        if cell_means:
            goal_means.append(sum(cell_means, Fraction(0)) / len(cell_means))
            assert g.score.mean == goal_means[-1]
        else:
            assert g.score.mean is None
    for area in res.areas:
        means = area_cells[area.area - 1]
        assert area.score.mean == (sum(means, Fraction(0)) / len(means) if means else None)
    if goal_means:
        assert res.overall.mean == sum(goal_means, Fraction(0)) / len(goal_means)
    else:
        assert res.overall.mean is None


@FAST
@given(editions(min_rows=2))
def test_it_gives_the_sample_sd_and_t_interval(answers: Answers) -> None:
    m = answers.to_dense()
    res = analyse(answers)
    for gi, goal in enumerate(GOALS):
        for ai in range(N_AREAS):
            values = answered(m, gi, ai)
            cell = res.cell(goal, ai + 1)
            if len(values) < 2:
                assert (cell.sd, cell.ci95) == (None, None)
                continue
            sd = statistics.stdev(values)
            assert cell.sd is not None
            assert math.isclose(cell.sd, sd, rel_tol=1e-9, abs_tol=1e-9)
            half = float(student_t.ppf(0.975, len(values) - 1)) * sd / math.sqrt(len(values))
            mean = statistics.fmean(values)
            assert cell.ci95 is not None
            assert math.isclose(cell.ci95[0], mean - half, rel_tol=1e-9, abs_tol=1e-9)
            assert math.isclose(cell.ci95[1], mean + half, rel_tol=1e-9, abs_tol=1e-9)


@FAST
@given(st.data())
def test_it_round_trips_the_dense_matrix(data: st.DataObject) -> None:
    m = data.draw(st.composite(lambda draw: dense(draw))())
    respondents = Respondents.build([f"id{i}" for i in range(m.shape[0])])
    answers = Answers.from_dense(framework(), respondents, m)
    back = answers.to_dense()
    assert back.dtype == np.int8
    assert np.array_equal(back, m)
    # Only respondent x goal pairs with at least one answer are stored.
    assert len(answers.row_respondent) == int((m != MISSING).any(axis=2).sum())


@FAST
@given(editions(), st.data())
def test_it_selects_a_subgroup_like_the_filtered_matrix(
    answers: Answers, data: st.DataObject
) -> None:
    n = len(answers.respondents)
    keep = np.asarray(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=np.bool_)
    rows = [i for i in range(n) if keep[i]]
    r = answers.respondents
    sub = Respondents.build(
        [r.ids[i] for i in rows],
        sector=[r.sector.value(i) for i in rows],
        gender=[r.gender.value(i) for i in rows],
        age=[None if r.age[i] < 0 else int(r.age[i]) for i in rows],
    )
    where = {old: new for new, old in enumerate(rows)}
    comments = tuple(
        Comment(where[c.respondent], c.goal, c.text) for c in answers.comments if keep[c.respondent]
    )
    expected = analyse(
        Answers.from_dense(answers.framework, sub, answers.to_dense()[keep], comments)
    )
    selected = answers.select(keep)
    got = analyse(selected)
    assert figures(got) == figures(expected)
    assert profile(got) == profile(expected)
    assert selected.respondents.ids == tuple(r.ids[i] for i in rows)
    assert np.array_equal(selected.to_dense(), answers.to_dense()[keep])
