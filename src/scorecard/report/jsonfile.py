"""The Results JSON as a file: the one shape the API and every other tool read."""

from __future__ import annotations

import json
from pathlib import Path

from scorecard.analysis import Results


def render_json(results: Results, out: Path, language: str) -> None:
    """Figures stay unrounded and names untranslated: this output is for machines.

    ``language`` is accepted for the renderer signature and deliberately unused.
    """
    del language
    with out.open("w", encoding="utf-8") as f:
        json.dump(results.to_json(), f, ensure_ascii=False, indent=2)
        f.write("\n")
