"""Answers -> Results (METHOD.md "From answers to figures"). numpy; pure, no I/O."""

from __future__ import annotations

from scorecard.analysis.agreement import contested_cells
from scorecard.analysis.anonymity import OTHER_GROUP, anonymous
from scorecard.analysis.compare import (
    Change,
    Comparison,
    NotComparableError,
    Pair,
    Verdict,
    compare,
)
from scorecard.analysis.compute import analyse
from scorecard.analysis.groups import Group, GroupView, group_view
from scorecard.analysis.network import Synthesis, synthesise
from scorecard.analysis.results import (
    AVERAGING_RULE,
    AreaResult,
    CellResult,
    GoalComment,
    GoalResult,
    PillarResult,
    Profile,
    Results,
    Score,
    Share,
)
from scorecard.answers import MISSING, Answers, Categorical, Comment, Respondents

__all__ = [
    "AVERAGING_RULE",
    "MISSING",
    "OTHER_GROUP",
    "Answers",
    "AreaResult",
    "Categorical",
    "CellResult",
    "Change",
    "Comment",
    "Comparison",
    "GoalComment",
    "GoalResult",
    "Group",
    "GroupView",
    "NotComparableError",
    "Pair",
    "PillarResult",
    "Profile",
    "Respondents",
    "Results",
    "Score",
    "Share",
    "Synthesis",
    "Verdict",
    "analyse",
    "anonymous",
    "compare",
    "contested_cells",
    "group_view",
    "synthesise",
]
