""" "Don't know" and unanswered are both missing, but kept apart from the file to the figures.

The canonical file writes ``dk`` for the one and leaves the other empty, reads
them back the same way, and the analysis gives the same figures with or without
the marks. Expected cells are written out by hand or derived from the generated
matrices, never from the code under test.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecard.analysis import MISSING, Answers, Respondents, analyse
from scorecard.interop import canonical_rows, read_answers, write_answers_csv
from scorecard.interop.canonical import answers_xlsx_bytes
from scorecard.method import default_framework

FW = default_framework().with_goals((3, 16))
M = MISSING

# A cell of a generated matrix: a scale point, "dk", or empty.
CELL = st.one_of(st.integers(-5, 5), st.just("dk"), st.just(""))


def answers_from_cells(cells: list[list[list[int | str]]]) -> Answers:
    """respondents x goals x areas of CELL values -> Answers, through ``from_dense``."""
    scores = np.array([[[v if isinstance(v, int) else M for v in g] for g in r] for r in cells])
    marks = np.array([[[v == "dk" for v in g] for g in r] for r in cells], dtype=np.bool_)
    ids = [f"r{i}" for i in range(len(cells))]
    return Answers.from_dense(FW, Respondents.build(ids), scores.astype(np.int8), (), marks)


MATRICES = st.integers(1, 6).flatmap(
    lambda n: st.lists(
        st.lists(st.lists(CELL, min_size=10, max_size=10), min_size=2, max_size=2),
        min_size=n,
        max_size=n,
    )
)


def csv_cells(answers: Answers) -> list[list[list[str]]]:
    """The score cells of the canonical CSV as text, respondents x goals x areas."""
    text = io.StringIO()
    csv.writer(text).writerows(canonical_rows(answers))
    rows = list(csv.reader(io.StringIO(text.getvalue())))
    header = rows[0]
    return [
        [[row[header.index(f"sdg{g}_{a}")] for a in range(1, 11)] for g in (3, 16)]
        for row in rows[1:]
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MATRICES)
def test_the_csv_writes_dk_and_empty_where_the_cells_say(
    cells: list[list[list[int | str]]],
) -> None:
    expected = [[[str(v) if isinstance(v, int) else v for v in g] for g in r] for r in cells]
    assert csv_cells(answers_from_cells(cells)) == expected


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(MATRICES, st.sampled_from(["csv", "xlsx"]))
def test_a_written_file_reads_back_the_same(
    tmp_path: Path, cells: list[list[list[int | str]]], fmt: str
) -> None:
    answers = answers_from_cells(cells)
    path = tmp_path / f"answers.{fmt}"
    if fmt == "csv":
        write_answers_csv(answers, path)
    else:
        path.write_bytes(answers_xlsx_bytes(answers))
    back = read_answers(path, FW)
    np.testing.assert_array_equal(back.to_dense(), answers.to_dense())
    np.testing.assert_array_equal(back.dont_know_dense(), answers.dont_know_dense())
    assert csv_cells(back) == csv_cells(answers)


def test_it_reads_dk_and_empty_apart_from_a_file_written_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_text(
        "respondent,sdg3_1,sdg3_2,sdg3_3,sdg3_4,sdg16_1\n"
        "a,3,dk,,Don't know,\n"
        "b,,,,,DK\n"  # "don't know" alone: kept, though it is no score
        "c,,,,,\n",  # nothing at all: no row
        "utf-8",
    )
    answers = read_answers(path)
    assert answers.row_respondent.tolist() == [0, 1]
    assert answers.row_goal.tolist() == [0, 1]  # goal 3 of a, goal 16 of b
    assert answers.scores[0].tolist() == [3] + [M] * 9
    assert answers.dont_know[0].tolist() == [False, True, False, True] + [False] * 6
    assert answers.scores[1].tolist() == [M] * 10
    assert answers.dont_know[1].tolist() == [True] + [False] * 9
    # sdg3_1..sdg3_4 and sdg16_1, after five profile columns and goal 3's eleven.
    assert [[*row[5:9], row[16]] for row in list(canonical_rows(answers))[1:]] == [
        ["3", "dk", "", "dk", ""],
        ["", "", "", "", "dk"],
        ["", "", "", "", ""],
    ]


def test_a_cell_cannot_be_a_score_and_dont_know() -> None:
    scores = np.full((1, 10), M, dtype=np.int8)
    scores[0, 0] = 2
    marks = np.zeros((1, 10), dtype=np.bool_)
    marks[0, 0] = True
    rows, goals = np.array([0], dtype=np.int32), np.array([0], dtype=np.int16)
    with pytest.raises(ValueError, match="both a score"):
        Answers(FW, Respondents.build(["a"]), rows, goals, scores, (), marks)
    with pytest.raises(ValueError, match="shaped like the scores"):
        Answers(FW, Respondents.build(["a"]), rows, goals, scores, (), marks[:, :5])


def test_a_subgroup_keeps_its_own_marks() -> None:
    cells: list[list[list[int | str]]] = [
        [["dk", 1, *[""] * 8], [""] * 10],
        [[2, *[""] * 9], ["dk"] * 10],
        [[""] * 10, [3, "dk", *[""] * 8]],
    ]
    answers = answers_from_cells(cells)
    sub = answers.select(np.array([False, True, True]))
    assert csv_cells(sub) == [
        [["2", *[""] * 9], ["dk"] * 10],
        [[""] * 10, ["3", "dk", *[""] * 8]],
    ]
    assert answers.select(np.array([True, False, False])).dont_know.sum() == 1


def test_answers_without_marks_cost_no_memory_for_them() -> None:
    scores = np.zeros((100_000, 10), dtype=np.int8)
    rows = np.zeros(100_000, dtype=np.int32)
    goals = np.zeros(100_000, dtype=np.int16)
    answers = Answers(FW, Respondents.build(["a"]), rows, goals, scores)
    assert answers.dont_know.shape == (100_000, 10)
    assert not answers.dont_know.any()
    assert not answers.has_dont_know
    assert answers.dont_know.strides == (0, 0)  # a view of one False, not 1 MB of them


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MATRICES)
def test_the_figures_do_not_change_with_the_marks(cells: list[list[list[int | str]]]) -> None:
    """Both kinds of missing count the same: the results with the marks equal those where
    every "dk" is an empty cell, including how many respondents answered."""
    marked = answers_from_cells(cells)
    plain = answers_from_cells([[[("" if v == "dk" else v) for v in g] for g in r] for r in cells])
    assert not plain.has_dont_know
    assert analyse(marked).to_json() == analyse(plain).to_json()
    rated = {i for i, r in enumerate(cells) if any(isinstance(v, int) for g in r for v in g)}
    assert analyse(marked).profile.answering == len(rated)
