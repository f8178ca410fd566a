"""The answer store keeps "Don't know" apart from unanswered, on SQLite and PostgreSQL
(`DATABASE_URL=postgres://... pytest tests/web/test_dont_know_store.py`).

A goal page goes in through ``save_goal`` (the questionnaire) or ``import_answers`` (a
file), and comes out through ``saved_goal`` (the page) and ``load_answers`` (figures and
the canonical export) with the same scores, marks and empty cells.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecard.analysis import MISSING, Answers, Respondents
from scorecard.interop import canonical_rows
from scorecard.web.editions.models import Edition
from scorecard.web.responses.models import GoalAnswer, Respondent
from scorecard.web.responses.store import import_answers, load_answers, save_goal, saved_goal

pytestmark = pytest.mark.django_db

Cell = int | str  # a scale point, "dk" or "" (unanswered)
CELL = st.one_of(st.integers(-5, 5), st.just("dk"), st.just(""))
PAGE = st.lists(CELL, min_size=10, max_size=10)
SLOW_OK = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def edition() -> Edition:
    return Edition.objects.create(
        slug="dk", title="DK", country="Kazakhstan", year=2024, goals=[3, 16], status="open"
    )


@pytest.fixture
def person(edition: Edition) -> Respondent:
    return Respondent.objects.create(edition=edition, external_id="p1")


def scores_of(page: list[Cell]) -> list[int | None]:
    return [v if isinstance(v, int) else None for v in page]


def marks_of(page: list[Cell]) -> list[bool]:
    return [v == "dk" for v in page]


def exported(edition: Edition) -> dict[tuple[str, int], list[str]]:
    """The canonical CSV's score cells per (respondent, goal), as text."""
    text = io.StringIO()
    csv.writer(text).writerows(canonical_rows(load_answers(edition)))
    rows = list(csv.DictReader(io.StringIO(text.getvalue())))
    return {
        (row["respondent"], goal): [row[f"sdg{goal}_{a}"] for a in range(1, 11)]
        for row in rows
        for goal in (3, 16)
    }


@SLOW_OK
@given(PAGE, st.text(max_size=20).map(str.strip))
def test_a_saved_page_reads_back_as_it_was_sent(
    person: Respondent, page: list[Cell], comment: str
) -> None:
    comment = comment.replace("\x00", "")
    save_goal(person, 3, scores_of(page), comment, marks_of(page))
    back = saved_goal(person, 3)
    assert back is not None
    assert back.scores == scores_of(page)
    assert back.dont_know == marks_of(page)
    assert back.comment == comment
    stored = GoalAnswer.objects.get(respondent=person, goal=3)
    assert stored.dont_know == sum(2**i for i, v in enumerate(page) if v == "dk")


@SLOW_OK
@given(PAGE)
def test_the_export_writes_dk_and_empty_as_the_page_gave_them(
    edition: Edition, person: Respondent, page: list[Cell]
) -> None:
    save_goal(person, 3, scores_of(page), "", marks_of(page))
    given_anything = any(v != "" for v in page)
    cells = exported(edition)[("p1", 3)]
    assert cells == ([str(v) for v in page] if given_anything else [""] * 10)
    rows = load_answers(edition)
    assert len(rows.row_goal) == (1 if given_anything else 0)


def test_a_goal_of_dont_know_alone_is_stored_and_exported(
    edition: Edition, person: Respondent
) -> None:
    save_goal(person, 16, [None] * 10, "", [True] * 10)
    answers = load_answers(edition)
    assert answers.row_goal.tolist() == [1]
    assert answers.scores.tolist() == [[MISSING] * 10]
    assert answers.dont_know.tolist() == [[True] * 10]
    assert exported(edition)[("p1", 16)] == ["dk"] * 10
    assert exported(edition)[("p1", 3)] == [""] * 10


def test_a_row_stored_before_the_marks_reads_as_unanswered(
    edition: Edition, person: Respondent
) -> None:
    """Rows from before the migration have the mask 0: their NULLs were never told apart."""
    GoalAnswer.objects.create(respondent=person, goal=3, a1=2, a5=-1)
    assert exported(edition)[("p1", 3)] == ["2", "", "", "", "-1", "", "", "", "", ""]
    back = saved_goal(person, 3)
    assert back is not None
    assert back.dont_know == [False] * 10


def test_save_goal_refuses_a_score_marked_dont_know(person: Respondent) -> None:
    with pytest.raises(ValueError, match="both a score"):
        save_goal(person, 3, [1, *[None] * 9], "", [True, *[False] * 9])
    assert not GoalAnswer.objects.exists()


@SLOW_OK
@given(st.lists(st.lists(PAGE, min_size=2, max_size=2), min_size=1, max_size=5))
def test_an_import_stores_and_loads_the_marks(
    edition: Edition, cells: list[list[list[Cell]]]
) -> None:
    Respondent.objects.filter(edition=edition).delete()
    fw = edition.framework
    dense = np.array([[scores_of(p) for p in r] for r in cells], dtype=object)
    matrix = np.where(dense == None, MISSING, dense).astype(np.int8)  # noqa: E711
    marks = np.array([[marks_of(p) for p in r] for r in cells], dtype=np.bool_)
    ids = [f"r{i}" for i in range(len(cells))]
    import_answers(edition, Answers.from_dense(fw, Respondents.build(ids), matrix, (), marks))
    cells_out = exported(edition)
    for i, respondent in enumerate(cells):
        for goal, page in zip((3, 16), respondent, strict=True):
            assert cells_out[(f"r{i}", goal)] == [str(v) for v in page]
    answered = {
        (f"r{i}", goal)
        for i, r in enumerate(cells)
        for goal, page in zip((3, 16), r, strict=True)
        if any(v != "" for v in page)
    }
    rows = GoalAnswer.objects.filter(respondent__edition=edition)
    assert {(a.respondent.external_id, a.goal) for a in rows} == answered
    chosen = {p.external_id: p.chosen_goals for p in Respondent.objects.filter(edition=edition)}
    assert chosen == {
        f"r{i}": [g for g in (3, 16) if (f"r{i}", g) in answered] for i in range(len(cells))
    }
