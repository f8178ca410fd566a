"""Where experts disagree: the contested cells of a report, worded once for every format.

A contested cell has van der Eijk's agreement A below 0.2 with at least 5
answers (analysis/agreement.py): its answers split into camps, so its mean
hides the debate a validation meeting should have. The report lists them
under the average scores and in the proposed agenda.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from scorecard.analysis import CellResult, Results, contested_cells
from scorecard.analysis.agreement import CONTESTED_BELOW, CONTESTED_MIN_N
from scorecard.report import display
from scorecard.report.i18n import N_, Gettext, area_label, goal_label

# Verdicts of analysis.compare reach the report as data (Verdict values).
VERDICT_MSGIDS = (
    N_("higher"),
    N_("lower"),
    N_("no clear change"),
    N_("too few answers to tell"),
)


def cell_row(results: Results, cell: CellResult, _: Gettext) -> dict[str, Any]:
    fw = results.framework
    goal = fw.goal(cell.goal)
    area = next(a for a in fw.areas if a.number == cell.area)
    return {
        "goal": goal_label(goal.number, goal.name, _),
        "area": area_label(area.number, area.name, _),
        "n": cell.n,
        "mean": display.mean(cell.score.mean) if cell.score.mean is not None else "",
        "sd": display.number(Fraction(cell.sd or 0.0), 2),
        "iqr": display.number(cell.iqr or Fraction(0), 1),
        "agreement": display.number(cell.agreement or Fraction(0), 2),
    }


def disagreement_context(results: Results, _: Gettext, limit: int = 10) -> dict[str, Any]:
    cells = contested_cells(results)
    return {
        "intro": _(
            "Agreement says how far experts gave the same score: 1 when they all did, 0 when "
            "their scores are spread evenly, below 0 when they split into opposing camps. Cells "
            "below %(below)s with at least %(n)s answers are contested: their average hides a "
            "debate, and they go first on the validation agenda. The annex gives the measure "
            "and its source."
        )
        % {"below": display.number(CONTESTED_BELOW, 1), "n": CONTESTED_MIN_N},
        "cells": [cell_row(results, c, _) for c in cells[:limit]],
        "more": max(0, len(cells) - limit),
        "count": len(cells),
    }
