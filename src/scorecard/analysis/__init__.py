"""Answers -> Results (METHOD.md "From answers to figures"). numpy; pure, no I/O."""

from __future__ import annotations

from scorecard.analysis.answers import MISSING, Answers, Categorical, Comment, Respondents
from scorecard.analysis.compute import analyse
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

__all__ = [
    "AVERAGING_RULE",
    "MISSING",
    "Answers",
    "AreaResult",
    "Categorical",
    "CellResult",
    "Comment",
    "GoalComment",
    "GoalResult",
    "PillarResult",
    "Profile",
    "Respondents",
    "Results",
    "Score",
    "Share",
    "analyse",
]
