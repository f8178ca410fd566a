"""Groups of respondents with suppression (analysis/groups.py).

The attack the suppression must withstand: a reader who knows the total of
a figure (the whole edition, or the one-way group a two-way row or column
adds up to) subtracts every group shown and learns what is left. For every
split, every figure and every slice, what is left must never be one hidden
group's true count when that group had 1..threshold-1 respondents; and no
mean of means (goal, key area, pillar, overall) may be shown beside all but
one of its hidden parts.
"""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.analysis import MISSING, Answers, GroupView, Respondents, analyse, group_view
from scorecard.analysis.groups import (
    AGE_BANDS,
    COUNT,
    OVERALL,
    FigureKey,
    Group,
    area_key,
    cell_key,
    goal_key,
    pillar_key,
    split_values,
)
from scorecard.method import Thresholds, default_framework

SECTORS = ("NGO", "Media", "Academic/educational", "Other", None)
GENDERS = ("Female", "Male", None)
REGIONS = ("North", "South", "East", None)


def random_edition(seed: int, people: int, threshold: int = 5) -> Answers:
    """Goals 1-3; each respondent rates 1-3 goals, a third of the areas left 'don't know'."""
    rng = np.random.default_rng(seed)
    fw = default_framework().with_goals((1, 2, 3))
    fw = dataclasses.replace(fw, thresholds=Thresholds(40, 30, threshold))
    m = np.full((people, 3, 10), MISSING, np.int8)
    for r in range(people):
        for g in rng.choice(3, size=int(rng.integers(1, 4)), replace=False):
            row = rng.integers(-5, 6, size=10).astype(np.int8)
            row[rng.random(10) < 0.35] = MISSING
            m[r, g] = row
    pick = rng.choice
    respondents = Respondents.build(
        [f"r{i}" for i in range(people)],
        sector=[pick(np.array(SECTORS, dtype=object), p=[0.4, 0.2, 0.2, 0.1, 0.1]) for _ in m],
        gender=[pick(np.array(GENDERS, dtype=object), p=[0.5, 0.4, 0.1]) for _ in m],
        region=[pick(np.array(REGIONS, dtype=object)) for _ in m],
        age=[None if rng.random() < 0.1 else int(rng.integers(18, 85)) for _ in m],
    )
    return Answers.from_dense(fw, respondents, m)


def shown_n(group: Group, key: FigureKey) -> int | None:
    if key == COUNT:
        return group.n
    figure = group.figure(key)
    return None if figure is None else figure[1]


def all_keys(view: GroupView) -> tuple[FigureKey, ...]:
    return (COUNT, *view.figure_keys())


def check_slice(members: list[Group], total: int | None, key: FigureKey, t: int) -> None:
    if total is None:  # the total itself is not shown anywhere: nothing to subtract from
        return
    if total < t:  # fewer than t respondents in all: every group of the slice is hidden
        assert all(not g.shows(key) for g in members), key
        return
    shown = [shown_n(g, key) for g in members]
    rest = total - sum(n for n in shown if n is not None)
    for g, n in zip(members, shown, strict=True):
        if n is None and 0 < g.reach[key] < t:
            assert rest != g.reach[key], (key, g.label, rest)


def check_means_of_means(view: GroupView) -> None:
    fw = view.whole.results.framework
    relations = [
        *((goal_key(g), [cell_key(g, a) for a in fw.area_numbers]) for g in fw.goal_numbers),
        *((area_key(a), [cell_key(g, a) for g in fw.goal_numbers]) for a in fw.area_numbers),
        *(
            (pillar_key(p.key), [area_key(a.number) for a in fw.areas_of(p.key)])
            for p in fw.pillars
        ),
        (OVERALL, [goal_key(g) for g in fw.goal_numbers]),
    ]
    for group in view.groups:
        for margin, parts in relations:
            if group.shows(margin):
                hidden = [p for p in parts if not group.shows(p) and group.reach[p] > 0]
                assert len(hidden) != 1, (group.label, margin, hidden)


def check_view(answers: Answers, by: str, by2: str | None = None) -> GroupView:
    view = group_view(answers, by, by2)
    t = view.threshold
    for group in (view.whole, *view.groups):
        for key in all_keys(view):
            if group.reach[key] < t:  # primary: never shown
                assert not group.shows(key)
                assert shown_n(group, key) is None
    whole = analyse(answers)
    for key in all_keys(view):
        check_slice(list(view.groups), view.whole.reach[key], key, t)
    if by2 is not None:
        for axis, attribute in enumerate((by, by2)):
            one_way = {g.values[0]: g for g in group_view(answers, attribute).groups}
            for value, total_group in one_way.items():
                members = [g for g in view.groups if g.values[axis] == value]
                for key in all_keys(view):
                    check_slice(members, shown_n(total_group, key), key, t)
    check_means_of_means(view)
    data = json.loads(json.dumps(view.to_json(), allow_nan=False))
    for group, shown in zip(view.groups, data["groups"], strict=True):
        for key in view.figure_keys():
            name = ":".join(str(k) for k in key)
            if not group.shows(key):
                assert shown["figures"][name] == {"suppressed": True}
        assert shown["n"] == group.n
    assert whole.overall == view.whole.results.overall
    return view


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 70), st.sampled_from([2, 3, 5, 8]))
def test_no_subtraction_reveals_a_suppressed_group(seed: int, people: int, t: int) -> None:
    answers = random_edition(seed, people, t)
    for by in ("sector", "gender", "age", "region"):
        check_view(answers, by)
    check_view(answers, "gender", "sector")
    check_view(answers, "age", "region")


