"""The Results JSON as a file: the one shape the API and every other tool read."""

from __future__ import annotations

import json
from pathlib import Path

from scorecard.report.inputs import ReportInput


def render_json(inp: ReportInput, out: Path) -> None:
    """Figures stay unrounded and names untranslated: this output is for machines.

    The language, narrative and meetings are deliberately unused: the open data
    is the figures, the same in every language.
    """
    data = inp.results.to_json()
    if inp.comparison is not None:  # against earlier editions (analysis.compare), keys added only
        data["comparison"] = inp.comparison.to_json()
    write_json(data, out)


def write_json(data: object, out: Path) -> None:
    """Every JSON output: UTF-8 as written (Cyrillic stays readable), indented, newline-ended."""
    with out.open("w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
        f.write("\n")
