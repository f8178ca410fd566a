"""Shared by the importer tests: where the sample exports are and how results compare."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scorecard.analysis import Answers, analyse
from scorecard.interop import read_answers

HERE = Path(__file__).resolve().parent
TRUTH = HERE / "canonical" / "answers.csv"


def figures(answers: Answers, profile: bool = True) -> dict[str, Any]:
    """The figures two imports of the same answers must agree on."""
    data = analyse(answers).to_json()
    keys = ["cells", "goals", "areas", "pillars", "overall"]
    if profile:
        keys.append("respondents")
    return {key: data[key] for key in keys}


def truth(profile: bool = True) -> dict[str, Any]:
    return figures(read_answers(TRUTH), profile)


def comments(answers: Answers) -> set[tuple[int, str]]:
    return {(c.goal, c.text) for c in answers.comments}
