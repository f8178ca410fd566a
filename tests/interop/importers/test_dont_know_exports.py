"""Every tool's export marks "Don't know" in the same cells as the canonical truth, and
leaves the same cells unanswered: each tool writes "Don't know" out (a label, a code such
as LimeSurvey's DK), and an empty cell is a question nobody answered.

The expected cells are read from canonical/answers.csv with the csv module, not with
the code under test.
"""

from __future__ import annotations

import csv

import pytest

from scorecard.interop.importers import read_import
from tests.interop.importers.helpers import HERE, TRUTH
from tests.interop.importers.test_tool_exports import EXPORTS


def truth_cells() -> dict[tuple[int, int, int], str]:
    """(row, goal, area) -> "dk" or "" for every cell of the truth without a score."""
    with TRUTH.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    found = {}
    for position, row in enumerate(rows):
        for column, text in row.items():
            if column.startswith("sdg") and not column.endswith("_comment"):
                goal, area = column[3:].split("_")
                if text.strip().lower() in {"", "dk"}:
                    found[(position, int(goal), int(area))] = text.strip().lower()
    return found


def test_the_truth_has_both_kinds_of_missing() -> None:
    kinds = list(truth_cells().values())
    assert kinds.count("dk") == 14
    assert kinds.count("") > 14


@pytest.mark.parametrize(("name", "mapping"), [(e[0], e[1]) for e in EXPORTS])
def test_each_export_tells_dont_know_from_unanswered(name: str, mapping: str | None) -> None:
    answers = read_import(HERE / name, mapping=HERE / mapping if mapping else None).answers
    fw = answers.framework
    dense, marks = answers.to_dense(), answers.dont_know_dense()
    seen = {}  # every export holds the truth's respondents in the truth's order
    for r in range(len(answers.respondents)):
        for g, goal in enumerate(fw.goal_numbers):
            for a, area in enumerate(fw.area_numbers):
                if dense[r, g, a] == -128:
                    seen[(r, goal, area)] = "dk" if marks[r, g, a] else ""
    assert seen == truth_cells()
