"""The Results JSON as a file: the one shape the API and every other tool read."""

from __future__ import annotations

from scorecard.report.inputs import ReportInput
from scorecard.report.tables import json_bytes


def render_json(inp: ReportInput) -> bytes:
    """Figures stay unrounded and names untranslated: this output is for machines.

    The language, narrative and meetings are deliberately unused: the open data
    is the figures, the same in every language.
    """
    data = inp.results.to_json()
    if inp.comparison is not None:  # against earlier editions (analysis.compare), keys added only
        data["comparison"] = inp.comparison.to_json()
    return json_bytes(data)