def test_every_group_is_the_analysis_of_its_respondents() -> None:
    answers = random_edition(7, 60)
    view = group_view(answers, "sector")
    codes, labels = split_values(answers, "sector")
    assert labels == ("Academic/educational", "Media", "NGO", "Other")
    assert [g.values for g in view.groups] == [(x,) for x in (*labels, None)]
    for i, group in enumerate(view.groups):
        code = i if i < len(labels) else -1
        expected = analyse(answers.select(codes == code))
        assert group.results.cells == expected.cells
        assert group.results.profile.n == int((codes == code).sum())
    assert sum(g.results.profile.n for g in view.groups) == 60
    assert view.groups[-1].label == "not given"


def test_age_bands_and_their_edges() -> None:
    fw = default_framework().with_goals((1,))
    ages = [17, 29, 30, 44, 45, 59, 60, 90, None]
    respondents = Respondents.build([str(a) for a in ages], age=ages)
    m = np.full((len(ages), 1, 10), 1, np.int8)
    answers = Answers.from_dense(fw, respondents, m)
    codes, labels = split_values(answers, "age")
    assert labels == tuple(b[0] for b in AGE_BANDS) == ("<30", "30-44", "45-59", "60+")
    assert codes.tolist() == [0, 0, 1, 1, 2, 2, 3, 3, -1]
    with pytest.raises(ValueError, match="cannot split"):
        split_values(answers, "shoe size")


def by_hand(sectors: list[str], cells: dict[tuple[int, int], list[int | None]]) -> Answers:
    """Goal 1 only; ``cells[(goal index, area index)][r]`` is respondent r's answer."""
    fw = default_framework().with_goals((1,))
    m = np.full((len(sectors), 1, 10), MISSING, np.int8)
    for (g, a), values in cells.items():
        for r, v in enumerate(values):
            if v is not None:
                m[r, g, a] = v
    respondents = Respondents.build([str(i) for i in range(len(sectors))], sector=sectors)
    return Answers.from_dense(fw, respondents, m)


def test_the_next_smallest_group_is_suppressed_with_a_small_one() -> None:
    sectors = ["NGO"] * 10 + ["Media"] * 3 + ["Other"] * 6
    answers = by_hand(sectors, {(0, 0): [1] * 19})
    view = group_view(answers, "sector")
    sizes = {g.label: g.n for g in view.groups}
    # Media (3) is below 5; Other (6), the smallest shown, goes too: 19 - 10 = 9 is no one's size.
    assert sizes == {"Media": None, "NGO": 10, "Other": None}
    cell = cell_key(1, 1)
    assert [g.shows(cell) for g in view.groups] == [False, True, False]
    assert view.whole.n == 19
    assert view.to_json()["suppression"]["note"] == "suppressed: fewer than 5 respondents"


def test_a_mean_of_means_never_shows_beside_a_single_hidden_part() -> None:
    people = ["NGO"] * 8
    # Area 1: all 8 answer. Area 2: only 3 answer (hidden). Area 3: 6 answer.
    answers = by_hand(
        people,
        {
            (0, 0): [1, 2, 3, 4, 5, 1, 2, 3],
            (0, 1): [5, 5, 5, None, None, None, None, None],
            (0, 2): [0, 1, 0, 1, 0, 1, None, None],
        },
    )
    group = group_view(answers, "sector").groups[0]
    assert not group.shows(cell_key(1, 2))  # 3 respondents
    # Goal 1 = mean of areas 1-3; with area 2 alone hidden it would give area 2 away,
    # so the smaller shown area (3, 6 respondents) is hidden too.
    assert not group.shows(cell_key(1, 3))
    assert group.shows(cell_key(1, 1))
    assert group.shows(goal_key(1))
    check_means_of_means(group_view(answers, "sector"))


def test_a_two_way_split_protects_rows_and_columns() -> None:
    answers = random_edition(11, 120)
    view = check_view(answers, "gender", "sector")
    assert len(view.groups) == 3 * 5  # every combination, empty ones too
    assert view.by == ("gender", "sector")
    assert view.groups[0].label == "Female · Academic/educational"
    with pytest.raises(ValueError, match="two different"):
        group_view(answers, "gender", "gender")
