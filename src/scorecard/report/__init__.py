"""Results (+ narrative + validation meetings) -> report files. One registry of renderers.

As datasette registers outputs, every format is one entry in ``RENDERERS``:
``renderer(ReportInput, out_path)`` writes one file. All formats read the
same ``ReportInput``; charts are drawn once per report (charts.draw_charts is
cached) and numbers are rounded and worded once (context.py, story.py).
Renderer modules import their heavy libraries (WeasyPrint, python-pptx,
openpyxl) inside the function, so ``import scorecard.report`` stays cheap.
Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeAlias

from scorecard.analysis import Comparison, Results
from scorecard.report.groups import GROUP_RENDERERS, GroupsInput
from scorecard.report.html import render_html
from scorecard.report.inputs import ReportInput
from scorecard.report.jsonfile import render_json
from scorecard.report.meetings import (
    Decision,
    Meeting,
    MeetingFormat,
    MeetingsError,
    Suggestion,
    load_meetings,
    propose_agenda,
)
from scorecard.report.narrative import GoalNarrative, Narrative, NarrativeError, load_narrative
from scorecard.report.network import NETWORK_RENDERERS, NetworkInput
from scorecard.report.opendata import render_csv, render_datadict
from scorecard.report.pdf import render_pdf
from scorecard.report.slides import render_pptx
from scorecard.report.xlsx import render_xlsx

Renderer: TypeAlias = Callable[[ReportInput, Path], None]


class UnknownFormatError(ValueError):
    """A format no renderer is registered for; the message lists the known ones."""

    def __init__(self, fmt: str, known: list[str]) -> None:
        self.format = fmt
        self.known = known
        super().__init__(f"unknown report format {fmt!r}; known formats: {', '.join(known)}")


RENDERERS: dict[str, Renderer] = {
    "html": render_html,
    "pdf": render_pdf,
    "pptx": render_pptx,
    "xlsx": render_xlsx,
    "csv": render_csv,
    "json": render_json,
    "datadict": render_datadict,
}


def render(
    fmt: str,
    results: Results,
    out: Path | str,
    language: str = "en",
    narrative: Narrative | None = None,
    meetings: tuple[Meeting, ...] = (),
    comparison: Comparison | None = None,
) -> None:
    """Write ``results`` as ``fmt``; without a narrative every section says "not written yet".

    ``comparison`` (analysis.compare, this edition last) adds "Against earlier editions".
    """
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise UnknownFormatError(fmt, sorted(RENDERERS)) from None
    renderer(ReportInput(results, language, narrative, tuple(meetings), comparison), Path(out))


__all__ = [
    "GROUP_RENDERERS",
    "NETWORK_RENDERERS",
    "RENDERERS",
    "Decision",
    "GoalNarrative",
    "GroupsInput",
    "Meeting",
    "MeetingFormat",
    "MeetingsError",
    "Narrative",
    "NarrativeError",
    "NetworkInput",
    "Renderer",
    "ReportInput",
    "Suggestion",
    "UnknownFormatError",
    "load_meetings",
    "load_narrative",
    "propose_agenda",
    "render",
]
